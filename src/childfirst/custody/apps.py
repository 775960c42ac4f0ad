from django.apps import AppConfig


class CustodyConfig(AppConfig):
    name = "childfirst.custody"
    label = "custody"
    verbose_name = "Children in custody"

    def ready(self) -> None:
        # Register the custody measures with the analytics measure registry (STYLE.md practice 12).
        from .measures import register_all

        register_all()
