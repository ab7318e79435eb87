from django.urls import path

from visits import views
from visits.feeds import PublishedVisitsFeed

app_name = "visits"

urlpatterns = [
    path("vizites/", views.visit_list, name="list"),
    # Before the visit's own address, or "feed" would be taken for a visit's slug.
    path("vizites/feed/", PublishedVisitsFeed(), name="feed"),
    path("vizites/<slug:slug>/", views.visit_detail, name="detail"),
    # Comments: for logged-in experts and staff only; every address is a 404 to the public.
    path("vizites/<slug:slug>/komentari/", views.comment_create, name="comment_create"),
    path(
        "vizites/<slug:slug>/komentari/<int:comment_id>/atbildet/",
        views.comment_reply,
        name="comment_reply",
    ),
    path(
        "vizites/<slug:slug>/komentari/<int:comment_id>/labot/",
        views.comment_edit,
        name="comment_edit",
    ),
    path(
        "vizites/<slug:slug>/komentari/<int:comment_id>/dzest/",
        views.comment_delete,
        name="comment_delete",
    ),
    path(
        "vizites/<slug:slug>/komentari/<int:comment_id>/paslept/",
        views.comment_hide,
        name="comment_hide",
    ),
    path(
        "vizites/<slug:slug>/komentari/<int:comment_id>/radit/",
        views.comment_unhide,
        name="comment_unhide",
    ),
    path("pasvaldibas/<slug:slug>/", views.municipality_detail, name="municipality"),
]
