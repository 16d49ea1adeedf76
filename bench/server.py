"""gunicorn on the loopback address only, started and stopped by the benchmarks."""

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request

from django.conf import settings

# Load is only ever sent to this machine.
LOOPBACK = "127.0.0.1"


def _free_port():
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def gunicorn(*, workers, env=None, ready_path="/en/", log=None):
    """Yields the base URL of a gunicorn serving the site with the benchmark settings on 127.0.0.1."""
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "idm.wsgi",
        "--bind",
        f"{LOOPBACK}:{port}",
        "--workers",
        str(workers),
        "--backlog",
        "2048",
        "--timeout",
        "120",
        "--log-level",
        "warning",
    ]
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", **(env or {})}
    process = subprocess.Popen(command, cwd=settings.BASE_DIR, env=environment, stdout=log, stderr=log)
    base = f"http://{LOOPBACK}:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {process.returncode}")
            try:
                with urllib.request.urlopen(base + ready_path, timeout=30) as response:
                    response.read()
                break
            except OSError:  # refused while gunicorn starts, or slow on a busy machine
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
