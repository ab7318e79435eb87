from django.urls import path

from visits import views
from visits.feeds import PublishedVisitsFeed

app_name = "visits"

urlpatterns = [
    path("vizites/", views.visit_list, name="list"),
    # Before the visit's own address, or "feed" would be taken for a visit's slug.
    path("vizites/feed/", PublishedVisitsFeed(), name="feed"),
    path("vizites/<slug:slug>/", views.visit_detail, name="detail"),
    path("pasvaldibas/<slug:slug>/", views.municipality_detail, name="municipality"),
]
