from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "childfirst.analytics"
    label = "analytics"
