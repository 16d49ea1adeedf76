"""Runs the benchmarks and prints their tables in Markdown, for docs/performance.md.

    .venv/bin/python -m bench                               # SQLite, in a throwaway file
    scripts/with-postgres .venv/bin/python -m bench --postgres   # PostgreSQL, with the registration rush

Load goes to gunicorn on 127.0.0.1 only, for a bounded time (wrk) or a bounded number of submissions.
"""

import argparse
import datetime
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# A word in a tenth of the titles, two words, and a speaker's name with a word of a title.
SEARCHES = ("remittances", "labour migration", "person 4711 urban")


def parse_args():
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", action="store_true", help="run on DATABASE_URL, which must be empty")
    parser.add_argument("--renders", type=int, default=50, help="renders per page in the process (default 50)")
    parser.add_argument("--duration", type=int, default=10, help="seconds of each wrk run (default 10)")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections (default 8)")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads (default 1)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating cache-on and ceiling runs (default 3)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers, as the README deploys (3)")
    parser.add_argument("--submissions", type=int, default=1000, help="registration submissions (default 1000)")
    parser.add_argument("--seats", type=int, default=170, help="seats of the registration workshop (170)")
    parser.add_argument(
        "--in-flight", type=int, default=50, help="submissions at a time in the second, paced rush (default 50)"
    )
    parser.add_argument(
        "--per-second",
        type=int,
        action="append",
        help="average rate of a rush of submissions arriving at random; repeat for several (default 100, 150 and 200)",
    )
    parser.add_argument("--skip", action="append", default=[], choices=["pages", "http", "registration"])
    return parser.parse_args()


def machine_line():
    load = " / ".join(f"{value:.1f}" for value in os.getloadavg())
    return (
        f"{datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}, {platform.python_implementation()} "
        f"{platform.python_version()}, {os.cpu_count()} cores, load average before the run {load}"
    )


def main():
    args = parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="idm-bench-"))
    if args.postgres:
        if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
            sys.exit("--postgres needs DATABASE_URL (scripts/with-postgres sets it).")
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ.setdefault("DATABASE_CONN_MAX_AGE", "60")
    if "http" not in args.skip and not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk (make bench does it).")

    import django

    django.setup()

    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from workshops.models import Workshop

    from . import datasets, http, inprocess, registration
    from .report import table

    call_command("migrate", verbosity=0)
    if Workshop.objects.exists():
        sys.exit("The benchmark database must be empty: it fills it with made-up workshops.")
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()" if connection.vendor == "postgresql" else "SELECT sqlite_version()")
        database = cursor.fetchone()[0].split(" on ")[0]
    if connection.vendor == "sqlite":
        database = f"SQLite {database}"
    print(f"## {connection.vendor}\n\n{machine_line()}; database: {database}")

    started = time.perf_counter()
    datasets.build_archive()
    archive_seconds = time.perf_counter() - started
    started = time.perf_counter()
    large = datasets.build_large(timezone.localdate())
    large_seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        # What autovacuum does within a minute of a bulk load in production: without the tables' statistics the
        # planner takes the document search for a scan of everything (three to four times slower). On
        # PostgreSQL the vacuum, and the checkpoint that writes the loaded tables to disk, are done now rather
        # than by the server's background processes while the pages are being timed.
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
            cursor.execute("CHECKPOINT")
        else:
            cursor.execute("ANALYZE")
    print(
        f"\nGenerated the archive (100 workshops, 5,000 people, 10,000 documents) in {archive_seconds:.1f} s "
        f"and the large workshop (3 days, 40 items, 160 roles, 200 documents, 150 questions) in {large_seconds:.1f} s."
    )

    version = large.agenda_versions.get()
    regular = large.days.first().items.first().roles.first().person
    pages = [
        ("large workshop", large.get_absolute_url()),
        ("its changes", f"{version.get_absolute_url()}changes/"),
        ("its earlier version", version.get_absolute_url()),
        ("its calendar", f"{large.get_absolute_url()}calendar.ics"),
        ("speaker index", "/en/speakers/"),
        ("person page", regular.get_absolute_url()),
        ("document search", "/en/documents/?q=remittances"),
        ("document library", "/en/documents/"),
        ("home with the archive", "/en/"),
    ]
    log = open(workdir / "gunicorn.log", "w")  # noqa: SIM115  (kept open for every server of the run)

    if "pages" not in args.skip:
        rows = inprocess.measure(pages, renders=args.renders)
        print(table(f"In the process: {args.renders} renders per page, uncached and cached", inprocess.COLUMNS, rows))
        rows = inprocess.measure_search(SEARCHES, runs=args.renders)
        print(
            table(
                f"Document search over the archive: first page and number of matches, {args.renders} runs",
                inprocess.SEARCH_COLUMNS,
                rows,
            )
        )

    if "http" not in args.skip:
        http_pages = [pages[0], pages[-1]]
        rows = http.measure(
            http_pages,
            workers=args.workers,
            duration=args.duration,
            connections=args.connections,
            threads=args.threads,
            rounds=args.rounds,
            log=log,
        )
        print(
            table(
                f"gunicorn ({args.workers} sync workers) on 127.0.0.1, wrk -t{args.threads} -c{args.connections} "
                f"-d{args.duration}s",
                http.COLUMNS,
                rows,
            )
        )

    if "registration" not in args.skip:
        if connection.vendor != "postgresql":
            print("\n(The registration rush runs on PostgreSQL only: run with --postgres.)")
        else:
            rushes = [{}, {"in_flight": args.in_flight}]
            rushes += [{"per_second": rate} for rate in args.per_second or (100, 150, 200)]
            rows = [
                registration.measure(
                    submissions=args.submissions, seats=args.seats, workers=args.workers, log=log, **rush
                )
                for rush in rushes
            ]
            print(
                table(
                    "Registration rush: every submission at the same moment, a given number at a time, arriving at "
                    "random at a given rate",
                    registration.COLUMNS,
                    rows,
                )
            )
            row = registration.measure_floor(submissions=args.submissions, workers=args.workers, log=log)
            print(
                table(
                    "Registration floor: the same submissions at the same moment, answered by a view that only "
                    "writes their rows (bench/floor.py)",
                    registration.FLOOR_COLUMNS,
                    [row],
                )
            )

    log.close()
    print(f"\nServer log: {workdir / 'gunicorn.log'}")
    subprocess.run(["uptime"], check=False)


if __name__ == "__main__":
    main()
