"""Check constraints evaluated in Python (conflict.constraints) agree with the database.

Every check constraint of every model is evaluated both ways on many generated rows (good
and bad values, NULLs): the answer the database gives to Django's own check query is the
answer the Python evaluation gives. And the constraints an ingest meets are all evaluated in
Python (none silently falls back to a query).
"""

import datetime as dt
import random
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import FieldError, ValidationError
from django.db import connection, models
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from conflict.constraints import Unsupported, full_clean, holds
from conflict.models import Claim, Loss, Place

TEXTS = ["", "x", "AZ", "az", "Q12", "Q0", "killed", "civilians", "tank", "day", "A quote"]
NUMBERS = [0, 1, 2, 5, 10, -1, 300]
REALS = [-200, -90, -1, 0, 0.5, 1, 1.5, 90, 180, 200]
DAYS = [dt.date(2020, 1, 1), dt.date(2020, 1, 5), dt.date(2021, 6, 30)]


def values_for(field: models.Field) -> list:
    if field.choices:
        options = [value for value, _label in field.flatchoices] + [""]
    elif isinstance(field, models.ForeignKey | models.AutoField | models.BigAutoField):
        options = [1, 2, 3]
    elif isinstance(field, models.BooleanField):
        options = [True, False]
    elif isinstance(field, models.DecimalField):
        options = [Decimal(str(v)) for v in REALS]
    elif isinstance(field, models.FloatField):
        options = [float(v) for v in REALS]
    elif isinstance(field, models.IntegerField):
        options = NUMBERS
    elif isinstance(field, models.DateTimeField):
        options = [dt.datetime(2020, 1, 1, tzinfo=dt.UTC)]
    elif isinstance(field, models.DateField):
        options = DAYS
    elif isinstance(field, models.CharField | models.TextField | models.URLField):
        options = TEXTS
    else:
        return []
    return options + ([None] if field.null or field.primary_key else [])


def checked_models():
    for model in apps.get_app_config("conflict").get_models():
        checks = [c for c in model._meta.constraints if isinstance(c, models.CheckConstraint)]
        if checks:
            yield model, checks


@pytest.mark.django_db
@pytest.mark.parametrize("model", [m for m, _ in checked_models()], ids=lambda m: m.__name__)
def test_python_and_the_database_agree_on_every_check_constraint(model) -> None:
    checks = [c for c in model._meta.constraints if isinstance(c, models.CheckConstraint)]
    rng = random.Random(model.__name__)
    evaluated = {c.name: 0 for c in checks}
    failed = {c.name: 0 for c in checks}
    for _ in range(150):
        obj = model()
        for field in model._meta.local_concrete_fields:
            options = values_for(field)
            if options:
                setattr(obj, field.attname, rng.choice(options))
        against = obj._get_field_expression_map(meta=model._meta)
        for constraint in checks:
            try:
                in_python = holds(Q(constraint.condition), against)
            except (Unsupported, FieldError):
                continue
            in_database = Q(constraint.condition).check(against)
            assert (in_python is not False) == in_database, (constraint.name, against)
            evaluated[constraint.name] += 1
            failed[constraint.name] += in_python is False
    assert all(evaluated.values()), evaluated  # every constraint was evaluated in Python
    # The rows are not all good: most constraints were seen failing too.
    assert sum(1 for n in failed.values() if n) >= len(checks) // 2, failed


@pytest.mark.django_db
def test_full_clean_gives_djangos_errors_without_a_query_per_constraint() -> None:
    exclude = ["article", "claim", "incident", "side", "claimant", "channel_actor", "parent"]

    def rows():
        return [
            Loss(category="killed", population="", count_low=5, count_best=3, qualifier=""),
            Loss(category="tank", population="civilian", count_best=2, period_start=DAYS[1],
                 period_end=DAYS[0]),
            Claim(text="", quote="abc", span_start=4, span_end=2, stance="asserts"),
            Claim(text="A text", quote="abc", span_start=2, span_end=9, stance="asserts"),
            Place(name="Somewhere", slug="somewhere", kind="city_town", latitude=Decimal("95"),
                  longitude=None, precision="", country="az"),
        ]  # fmt: skip

    expected = []
    for obj in rows():
        with pytest.raises(ValidationError) as caught:
            obj.full_clean(exclude=exclude, validate_unique=False)
        expected.append(caught.value.message_dict)
    with CaptureQueriesContext(connection) as queries:
        found = []
        for obj in rows():
            with pytest.raises(ValidationError) as caught:
                full_clean(obj, exclude=exclude, validate_unique=False)
            found.append(caught.value.message_dict)
    assert found == expected
    assert any("__all__" in errors for errors in found)  # a constraint's own error is among them
    assert not [q for q in queries.captured_queries if "_check" in q["sql"]]
