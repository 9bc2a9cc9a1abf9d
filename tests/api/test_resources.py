"""The registry of resources (``api/resources.py``) is the one list: every resource in it
has its routes, export formats, data-package CSV, tombstones and editors' permissions, and
a resource added to it appears in each of those derived from it at run time."""

import dataclasses

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from rest_framework.test import APIClient

import api.resources
from api.deletions import SyncResource, tombstones
from api.exports.datapackage import descriptor, offline_request, package_resources
from api.resources import ID_OR_SLUG, RESOURCES, Resource
from api.urls import Router, build_router, register, router
from conflict.editors import EDITORS_GROUP
from conflict.models import Loss

# Not a list to keep in step: what every resource of the registry must have.
ALWAYS_EXPORTED = {"csv", "ndjson"}


def test_the_router_registers_the_registry_in_its_order():
    assert [(prefix, viewset, basename) for prefix, viewset, basename in router.registry] == [
        (resource.collection, resource.viewset, resource.basename) for resource in RESOURCES
    ]


@pytest.mark.parametrize("resource", RESOURCES, ids=lambda resource: resource.collection)
def test_every_resource_has_its_urls_formats_package_file_tombstones_and_editors(resource, editor):
    client = APIClient()
    url = f"/api/v1/{resource.collection}/"
    assert reverse(f"{resource.basename}-list", kwargs={"version": "v1"}) == url
    root = client.get("/api/v1/").json()
    assert root[resource.collection] == f"http://testserver{url}"
    assert client.get(url).status_code == 200

    formats = {fmt.identifier for fmt in resource.formats}
    assert formats >= ALWAYS_EXPORTED
    for identifier in formats:
        response = client.get(f"{url}export/", {"format": identifier})
        assert response.status_code == 200, (identifier, response.content[:300])
        fmt = next(fmt for fmt in resource.formats if fmt.identifier == identifier)
        disposition = f'attachment; filename="{resource.collection}.{fmt.extension}"'
        assert response["Content-Disposition"] == disposition
        assert response["Content-Type"].startswith(fmt.media_type)
        b"".join(response.streaming_content)  # give back the export's slot

    names = [packaged.name for packaged in package_resources(offline_request("http://x", "v1"))]
    assert (resource.collection in names) == resource.in_package

    assert (resource.collection in SyncResource.values) == resource.tombstones

    model = resource.model._meta
    user = User.objects.get(pk=editor.pk)  # a fresh permission cache
    assert user.groups.filter(name=EDITORS_GROUP).exists()
    for action in ("add", "change", "delete", "view"):
        assert user.has_perm(f"{model.app_label}.{action}_{model.model_name}")


LOSS_COPIES = Resource("losscopy", "loss-copies", Loss, "api.views.LossViewSet")


def test_a_resource_added_to_the_registry_gets_routes():
    added = build_router([*RESOURCES, LOSS_COPIES])
    routes = {str(pattern.pattern) for pattern in added.urls}
    assert {"loss-copies/", "loss-copies/export/", "loss-copies/<int:pk>/"} <= routes
    assert "loss-copies/" not in {str(pattern.pattern) for pattern in router.urls}


def test_a_resource_added_to_the_registry_is_in_the_package_and_the_deletions(seed, monkeypatch):
    request = offline_request("http://x", "v1")
    Loss.objects.filter(pk=2).delete()
    assert {row["resource"] for row in tombstones(None)} == {"losses"}

    monkeypatch.setattr(api.resources, "RESOURCES", (*RESOURCES, LOSS_COPIES))
    assert {row["resource"] for row in tombstones(None)} == {"losses", "loss-copies"}
    packaged = package_resources(request)
    assert [resource.name for resource in packaged][-2:] == ["losses", "loss-copies"]
    described = {entry["name"] for entry in descriptor(packaged, [])["resources"]}
    assert "loss-copies" in described

    # And one taken out of the package (or out of the tombstones) leaves it.
    without = dataclasses.replace(LOSS_COPIES, in_package=False, tombstones=False)
    monkeypatch.setattr(api.resources, "RESOURCES", (*RESOURCES, without))
    assert "loss-copies" not in [resource.name for resource in package_resources(request)]
    assert {row["resource"] for row in tombstones(None)} == {"losses"}


def test_a_viewset_whose_lookup_is_not_the_registrys_is_refused():
    claims = next(resource for resource in RESOURCES if resource.basename == "claim")
    wrong = dataclasses.replace(claims, lookup=ID_OR_SLUG)
    with pytest.raises(ImproperlyConfigured, match="ClaimViewSet"):
        register(Router(), wrong)
