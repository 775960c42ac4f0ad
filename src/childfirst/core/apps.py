from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "childfirst.core"
    label = "core"
