from django.urls import path

from . import views

app_name = "custody"
urlpatterns = [
    path("", views.board, name="board"),
    path("handover", views.handover, name="handover"),
    path("detentions/<int:detention_id>", views.detention, name="detention"),
    path("detentions/<int:detention_id>/record", views.record_choice, name="record-choice"),
    path("detentions/<int:detention_id>/record/<slug:kind>", views.record_event, name="record-event"),
    path(
        "detentions/<int:detention_id>/strip-searches/new",
        views.strip_search_request,
        name="strip-search-request",
    ),
    path(
        "strip-searches/<int:search_id>/decision", views.strip_search_decision, name="strip-search-decision"
    ),
    path(
        "strip-searches/<int:search_id>/safeguards",
        views.strip_search_safeguards,
        name="strip-search-safeguards",
    ),
    path(
        "strip-searches/<int:search_id>/completion",
        views.strip_search_completion,
        name="strip-search-completion",
    ),
]
