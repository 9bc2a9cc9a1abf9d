import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from conflict.curation import SEED_FIXTURE
from conflict.extraction import Gazetteer, corpus, extract
from conflict.extraction.evaluation import (
    HELD_TARGETS,
    MIN_OVERLAP,
    TARGETS,
    Gold,
    Scores,
    counts,
    gold_from_fixture,
    score,
    scores_from,
)
from conflict.models import Actor, Place

ROWS = [
    ("paragraphs", "articles", ""),
    ("claims: drafts", "drafts", ""),
    ("claims: curated", "curated", ""),
    ("claims: matched", "matched", ""),
    ("claim precision", "claim_precision", "claim_precision"),
    ("claim recall", "claim_recall", "claim_recall"),
    ("claim F1", "claim_f1", ""),
    ("lowest span overlap (IoU, matched)", "min_span_iou", ""),
    ("claimant accuracy (matched)", "claimant_accuracy", "claimant_accuracy"),
    ("stance accuracy (matched)", "stance_accuracy", "stance_accuracy"),
    ("losses: curated", "curated_losses", ""),
    ("loss recall (category, value)", "loss_recall", "loss_recall"),
    ("incidents: curated with a date", "dated_incidents", ""),
    ("incident date accuracy", "incident_date_accuracy", "incident_date_accuracy"),
    ("places: curated", "curated_places", ""),
    ("place recall", "place_recall", "place_recall"),
    ("speakers drafted as places", "speaker_places", ""),
]


def _cell(value: float | int | None) -> str:
    if value is None:
        return "n/a"
    return str(value) if isinstance(value, int) else f"{value:.3f}"


class Command(BaseCommand):
    help = (
        "Run the extractor on the seed article twice (an empty gazetteer; the curated actors "
        "and places as gazetteer) and on the development corpus of wire paragraphs (the part "
        "tuned on and the held third, with the packaged world gazetteer), and compare its "
        "drafts with the curated answers: claim precision, recall and F1 (claims matched one "
        "to one by span overlap), claimant and stance accuracy on matched claims, loss "
        "recall, incident date accuracy, place recall."
    )
    # Pure computation over files: no database needed.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--fixture",
            type=Path,
            default=None,
            help=f"The curated fixture to compare with (default: {SEED_FIXTURE}).",
        )
        parser.add_argument(
            "--database",
            action="store_true",
            help="Add a third run whose gazetteer is the Actors and Places in the database.",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help=(
                "Exit with an error when a target is missed: issue 7's on the seed runs, "
                "issue 13's on the held third of the corpus."
            ),
        )

    def handle(
        self,
        *args,
        fixture: Path | None = None,
        database: bool = False,
        check: bool = False,
        **options,
    ) -> None:
        path = fixture or Path(settings.BASE_DIR) / SEED_FIXTURE
        try:
            records = json.loads(path.read_text(encoding="utf-8"))
            gold = gold_from_fixture(records)
        except (OSError, ValueError, KeyError) as exc:
            raise CommandError(f"{path}: cannot read the curated fixture: {exc}") from exc
        runs = {
            "empty": self._run(gold, Gazetteer()),
            "gazetteer": self._run(gold, gold.gazetteer()),
        }
        if database:
            runs["database"] = self._run(
                gold, Gazetteer.from_models(Actor.objects.all(), Place.objects.all())
            )
        if fixture is None:
            world = Gazetteer.world()
            runs["tune"] = self._corpus(corpus.load(corpus.TUNE), world)
            runs["held"] = self._corpus(corpus.load(corpus.HELD), world)
        self._print(runs)
        missed = [
            f"{run}: {name}"
            for run, scores in runs.items()
            if run != "tune"
            for name in scores.missed_targets(HELD_TARGETS if run == "held" else TARGETS)
        ]
        if check and missed:
            raise CommandError("targets missed: " + ", ".join(missed))

    def _run(self, gold: Gold, gazetteer: Gazetteer) -> Scores:
        # The extractor sees the body, the date and the gazetteer: never the curated claims.
        return score(extract(gold.body, gold.published_on, gazetteer), gold)

    def _corpus(self, golds: list[Gold], gazetteer: Gazetteer) -> Scores:
        tallies = [counts(extract(g.body, g.published_on, gazetteer), g) for g in golds]
        return scores_from(tallies)

    def _print(self, runs: dict[str, Scores]) -> None:
        names = list(runs)
        width = max(len(label) for label, _, _ in ROWS)
        header = f"{'metric':<{width}}  " + "  ".join(f"{n:>9}" for n in names) + "  target"
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for label, attribute, target in ROWS:
            cells = "  ".join(f"{_cell(getattr(runs[n], attribute)):>9}" for n in names)
            goal = (f">= {TARGETS[target]:.2f} seed" if target in TARGETS else "") + (
                f", >= {HELD_TARGETS[target]:.2f} held" if target in HELD_TARGETS else ""
            )
            self.stdout.write(f"{label:<{width}}  {cells}  {goal}".rstrip())
        self.stdout.write(
            f"\nClaims match one to one when they share at least {MIN_OVERLAP:.0%} of the "
            "shorter span. Claimant: the same actor (slug), or for a new draft actor a name "
            "or alias of the curated one. tune/held: the development corpus "
            "(conflict/extraction/corpus/wire.yaml), tuned on the two thirds, reported on the "
            "held third (paragraph id divisible by 3)."
        )
