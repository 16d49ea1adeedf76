"""The direction of the imports between the apps, as docs/architecture.md draws it."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APPS = ("workshops", "speakers", "reports")
# What an app offers the others: its schema and vocabulary, its reads and its writes. Views, forms, admin, URLs
# and template tags are each app's own.
PUBLIC_SURFACE = ("models", "enums", "selectors", "services")
# Every app may use the core, which depends on no app; reports read the other apps, which never depend on reports.
MAY_IMPORT = {
    "idm.core": set(),
    "workshops": {"idm.core", "speakers"},
    "speakers": {"idm.core", "workshops"},
    "reports": {"idm.core", "workshops", "speakers"},
}


def owner(module):
    for package in ("idm.core", *APPS):
        if module == package or module.startswith(package + "."):
            return package
    return None


def source_modules():
    for package in MAY_IMPORT:
        directory = ROOT / package.replace(".", "/")
        for path in sorted(directory.rglob("*.py")):
            if "migrations" not in path.parts:
                yield package, path


def imports_of(path, package):
    """(imported module, imported name or None, line) for every import, relative ones made absolute."""
    module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, None, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = module.split(".")
                parts = parts if is_package else parts[:-1]
                parts = parts[: len(parts) - (node.level - 1)]
                base = ".".join(filter(None, [*parts, base]))
            for alias in node.names:
                yield base, alias.name, node.lineno


def violations():
    found = set()
    for package, path in source_modules():
        where = path.relative_to(ROOT)
        for module, name, line in imports_of(path, package):
            target = owner(f"{module}.{name}" if name and owner(module) is None else module)
            if target is None or target == package:
                continue
            if target not in MAY_IMPORT[package]:
                found.add(f"{where}:{line} {package} may not import {target} ({module})")
                continue
            if target == "idm.core":
                continue
            full = f"{module}.{name}" if name else module
            area = full[len(target) + 1 :].split(".")[0]
            if area not in PUBLIC_SURFACE:
                found.add(f"{where}:{line} imports {full}, which is not {target}'s public surface")
            elif name and name.startswith("_"):
                found.add(f"{where}:{line} imports {module}.{name}, a private name of {target}")
    return sorted(found)


def test_apps_import_each_other_only_through_their_public_surface_and_in_one_direction():
    assert violations() == []


@pytest.mark.parametrize(
    ("package", "code", "expected"),
    [
        ("reports", "from workshops.views import workshop_page", "not workshops's public surface"),
        ("speakers", "from workshops.admin import RoleInline", "not workshops's public surface"),
        ("workshops", "from reports.selectors import statistics", "workshops may not import reports"),
        ("idm.core", "from workshops.models import Workshop", "idm.core may not import workshops"),
        ("workshops", "from speakers.selectors import _people", "a private name of speakers"),
    ],
)
def test_the_check_catches_each_kind_of_wrong_import(tmp_path, monkeypatch, package, code, expected):
    directory = tmp_path / package.replace(".", "/")
    directory.mkdir(parents=True)
    (directory / "offender.py").write_text(code + "\n")
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    monkeypatch.setattr(f"{__name__}.MAY_IMPORT", {package: MAY_IMPORT[package]})

    assert any(expected in message for message in violations())
