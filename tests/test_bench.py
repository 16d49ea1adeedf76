"""The benchmark suite (bench/) runs end to end at a small scale, so that `make bench` keeps working."""

import os
import subprocess
import sys
import uuid
from urllib.parse import urlsplit

import psycopg
import pytest
from django.conf import settings

pytestmark = pytest.mark.bench

PUBLIC_PAGES = [
    "large workshop",
    "its changes",
    "its earlier version",
    "its calendar",
    "speaker index",
    "person page",
    "document search",
    "document library",
    "home with the archive",
]
# Small sizes: 2 renders a page, 40 submissions for 10 seats through 2 gunicorn workers, 5 at a time or 40 a second.
SMALL = ["--renders", "2", "--submissions", "40", "--seats", "10", "--workers", "2"]
SMALL += ["--in-flight", "5", "--per-second", "40"]


def run_bench(*arguments, database_url=None):
    environment = {**os.environ, **({"DATABASE_URL": database_url} if database_url else {})}
    return subprocess.run(
        [sys.executable, "-m", "bench", *SMALL, *arguments],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def table_rows(output, first_cell):
    return [line.strip("| ").split(" | ") for line in output.splitlines() if line.startswith(f"| {first_cell} |")]


@pytest.fixture
def empty_postgres_database():
    """A database of its own on the server of DATABASE_URL: the benchmark fills an empty one with made-up data."""
    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith("postgres"):
        pytest.skip("needs DATABASE_URL of a PostgreSQL server (scripts/with-postgres sets it)")
    name = f"bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlsplit(server)._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def test_the_benchmarks_time_every_public_page_on_sqlite():
    result = run_bench("--skip", "http")

    assert result.returncode == 0, result.stderr
    timed = {
        row[0]
        for row in table_rows(result.stdout, "large workshop") + table_rows(result.stdout, "home with the archive")
    }
    assert timed == {"large workshop", "home with the archive"}
    assert table_rows(result.stdout, "`remittances`"), result.stdout
    assert "The registration rush runs on PostgreSQL only" in result.stdout


def test_every_rush_through_gunicorn_confirms_exactly_the_seats_and_the_floor_writes_every_row(empty_postgres_database):
    result = run_bench("--postgres", "--skip", "pages", "--skip", "http", database_url=empty_postgres_database)

    assert result.returncode == 0, result.stderr
    rushes, floor = result.stdout.split("### Registration floor")
    # submissions, sent, seats, workers, confirmed, waitlisted, lost, e-mails queued, errors
    assert [row[:9] for row in table_rows(rushes, "40")] == [
        ["40", "all at once", "10", "2", "10", "30", "0", "40", "0"],
        ["40", "5 at a time", "10", "2", "10", "30", "0", "40", "0"],
        ["40", "40 a second, at random", "10", "2", "10", "30", "0", "40", "0"],
    ]
    # submissions, sent, workers, rows written, errors
    assert [row[:5] for row in table_rows(floor, "40")] == [["40", "all at once", "2", "40", "0"]]
