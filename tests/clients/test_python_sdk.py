"""The Python SDK, generated from the committed schema, works against a live server.

openapi-python-client (a pinned dev dependency) generates the package into a temporary
directory, exactly as the README's "Generate a client" says; the tests import it and call
the API over HTTP with the seed data loaded.
"""

import importlib
import inspect
import subprocess
import sys
from pathlib import Path
from types import ModuleType, SimpleNamespace
from urllib.parse import parse_qs, urlparse

import pytest

from conflict.models import Claim, Incident

from .conftest import ROOT

PACKAGE = "conflict_claims_client"


@pytest.fixture(scope="module")
def sdk(tmp_path_factory) -> SimpleNamespace:
    out = tmp_path_factory.mktemp("python-sdk")
    generator = Path(sys.executable).parent / "openapi-python-client"
    result = subprocess.run(
        [
            generator,
            "generate",
            "--path",
            ROOT / "api" / "openapi.yaml",
            "--config",
            ROOT / "clients" / "python" / "openapi-python-client.yaml",
            "--meta",
            "none",
            "--output-path",
            out / PACKAGE,
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # Any warning means part of the API is missing from the SDK.
    assert "Warning" not in result.stdout + result.stderr, result.stdout + result.stderr
    sys.path.insert(0, str(out))
    try:

        def module(name: str) -> ModuleType:
            return importlib.import_module(f"{PACKAGE}.{name}")

        yield SimpleNamespace(
            client=module("client"),
            models=module("models"),
            claims_list=module("api.claims.claims_list"),
            claims_create=module("api.claims.claims_create"),
            claims_partial_update=module("api.claims.claims_partial_update"),
            incidents_retrieve=module("api.incidents.incidents_retrieve"),
        )
    finally:
        sys.path.remove(str(out))
        for name in [n for n in sys.modules if n == PACKAGE or n.startswith(f"{PACKAGE}.")]:
            del sys.modules[name]


@pytest.fixture
def reader(sdk, live_server, seed):
    # As a context manager: the connection pool closes with the test.
    with sdk.client.Client(base_url=live_server.url, raise_on_unexpected_status=True) as client:
        yield client


@pytest.fixture
def editor_client(sdk, live_server, seed, editor_token):
    with sdk.client.AuthenticatedClient(
        base_url=live_server.url,
        token=editor_token,
        prefix="Token",
        raise_on_unexpected_status=True,
    ) as client:
        yield client


def test_claims_filtered_by_claimant_and_stance(sdk, reader):
    page = sdk.claims_list.sync(
        client=reader, claimant=["azerbaijan"], stance=[sdk.models.StanceEnum.DENIES]
    )
    assert isinstance(page, sdk.models.PaginatedClaimList)
    expected = Claim.objects.filter(
        claimant__slug="azerbaijan", stance="denies", status="published"
    ).values_list("id", flat=True)
    assert page.count == len(expected) > 0
    assert sorted(claim.id for claim in page.results) == sorted(expected)
    for claim in page.results:
        assert claim.claimant.slug == "azerbaijan"
        assert claim.stance is sdk.models.StanceEnum.DENIES


def test_page_through_every_claim(sdk, reader):
    published = sorted(Claim.objects.filter(status="published").values_list("id", flat=True))
    seen, page_number = [], 1
    while True:
        page = sdk.claims_list.sync(client=reader, page=page_number, page_size=7)
        seen += [claim.id for claim in page.results]
        assert page.count == len(published)
        if page.next_ is None:
            break
        page_number += 1
    assert page_number == -(-len(published) // 7)
    assert sorted(seen) == published

    # The cursor walk: id order, following `next`'s cursor.
    walked, cursor = [], None
    cursor_mode = sdk.models.ClaimsListPaginate.CURSOR
    while True:
        kwargs = {"cursor": cursor} if cursor else {}
        page = sdk.claims_list.sync(client=reader, paginate=cursor_mode, page_size=5, **kwargs)
        walked += [claim.id for claim in page.results]
        if page.next_ is None:
            break
        cursor = parse_qs(urlparse(page.next_).query)["cursor"][0]
    assert walked == published


def test_incident_with_its_places(sdk, reader):
    incident = sdk.incidents_retrieve.sync("shusha-cathedral-shelling", client=reader)
    assert isinstance(incident, sdk.models.Incident)
    stored = Incident.objects.get(slug="shusha-cathedral-shelling")
    assert incident.id == stored.id
    assert incident.contested is True
    assert [place.slug for place in incident.places] == ["shusha-cathedral"]
    assert incident.kind is sdk.models.IncidentKindEnum.SHELLING


def test_a_bad_filter_is_a_typed_error(sdk, reader):
    response = sdk.claims_list.sync_detailed(client=reader, page_size=1000)
    assert response.status_code == 400
    error = response.parsed
    assert isinstance(error, sdk.models.ErrorResponse)
    assert error.type_ is sdk.models.ErrorTypeEnum.VALIDATION_ERROR
    assert [(e.attr, e.code) for e in error.errors] == [("page_size", "max_value")]


def test_editor_creates_and_updates_a_claim_and_a_stale_etag_is_412(sdk, editor_client):
    models = sdk.models
    body = models.ClaimWriteRequest(
        article=1,
        claimant=9,
        stance=models.StanceEnum.ASSERTS,
        category=models.ClaimCategoryEnum.OTHER,
        text="Armenia gave no reason for dismissing the head of its National Security Service.",
        quote="It gave no reason.",
    )
    created = sdk.claims_create.sync_detailed(
        client=editor_client, body=body, x_change_reason="SDK test"
    )
    assert created.status_code == 201, created.content
    claim = created.parsed
    assert isinstance(claim, models.Claim)
    assert claim.status is models.ReviewStatusEnum.DRAFT
    assert claim.span_end - claim.span_start == len("It gave no reason.")
    first_etag = created.headers["ETag"]

    updated = sdk.claims_partial_update.sync_detailed(
        claim.id,
        client=editor_client,
        body=models.PatchedClaimWriteRequest(notes="Checked against the broadcast."),
        if_match=first_etag,
    )
    assert updated.status_code == 200, updated.content
    assert updated.parsed.notes == "Checked against the broadcast."
    assert updated.headers["ETag"] != first_etag
    assert Claim.objects.get(pk=claim.id).notes == "Checked against the broadcast."

    stale = sdk.claims_partial_update.sync_detailed(
        claim.id,
        client=editor_client,
        body=models.PatchedClaimWriteRequest(notes="An edit made on an old copy."),
        if_match=first_etag,
    )
    assert stale.status_code == 412
    assert isinstance(stale.parsed, models.ErrorResponse)
    assert [(e.attr, e.code) for e in stale.parsed.errors] == [("If-Match", "precondition_failed")]
    assert Claim.objects.get(pk=claim.id).notes == "Checked against the broadcast."


def test_reads_take_a_plain_client_and_writes_an_authenticated_one(sdk):
    # Type checkers then accept `Client(...)` for reads, as the README's example uses it.
    reads = inspect.signature(sdk.claims_list.sync).parameters["client"].annotation
    writes = inspect.signature(sdk.claims_create.sync).parameters["client"].annotation
    assert reads == sdk.client.AuthenticatedClient | sdk.client.Client
    assert writes is sdk.client.AuthenticatedClient
