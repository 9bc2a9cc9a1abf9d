"""Small helpers for the integrity tests."""

from typing import Any

from rest_framework.response import Response

RESOURCES = ["articles", "actors", "places", "incidents", "claims", "losses"]


def attrs(response: Response) -> list[str | None]:
    """The fields an error response names."""
    return [error["attr"] for error in response.json()["errors"]]


def etag_of(client: Any, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response["ETag"]
