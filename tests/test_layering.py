"""The domain never imports the HTTP layer (DESIGN.md: the API imports the domain)."""

import ast
from pathlib import Path

CONFLICT = Path(__file__).resolve().parent.parent / "conflict"


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_the_domain_does_not_import_the_api() -> None:
    offenders = {
        str(path.relative_to(CONFLICT.parent)): sorted(
            m for m in imported_modules(path) if m == "api" or m.startswith("api.")
        )
        for path in CONFLICT.rglob("*.py")
    }
    offenders = {path: mods for path, mods in offenders.items() if mods}
    assert offenders == {}


def test_the_api_does_not_import_the_admin() -> None:
    """Domain rules live in conflict/ (conflict.rules), where the admin and the API both
    find them; the API never borrows them from the admin."""
    api = CONFLICT.parent / "api"
    offenders = {
        str(path.relative_to(api.parent)): sorted(
            m
            for m in imported_modules(path)
            if m == "conflict.admin" or m.startswith("conflict.admin.")
        )
        for path in api.rglob("*.py")
    }
    offenders = {path: mods for path, mods in offenders.items() if mods}
    assert offenders == {}
