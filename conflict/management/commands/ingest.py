import datetime as dt
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from conflict.ingestion import ingest_article


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--published-on: {value!r} is not a date (YYYY-MM-DD).") from exc


class Command(BaseCommand):
    help = (
        "Store an article's text (UTF-8 file) verbatim and create draft claims, incidents, "
        "losses, actors and places from it for editors to review; print what was created and "
        "what needs an editor's decision. The same text twice creates nothing: the second run "
        "names the article already stored and exits 0."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The article's text, UTF-8.")
        parser.add_argument(
            "--published-on",
            required=True,
            help="Publication date, YYYY-MM-DD: relative dates ('on Thursday') resolve to it.",
        )
        parser.add_argument("--publisher", default=None)
        parser.add_argument("--source-url", default=None)
        parser.add_argument(
            "--title", default=None, help="Default: the first words, marked as editorial."
        )
        parser.add_argument("--language", default="en", help="BCP 47 tag (default: en).")

    def handle(self, *args, path: Path, published_on: str, **options) -> None:
        date = _date(published_on)
        try:
            # newline="": the text exactly as in the file, line endings included.
            with path.open(encoding="utf-8", newline="") as handle:
                body = handle.read()
        except FileNotFoundError as exc:
            raise CommandError(f"{path}: no such file.") from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"{path}: cannot read it as UTF-8 text: {exc}") from exc
        try:
            report = ingest_article(
                body,
                date,
                title=options["title"],
                publisher=options["publisher"],
                source_url=options["source_url"],
                language=options["language"],
                reason=f"Ingested from {path.name} (manage.py ingest)",
            )
        except ValidationError as exc:
            problems = "; ".join(
                f"{field}: {' '.join(messages)}" for field, messages in exc.message_dict.items()
            )
            raise CommandError(f"{path}: not ingested: {problems}") from exc
        for line in report.lines():
            self.stdout.write(line)
