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


ROOT = CONFLICT.parent


def offenders(package: str, forbidden: tuple[str, ...]) -> dict[str, list[str]]:
    found = {
        str(path.relative_to(ROOT)): sorted(
            m
            for m in imported_modules(path)
            if any(m == name or m.startswith(f"{name}.") for name in forbidden)
        )
        for path in (ROOT / package).rglob("*.py")
    }
    return {path: mods for path, mods in found.items() if mods}


def test_the_reader_pages_import_the_domain_never_the_api() -> None:
    assert offenders("web", ("api",)) == {}


def test_neither_the_domain_nor_the_api_imports_the_reader_pages() -> None:
    assert offenders("conflict", ("web",)) == {}
    assert offenders("api", ("web",)) == {}
