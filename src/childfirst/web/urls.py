"""The ChildFirst web app (namespace `web`). Every view names the roles it admits (default deny)."""

from django.urls import path

from .views import audit, auth, children, encounters, home

app_name = "web"
urlpatterns = [
    path("", home.home, name="home"),
    path("sign-in", auth.SignInView.as_view(), name="sign-in"),
    path("sign-out", auth.SignOutView.as_view(), name="sign-out"),
    path("children", children.child_search, name="child-search"),
    path("children/new", children.new_child, name="child-new"),
    path("children/<int:child_id>", children.child_record, name="child-record"),
    path("children/<int:child_id>/break-glass", children.break_glass, name="break-glass"),
    path("children/<int:child_id>/viewed-by", children.who_viewed, name="who-viewed"),
    path("encounters/new", encounters.new_encounter, name="encounter-new"),
    path("encounters/<int:encounter_id>/recorded", encounters.encounter_recorded, name="encounter-recorded"),
    path("audit", audit.audit_search, name="audit-search"),
    path("audit/break-glass", audit.break_glass_log, name="break-glass-log"),
]
