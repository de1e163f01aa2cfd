from django.urls import path

from . import views

app_name = "sharing"
urlpatterns = [
    path("share/", views.share_practice, name="form"),
    path("share/thanks/", views.thanks, name="thanks"),
]
