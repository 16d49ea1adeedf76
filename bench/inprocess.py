"""SQL queries and render time of the public pages, in the process, through the whole middleware stack."""

import time
import timeit

from django.conf import settings
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from .report import spread

UNCACHED = {**settings.CACHES, "pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


def reference_ms():
    """The same pure-Python loop, best of five, in ms: how fast the machine runs at that moment. A shared virtual
    machine can run it at half its speed from one minute to the next, and every timing with it."""
    return min(timeit.repeat("sum(i * i for i in range(10000))", number=20, repeat=5)) / 20 * 1000


def _timed_renders(client, path, renders):
    """Wall-clock and CPU seconds of each render: on a busy machine the CPU time is the steadier figure."""
    wall, cpu = [], []
    for _n in range(renders):
        start, start_cpu = time.perf_counter(), time.thread_time()
        response = client.get(path)
        wall.append(time.perf_counter() - start)
        cpu.append(time.thread_time() - start_cpu)
        assert response.status_code == 200, (path, response.status_code)
    return wall, cpu


def measure(pages, *, renders):
    """One row per page: queries and timings uncached, then served from the page cache."""
    rows = []
    for name, path in pages:
        client = Client()
        with override_settings(CACHES=UNCACHED):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            # Counted now: the next request empties the log.
            query_count = len(queries)
            _timed_renders(client, path, 3)  # warm the template loader and the translation catalogs
            reference_before = reference_ms()
            wall, cpu = _timed_renders(client, path, renders)
            reference_after = reference_ms()
            uncached, uncached_cpu = spread(wall), spread(cpu)
        client.get(path)
        with CaptureQueriesContext(connection) as cached_queries:
            client.get(path)
        cached_query_count = len(cached_queries)
        cached = spread(_timed_renders(client, path, renders)[0])
        rows.append(
            {
                "page": name,
                "path": f"`{path}`",
                "bytes": f"{len(response.content):,}",
                "queries": query_count,
                "median": uncached["median"],
                "iqr": uncached["iqr"],
                "min": uncached["min"],
                "max": uncached["max"],
                "cpu_median": uncached_cpu["median"],
                "reference": f"{reference_before:.2f} / {reference_after:.2f}",
                "cached_queries": cached_query_count,
                "cached_median": cached["median"],
            }
        )
    return rows


COLUMNS = [
    ("page", "page"),
    ("path", "path"),
    ("bytes", "bytes"),
    ("queries", "SQL queries"),
    ("median", "median ms"),
    ("iqr", "IQR ms"),
    ("min", "min ms"),
    ("max", "max ms"),
    ("cpu_median", "CPU median ms"),
    ("reference", "reference loop ms, before / after"),
    ("cached_queries", "cached: queries"),
    ("cached_median", "cached: median ms"),
]


def measure_search(queries, *, runs):
    """The library's search alone, as its page runs it: the first page of 50 with the number of matches."""
    from workshops.selectors import library

    rows = []
    for query in queries:
        samples = []
        for _n in range(runs + 3):
            start = time.perf_counter()
            documents = library.filter_documents(library.library_documents(), q=query)
            page = library.library_page(documents, number=1, searched=True)
            list(page.object_list)  # Django's paginator leaves the page's rows unread until they are used
            matches = page.paginator.count
            samples.append(time.perf_counter() - start)
        timings = spread(samples[3:])
        rows.append({"query": f"`{query}`", "matches": f"{matches:,}", **timings})
    return rows


SEARCH_COLUMNS = [
    ("query", "search"),
    ("matches", "documents found"),
    ("median", "median ms"),
    ("iqr", "IQR ms"),
    ("min", "min ms"),
    ("max", "max ms"),
]
