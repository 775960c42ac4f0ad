from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "childfirst.opendata"
    label = "opendata"
