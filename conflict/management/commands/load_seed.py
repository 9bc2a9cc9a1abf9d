from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from conflict.models import Article
from conflict.models.history import record_baselines


class Command(BaseCommand):
    help = (
        "Load the curated seed data (fixtures/seed.json) into an empty database. "
        "A database that already holds articles is left alone, so curators' edits survive."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even if articles exist: seed records overwrite rows with the same ids.",
        )

    def handle(self, *args, force: bool = False, **options) -> None:
        count = Article.objects.count()
        if count and not force:
            self.stdout.write(
                f"The database already holds {count} article(s); seed not loaded "
                "(use --force to overwrite the seed's rows)."
            )
            return
        with transaction.atomic():
            call_command("loaddata", "seed", verbosity=options["verbosity"])
            # Fixtures load without history; start every record's history here.
            record_baselines("Loaded from the curated seed")
        self.stdout.write(self.style.SUCCESS("Seed data loaded."))
