import time

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from conflict.synthetic import Counts, CuratedDataError, generate


class Command(BaseCommand):
    help = (
        "Fill the database with a deterministic synthetic dataset of N claims (articles, "
        "actors, places, incidents, losses, links, all published) for load tests and "
        "benchmarks. Refuses a database that already holds records unless --force."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--claims", type=int, required=True, help="How many claims.")
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same rows.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Add synthetic rows even though the database holds records already.",
        )

    def handle(self, *args, claims: int, seed: int, force: bool, **options) -> None:
        if claims < 1:
            raise CommandError("--claims must be at least 1.")
        if connection.vendor == "sqlite" and not connection.in_atomic_block:
            # A bulk load needs no fsync per transaction; a crash means regenerating anyway.
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA synchronous=OFF")
        started = time.monotonic()

        def progress(counts: Counts) -> None:
            if options["verbosity"] > 1:
                elapsed = time.monotonic() - started
                self.stdout.write(f"{counts.claims:,} claims in {elapsed:.0f} s")

        try:
            counts = generate(claims, seed, force=force, progress=progress)
        except CuratedDataError as exc:
            raise CommandError(str(exc)) from exc
        elapsed = time.monotonic() - started
        if options["verbosity"] == 0:
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {counts.claims:,} claims in {counts.articles:,} articles, "
                f"{counts.incidents:,} incidents, {counts.losses:,} losses, "
                f"{counts.links:,} links, {counts.actors:,} actors, {counts.places:,} places "
                f"in {elapsed:.1f} s."
            )
        )
