from django.urls import path

from experts import views

app_name = "experts"

urlpatterns = [
    path("", views.expert_list, name="list"),
    path("mans-profils/", views.profile_edit, name="edit"),
    path("<slug:slug>/", views.expert_detail, name="detail"),
]
