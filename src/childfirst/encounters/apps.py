from django.apps import AppConfig


class EncountersConfig(AppConfig):
    name = "childfirst.encounters"
    label = "encounters"
