"""Building the seed fixture from a hand-curated YAML source.

Curators write a readable YAML file per article (``fixtures/source/*.yaml``) that refers to
records by slug and to claims by a short key. These pure functions turn it into a Django
fixture: they read the article body from the seed file byte for byte, pin every quote to its
offsets with :func:`conflict.quotes.locate_quote`, number the records in the order they appear
(from 1, per model), resolve every reference, and validate each record as the models would.
Any mistake stops the build with a :class:`CurationError` that names the record at fault, so a
bad curation can never reach ``fixtures/seed.json``.
"""

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.db import models

from .models import (
    Actor,
    Article,
    Claim,
    ClaimLink,
    Incident,
    IncidentParticipant,
    Loss,
    Place,
)
from .models.article import sha256_hex
from .models.choices import ReviewStatus
from .quotes import QuoteError, locate_quote

# Paths relative to the project root (settings.BASE_DIR).
SEED_SOURCE = Path("fixtures/source/000_bba3e84961ba8579.yaml")
SEED_FIXTURE = Path("fixtures/seed.json")

Record = dict[str, Any]

# The keys a curator may write for each kind of entry; anything else is a typo to report,
# not a value to drop silently.
TOP_KEYS = {"curated_at", "article", "actors", "places", "incidents", "claims"}
ARTICLE_KEYS = {
    "slug",
    "title",
    "title_is_editorial",
    "publisher",
    "source_url",
    "published_on",
    "published_on_inferred",
    "language",
    "body_file",
    "notes",
}
ACTOR_KEYS = {
    "slug",
    "name",
    "kind",
    "country",
    "parent",
    "aliases",
    "role",
    "wikidata_id",
    "notes",
}
PLACE_KEYS = {
    "slug",
    "name",
    "kind",
    "parent",
    "country",
    "latitude",
    "longitude",
    "precision",
    "aliases",
    "wikidata_id",
    "notes",
}
INCIDENT_KEYS = {
    "slug",
    "title",
    "kind",
    "description",
    "occurred_on",
    "occurred_until",
    "date_precision",
    "date_text",
    "places",
    "participants",
    "notes",
}
PARTICIPANT_KEYS = {"actor", "role"}
CLAIM_KEYS = {
    "key",
    "claimant",
    "stance",
    "category",
    "text",
    "quote",
    "occurrence",
    "is_direct_quote",
    "channel",
    "channel_actor",
    "stated_on",
    "stated_on_inferred",
    "incidents",
    "notes",
    "losses",
    "links",
}
LOSS_KEYS = {
    "incident",
    "side",
    "category",
    "population",
    "equipment",
    "count_low",
    "count_best",
    "count_high",
    "qualifier",
    "count_text",
    "period_start",
    "period_end",
    "cumulative",
    "notes",
}
LINK_KEYS = {"relation", "target", "notes"}


class CurationError(ValueError):
    """The curated source is wrong; the message names the record and what to fix."""


# --- reading the source -------------------------------------------------------------------


def load_source(path: Path) -> dict[str, Any]:
    """Parse a curated YAML source file."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
    except FileNotFoundError as exc:
        raise CurationError(f"Curated source {path} does not exist.") from exc
    except yaml.YAMLError as exc:
        raise CurationError(f"Curated source {path} is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise CurationError(f"Curated source {path} must be a mapping at the top level.")
    return data


def read_body(base_dir: Path, body_file: str) -> str:
    """The article text exactly as in the seed file (no newline translation)."""
    path = (base_dir / body_file).resolve()
    if not path.is_relative_to(base_dir.resolve()):
        raise CurationError(f"article: body_file {body_file!r} lies outside the project.")
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            return handle.read()
    except FileNotFoundError as exc:
        raise CurationError(f"article: body_file {body_file!r} does not exist.") from exc


# --- small checks -------------------------------------------------------------------------


def _entries(source: Mapping[str, Any], name: str) -> list[Mapping[str, Any]]:
    entries = source.get(name) or []
    if not isinstance(entries, list) or not all(isinstance(e, Mapping) for e in entries):
        raise CurationError(f"{name}: must be a list of mappings.")
    return entries


def _check_keys(
    label: str, entry: Mapping[str, Any], allowed: set[str], required: set[str]
) -> None:
    unknown = sorted(set(entry) - allowed)
    if unknown:
        raise CurationError(f"{label}: unknown key(s) {', '.join(unknown)}.")
    missing = sorted(k for k in required if entry.get(k) in (None, ""))
    if missing:
        raise CurationError(f"{label}: missing {', '.join(missing)}.")


def _string_list(label: str, entry: Mapping[str, Any], key: str) -> list[str]:
    values = entry.get(key) or []
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise CurationError(f"{label}: {key} must be a list of names.")
    if len(set(values)) != len(values):
        raise CurationError(f"{label}: {key} lists a name twice.")
    return values


def _index(label: str, kind: str, names: Iterable[str]) -> dict[str, int]:
    """Number slugs or keys from 1 in order, refusing duplicates."""
    index: dict[str, int] = {}
    for name in names:
        if not isinstance(name, str) or not name:
            raise CurationError(f"{label}: every {kind} needs a non-empty text {kind}.")
        if name in index:
            raise CurationError(f"{label}: duplicate {kind} {name!r}.")
        index[name] = len(index) + 1
    return index


def _ref(label: str, what: str, value: Any, index: Mapping[str, int]) -> int | None:
    """Resolve a slug or key to a primary key; null stays null."""
    if value is None:
        return None
    if value not in index:
        raise CurationError(f"{label}: unknown {what} {value!r}.")
    return index[value]


def _refs(label: str, what: str, values: list[str], index: Mapping[str, int]) -> list[int]:
    pks = [_ref(label, what, value, index) for value in values]
    return [pk for pk in pks if pk is not None]


def _timestamp(value: Any) -> str:
    """The fixed curation time, as Django's JSON serializer writes an aware UTC datetime."""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError as exc:
            raise CurationError(f"curated_at: {value!r} is not an ISO 8601 timestamp.") from exc
    if not isinstance(value, dt.datetime) or value.utcoffset() is None:
        raise CurationError("curated_at: give a timestamp with a time zone, e.g. ...T12:00:00Z.")
    return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(timespec="seconds") + "Z"


def _check_words(label: str, key: str, value: Any, text: str, where: str) -> None:
    """Fields that hold "the source's words" must hold words the source really has."""
    if isinstance(value, str) and value and value not in text:
        raise CurationError(f"{label}: {key} {value!r} is not in the {where}; use its words.")


def _check_no_cycles(label: str, parents: Mapping[str, str | None]) -> None:
    for start in parents:
        seen = {start}
        parent = parents[start]
        while parent is not None:
            if parent in seen:
                raise CurationError(f"{label} {start!r}: the parent chain loops.")
            seen.add(parent)
            parent = parents.get(parent)


# --- validation as the models would do it -------------------------------------------------

_TEXT_FIELDS = (models.CharField, models.TextField)


def _check_types(label: str, model: type[models.Model], values: Mapping[str, Any]) -> None:
    """YAML guesses types ("NO" is false, "1991" a number); a text field must hold text."""
    for field in model._meta.local_fields:
        if field.name not in values or field.is_relation:
            continue
        value = values[field.name]
        if value is None:
            if not field.null:
                raise CurationError(f"{label}: {field.name} cannot be null.")
            continue
        if isinstance(field, _TEXT_FIELDS):
            ok = isinstance(value, str)
        elif isinstance(field, models.BooleanField):
            ok = isinstance(value, bool)
        elif isinstance(field, models.IntegerField):
            ok = isinstance(value, int) and not isinstance(value, bool)
        elif isinstance(field, models.FloatField):
            ok = isinstance(value, int | float) and not isinstance(value, bool)
        else:
            ok = True  # dates, datetimes and JSON are checked by the field itself
        if not ok:
            raise CurationError(f"{label}: {field.name} has the wrong type ({value!r}).")


def _validate(
    label: str,
    model: type[models.Model],
    values: Mapping[str, Any],
    *,
    article: Article | None = None,
) -> models.Model:
    """Build an unsaved instance and run the model's own validation on it.

    Relations are left unset (resolving them is the builder's job, and following one would
    query the database); unique and database constraints are checked by the builder, since
    checking them here would need a database too. The model ``clean()`` methods repeat the
    check constraints in Python, so those are covered.
    """
    _check_types(label, model, values)
    kwargs = {
        field.name: values[field.name]
        for field in model._meta.local_fields
        if field.name in values and not field.is_relation and not field.primary_key
    }
    instance = model(**kwargs)
    if article is not None:
        instance.article = article  # the claim's span check reads the body from here
    if isinstance(instance, ClaimLink):
        instance.source_id, instance.target_id = values["source"], values["target"]
    relations = [f.name for f in model._meta.local_fields if f.is_relation]
    try:
        if isinstance(instance, ClaimLink):
            # A link's clean() reads the claims it joins from the database (a published
            # claim links to no draft); the build has none and checks self-links itself.
            instance.clean_fields(exclude=relations)
        else:
            instance.full_clean(
                exclude=relations, validate_unique=False, validate_constraints=False
            )
    except ValidationError as exc:
        problems = "; ".join(
            f"{field}: {' '.join(messages)}" for field, messages in exc.message_dict.items()
        )
        raise CurationError(f"{label}: {problems}") from exc
    return instance


def _fields(model: type[models.Model], values: Mapping[str, Any]) -> dict[str, Any]:
    """Every field of the model, in the model's order, defaults where the curator wrote none."""
    known = {f.name for f in model._meta.local_fields} | {
        f.name for f in model._meta.local_many_to_many
    }
    unexpected = set(values) - known
    if unexpected:  # a builder bug, not a curation one
        raise AssertionError(f"{model.__name__} has no field(s) {sorted(unexpected)}")
    fields: dict[str, Any] = {}
    for field in model._meta.local_fields:
        if field.primary_key:
            continue
        fields[field.name] = values[field.name] if field.name in values else field.get_default()
    for field in model._meta.local_many_to_many:
        if field.remote_field.through._meta.auto_created:
            fields[field.name] = list(values.get(field.name, []))
    return {name: _json_value(value) for name, value in fields.items()}


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        raise AssertionError("datetimes are normalised to strings before this point")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _record(model: type[models.Model], pk: int, values: Mapping[str, Any]) -> Record:
    return {"model": model._meta.label_lower, "pk": pk, "fields": _fields(model, values)}


def _date(label: str, key: str, value: Any) -> str | None:
    """A date as the fixture stores it; YAML gives dates as date objects or strings."""
    if value is None:
        return None
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date | str):
        raise CurationError(f"{label}: {key} must be a date (YYYY-MM-DD), not {value!r}.")
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError as exc:
            raise CurationError(f"{label}: {key} {value!r} is not a YYYY-MM-DD date.") from exc
    return value.isoformat()


# --- the build ----------------------------------------------------------------------------


def build_fixture(source: Mapping[str, Any], base_dir: Path) -> list[Record]:
    """Turn a parsed curated source into fixture records (a list of dicts, loaddata's format).

    ``base_dir`` is the project root the article's ``body_file`` is relative to. Raises
    :class:`CurationError` on the first problem found.
    """
    unknown = sorted(set(source) - TOP_KEYS)
    if unknown:
        raise CurationError(f"unknown top-level key(s) {', '.join(unknown)}.")
    stamp = _timestamp(source.get("curated_at"))
    stamps = {"created_at": stamp, "updated_at": stamp}

    article_entry = source.get("article")
    if not isinstance(article_entry, Mapping):
        raise CurationError("article: missing.")
    actor_entries = _entries(source, "actors")
    place_entries = _entries(source, "places")
    incident_entries = _entries(source, "incidents")
    claim_entries = _entries(source, "claims")

    actors = _index("actors", "slug", (e.get("slug") for e in actor_entries))
    places = _index("places", "slug", (e.get("slug") for e in place_entries))
    incidents = _index("incidents", "slug", (e.get("slug") for e in incident_entries))
    claims = _index("claims", "key", (e.get("key") for e in claim_entries))

    article_record, article = _build_article(article_entry, base_dir, stamps)
    records = [article_record]
    records += _build_hierarchy("actor", Actor, actor_entries, actors, ACTOR_KEYS, stamps)
    records += _build_hierarchy("place", Place, place_entries, places, PLACE_KEYS, stamps)
    incident_records, participant_records = _build_incidents(
        incident_entries, article.body, incidents, actors, places, stamps
    )
    claim_records, link_records, loss_records = _build_claims(
        claim_entries, article, claims, actors, incidents, stamps
    )

    backed = {pk for record in claim_records for pk in record["fields"]["incidents"]}
    for slug, pk in incidents.items():
        if pk not in backed:
            raise CurationError(
                f"incident {slug!r}: no claim is about it; every incident must be backed by "
                "at least one claim (list it in a claim's incidents)."
            )
    # The curated seed is the reviewed, public record: every reviewable row is published.
    for record in incident_records + claim_records + loss_records:
        record["fields"]["status"] = ReviewStatus.PUBLISHED.value
    return (
        records
        + incident_records
        + participant_records
        + claim_records
        + link_records
        + loss_records
    )


def _build_article(
    entry: Mapping[str, Any], base_dir: Path, stamps: Mapping[str, str]
) -> tuple[Record, Article]:
    label = "article"
    _check_keys(label, entry, ARTICLE_KEYS, {"slug", "title", "body_file"})
    body = read_body(base_dir, entry["body_file"])
    values = {k: v for k, v in entry.items() if k != "body_file"}
    values["published_on"] = _date(label, "published_on", entry.get("published_on"))
    values.update(body=body, body_sha256=sha256_hex(body), **stamps)
    article = _validate(label, Article, values)
    article.pk = 1  # claims validate their spans against this instance
    return _record(Article, 1, values), article


def _build_hierarchy(
    kind: str,
    model: type[Actor | Place],
    entries: list[Mapping[str, Any]],
    index: Mapping[str, int],
    allowed: set[str],
    stamps: Mapping[str, str],
) -> list[Record]:
    """Actors and places: slugged records with aliases and a parent of their own kind."""
    records = []
    parents: dict[str, str | None] = {}
    for entry in entries:
        label = f"{kind} {entry['slug']!r}"
        _check_keys(label, entry, allowed, {"slug", "name", "kind"})
        parent = _ref(label, f"parent {kind}", entry.get("parent"), index)
        if parent == index[entry["slug"]]:
            raise CurationError(f"{label}: a {kind} cannot be its own parent.")
        parents[entry["slug"]] = entry.get("parent")
        values = {k: v for k, v in entry.items() if k != "parent"}
        values["aliases"] = _string_list(label, entry, "aliases")
        values.update(parent=parent, **stamps)
        _validate(label, model, values)
        records.append(_record(model, index[entry["slug"]], values))
    _check_no_cycles(kind, parents)
    return records


def _build_incidents(
    entries: list[Mapping[str, Any]],
    body: str,
    incidents: Mapping[str, int],
    actors: Mapping[str, int],
    places: Mapping[str, int],
    stamps: Mapping[str, str],
) -> tuple[list[Record], list[Record]]:
    records, participants = [], []
    for entry in entries:
        label = f"incident {entry['slug']!r}"
        _check_keys(label, entry, INCIDENT_KEYS, {"slug", "title", "kind"})
        values = {k: v for k, v in entry.items() if k != "participants"}
        for key in ("occurred_on", "occurred_until"):
            values[key] = _date(label, key, entry.get(key))
        values["places"] = _refs(label, "place", _string_list(label, entry, "places"), places)
        _check_words(label, "date_text", entry.get("date_text"), body, "article text")
        values.update(stamps)
        _validate(label, Incident, values)
        records.append(_record(Incident, incidents[entry["slug"]], values))

        seen: set[tuple[int, str]] = set()
        for item in entry.get("participants") or []:
            if not isinstance(item, Mapping):
                raise CurationError(f"{label}: each participant is a mapping (actor, role).")
            _check_keys(f"{label} participant", item, PARTICIPANT_KEYS, PARTICIPANT_KEYS)
            actor = _ref(label, "participant actor", item["actor"], actors)
            if (actor, item["role"]) in seen:
                raise CurationError(
                    f"{label}: {item['actor']!r} is listed twice as {item['role']}."
                )
            seen.add((actor, item["role"]))
            part = {
                "incident": incidents[entry["slug"]],
                "actor": actor,
                "role": item["role"],
                **stamps,
            }
            _validate(f"{label} participant {item['actor']!r}", IncidentParticipant, part)
            participants.append(_record(IncidentParticipant, len(participants) + 1, part))
    return records, participants


def _build_claims(
    entries: list[Mapping[str, Any]],
    article: Article,
    claims: Mapping[str, int],
    actors: Mapping[str, int],
    incidents: Mapping[str, int],
    stamps: Mapping[str, str],
) -> tuple[list[Record], list[Record], list[Record]]:
    records, links, losses = [], [], []
    seen_links: set[tuple[int, int, str]] = set()
    spans: dict[tuple[int, int], str] = {}
    for entry in entries:
        key = entry["key"]
        label = f"claim {key!r}"
        _check_keys(label, entry, CLAIM_KEYS, {"key", "category", "text", "quote"})
        quote = entry["quote"]
        if not isinstance(quote, str):
            raise CurationError(f"{label}: quote must be text.")
        occurrence = entry.get("occurrence")
        if occurrence is not None and (
            isinstance(occurrence, bool) or not isinstance(occurrence, int)
        ):
            raise CurationError(f"{label}: occurrence must be a whole number.")
        try:
            start, end = locate_quote(article.body, quote, occurrence)
        except QuoteError as exc:
            raise CurationError(f"{label}: quote {quote!r}: {exc}") from exc
        if (start, end) in spans:
            # Two statements give two claims with two different quotes.
            raise CurationError(f"{label}: quote {quote!r} is already claim {spans[start, end]!r}.")
        spans[start, end] = key

        own_incidents = _string_list(label, entry, "incidents")
        _check_words(label, "channel", entry.get("channel"), article.body, "article text")
        values = {
            k: v for k, v in entry.items() if k not in {"key", "occurrence", "losses", "links"}
        }
        values.update(
            article=1,
            claimant=_ref(label, "claimant", entry.get("claimant"), actors),
            channel_actor=_ref(label, "channel_actor", entry.get("channel_actor"), actors),
            stated_on=_date(label, "stated_on", entry.get("stated_on")),
            span_start=start,
            span_end=end,
            incidents=_refs(label, "incident", own_incidents, incidents),
            **stamps,
        )
        _validate(label, Claim, values, article=article)
        records.append(_record(Claim, claims[key], values))

        for item in entry.get("links") or []:
            links.append(_build_link(label, item, claims[key], claims, seen_links, stamps, links))
        for item in entry.get("losses") or []:
            losses.append(
                _build_loss(
                    label,
                    item,
                    claims[key],
                    own_incidents,
                    quote,
                    actors,
                    incidents,
                    stamps,
                    len(losses) + 1,
                )
            )
    return records, links, losses


def _build_link(
    label: str,
    item: Any,
    source: int,
    claims: Mapping[str, int],
    seen: set[tuple[int, int, str]],
    stamps: Mapping[str, str],
    done: list[Record],
) -> Record:
    if not isinstance(item, Mapping):
        raise CurationError(f"{label}: each link is a mapping (relation, target).")
    _check_keys(f"{label} link", item, LINK_KEYS, {"relation", "target"})
    target = _ref(f"{label} link", "claim key", item["target"], claims)
    if target == source:
        raise CurationError(f"{label}: a claim cannot be linked to itself.")
    if (source, target, item["relation"]) in seen:
        raise CurationError(f"{label}: the link {item['relation']} {item['target']!r} is doubled.")
    seen.add((source, target, item["relation"]))
    values = {**item, "source": source, "target": target, **stamps}
    _validate(f"{label} link to {item['target']!r}", ClaimLink, values)
    return _record(ClaimLink, len(done) + 1, values)


def _build_loss(
    label: str,
    item: Any,
    claim: int,
    claim_incidents: list[str],
    quote: str,
    actors: Mapping[str, int],
    incidents: Mapping[str, int],
    stamps: Mapping[str, str],
    pk: int,
) -> Record:
    if not isinstance(item, Mapping):
        raise CurationError(f"{label}: each loss is a mapping.")
    loss_label = f"{label} loss {pk}"
    _check_keys(loss_label, item, LOSS_KEYS, {"category"})
    incident = item.get("incident")
    if incident is not None and incident not in claim_incidents:
        # A number about an incident its claim is not about is a curation slip.
        raise CurationError(
            f"{loss_label}: incident {incident!r} is not among the claim's incidents."
        )
    _check_words(loss_label, "count_text", item.get("count_text"), quote, "claim's quote")
    values = {**item}
    values.update(
        claim=claim,
        incident=_ref(loss_label, "incident", incident, incidents),
        side=_ref(loss_label, "side actor", item.get("side"), actors),
        period_start=_date(loss_label, "period_start", item.get("period_start")),
        period_end=_date(loss_label, "period_end", item.get("period_end")),
        **stamps,
    )
    _validate(loss_label, Loss, values)
    return _record(Loss, pk, values)


# --- output -------------------------------------------------------------------------------


def render_fixture(records: list[Record]) -> str:
    """The fixture file's text: stable, readable, diff-friendly."""
    return json.dumps(records, indent=2, ensure_ascii=False) + "\n"


def build_fixture_text(source_path: Path, base_dir: Path) -> str:
    """Read a curated source file and return the fixture text to write."""
    return render_fixture(build_fixture(load_source(source_path), base_dir))
