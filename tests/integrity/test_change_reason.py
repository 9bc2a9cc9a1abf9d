"""``X-Change-Reason`` keeps the editor's own characters: UTF-8 or RFC 8187, never mojibake.

WSGI hands header bytes to Django decoded as latin-1, so "Fixed the café's name" sent as
UTF-8 was stored as "Fixed the cafÃ©'s name".
"""

import http.client
import json
from urllib.parse import urlsplit

import pytest

from conflict.models import Actor

pytestmark = pytest.mark.django_db(transaction=True)

REASON = "Orthographe corrigée: « Bakou » — 修正"


def percent(text: str) -> bytes:
    return "".join(f"%{byte:02X}" for byte in text.encode("utf-8")).encode("ascii")


def patch_over_http(base: str, token: str, pk: int, reason: bytes) -> tuple[int, dict]:
    """A PATCH whose header bytes go on the wire exactly as given."""
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    conn.putrequest("PATCH", f"/api/v1/actors/{pk}/")
    conn.putheader("Authorization", f"Token {token}")
    conn.putheader("Content-Type", "application/json")
    conn.putheader("If-Match", "*")
    conn.putheader("X-Change-Reason", reason)
    body = json.dumps({"notes": "Checked."}).encode()
    conn.putheader("Content-Length", str(len(body)))
    conn.endheaders(body)
    response = conn.getresponse()
    status, data = response.status, json.loads(response.read() or b"null")
    conn.close()
    return status, data


def latest_reason(pk: int) -> str:
    return Actor.history.filter(id=pk).latest("history_date").history_change_reason


@pytest.mark.parametrize(
    "sent",
    [
        REASON.encode("utf-8"),
        b"UTF-8''" + percent(REASON),
        b"utf-8'fr'" + percent(REASON),
    ],
    ids=["utf-8", "rfc8187", "rfc8187-language"],
)
def test_a_reason_is_stored_with_its_real_characters(live_server, editor_token, sent):
    actor = Actor.objects.create(name="Baku office", slug="baku-office", kind="other")
    status, data = patch_over_http(live_server.url, editor_token, actor.pk, sent)
    assert status == 200, data
    assert latest_reason(actor.pk) == REASON


def test_a_reason_that_is_not_utf8_is_a_400_naming_the_header(live_server, editor_token):
    actor = Actor.objects.create(name="Baku office", slug="baku-office", kind="other")
    status, data = patch_over_http(
        live_server.url, editor_token, actor.pk, "café".encode("latin-1")
    )
    assert status == 400, data
    assert [e["attr"] for e in data["errors"]] == ["X-Change-Reason"]
    actor.refresh_from_db()
    assert actor.notes == ""
