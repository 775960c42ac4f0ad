from django.urls import path

from . import views

app_name = "analytics"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("download/<slug:figure>.csv", views.download, name="download"),
    path("measures/", views.measure_list, name="measures"),
]
