from django.urls import path

from . import views

urlpatterns = [path("search/map/", views.atlas_page, name="search-map")]
