from django.urls import path

from . import views

urlpatterns = [
    path("compare/", views.comparison_page, name="comparison"),
    path("compare/brief.pdf", views.comparison_pdf, name="comparison-pdf"),
    path("compare/selection/", views.change_selection, name="comparison-selection"),
    path("collections/<str:slug>/brief.pdf", views.collection_pdf, name="collection-pdf"),
]
