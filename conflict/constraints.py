"""A model's check constraints evaluated in Python, without a query per constraint.

Django's ``full_clean()`` checks each ``CheckConstraint`` with its own ``SELECT`` (the
condition with the row's values inlined). An ingest validates every draft row before its
write: ~75 rows of four constraints each, ~300 round trips to PostgreSQL per article, which
under load was the largest part of an ingest's wall time (bench/ingest_queue.py). The
conditions here are simple: field comparisons, null tests, ``in``, a regex, ``F()`` with
``+``/``-`` and ``Length``. Those are evaluated in Python with SQL's three-valued logic
(a comparison with NULL is unknown, and an unknown condition passes, as Django's
``COALESCE(condition, true)``); anything else goes to the database as before.
"""

import numbers
import operator
import re
from typing import Any

from django.core.exceptions import FieldError, ValidationError
from django.db import models, router
from django.db.models import F, Q, Value
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Length


class Unsupported(Exception):
    """A condition this module does not evaluate: the database does."""


COMPARE = {
    "exact": operator.eq,
    "lt": operator.lt,
    "lte": operator.le,
    "gt": operator.gt,
    "gte": operator.ge,
}
LOOKUPS = {*COMPARE, "isnull", "in", "regex"}
ARITHMETIC = {"+": operator.add, "-": operator.sub}


def holds(condition: Q, against: dict[str, Any]) -> bool | None:
    """The condition for the values ``against`` (a model's field expression map): True,
    False, or None for SQL's unknown. Raises FieldError for a field not in ``against``
    (Django then skips the constraint) and Unsupported for what it does not evaluate."""
    if isinstance(condition, Q):
        results = [holds(child, against) for child in condition.children]
        if condition.connector == Q.AND:
            result = False if False in results else (None if None in results else True)
        elif condition.connector == Q.OR:
            result = True if True in results else (None if None in results else False)
        else:
            raise Unsupported(condition.connector)
        return None if result is None else (not result if condition.negated else result)
    if not isinstance(condition, tuple):
        raise Unsupported(repr(condition))
    key, rhs = condition
    name, _, lookup = key.rpartition("__")
    if lookup not in LOOKUPS:
        name, lookup = key, "exact"
    if "__" in name:
        raise Unsupported(key)  # a transform or a related field
    lhs = _value(F(name), against)
    if lookup == "isnull":
        return (lhs is None) == bool(rhs)
    if lookup == "exact" and rhs is None:
        return lhs is None  # Django turns "= None" into IS NULL
    if lookup == "in":
        values = [_value(v, against) for v in rhs]
        if lhs is None:
            return None
        if lhs in values:
            return True
        return None if None in values else False
    right = _value(rhs, against)
    if lhs is None or right is None:
        return None
    try:
        if lookup == "regex":
            if not isinstance(lhs, str) or not isinstance(right, str):
                raise Unsupported(key)
            return re.search(right, lhs) is not None
        if type(lhs) is not type(right) and not (_number(lhs) and _number(right)):
            raise Unsupported(key)  # the database's casts are not Python's
        return COMPARE[lookup](lhs, right)
    except TypeError as exc:
        raise Unsupported(key) from exc


def _number(value: Any) -> bool:
    return isinstance(value, numbers.Number) and not isinstance(value, bool)


def _value(expression: Any, against: dict[str, Any]) -> Any:
    if isinstance(expression, F):
        if "__" in expression.name:
            raise Unsupported(expression.name)
        if expression.name not in against:
            raise FieldError(expression.name)
        return _value(against[expression.name], against)
    if isinstance(expression, Value):
        return expression.value
    if isinstance(expression, CombinedExpression):
        if expression.connector not in ARITHMETIC:
            raise Unsupported(expression.connector)
        lhs, rhs = (_value(e, against) for e in expression.get_source_expressions())
        if lhs is None or rhs is None:
            return None
        if not isinstance(lhs, int) or not isinstance(rhs, int):
            raise Unsupported(repr(expression))
        return ARITHMETIC[expression.connector](lhs, rhs)
    if isinstance(expression, Length):
        [source] = expression.get_source_expressions()
        text = _value(source, against)
        if text is None:
            return None
        if not isinstance(text, str):
            raise Unsupported(repr(expression))
        return len(text)
    if hasattr(expression, "resolve_expression"):
        raise Unsupported(repr(expression))
    return expression


def validate_constraints(obj: models.Model, exclude: set[str] | None = None) -> None:
    """``obj.validate_constraints(exclude)``, with check constraints evaluated in Python when
    they can be (the same errors, the same codes)."""
    exclude = set(exclude or ())
    using = router.db_for_write(type(obj), instance=obj)
    errors: dict[str, list] = {}
    for model_class, constraints in obj.get_constraints():
        for constraint in constraints:
            try:
                if isinstance(constraint, models.CheckConstraint):
                    _check(constraint, model_class, obj, exclude, using)
                else:
                    constraint.validate(model_class, obj, exclude=exclude, using=using)
            except ValidationError as exc:
                fields = getattr(constraint, "fields", ())
                if getattr(exc, "code", None) == "unique" and len(fields) == 1:
                    errors.setdefault(fields[0], []).append(exc)
                else:
                    errors = exc.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def _check(
    constraint: models.CheckConstraint,
    model_class: type[models.Model],
    obj: models.Model,
    exclude: set[str],
    using: str,
) -> None:
    against = obj._get_field_expression_map(meta=model_class._meta, exclude=exclude)
    try:
        result = holds(Q(constraint.condition), against)
    except FieldError:
        return  # as Django: a constraint on an excluded field is not checked
    except Unsupported:
        constraint.validate(model_class, obj, exclude=exclude, using=using)
        return
    if result is False:
        raise ValidationError(
            constraint.get_violation_error_message(), code=constraint.violation_error_code
        )


def full_clean(obj: models.Model, exclude: list[str], validate_unique: bool = True) -> None:
    """``obj.full_clean(exclude, validate_unique)`` with the constraints checked as above;
    as Django, the constraints are checked only for the fields that passed validation."""
    errors: dict[str, list] = {}
    try:
        obj.full_clean(exclude=exclude, validate_unique=validate_unique, validate_constraints=False)
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    skipped = set(exclude) | {name for name in errors if name != "__all__"}
    try:
        validate_constraints(obj, skipped)
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)
