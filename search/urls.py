from django.urls import path

from . import exports, feeds, views

urlpatterns = [
    path("search/", views.search_page, name="search"),
    path("search/results.csv", exports.results_csv, name="search-csv"),
    path("search/results.json", exports.results_json, name="search-json"),
    path("search/feed/", feeds.search_feed, name="search-feed"),
    path("collections/<str:slug>/feed/", feeds.collection_feed, name="collection-feed"),
]
