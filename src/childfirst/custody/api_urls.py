"""Custody API routes, mounted by childfirst.api.urls at /api/v1/custody/."""

from django.urls import path

from . import api_views as v

urlpatterns = [
    path("detentions", v.DetentionListView.as_view(), name="api-custody-detentions"),
    path("detentions/<int:pk>", v.DetentionDetailView.as_view(), name="api-custody-detention"),
    path("detentions/<int:pk>/events", v.DetentionEventsView.as_view(), name="api-custody-events"),
    path(
        "detentions/<int:pk>/strip-searches",
        v.StripSearchRequestView.as_view(),
        name="api-custody-strip-search",
    ),
    path(
        "strip-searches/<int:pk>/decision",
        v.StripSearchDecisionView.as_view(),
        name="api-custody-strip-decision",
    ),
    path(
        "strip-searches/<int:pk>/safeguards",
        v.StripSearchSafeguardsView.as_view(),
        name="api-custody-strip-safeguards",
    ),
    path(
        "strip-searches/<int:pk>/completion",
        v.StripSearchCompletionView.as_view(),
        name="api-custody-strip-completion",
    ),
    path("follow-ups/<int:pk>/done", v.FollowUpDoneView.as_view(), name="api-custody-follow-up-done"),
    path("board", v.BoardView.as_view(), name="api-custody-board"),
]
