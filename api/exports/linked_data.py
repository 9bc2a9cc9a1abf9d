"""JSON-LD in the schema.org vocabulary, with the API URLs as ``@id``s.

One document: ``{"@context": CONTEXT, "@graph": [nodes]}``. The context is inline (no network
fetch of https://schema.org is needed to expand it). The mapping:

- Article  -> NewsArticle (headline, datePublished, inLanguage, publisher, url = the source)
- Claim    -> Claim (text = the verbatim quote, description = the paraphrase,
              author = the claimant, appearance = the article, about = its incidents)
- Incident -> Event (name, startDate, endDate, location = Places with GeoCoordinates,
              subjectOf = the claims about it)
- Actor    -> Person (persons), Country (states), Organization (everything else)
- Place    -> Country (countries) or Place, with geo GeoCoordinates and containedInPlace
Losses have no schema.org type and are not offered as JSON-LD.
"""

from collections.abc import Callable, Sequence
from typing import Any

from django.db.models import Model

from conflict.models import Incident
from conflict.models.choices import ActorKind, PlaceKind

from .writers import Item, JsonArrayWriter

SCHEMA = "https://schema.org/"
CONTEXT: dict[str, Any] = {
    "@vocab": SCHEMA,
    "url": {"@type": "@id"},
    "sameAs": {"@type": "@id"},
}
WIKIDATA = "http://www.wikidata.org/entity/"

Node = dict[str, Any]


def compact(node: Node) -> Node:
    """Drop absent values: JSON-LD has no null, an unknown is simply not stated."""
    return {key: value for key, value in node.items() if value not in (None, "", [])}


def ref(summary: dict[str, Any] | None, node_type: str | None) -> Node | None:
    if summary is None:
        return None
    return compact({"@id": summary["url"], "@type": node_type, "name": summary.get("name")})


def same_as(record: dict[str, Any]) -> str | None:
    return f"{WIKIDATA}{record['wikidata_id']}" if record.get("wikidata_id") else None


def geo(latitude: float | None, longitude: float | None) -> Node | None:
    if latitude is None or longitude is None:
        return None
    return {"@type": "GeoCoordinates", "latitude": latitude, "longitude": longitude}


def article_node(instance: Model, record: dict[str, Any]) -> Node:
    publisher = {"@type": "Organization", "name": record["publisher"]}
    return compact(
        {
            "@id": record["url"],
            "@type": "NewsArticle",
            "identifier": record["slug"],
            "headline": record["title"],
            "datePublished": record["published_on"],
            "inLanguage": record["language"],
            "publisher": publisher if record["publisher"] else None,
            "url": record["source_url"],
        }
    )


def claim_node(instance: Model, record: dict[str, Any]) -> Node:
    return compact(
        {
            "@id": record["url"],
            "@type": "Claim",
            "text": record["quote"],
            "description": record["text"],
            "author": ref(record["claimant"], None),  # its type is on the actor's own node
            "appearance": ref(record["article"], "NewsArticle"),
            "datePublished": record["stated_on"],
            "about": [ref(incident, "Event") for incident in record["incidents"]],
        }
    )


def incident_node(instance: Incident, record: dict[str, Any]) -> Node:
    places = {place.pk: place for place in instance.places.all()}
    locations = [
        compact(
            {
                **ref(summary, "Place"),
                "geo": geo(places[summary["id"]].latitude, places[summary["id"]].longitude),
            }
        )
        for summary in record["places"]
    ]
    return compact(
        {
            "@id": record["url"],
            "@type": "Event",
            "identifier": record["slug"],
            "name": record["title"],
            "description": record["description"],
            "startDate": record["occurred_on"],
            "endDate": record["occurred_until"],
            "location": locations,
            "subjectOf": [{"@id": claim["url"], "@type": "Claim"} for claim in record["claims"]],
        }
    )


ACTOR_TYPES = {ActorKind.PERSON: "Person", ActorKind.STATE: "Country"}


def actor_node(instance: Model, record: dict[str, Any]) -> Node:
    node_type = ACTOR_TYPES.get(record["kind"], "Organization")
    parent_property = {"Person": "affiliation", "Organization": "parentOrganization"}
    node = {
        "@id": record["url"],
        "@type": node_type,
        "identifier": record["slug"],
        "name": record["name"],
        "alternateName": record["aliases"],
        "jobTitle": record["role"] if node_type == "Person" else None,
        "sameAs": same_as(record),
    }
    if node_type in parent_property:
        node[parent_property[node_type]] = ref(record["parent"], "Organization")
    return compact(node)


def place_node(instance: Model, record: dict[str, Any]) -> Node:
    return compact(
        {
            "@id": record["url"],
            "@type": "Country" if record["kind"] == PlaceKind.COUNTRY else "Place",
            "identifier": record["slug"],
            "name": record["name"],
            "alternateName": record["aliases"],
            "geo": geo(record["latitude"], record["longitude"]),
            "containedInPlace": ref(record["parent"], "Place"),
            "sameAs": same_as(record),
        }
    )


NODES: dict[str, Callable[[Any, dict[str, Any]], Node]] = {
    "article": article_node,
    "claim": claim_node,
    "incident": incident_node,
    "actor": actor_node,
    "place": place_node,
}


class JsonLdWriter(JsonArrayWriter):
    def __init__(self, node: Callable[[Model, dict[str, Any]], Node]) -> None:
        super().__init__({"@context": CONTEXT}, "@graph")
        self.node = node

    def members(self, items: Sequence[Item]) -> list[Node]:
        return [self.node(instance, record) for instance, record in items]
