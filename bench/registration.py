"""Registration under load: submissions sent to gunicorn all at the same moment, a given number at a time, or arriving
at random at a given rate, each over its own connection."""

import asyncio
import itertools
import os
import random
import re
import resource
import time
import urllib.request
from collections import Counter
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core.cache import caches
from mailer.models import Message

from tests.workshops.registration_helpers import form_data
from workshops.models import Registration

from .datasets import build_registration_workshop
from .report import percentile
from .server import LOOPBACK, gunicorn

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _machine_cpu_seconds():
    """CPU time that every process on this machine has used so far, from Linux's /proc/stat: with the load
    generator's own time, what the server and the database spent on a rush."""
    with open("/proc/stat") as stat:
        user, nice, system, _idle, _iowait, irq, softirq = map(int, stat.readline().split()[1:8])
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


def _own_cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _form_page(url):
    """The CSRF cookie and token a browser gets with the form; every submission may send the same pair."""
    with urllib.request.urlopen(url, timeout=30) as response:
        page = response.read().decode()
        cookie = SimpleCookie(response.headers["Set-Cookie"])["csrftoken"].value
    return cookie, CSRF_INPUT.search(page).group(1)


def _request(host, port, path, body, cookie):
    return (
        f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n"
        f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n"
        f"Cookie: csrftoken={cookie}\r\n\r\n"
    ).encode() + body


async def _exchange(reader, writer, request, since):
    """Sends the request and reads the whole answer: (status, seconds from `since` to the answer)."""
    writer.write(request)
    await writer.drain()
    status_line = await reader.readline()
    await reader.read()
    elapsed = time.perf_counter() - since
    writer.close()
    return int(status_line.split()[1]), elapsed


async def _when_started(address, request, start, in_flight, timeout):
    """Sent when the rush starts, over a connection opened beforehand, once fewer than `in_flight` others are out;
    timed from its sending."""
    async with in_flight:
        reader, writer = await asyncio.open_connection(*address)
        await start
        sent = time.perf_counter()
        async with asyncio.timeout(timeout):
            return await _exchange(reader, writer, request, sent)


async def _on_arrival(address, request, start, offset, timeout):
    """Connects and sends `offset` seconds after the rush starts, as a browser does when its user submits; timed
    from that moment, so that a load generator falling behind its schedule adds to the latency, not hides it."""
    due = await start + offset
    await asyncio.sleep(due - time.perf_counter())
    async with asyncio.timeout(timeout):
        reader, writer = await asyncio.open_connection(*address)
        return await _exchange(reader, writer, request, due)


def _arrival_offsets(count, per_second):
    """Seconds from the start at which `count` submissions arrive at random at `per_second` on average (a Poisson
    process: independent users, some arriving close together); the same every run."""
    gaps = random.Random(count).expovariate
    return list(itertools.accumulate(gaps(per_second) for _ in range(count)))


async def _submit_all(url, bodies, cookie, timeout, in_flight, per_second):
    parts = urlsplit(url)
    assert parts.hostname == LOOPBACK, url
    address = (parts.hostname, parts.port)
    requests = [_request(*address, parts.path, body, cookie) for body in bodies]
    start = asyncio.get_running_loop().create_future()
    if per_second:
        submissions = [
            _on_arrival(address, request, start, offset, timeout)
            for request, offset in zip(requests, _arrival_offsets(len(requests), per_second), strict=True)
        ]
    else:
        limit = asyncio.Semaphore(in_flight or len(requests))
        submissions = [_when_started(address, request, start, limit, timeout) for request in requests]
    tasks = [asyncio.ensure_future(submission) for submission in submissions]
    await asyncio.sleep(1)  # let every connection open before the first submission leaves
    began = time.perf_counter()
    start.set_result(began)
    results = await asyncio.gather(*tasks, return_exceptions=True)
    return results, time.perf_counter() - began


def _how_sent(in_flight, per_second):
    if per_second:
        return f"{per_second} a second, at random"
    return f"{in_flight} at a time" if in_flight else "all at once"


def _rush(*, workshop, submissions, workers, timeout, log, in_flight=None, per_second=None, post_path=None):
    """Sends the submissions through gunicorn to the workshop's registration form (or to `post_path`), all at the
    same moment, `in_flight` at a time or arriving at `per_second`; (their e-mail addresses, their results, the
    timings' row)."""
    # The registration form counts submissions per client address; here every submission comes from 127.0.0.1. The
    # count is kept in a table that outlives the server, so each rush starts from none.
    env = {"DJANGO_REGISTRATION_RATE_LIMIT": f"{submissions * 2}/h"}
    caches[settings.RATELIMIT_USE_CACHE].clear()
    form_path = f"/en/workshops/{workshop.slug}/register/"
    with gunicorn(workers=workers, env=env, log=log, ready_path=form_path) as base:
        cookie, token = _form_page(base + form_path)
        emails = [f"participant{n}@example.org" for n in range(submissions)]
        bodies = [
            urlencode({**form_data(email=email, family_name=f"Participant {n}"), "csrfmiddlewaretoken": token}).encode()
            for n, email in enumerate(emails)
        ]
        machine, own = _machine_cpu_seconds(), _own_cpu_seconds()
        url = base + (post_path or form_path)
        results, wall = asyncio.run(_submit_all(url, bodies, cookie, timeout, in_flight, per_second))
        machine, own = _machine_cpu_seconds() - machine, _own_cpu_seconds() - own
    answered = [result for result in results if not isinstance(result, BaseException)]
    statuses = Counter(status for status, _elapsed in answered)
    failures = Counter(type(result).__name__ for result in results if isinstance(result, BaseException))
    latencies = [elapsed for _status, elapsed in answered]
    timings = {
        "submissions": submissions,
        "sent": _how_sent(in_flight, per_second),
        "workers": workers,
        "errors": sum(count for status, count in statuses.items() if status != 302) + sum(failures.values()),
        "statuses": dict(statuses) | dict(failures),
        "p50_ms": f"{percentile(latencies, 0.50) * 1000:.0f}",
        "p99_ms": f"{percentile(latencies, 0.99) * 1000:.0f}",
        "max_ms": f"{max(latencies) * 1000:.0f}",
        "wall_s": f"{wall:.1f}",
        "answered_per_second": f"{len(answered) / wall:.0f}",
        # The second's wait before the submissions leave costs next to nothing.
        "cpu_ms": f"{(machine - own) / submissions * 1000:.1f}",
        "client_cpu_ms": f"{own / submissions * 1000:.1f}",
    }
    return emails, results, timings


def measure(*, submissions, seats, workers, in_flight=None, per_second=None, timeout=300, log=None):
    """All submissions at the same moment; or (with `in_flight`) that many at a time, each sent as soon as another
    is answered; or (with `per_second`) arriving at random at that rate on average, whatever the answers."""
    workshop = build_registration_workshop(seats=seats, slug=f"bench-registration-{in_flight or 0}-{per_second or 0}")
    queued = Message.objects.count()
    emails, results, timings = _rush(
        workshop=workshop,
        submissions=submissions,
        workers=workers,
        in_flight=in_flight,
        per_second=per_second,
        timeout=timeout,
        log=log,
    )
    stored = dict(Registration.objects.filter(workshop=workshop).values_list("email", "status"))
    accepted = [
        email
        for email, result in zip(emails, results, strict=True)
        if not isinstance(result, BaseException) and result[0] == 302
    ]
    counts = Counter(stored.values())
    return {
        "seats": seats,
        "confirmed": counts[Registration.Status.CONFIRMED],
        "waitlisted": counts[Registration.Status.WAITLISTED],
        # Answered as registered, yet not in the database.
        "lost": sum(1 for email in accepted if email not in stored),
        "queued": Message.objects.count() - queued,
        **timings,
    }


def measure_floor(*, submissions, workers, timeout=300, log=None):
    """The same submissions, all at the same moment, answered by the floor (bench/floor.py)."""
    workshop = build_registration_workshop(seats=None, slug="bench-registration-floor")
    _emails, _results, timings = _rush(
        workshop=workshop,
        submissions=submissions,
        workers=workers,
        timeout=timeout,
        log=log,
        post_path=f"/bench/submission-floor/{workshop.pk}/",
    )
    return {"written": Registration.objects.filter(workshop=workshop).count(), **timings}


_ANSWER_COLUMNS = [
    ("errors", "errors"),
    ("statuses", "answers"),
    ("p50_ms", "p50 ms"),
    ("p99_ms", "p99 ms"),
    ("max_ms", "max ms"),
    ("wall_s", "all answered in s"),
    ("answered_per_second", "answered/s"),
    ("cpu_ms", "CPU ms per submission, server and database"),
    ("client_cpu_ms", "CPU ms per submission, load generator"),
]
COLUMNS = [
    ("submissions", "submissions"),
    ("sent", "sent"),
    ("seats", "seats"),
    ("workers", "gunicorn workers"),
    ("confirmed", "confirmed"),
    ("waitlisted", "waitlisted"),
    ("lost", "lost"),
    ("queued", "e-mails queued"),
    *_ANSWER_COLUMNS,
]
FLOOR_COLUMNS = [
    ("submissions", "submissions"),
    ("sent", "sent"),
    ("workers", "gunicorn workers"),
    ("written", "rows written"),
    *_ANSWER_COLUMNS,
]
