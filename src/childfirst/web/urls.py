"""The ChildFirst web app (namespace `web`). Every view names the roles it admits (default deny)."""

from django.urls import path

from .views import audit, auth, home

app_name = "web"
urlpatterns = [
    path("", home.home, name="home"),
    path("sign-in", auth.SignInView.as_view(), name="sign-in"),
    path("sign-out", auth.SignOutView.as_view(), name="sign-out"),
    path("audit", audit.audit_search, name="audit-search"),
    path("audit/break-glass", audit.break_glass_log, name="break-glass-log"),
]
