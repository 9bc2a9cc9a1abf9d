from django.apps import AppConfig


class ConflictConfig(AppConfig):
    name = "conflict"
    verbose_name = "Conflict reporting"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from . import signals

        signals.connect()
        post_migrate.connect(repair_search_triggers, sender=self)


def repair_search_triggers(using: str = "default", **kwargs: object) -> None:
    """A migration that rebuilt a table on SQLite dropped its search triggers: restore them."""
    from django.db import connections

    from .search import repair_sqlite_triggers

    repair_sqlite_triggers(connections[using])
