"""`make audit` fails on a known vulnerability and says plainly when nothing could be audited."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

SCRIPT = Path(settings.BASE_DIR) / "scripts" / "audit-dependencies"


def fake_pip_audit(tmp_path, report=None, stderr="", exit_code=0):
    """A stand-in for pip-audit that writes the given JSON report where -o asks, as the real one does."""
    source = tmp_path / "report.json"
    if report is not None:
        source.write_text(json.dumps(report))
    program = tmp_path / "pip-audit"
    program.write_text(
        f"#!{sys.executable}\n"
        "import shutil, sys\n"
        f"if {report is not None}:\n"
        f"    shutil.copy({str(source)!r}, sys.argv[sys.argv.index('-o') + 1])\n"
        f"sys.stderr.write({stderr!r})\n"
        f"sys.exit({exit_code})\n"
    )
    program.chmod(0o755)
    return program


def audit(program, **env):
    return subprocess.run(
        [sys.executable, str(SCRIPT), str(program), "requirements.lock"],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", **env},
        cwd=settings.BASE_DIR,
    )


def test_a_known_vulnerability_fails_the_audit(tmp_path):
    report = {
        "dependencies": [
            {"name": "django", "version": "3.2.0", "vulns": [{"id": "PYSEC-2021-98", "fix_versions": ["3.2.2"]}]},
            {"name": "icalendar", "version": "6.1.0", "vulns": []},
        ]
    }

    result = audit(fake_pip_audit(tmp_path, report, exit_code=1))

    assert result.returncode == 1
    assert "audit: django 3.2.0: PYSEC-2021-98 (fixed in 3.2.2)" in result.stdout
    assert "FAILED, 1 of the 2 pinned packages" in result.stdout


def test_a_clean_audit_passes(tmp_path):
    report = {"dependencies": [{"name": "django", "version": "5.2.8", "vulns": []}]}

    result = audit(fake_pip_audit(tmp_path, report))

    assert result.returncode == 0
    assert "no known vulnerability in the 1 audited packages" in result.stdout


@pytest.mark.parametrize(
    ("report", "stderr"),
    [
        ({"dependencies": [{"name": "django", "skip_reason": "Dependency not found on PyPI"}]}, ""),
        (None, "requests.exceptions.ConnectionError: Max retries exceeded with url: /v1/query"),
    ],
    ids=["every-package-skipped", "service-unreachable"],
)
def test_an_unreachable_database_is_said_plainly_and_fails_only_when_strict(tmp_path, report, stderr):
    program = fake_pip_audit(tmp_path, report, stderr=stderr, exit_code=0 if report else 1)

    relaxed, strict = audit(program), audit(program, AUDIT_STRICT="1")

    assert relaxed.returncode == 0
    assert "NOT AUDITED: the vulnerability database (PyPI's JSON API) cannot be reached" in relaxed.stdout
    assert strict.returncode == 1
