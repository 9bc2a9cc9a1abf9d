"""Controlled vocabularies.

Each is a named ``TextChoices`` so the OpenAPI schema gets one deliberately named enum per
vocabulary. The stored values are stable identifiers: renaming one is a breaking change.
"""

from django.db import models

from ..statuses import ReviewStatus  # noqa: F401  (one of the vocabularies; defined outside for conflict.rules)


class ActorKind(models.TextChoices):
    STATE = "state", "State"
    GOVERNMENT_BODY = "government_body", "Government body"
    MINISTRY_AGENCY = "ministry_agency", "Ministry or agency"
    ARMED_FORCE = "armed_force", "Armed force or unit"
    PERSON = "person", "Person"
    INTERNATIONAL_ORGANISATION = "international_organisation", "International organisation"
    MEDIA_OUTLET = "media_outlet", "Media outlet"
    OTHER = "other", "Other"


class PlaceKind(models.TextChoices):
    COUNTRY = "country", "Country"
    REGION = "region", "Region"
    PROVINCE_DISTRICT = "province_district", "Province or district"
    CITY_TOWN = "city_town", "City or town"
    SITE_BUILDING = "site_building", "Site or building"
    BORDER_AREA = "border_area", "Border area"


class PlacePrecision(models.TextChoices):
    """How exact a place's point is; the scale follows UCDP's where_prec."""

    EXACT = "exact", "Exact location"
    NEAR = "near", "Within about 25 km of a named place"
    DISTRICT = "district", "Second-order administrative division"
    PROVINCE = "province", "First-order administrative division"
    REGION = "region", "Part of a country larger than a province"
    COUNTRY = "country", "The country"


class IncidentKind(models.TextChoices):
    """ACLED sub-event types (the ACLED event type is derived, see ``ACLED_EVENT_TYPES``)."""

    ARMED_CLASH = "armed_clash", "Armed clash"
    SHELLING = "shelling", "Shelling/artillery/missile attack"
    AIR_DRONE_STRIKE = "air_drone_strike", "Air/drone strike"
    REMOTE_EXPLOSIVE = "remote_explosive", "Remote explosive/landmine"
    ATTACK_ON_CIVILIANS = "attack_on_civilians", "Attack on civilians"
    AGREEMENT = "agreement", "Agreement"
    DIPLOMATIC_MEETING = "diplomatic_meeting", "Diplomatic meeting or talks"
    DIPLOMATIC_MEASURE = "diplomatic_measure", "Diplomatic measure (e.g. ambassador recall)"
    CHANGE_TO_GROUP = "change_to_group", "Change to group/activity (e.g. a dismissal)"
    DISRUPTED_WEAPONS_USE = (
        "disrupted_weapons_use",
        "Disrupted weapons use (e.g. a drone shot down)",
    )
    PROPERTY_DESTRUCTION = "property_destruction", "Looting/property destruction"
    TERRITORY_TRANSFER = "territory_transfer", "Non-violent transfer of territory"
    OTHER = "other", "Other"


# ACLED's event_type for each of our kinds: the one place the two vocabularies meet.
ACLED_EVENT_TYPES: dict[str, str] = {
    IncidentKind.ARMED_CLASH: "Battles",
    IncidentKind.SHELLING: "Explosions/Remote violence",
    IncidentKind.AIR_DRONE_STRIKE: "Explosions/Remote violence",
    IncidentKind.REMOTE_EXPLOSIVE: "Explosions/Remote violence",
    IncidentKind.ATTACK_ON_CIVILIANS: "Violence against civilians",
    IncidentKind.AGREEMENT: "Strategic developments",
    IncidentKind.DIPLOMATIC_MEETING: "Strategic developments",
    IncidentKind.DIPLOMATIC_MEASURE: "Strategic developments",
    IncidentKind.CHANGE_TO_GROUP: "Strategic developments",
    IncidentKind.DISRUPTED_WEAPONS_USE: "Strategic developments",
    IncidentKind.PROPERTY_DESTRUCTION: "Strategic developments",
    IncidentKind.TERRITORY_TRANSFER: "Strategic developments",
    IncidentKind.OTHER: "Strategic developments",
}


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    WEEK = "week", "Week"
    MONTH = "month", "Month"
    YEAR = "year", "Year"
    SPAN = "span", "Span of days"


class ParticipantRole(models.TextChoices):
    PERPETRATOR = "perpetrator", "Perpetrator"
    TARGET = "target", "Target"
    PARTICIPANT = "participant", "Participant"
    MEDIATOR = "mediator", "Mediator"


class Stance(models.TextChoices):
    ASSERTS = "asserts", "Asserts"
    DENIES = "denies", "Denies"


class ClaimCategory(models.TextChoices):
    EVENT_REPORT = "event_report", "Event report"
    TOLL = "toll", "Toll"
    POSITION = "position", "Position or demand"
    APPEAL = "appeal", "Appeal"
    ALLEGATION = "allegation", "Allegation"
    OTHER = "other", "Other"


class ClaimRelation(models.TextChoices):
    """How one claim relates to another (read: source <relation> target)."""

    CONTRADICTS = "contradicts", "Contradicts"
    SUPPORTS = "supports", "Supports"
    RESPONDS_TO = "responds_to", "Responds to"
    # The same claimant saying the same thing, in another outlet's report (target: the first).
    RESTATES = "restates", "Restates"


class LossCategory(models.TextChoices):
    KILLED = "killed", "Killed"
    WOUNDED = "wounded", "Wounded"
    MISSING = "missing", "Missing"
    CAPTURED = "captured", "Captured"
    DESTROYED = "destroyed", "Destroyed"
    DAMAGED = "damaged", "Damaged"
    SHOT_DOWN = "shot_down", "Shot down"


# Categories that count people; the others count materiel.
PEOPLE_LOSS_CATEGORIES = (
    LossCategory.KILLED,
    LossCategory.WOUNDED,
    LossCategory.MISSING,
    LossCategory.CAPTURED,
)


class Population(models.TextChoices):
    CIVILIAN = "civilian", "Civilian"
    MILITARY = "military", "Military"
    UNKNOWN = "unknown", "Unknown"
