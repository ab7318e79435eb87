from django.urls import path

from experts import views

app_name = "experts"

urlpatterns = [
    path("", views.expert_list, name="list"),
    path("mans-profils/", views.profile_edit, name="edit"),
    path("mans-profils/dati.json", views.my_data, name="my_data"),
    path("<slug:slug>/", views.expert_detail, name="detail"),
]
