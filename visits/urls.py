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
    *views.comment_views.urls("vizites/<slug:slug>/komentari/"),
    path("pasvaldibas/<slug:slug>/", views.municipality_detail, name="municipality"),
]
