"""REST API v1 (mounted at /api/v1/). Each endpoint names its permission in its view (default deny)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from . import views

urlpatterns = [
    path("health", views.HealthView.as_view(), name="api-health"),
    path("schema", SpectacularAPIView.as_view(), name="api-schema"),
    path("auth/token", views.TokenView.as_view(), name="api-token"),
    path("children", views.ChildListView.as_view(), name="api-children"),
    path("children/<int:pk>", views.ChildDetailView.as_view(), name="api-child"),
    path("encounters", views.EncounterListView.as_view(), name="api-encounters"),
    path("encounters/<int:pk>", views.EncounterDetailView.as_view(), name="api-encounter"),
    path("audit", views.AuditView.as_view(), name="api-audit"),
    path("audit/break-glass", views.BreakGlassView.as_view(), name="api-break-glass"),
    path("custody/", include("childfirst.custody.api_urls")),
]
