from django.apps import AppConfig


class ConflictConfig(AppConfig):
    name = "conflict"
    verbose_name = "Conflict reporting"

    def ready(self) -> None:
        from . import signals

        signals.connect()
