from django.apps import AppConfig


class WebConfig(AppConfig):
    """The reader pages: server-rendered HTML over the domain, beside the API."""

    name = "web"
    verbose_name = "Reader pages"
