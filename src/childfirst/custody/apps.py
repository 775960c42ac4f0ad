from django.apps import AppConfig


class CustodyConfig(AppConfig):
    name = "childfirst.custody"
    label = "custody"
