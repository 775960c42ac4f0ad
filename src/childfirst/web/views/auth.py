"""Sign in and sign out. Signing in is audited."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.http import HttpResponse

from childfirst.core.audit import AuditAction, Auditor

from ..forms.auth import SignInForm


class SignInView(auth_views.LoginView):
    template_name = "web/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form: SignInForm) -> HttpResponse:
        response = super().form_valid(form)
        user = form.get_user()
        Auditor(user).record(AuditAction.SIGN_IN, "user", user.pk)
        return response


class SignOutView(auth_views.LogoutView):
    """POST only (Django's LogoutView); the button is in the footer of every page."""
