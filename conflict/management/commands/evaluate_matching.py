"""``manage.py evaluate_matching``: matching precision and recall on a corpus with known truth.

Builds many reports of the same events in different words (conflict.matching.corpus),
ingests them through the real pipeline into the configured database inside a transaction,
prints incident and actor matching precision and recall, and rolls everything back (unless
``--keep``). Exits non-zero when a figure is under its target.
"""

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from conflict.matching.corpus import build, evaluate, install_world

TARGETS = {"precision": 0.95, "recall": 0.85}


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Score incident and actor matching on a generated corpus with known truth."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--events", type=int, default=40, help="Events (default 40).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument("--keep", action="store_true", help="Keep the rows (no rollback).")

    def handle(self, *args: object, events: int, seed: int, keep: bool, **options: object) -> None:
        if events < 1:
            raise CommandError("--events must be at least 1.")
        corpus = build(events, seed)
        try:
            with transaction.atomic():
                install_world()
                figures = evaluate(corpus)
                if not keep:
                    raise _Rollback
        except _Rollback:
            pass
        for line in figures.lines():
            self.stdout.write(line)
        low = [
            f"{what} {name} {value:.3f} < {TARGETS[name]}"
            for what, name, value in [
                ("incident", "precision", figures.incident_precision),
                ("incident", "recall", figures.incident_recall),
                ("actor", "precision", figures.actor_precision),
                ("actor", "recall", figures.actor_recall),
            ]
            if value < TARGETS[name]
        ]
        if low:
            raise CommandError("Under target: " + "; ".join(low))
