"""The data package: built once per data version, checksummed, and bounded in concurrency.

Every download is read to its end (as a server would send it): that is when the test client
closes the response, which gives its slots back.
"""

import hashlib
import io
import json
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api.exports.package_cache import build_lock, cache_dir
from conflict.models import Actor

from .conftest import body

URL = "/api/v1/datapackage.zip"


@pytest.fixture
def limits(settings):
    settings.PACKAGE_DOWNLOADS_PER_CLIENT = 1
    settings.PACKAGE_DOWNLOADS = 2


def test_the_package_carries_a_sha256_per_file_and_its_length(client, seed):
    response = client.get(URL)
    content = body(response)
    assert int(response["Content-Length"]) == len(content)  # a cut download is shorter
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        listed = {}
        for line in archive.read("checksums.sha256").decode().splitlines():
            digest, name = line.split("  ")
            listed[name] = digest
        others = set(archive.namelist()) - {"checksums.sha256"}
        assert set(listed) == others
        for name in others:
            assert hashlib.sha256(archive.read(name)).hexdigest() == listed[name]
        descriptor = json.loads(archive.read("datapackage.json"))
        for resource in descriptor["resources"]:
            data = archive.read(resource["path"])
            assert resource["bytes"] == len(data)
            assert resource["hash"] == f"sha256:{hashlib.sha256(data).hexdigest()}"


def test_built_once_per_data_version_and_rebuilt_after_a_change(client, seed):
    first = client.get(URL)
    first_content = body(first)
    with CaptureQueriesContext(connection) as captured:
        again = client.get(URL)
        assert body(again) == first_content
    assert again["ETag"] == first["ETag"]
    # Only the data version's aggregates ran: no row of any resource was read.
    assert not [q["sql"] for q in captured.captured_queries if "LIMIT" in q["sql"]]
    actor = Actor.objects.get(slug="azerbaijan")
    actor.name = "Azerbaijan (renamed for the test)"
    actor.save()
    changed = client.get(URL)
    assert changed["ETag"] != first["ETag"]
    with zipfile.ZipFile(io.BytesIO(body(changed))) as archive:
        assert "Azerbaijan (renamed for the test)" in archive.read("actors.csv").decode()
    assert len(list(cache_dir().glob("package-*.zip"))) == 1  # the old version is gone


def test_past_the_client_limit_a_429_and_past_the_overall_limit_a_503(client, seed, limits):
    body(client.get(URL))  # built; what follows only downloads
    held = client.get(URL, REMOTE_ADDR="192.0.2.1")  # not read yet: the download runs
    refused = client.get(URL, REMOTE_ADDR="192.0.2.1")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert refused.json()["errors"][0]["code"] == "throttled"
    other = client.get(URL, REMOTE_ADDR="192.0.2.2")  # another client: the second slot
    assert other.status_code == 200
    busy = client.get(URL, REMOTE_ADDR="192.0.2.3")
    assert busy.status_code == 503
    assert int(busy["Retry-After"]) > 0
    assert busy.json()["errors"][0]["code"] == "busy"
    body(held)  # read to the end: its slots are free again
    body(other)
    again = client.get(URL, REMOTE_ADDR="192.0.2.1")
    body(again)
    assert again.status_code == 200


def test_while_another_request_builds_it_a_503_with_retry_after(client, seed):
    body(client.get(URL))  # built once: its lock file is now there
    locks = list(cache_dir().glob("package-*.lock"))
    Actor.objects.filter(slug="azerbaijan").update(name="Changed, so a build is due")
    with build_lock(locks[0]):
        response = client.get(URL)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "being built" in response.json()["errors"][0]["detail"]
    after = client.get(URL)
    body(after)
    assert after.status_code == 200
