"""Custody API routes, mounted by childfirst.api.urls at /api/v1/custody/."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
