from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "childfirst.web"
    label = "web"
