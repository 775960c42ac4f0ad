from django.urls import path

from . import views

app_name = "opendata"
urlpatterns = [
    path("quality/", views.quality_report, name="quality"),
]
