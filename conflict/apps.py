from django.apps import AppConfig


class ConflictConfig(AppConfig):
    name = "conflict"
    verbose_name = "Conflict reporting"
