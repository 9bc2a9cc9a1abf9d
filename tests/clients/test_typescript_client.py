"""The TypeScript client: types generated from the committed schema, reads over a live server.

openapi-typescript writes the types, `tsc --noEmit` checks clients/typescript/reads.ts (an
openapi-fetch script) against them, and the compiled script reads the seed data from
pytest-django's live server. Everything runs in a temporary copy of clients/typescript.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conflict.models import Claim, Incident

from .conftest import ROOT

SOURCE = ROOT / "clients" / "typescript"


def run(command: list, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(part) for part in command], cwd=cwd, capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def project(node_bin, tmp_path_factory) -> Path:
    """A copy of clients/typescript with types generated from api/openapi.yaml."""
    target = tmp_path_factory.mktemp("typescript")
    for name in ("reads.ts", "tsconfig.json", "package.json"):
        shutil.copy(SOURCE / name, target / name)
    (target / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    generated = run(
        [node_bin / "openapi-typescript", ROOT / "api" / "openapi.yaml", "-o", "schema.d.ts"],
        target,
    )
    assert generated.returncode == 0, generated.stdout + generated.stderr
    return target


def test_script_type_checks_against_the_generated_types(node_bin, project):
    checked = run([node_bin / "tsc", "-p", ".", "--noEmit"], project)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_type_check_catches_a_field_the_schema_does_not_have(node_bin, project, tmp_path):
    # The check has teeth: reading `slog` for `slug` is a compile error, not an undefined.
    for name in ("tsconfig.json", "package.json", "schema.d.ts"):
        shutil.copy(project / name, tmp_path / name)
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    script = (project / "reads.ts").read_text(encoding="utf-8")
    assert "(place) => place.slug" in script
    broken = script.replace("(place) => place.slug", "(place) => place.slog")
    (tmp_path / "reads.ts").write_text(broken, encoding="utf-8")
    checked = run([node_bin / "tsc", "-p", ".", "--noEmit"], tmp_path)
    assert checked.returncode != 0
    assert "Property 'slog' does not exist" in checked.stdout


def test_script_reads_the_live_api(node_bin, project, live_server, seed):
    compiled = run([node_bin / "tsc", "-p", "."], project)
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
    result = run(["node", project / "out" / "reads.js", live_server.url], project)
    assert result.returncode == 0, result.stdout + result.stderr
    read = json.loads(result.stdout)

    published = Claim.objects.filter(status="published")
    denials = published.filter(claimant__slug="azerbaijan", stance="denies")
    assert sorted(read["denials"]) == sorted(denials.values_list("id", flat=True))
    assert read["denials_count"] == denials.count() > 0
    assert sorted(read["claims"]) == sorted(published.values_list("id", flat=True))
    incident = Incident.objects.get(slug="shusha-cathedral-shelling")
    assert read["incident"] == {
        "id": incident.id,
        "contested": True,
        "places": sorted(incident.places.values_list("slug", flat=True)),
    }
    assert read["error"] == {"type": "validation_error", "attr": "page_size", "code": "max_value"}
