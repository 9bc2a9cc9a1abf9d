"""``manage.py ingest``: one article or many (files, a directory, a CSV manifest, a URL).

One file prints its full report, as before. Several items print one line each, a progress bar
on a terminal (stderr), and a summary; an item that fails is named and the others go on; the
exit code is 1 when any failed. The same text again is reported as already stored, never
duplicated, so a manifest can be run twice.
"""

import csv
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from conflict.fetching import with_fetched_body
from conflict.ingestion import IngestReport, ingest_article
from conflict.models import IngestJob
from conflict.queue import enqueue, queue_configured, retry

MANIFEST_COLUMNS = {"path", "url", "published_on", "publisher", "source_url", "title", "language"}
TEXT_SUFFIXES = {".txt", ".text", ".md"}


class ItemError(Exception):
    """One item could not be ingested; the message says why, naming the field or file."""


@dataclass
class Item:
    """One article to ingest: where it comes from, and its fields (the body read lazily)."""

    label: str
    load: Callable[[], dict[str, Any]]  # the ingest_article keywords, body included


@dataclass
class Summary:
    stored: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


def _date(value: str, name: str = "--published-on") -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise ItemError(f"{name}: {value!r} is not a date (YYYY-MM-DD).") from exc


def read_text(path: Path) -> str:
    try:
        # newline="": the text exactly as in the file, line endings included.
        with path.open(encoding="utf-8", newline="") as handle:
            return handle.read()
    except FileNotFoundError as exc:
        raise ItemError(f"{path}: no such file.") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ItemError(f"{path}: cannot read it as UTF-8 text: {exc}") from exc


def from_url(url: str, published_on: dt.date | None, fields: dict[str, Any]) -> dict[str, Any]:
    """The ingest keywords for a page, fetched when ingested (by this process or a worker)."""
    return {**fields, "url": url, "published_on": published_on}


class Command(BaseCommand):
    help = (
        "Store articles' text verbatim and create draft claims, incidents, losses, actors and "
        "places from them for editors to review. Takes UTF-8 files, directories (their .txt, "
        ".text and .md files), a CSV manifest (--manifest) or a page's URL (--url). The same "
        "text twice creates nothing: it is reported as already stored. Exits 1 if any failed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "paths", nargs="*", type=Path, help="Articles' text files (UTF-8) or directories."
        )
        parser.add_argument(
            "--manifest",
            type=Path,
            help="A UTF-8 CSV with a header row: path or url, published_on, publisher, "
            "source_url, title, language (paths relative to the manifest's folder).",
        )
        parser.add_argument("--url", action="append", default=[], help="A page to fetch.")
        parser.add_argument(
            "--published-on",
            help="Publication date, YYYY-MM-DD: relative dates ('on Thursday') resolve to it. "
            "Required for files; for a URL or a manifest row, the default when it has none.",
        )
        parser.add_argument("--publisher", default=None)
        parser.add_argument("--source-url", default=None)
        parser.add_argument(
            "--title", default=None, help="Default: the first words, marked as editorial."
        )
        parser.add_argument("--language", default="en", help="BCP 47 tag (default: en).")
        parser.add_argument(
            "--queue",
            action="store_true",
            help="Queue each article for a worker (manage.py ingest_worker) instead of "
            "ingesting it here; needs INGEST_QUEUE_URL. Prints each job's id.",
        )
        parser.add_argument(
            "--retry",
            type=int,
            metavar="JOB_ID",
            help="Queue an ingest job again: one that failed, or one whose worker died.",
        )
        parser.add_argument(
            "--progress",
            action="store_true",
            default=None,
            help="Show the progress bar even when stderr is not a terminal.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["retry"] is not None:
            self.retry(options["retry"])
            return
        try:
            published_on = (
                _date(options["published_on"]) if options["published_on"] is not None else None
            )
            items = list(self.items(options, published_on))
        except ItemError as exc:
            raise CommandError(str(exc)) from exc
        if not items:
            raise CommandError("Nothing to ingest: give files, a directory, --manifest or --url.")
        if options["queue"]:
            self.queue(items)
            return
        if len(items) == 1 and options["paths"]:
            self.one(items[0])
            return
        self.many(items, options["progress"])

    # --- what to ingest ---------------------------------------------------------------------
    def items(self, options: dict[str, Any], published_on: dt.date | None) -> Iterator[Item]:
        defaults = {
            "title": options["title"],
            "publisher": options["publisher"],
            "source_url": options["source_url"],
            "language": options["language"],
        }
        files = []
        for path in options["paths"]:
            if path.is_dir():
                files += sorted(p for p in path.rglob("*") if p.suffix.lower() in TEXT_SUFFIXES)
            else:
                files.append(path)
        if files and published_on is None:
            raise ItemError("--published-on is required for files.")
        for path in files:
            yield Item(str(path), self._file_loader(path, published_on, defaults))
        for url in options["url"]:
            reason = f"Ingested from {url} (manage.py ingest --url)"
            fields = {**defaults, "reason": reason}
            yield Item(url, lambda url=url, fields=fields: from_url(url, published_on, fields))
        if options["manifest"] is not None:
            yield from self.manifest(options["manifest"], published_on, defaults)

    @staticmethod
    def _file_loader(
        path: Path, published_on: dt.date | None, fields: dict[str, Any]
    ) -> Callable[[], dict[str, Any]]:
        reason = f"Ingested from {path.name} (manage.py ingest)"
        return lambda: {
            **fields,
            "body": read_text(path),
            "published_on": published_on,
            "reason": reason,
        }

    def manifest(
        self, manifest: Path, published_on: dt.date | None, defaults: dict[str, Any]
    ) -> Iterator[Item]:
        try:
            with manifest.open(encoding="utf-8-sig", newline="") as handle:
                rows = list(csv.DictReader(handle))
                header = set(rows[0].keys()) if rows else set()
        except FileNotFoundError as exc:
            raise ItemError(f"{manifest}: no such file.") from exc
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise ItemError(f"{manifest}: cannot read it as a UTF-8 CSV: {exc}") from exc
        unknown = header - MANIFEST_COLUMNS - {None}
        if unknown:
            raise ItemError(
                f"{manifest}: unknown column(s) {', '.join(sorted(map(str, unknown)))}; "
                f"the columns are {', '.join(sorted(MANIFEST_COLUMNS))}."
            )
        if rows and not header & {"path", "url"}:
            raise ItemError(f"{manifest}: a manifest needs a 'path' or a 'url' column.")
        for number, row in enumerate(rows, start=2):  # line 1 is the header
            label = f"{manifest.name} line {number}"
            yield Item(label, self._row_loader(manifest.parent, row, published_on, defaults, label))

    @staticmethod
    def _row_loader(
        folder: Path,
        row: dict[str, Any],
        published_on: dt.date | None,
        defaults: dict[str, Any],
        label: str,
    ) -> Callable[[], dict[str, Any]]:
        def load() -> dict[str, Any]:
            if None in row:
                raise ItemError("the row has more cells than the header.")
            value = {k: (v or "").strip() for k, v in row.items()}
            date = (
                _date(value["published_on"], "published_on") if value.get("published_on") else None
            )
            fields = {
                "title": value.get("title") or defaults["title"],
                "publisher": value.get("publisher") or defaults["publisher"],
                "source_url": value.get("source_url") or defaults["source_url"],
                "language": value.get("language") or defaults["language"],
                "reason": f"Ingested from {label} (manage.py ingest --manifest)",
            }
            path, url = value.get("path"), value.get("url")
            if bool(path) == bool(url):
                raise ItemError("give either a path or a url.")
            if url:
                return from_url(url, date or published_on, fields)
            date = date or published_on
            if date is None:
                raise ItemError("published_on: empty, and no --published-on default.")
            file = Path(path)
            return {
                **fields,
                "body": read_text(file if file.is_absolute() else folder / file),
                "published_on": date,
            }

        return load

    # --- ingesting ----------------------------------------------------------------------------
    def ingest(self, item: Item) -> IngestReport:
        fields = item.load()
        fields.setdefault("reason", "Ingested (manage.py ingest)")
        try:
            if "body" not in fields:
                fields = with_fetched_body(fields)
            return ingest_article(**fields)
        except ValidationError as exc:
            problems = "; ".join(
                f"{name}: {' '.join(messages)}" for name, messages in exc.message_dict.items()
            )
            raise ItemError(f"not ingested: {problems}") from exc

    def retry(self, job_id: int) -> None:
        if not queue_configured():
            raise CommandError("--retry needs INGEST_QUEUE_URL (a Redis URL) to be set.")
        job = IngestJob.objects.filter(pk=job_id).first()
        if job is None:
            raise CommandError(f"--retry: no ingest job {job_id}.")
        try:
            retry(job)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(f"Ingest job {job_id} queued again (attempt {job.attempts + 1}).")

    def queue(self, items: list[Item]) -> None:
        """Each item as a job for a worker: files are read here, pages fetched by the worker."""
        if not queue_configured():
            raise CommandError("--queue needs INGEST_QUEUE_URL (a Redis URL) to be set.")
        failed = []
        for item in items:
            try:
                fields = item.load()
            except ItemError as exc:
                failed.append((item.label, str(exc)))
                self.stdout.write(f"FAILED {item.label}: {exc}")
                continue
            reason = fields.pop("reason", "") or "Ingested (manage.py ingest --queue)"
            job = enqueue(fields, reason=reason)
            self.stdout.write(f"{item.label}: queued as ingest job {job.pk}")
        self.stdout.write(f"{len(items) - len(failed)} of {len(items)} article(s) queued.")
        if failed:
            names = "\n".join(f"  - {label}: {why}" for label, why in failed)
            raise CommandError(f"{len(failed)} of {len(items)} not queued:\n{names}")

    def one(self, item: Item) -> None:
        """A single file: its full report, and a CommandError when it fails."""
        try:
            report = self.ingest(item)
        except ItemError as exc:
            message = str(exc)
            raise CommandError(
                message if message.startswith(item.label) else f"{item.label}: {message}"
            ) from exc
        for line in report.lines():
            self.stdout.write(line)

    def many(self, items: list[Item], progress: bool | None) -> None:
        summary = Summary()
        # disable=None: a bar only on a terminal, so logs and pipes get the lines alone.
        bar = tqdm(
            items,
            desc="Ingesting",
            unit="article",
            file=self.stderr._out,
            disable=False if progress else None,
        )
        out = self.stdout._out
        for item in bar:
            try:
                report = self.ingest(item)
            except ItemError as exc:
                summary.failed.append((item.label, str(exc)))
                bar.write(f"FAILED {item.label}: {exc}", file=out)
                continue
            except Exception as exc:  # one broken item (a bug, a lost connection) stops no other
                summary.failed.append((item.label, f"{type(exc).__name__}: {exc}"))
                bar.write(f"FAILED {item.label}: {type(exc).__name__}: {exc}", file=out)
                continue
            (summary.stored if report.created else summary.already).append(item.label)
            bar.write(f"{item.label}: {report.lines()[0]}", file=out)
        bar.close()
        self.stdout.write(
            f"{len(items)} article(s): {len(summary.stored)} stored, "
            f"{len(summary.already)} already stored, {len(summary.failed)} failed."
        )
        if summary.failed:
            names = "\n".join(f"  - {label}: {why}" for label, why in summary.failed)
            raise CommandError(f"{len(summary.failed)} of {len(items)} failed:\n{names}")
