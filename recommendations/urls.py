from django.urls import path

from recommendations import views

app_name = "recommendations"

urlpatterns = [
    path("", views.dashboard, name="list"),
    path("eksports.csv", views.export, {"file_format": "csv"}, name="export_csv"),
    path("eksports.xlsx", views.export, {"file_format": "xlsx"}, name="export_xlsx"),
    path("ricibas/<int:pk>/", views.action_detail, name="action"),
    # Comments: for logged-in experts and staff only; every address is a 404 to the public.
    path("ricibas/<int:pk>/komentari/", views.comment_create, name="comment_create"),
    path(
        "ricibas/<int:pk>/komentari/<int:comment_id>/atbildet/",
        views.comment_reply,
        name="comment_reply",
    ),
    path(
        "ricibas/<int:pk>/komentari/<int:comment_id>/labot/",
        views.comment_edit,
        name="comment_edit",
    ),
    path(
        "ricibas/<int:pk>/komentari/<int:comment_id>/dzest/",
        views.comment_delete,
        name="comment_delete",
    ),
    path(
        "ricibas/<int:pk>/komentari/<int:comment_id>/paslept/",
        views.comment_hide,
        name="comment_hide",
    ),
    path(
        "ricibas/<int:pk>/komentari/<int:comment_id>/radit/",
        views.comment_unhide,
        name="comment_unhide",
    ),
    path("<int:number>/", views.recommendation_detail, name="detail"),
]
