from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "childfirst.people"
    label = "people"
