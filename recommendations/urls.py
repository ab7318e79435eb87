from django.urls import path

from recommendations import views

app_name = "recommendations"

urlpatterns = [
    path("", views.dashboard, name="list"),
    path("eksports.csv", views.export, {"file_format": "csv"}, name="export_csv"),
    path("eksports.xlsx", views.export, {"file_format": "xlsx"}, name="export_xlsx"),
    path("ricibas/<int:pk>/", views.action_detail, name="action"),
    # Comments: for logged-in experts and staff only; every address is a 404 to the public.
    *views.comment_views.urls("ricibas/<int:pk>/komentari/"),
    path("<int:number>/", views.recommendation_detail, name="detail"),
]
