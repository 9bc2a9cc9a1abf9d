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


def action_assignments(path: Path) -> list[int]:
    """Lines that set a view's ``action`` (``x.action = ...``, ``setattr(x, "action", ...)``)
    or build a view with one (``SomeViewSet(action="list")``; argparse's ``add_argument``
    aside)."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = list(node.targets)
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            named = list(ast.walk(target))
            if any(isinstance(t, ast.Attribute) and t.attr == "action" for t in named):
                lines.append(node.lineno)
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name == "setattr" and len(node.args) > 1:
                second = node.args[1]
                if isinstance(second, ast.Constant) and second.value == "action":
                    lines.append(node.lineno)
            if name != "add_argument" and any(kw.arg == "action" for kw in node.keywords):
                lines.append(node.lineno)
    return lines


def test_the_api_never_sets_a_views_action() -> None:
    """Which records a reader sees is conflict.visibility.select of (reader, listing,
    statuses asked): a viewset derives ``listing`` from its request, and nothing swaps
    ``view.action`` (or builds a viewset as a "list") to borrow another request's rules."""
    found = {
        str(path.relative_to(ROOT)): lines
        for path in sorted((ROOT / "api").rglob("*.py"))
        if (lines := action_assignments(path))
    }
    assert found == {}
