"""Throughput and latency under gunicorn with wrk: cache off, cache on, and the same bytes as a static file."""

import re
import statistics
import subprocess
import tempfile
import urllib.request
from collections import defaultdict
from pathlib import Path

from .server import LOOPBACK, gunicorn

CEILING = "static file (ceiling)"
UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}


def _seconds(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS[unit]


def wrk(url, *, duration, connections, threads):
    assert url.startswith(f"http://{LOOPBACK}:"), url
    output = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "--latency", url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    latency = dict(re.findall(r"^ +(50|99)\.?0*% +(\S+)", output, re.MULTILINE))
    if set(latency) != {"50", "99"}:
        raise RuntimeError(f"wrk gave no latency distribution:\n{output}")
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)$", output, re.MULTILINE)
    return {
        "requests_per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "p50": _seconds(latency["50"]),
        "p99": _seconds(latency["99"]),
        "errors": (int(non_2xx.group(1)) if non_2xx else 0),
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


def _fetch(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


def measure(pages, *, workers, duration, connections, threads, rounds, log=None):
    """For each (name, path): cache off, cache on, and the page's bytes served by whitenoise (the ceiling).

    Cache on and ceiling alternate, `rounds` times each, so that load from elsewhere on the machine weighs on
    both alike; each row gives the median of its runs.
    """
    runs = defaultdict(list)
    with tempfile.TemporaryDirectory(prefix="idm-bench-static-") as static_root:
        # The ceiling files must exist when whitenoise scans its root at start-up: fetch them from a first server.
        with gunicorn(workers=1, env={"BENCH_PAGE_CACHE": "off"}, log=log) as base:
            for index, (_name, path) in enumerate(pages):
                Path(static_root, f"ceiling-{index}.html").write_bytes(_fetch(base + path))
        for cache in ("off", "on"):
            env = {"BENCH_PAGE_CACHE": cache, "BENCH_STATIC_ROOT": static_root}
            with gunicorn(workers=workers, env=env, log=log) as base:
                for index, (name, path) in enumerate(pages):
                    targets = [(f"cache {cache}", path)]
                    if cache == "on":
                        targets.append((CEILING, f"/ceiling-{index}.html"))
                    for _warm in range(workers * 4):
                        for _variant, target in targets:
                            _fetch(base + target)
                    for _round in range(rounds if cache == "on" else 1):
                        for variant, target in targets:
                            runs[name, variant].append(
                                wrk(base + target, duration=duration, connections=connections, threads=threads)
                            )
    rows = []
    for (name, variant), results in runs.items():
        rates = [result["requests_per_second"] for result in results]
        ceiling = statistics.median(result["requests_per_second"] for result in runs[name, CEILING])
        rows.append(
            {
                "page": name,
                "variant": variant,
                "runs": len(results),
                "rps": f"{statistics.median(rates):.0f}",
                "rps_range": f"{min(rates):.0f}–{max(rates):.0f}",
                "of_ceiling": f"{statistics.median(rates) / ceiling:.0%}",
                "p50_ms": f"{statistics.median(result['p50'] for result in results) * 1000:.1f}",
                "p99_ms": f"{statistics.median(result['p99'] for result in results) * 1000:.1f}",
                "requests": sum(result["requests"] for result in results),
                "errors": sum(result["errors"] for result in results),
                "socket_errors": "; ".join(result["socket_errors"] for result in results if result["socket_errors"]),
            }
        )
    return rows


COLUMNS = [
    ("page", "page"),
    ("variant", "served"),
    ("runs", "runs"),
    ("rps", "requests/s (median)"),
    ("rps_range", "requests/s (range)"),
    ("of_ceiling", "of ceiling"),
    ("p50_ms", "p50 ms"),
    ("p99_ms", "p99 ms"),
    ("requests", "requests"),
    ("errors", "non-2xx"),
    ("socket_errors", "socket errors"),
]
