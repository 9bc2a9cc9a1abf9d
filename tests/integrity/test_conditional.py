"""ETags: 304 for a current copy; writes need If-Match (428 without, 412 when stale)."""

import pytest
from rest_framework.test import APIClient

from conflict.models import Claim

from .helpers import attrs

pytestmark = pytest.mark.django_db
URL = "/api/v1/claims/3/"


def test_details_carry_an_etag_and_last_modified_and_answer_304(seed):
    api = APIClient()
    first = api.get(URL)
    etag = first["ETag"]
    assert etag.startswith('"')
    assert first["Last-Modified"].endswith("GMT")
    again = api.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert api.get(URL, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200
    Claim.objects.filter(pk=3).update(notes="Reviewed.")
    changed = api.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_a_write_without_if_match_is_a_428(seed, editor_api):
    response = editor_api.patch(URL, {"notes": "x"}, format="json")
    assert response.status_code == 428
    assert attrs(response) == ["If-Match"]
    assert editor_api.delete(URL).status_code == 428
    assert Claim.objects.get(pk=3).notes == ""


def test_a_stale_if_match_is_a_412_and_the_first_write_wins(seed, editor_api):
    etag = editor_api.get(URL)["ETag"]
    first = editor_api.patch(URL, {"notes": "first"}, format="json", HTTP_IF_MATCH=etag)
    assert first.status_code == 200
    assert first["ETag"] != etag
    second = editor_api.patch(URL, {"notes": "second"}, format="json", HTTP_IF_MATCH=etag)
    assert second.status_code == 412
    assert attrs(second) == ["If-Match"]
    assert Claim.objects.get(pk=3).notes == "first"
    # The ETag a write returns is the one the next write needs.
    third = editor_api.patch(URL, {"notes": "third"}, format="json", HTTP_IF_MATCH=first["ETag"])
    assert third.status_code == 200
    assert editor_api.get(URL)["ETag"] == third["ETag"]


def test_a_stale_delete_is_refused(seed, editor_api):
    url = "/api/v1/losses/1/"
    etag = editor_api.get(url)["ETag"]
    editor_api.patch(url, {"notes": "changed"}, format="json", HTTP_IF_MATCH=etag)
    assert editor_api.delete(url, HTTP_IF_MATCH=etag).status_code == 412
    current = editor_api.get(url)["ETag"]
    assert editor_api.delete(url, HTTP_IF_MATCH=current).status_code == 204
    assert editor_api.get(url).status_code == 404
