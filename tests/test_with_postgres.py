"""scripts/with-postgres: a throwaway cluster for the tests, and with --durable one that writes as production does."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

SHOW_DURABILITY = (
    "import os, psycopg; "
    "c = psycopg.connect(os.environ['DATABASE_URL']); "
    "print(*(c.execute(f'SHOW {name}').fetchone()[0] for name in ('fsync', 'synchronous_commit')))"
)

# Where the script looks for the server binaries.
pytestmark = pytest.mark.skipif(
    not shutil.which("initdb") and not list(Path("/usr/lib/postgresql").glob("*/bin/initdb")),
    reason="needs the PostgreSQL server binaries",
)


def durability(*options):
    result = subprocess.run(
        ["scripts/with-postgres", *options, sys.executable, "-c", SHOW_DURABILITY],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_the_tests_cluster_does_not_wait_for_the_disk():
    assert durability() == ["off", "off"]


def test_a_durable_cluster_waits_for_the_disk_on_every_commit_as_production_does():
    assert durability("--durable") == ["on", "on"]
