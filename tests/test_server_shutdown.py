"""`kg serve` stops quietly: Ctrl-C (SIGINT to the whole process group, as a terminal sends it) or SIGTERM ends
the arbiter, its workers and their query processes with one line and no traceback, in bounded time."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest
from test_server_support import FIXTURE, ROOT, free_port, request, start_server, stop_process_group

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="process groups and /proc")

QUERIES = ["ASK {}", "SELECT * WHERE { ?s ?p ?o } LIMIT 3", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"]
STOP_WITHIN = 20.0  # seconds; gunicorn's graceful timeout is 10 s, past which it SIGKILLs its workers


def _live_members(pgid: int) -> list[int]:
    """Processes of the group that are not zombies (a zombie waits for init to reap it; it runs nothing)."""
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            pids.append(int(stat.parent.name))
    return pids


def _stop(proc: subprocess.Popen, sig: int) -> tuple[float, str]:
    os.killpg(proc.pid, sig)
    start = time.monotonic()
    try:
        _, err = proc.communicate(timeout=STOP_WITHIN)
    except subprocess.TimeoutExpired:
        stop_process_group(proc, grace=1)
        pytest.fail(f"kg serve still running {STOP_WITHIN:g} s after {signal.Signals(sig).name}")
    took = time.monotonic() - start
    deadline = time.monotonic() + 5
    while _live_members(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _live_members(proc.pid) == [], "a worker or query process outlived kg serve"
    return took, err.decode(errors="replace")


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_serve_stops_quietly_after_queries(sig):
    """Regression: Ctrl-C after some queries printed about 80 lines of tracebacks from the workers and query
    processes, and gunicorn SIGKILLed its workers 10 s later ("Perhaps out of memory?")."""
    proc, url = start_server(FIXTURE, "--workers", "2")
    try:
        for q in QUERIES:
            status, _, _ = request("GET", f"{url}/sparql?query={urllib.parse.quote(q)}", timeout=10)
            assert status == 200
    except BaseException:
        stop_process_group(proc, grace=5)
        raise
    took, err = _stop(proc, sig)
    assert "Traceback" not in err and "SIGKILL" not in err, err
    lines = err.strip().splitlines()
    assert lines[0].startswith("Serving ") and lines[1:] == [f"Stopped serving on {url}/"], err
    assert proc.returncode == 0
    assert took < 10, f"took {took:.1f} s"


def test_serve_stopped_while_starting_is_quiet():
    """A stop signal to the group while the workers start also ends their query processes: a shutdown, not an
    'Exception in worker process' traceback."""
    port = free_port()
    cmd = [sys.executable, "-c", "from kg.cli import main; main()", "serve", "--kg", str(FIXTURE),
           "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(cmd, cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    try:
        # the "Serving ..." line comes just before gunicorn forks its workers: signal then, mid-start
        ready, _, _ = select.select([proc.stderr], [], [], 60)
        assert ready, "kg serve printed nothing in 60 s"
    except BaseException:
        stop_process_group(proc, grace=5)
        raise
    time.sleep(0.3)
    _, err = _stop(proc, signal.SIGTERM)
    assert "Traceback" not in err and "[ERROR]" not in err, err
    assert proc.returncode == 0, err
