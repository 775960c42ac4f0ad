from django.urls import path

from . import views

app_name = "custody"
urlpatterns = [
    path("", views.board, name="board"),
    path("handover", views.handover, name="handover"),
    path("detentions/<int:detention_id>", views.detention, name="detention"),
    path(
        "strip-searches/<int:search_id>/decision", views.strip_search_decision, name="strip-search-decision"
    ),
]
