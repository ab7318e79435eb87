"""The invitation link, under the account pages: /konts/uzaicinajums/<token>/."""

from django.urls import path

from experts import views

app_name = "invitations"

urlpatterns = [
    path("<str:token>/", views.invitation_accept, name="accept"),
]
