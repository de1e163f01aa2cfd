from django.urls import path

from . import feeds, views

urlpatterns = [
    path("search/", views.search_page, name="search"),
    path("search/feed/", feeds.search_feed, name="search-feed"),
    path("collections/<slug:slug>/feed/", feeds.collection_feed, name="collection-feed"),
]
