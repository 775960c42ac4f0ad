from django.urls import include, path

urlpatterns = [
    path("custody/", include("childfirst.custody.api_urls")),
]
