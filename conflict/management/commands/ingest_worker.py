"""``manage.py ingest_worker``: run queued ingest jobs (conflict/queue.py) until stopped."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rq import SimpleWorker

from conflict.queue import ingest_queue, queue_configured


class Command(BaseCommand):
    help = (
        "Run queued ingest jobs from the Redis queue at INGEST_QUEUE_URL, one at a time, until "
        "stopped (several workers can run at once, on any machine that reaches Redis and the "
        "database)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--burst", action="store_true", help="Stop when the queue is empty.")

    def handle(self, *args: Any, burst: bool, **options: Any) -> None:
        if not queue_configured():
            raise CommandError("INGEST_QUEUE_URL is not set: there is no queue to work on.")
        queue = ingest_queue()
        # SimpleWorker runs each job in this process (no fork): Django's database connection
        # is never shared with a child, and killing the worker kills the job, whose open
        # transaction the database then rolls back.
        worker = SimpleWorker([queue], connection=queue.connection)
        worker.work(burst=burst, with_scheduler=False)
