from django.urls import path

from visits import views

app_name = "visits"

urlpatterns = [
    path("vizites/", views.visit_list, name="list"),
    path("vizites/<slug:slug>/", views.visit_detail, name="detail"),
    path("pasvaldibas/<slug:slug>/", views.municipality_detail, name="municipality"),
]
