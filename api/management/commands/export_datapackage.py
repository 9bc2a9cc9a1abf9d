"""``manage.py export_datapackage DIR``: the Frictionless Data Package, written to a directory."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rest_framework.settings import api_settings

from api.exports.datapackage import offline_request, write_directory


class Command(BaseCommand):
    help = (
        "Write datapackage.json and one CSV per resource (the public rows, as the API shows "
        "them) into DIR. `frictionless validate DIR/datapackage.json` checks it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path)
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000",
            help="Where the API is served: the records' `url` columns point there.",
        )

    def handle(self, *args: Any, directory: Path, base_url: str, **options: Any) -> None:
        try:
            request = offline_request(base_url, api_settings.DEFAULT_VERSION)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        for path in write_directory(directory, request):
            self.stdout.write(f"wrote {path}")
