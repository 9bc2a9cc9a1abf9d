"""The OpenAPI schema: valid, warning-free, named for SDK generators, every filter typed."""

import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from django.conf import settings
from django.contrib.staticfiles import finders
from django_filters import filters as df

from api.filtersets.lookups import BooleanFilter, IdInFilter, RelatedInFilter
from api.urls import router
from conflict.models import choices

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = [prefix for prefix, _, _ in router.registry]


@pytest.fixture(scope="module")
def schema(tmp_path_factory) -> dict:
    """The schema as `manage.py spectacular` writes it, validated, failing on any warning."""
    out = tmp_path_factory.mktemp("schema") / "schema.yml"
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DATABASE_URL"}}
    env |= {"DEBUG": "1", "DJANGO_SETTINGS_MODULE": "conflict.settings"}
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "spectacular",
            "--validate",
            "--fail-on-warn",
            "--file",
            str(out),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Warning" not in result.stderr, result.stderr
    return yaml.safe_load(out.read_text(encoding="utf-8"))


def test_committed_schema_is_up_to_date(schema):
    # The contract is reviewed as a diff of api/openapi.yaml (pretalx does the same): a change
    # to the API that does not update the file fails here.
    committed = yaml.safe_load((ROOT / "api" / "openapi.yaml").read_text(encoding="utf-8"))
    assert committed == schema, (
        "api/openapi.yaml is stale: DEBUG=1 .venv/bin/python manage.py spectacular "
        "--validate --fail-on-warn --file api/openapi.yaml"
    )


def operations(schema: dict) -> dict[str, dict]:
    return {op["operationId"]: op for item in schema["paths"].values() for op in item.values()}


def test_served_schema_is_the_generated_one(api, db, schema):
    served = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert served.status_code == 200
    assert sorted(served.json()["paths"]) == sorted(schema["paths"])


def test_operation_ids_and_tags_are_per_resource_without_version_prefix(schema):
    ops = operations(schema)
    actions = ("list", "retrieve", "create", "update", "partial_update", "destroy", "history")
    assert {f"{r}_{a}" for r in RESOURCES for a in actions} <= set(ops)
    for operation_id, operation in ops.items():
        assert operation_id.startswith(f"{operation['tags'][0]}_")
        assert len(operation["tags"]) == 1
    assert all(path.startswith("/api/v1/") for path in schema["paths"])


def test_every_vocabulary_is_one_deliberately_named_enum(schema):
    components = schema["components"]["schemas"]
    enums = {name for name, component in components.items() if "enum" in component}
    overrides = settings.SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]
    # Named by the API's own fields (no override needed: no other field shares the name).
    own = {"AcledEventTypeEnum", "DirectionEnum", "TypeEnum", "BlankEnum", "NullEnum"}
    assert set(overrides) <= enums
    assert enums <= set(overrides) | own, enums - set(overrides) - own
    assert components["StanceEnum"]["enum"] == choices.Stance.values
    assert components["LossCategoryEnum"]["enum"] == choices.LossCategory.values
    assert components["ActorKindEnum"]["enum"] == choices.ActorKind.values
    assert components["PlaceKindEnum"]["enum"] == choices.PlaceKind.values


def parameters(schema: dict, operation_id: str) -> dict[str, dict]:
    return {p["name"]: p for p in operations(schema)[operation_id]["parameters"]}


@pytest.mark.parametrize("resource", RESOURCES)
def test_every_filter_parameter_is_documented_with_its_type(schema, resource):
    viewset = next(v for prefix, v, _ in router.registry if prefix == resource)
    params = parameters(schema, f"{resource}_list")
    for name, filter_ in viewset.filterset_class.base_filters.items():
        param = params[name]
        kind = param["schema"]
        assert param.get("description"), name
        if isinstance(filter_, df.BaseCSVFilter):
            assert kind["type"] == "array", name
            assert param["explode"] is False
            assert param["style"] == "form"
            kind = kind["items"]
        if isinstance(filter_, df.DateFilter):
            assert kind == {"type": "string", "format": "date"}, name
        elif isinstance(filter_, BooleanFilter):
            assert kind == {"type": "boolean"}, name
        elif isinstance(filter_, IdInFilter):
            assert kind["type"] == "integer", name
        elif isinstance(filter_, df.ChoiceFilter):
            # A vocabulary's choices refer to its named enum, so SDKs share one type.
            assert "$ref" in kind, name
            enum = schema["components"]["schemas"][kind["$ref"].rsplit("/", 1)[1]]["enum"]
            assert sorted(enum) == sorted(v for v, _ in filter_.extra["choices"]), name
        elif isinstance(filter_, RelatedInFilter):
            assert kind["type"] in {"string", "integer"}, name
        else:
            assert kind["type"] == "string", name
    for name in ("search", "ordering", "page", "page_size", "paginate", "cursor"):
        assert name in params
    assert params["page_size"]["schema"]["maximum"] == 500
    assert params["paginate"]["schema"]["enum"] == ["page", "cursor"]
    ordering = params["ordering"]["schema"]["items"]["enum"]
    assert set(ordering) == {
        f"{sign}{field}" for field in viewset.ordering_fields for sign in ("", "-")
    }


@pytest.mark.parametrize(
    ("resource", "name", "kind"),
    [
        ("articles", "id_or_slug", "string"),
        ("actors", "id_or_slug", "string"),
        ("places", "id_or_slug", "string"),
        ("incidents", "id_or_slug", "string"),
        ("claims", "id", "integer"),
        ("losses", "id", "integer"),
    ],
)
def test_detail_path_parameter(schema, resource, name, kind):
    param = parameters(schema, f"{resource}_retrieve")[name]
    assert param["in"] == "path"
    assert param["schema"]["type"] == kind
    if name == "id_or_slug":
        assert "slug" in param["description"]


def test_errors_are_documented_in_the_one_error_shape(schema):
    for operation in operations(schema).values():
        for code in ("400", "404"):
            content = operation["responses"][code]["content"]["application/json"]
            assert content["schema"] == {"$ref": "#/components/schemas/ErrorResponse"}
    error = schema["components"]["schemas"]["Error"]
    assert set(error["properties"]) == {"code", "detail", "attr"}
    assert error["properties"]["attr"]["type"] == ["string", "null"]


def test_nested_summaries_and_links_are_typed(schema):
    components = schema["components"]["schemas"]
    claim = components["Claim"]["properties"]
    assert claim["links"]["items"] == {"$ref": "#/components/schemas/ClaimLink"}
    assert set(components["ClaimLink"]["properties"]) == {"relation", "direction", "claim"}
    assert set(components["ActorSummary"]["properties"]) == {"id", "url", "slug", "name"}
    assert components["Incident"]["properties"]["contested"]["type"] == "boolean"
    page = components["PaginatedClaimList"]
    assert set(page["properties"]) == {"count", "next", "previous", "results"}


ABSOLUTE = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)
LOCAL = re.compile(r"""(?:src|href)=["'](/static/[^"']+)["']""")


@pytest.mark.parametrize("path", ["/api/v1/docs/", "/api/v1/redoc/"])
def test_docs_pages_load_only_local_assets(api, db, path):
    response = api.get(path)
    assert response.status_code == 200
    page = response.content.decode()
    assert not ABSOLUTE.search(page), ABSOLUTE.search(page)
    assert "https://" not in page
    # Swagger UI's start-up script is its own file (no inline script, for the CSP).
    own_scripts = re.findall(rf"""<script src=["']({path}\?script=[^"']*)["']""", page)
    page += "".join(api.get(src).content.decode() for src in own_scripts)
    assert "/api/v1/schema/" in page
    assets = LOCAL.findall(page)
    assert any(asset.endswith(".js") for asset in assets)
    for asset in assets:
        assert finders.find(asset.removeprefix(settings.STATIC_URL).removeprefix("/static/"))


def test_every_operation_has_a_summary_a_description_and_one_declared_tag(schema):
    declared = {tag["name"] for tag in schema["tags"]}
    ops = operations(schema)
    summaries = [operation["summary"] for operation in ops.values()]
    assert len(set(summaries)) == len(summaries)  # documentation tools list them side by side
    for operation_id, operation in ops.items():
        assert operation["summary"].strip(), operation_id
        assert operation["description"].strip(), operation_id
        assert len(operation["tags"]) == 1, operation_id
        assert operation["tags"][0] in declared, operation_id


def test_error_statuses_are_documented_where_they_can_happen(schema):
    for item in schema["paths"].values():
        for method, operation in item.items():
            codes = set(operation["responses"])
            assert {"400", "401", "404", "406", "429"} <= codes, operation["operationId"]
            if method in {"post", "put", "patch"}:
                assert {"403", "413", "415"} <= codes, operation["operationId"]
            if method in {"put", "patch", "delete"}:
                assert {"412", "428"} <= codes, operation["operationId"]
            resource_read = operation["tags"][0] in RESOURCES and method == "get"
            if resource_read and operation["operationId"].endswith(("_list", "_history")):
                # ?status=draft and a record's history are for editors.
                assert "403" in codes, operation["operationId"]
            # 202: an ingest queued (POST /articles/ with a queue), answered with its job.
            for code in codes - {"200", "201", "202", "204", "304"}:
                content = operation["responses"][code]["content"]["application/json"]
                assert content["schema"] == {"$ref": "#/components/schemas/ErrorResponse"}


def test_a_body_that_is_not_json_is_a_415_in_the_error_shape(editor_api, world):
    response = editor_api.post("/api/v1/claims/", "hello", content_type="text/plain")
    assert response.status_code == 415
    assert response.json()["errors"][0]["code"] == "unsupported_media_type"


def test_integer_bounds_are_the_same_on_every_database(seed, editor_api, schema):
    # SQLite would store 3 billion where PostgreSQL cannot: both refuse it, naming the field,
    # and the schema (generated on SQLite) states PostgreSQL's bound.
    bound = schema["components"]["schemas"]["LossWriteRequest"]["properties"]["count_best"]
    assert bound["maximum"] == 2_147_483_647
    loss = editor_api.get("/api/v1/losses/").json()["results"][0]
    etag = editor_api.get(f"/api/v1/losses/{loss['id']}/")["ETag"]
    response = editor_api.patch(
        f"/api/v1/losses/{loss['id']}/",
        {"count_low": None, "count_best": 3_000_000_000, "count_high": None},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert response.status_code == 400
    assert [error["attr"] for error in response.json()["errors"]] == ["count_best"]


def test_try_it_out_calls_the_server_that_served_the_docs(live_server):
    # Swagger UI (like every OpenAPI tool) resolves a relative server URL against the
    # schema's own address: `make serve PORT=8123` must not send requests to port 8000.
    schema_url = f"{live_server.url}/api/v1/schema/"
    with urllib.request.urlopen(schema_url) as response:
        served = yaml.safe_load(response.read())
    server = urljoin(schema_url, served["servers"][0]["url"])
    with urllib.request.urlopen(urljoin(server, "api/v1/claims/?page_size=1")) as response:
        assert response.status == 200
    assert server.rstrip("/") == live_server.url
