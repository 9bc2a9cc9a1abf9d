from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from conflict.curation import SEED_FIXTURE, SEED_SOURCE, CurationError, build_fixture_text


class Command(BaseCommand):
    help = (
        "Build fixtures/seed.json from the curated YAML source (fixtures/source/). "
        "With --check, write nothing and fail if the committed fixture is out of date."
    )
    # Building is pure file work: no database, so no system checks that would want one.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="Compare with the existing fixture instead of writing it; exit 1 if they differ.",
        )
        parser.add_argument(
            "--source",
            type=Path,
            default=None,
            help=f"The curated YAML source (default: {SEED_SOURCE}).",
        )
        parser.add_argument(
            "--output",
            type=Path,
            default=None,
            help=f"The fixture to write or check (default: {SEED_FIXTURE}).",
        )

    def handle(
        self,
        *args,
        check: bool = False,
        source: Path | None = None,
        output: Path | None = None,
        **options,
    ) -> None:
        base_dir = Path(settings.BASE_DIR)
        source = source or base_dir / SEED_SOURCE
        output = output or base_dir / SEED_FIXTURE
        try:
            text = build_fixture_text(source, base_dir)
        except CurationError as exc:
            raise CommandError(f"{source}: {exc}") from exc

        if check:
            current = output.read_text(encoding="utf-8") if output.exists() else None
            if current != text:
                raise CommandError(
                    f"{output} is out of date with {source}; "
                    "run `manage.py build_seed_fixture` and commit the result."
                )
            self.stdout.write(self.style.SUCCESS(f"{output} is up to date."))
            return

        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8", newline="")
        self.stdout.write(self.style.SUCCESS(f"Wrote {output}."))
