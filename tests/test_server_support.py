"""Helpers for the server tests: a real `kg serve` on a free 127.0.0.1 port, always stopped.

(No tests here; the module is imported by test_server_socket.py, test_w3c_protocol.py
and test_browser.py.)
"""

from __future__ import annotations

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "data" / "server"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_server(
    kg_dir: Path, *args: str, startup: float = 60.0, env: dict | None = None
) -> Iterator[str]:
    """Start `kg serve` on a free port, wait (bounded) until /healthz answers, yield its base URL."""
    proc, url = start_server(kg_dir, *args, startup=startup, env=env)
    try:
        yield url
    finally:
        stop_process_group(proc, grace=15)


def start_server(kg_dir: Path, *args: str, startup: float = 60.0, env: dict | None = None,
                 stdout=subprocess.DEVNULL) -> tuple[subprocess.Popen, str]:
    """`kg serve` in a session of its own (so a signal can reach its whole group, as Ctrl-C does), answering
    /healthz; the caller stops it (stop_process_group). Bounded: gives up after `startup` seconds."""
    port = free_port()
    cmd = [sys.executable, "-c", "from kg.cli import main; main()", "serve", "--kg", str(kg_dir),
           "--host", "127.0.0.1", "--port", str(port), *args]
    proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **(env or {})}, start_new_session=True,
                            stdout=stdout, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + startup
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited: {proc.stderr.read().decode(errors='replace')[-2000:]}")
            try:
                status, _, _ = request("GET", f"http://127.0.0.1:{port}/healthz", timeout=2)
                if status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("server did not start in time")
            time.sleep(0.2)
    except BaseException:
        stop_process_group(proc, grace=15)
        raise
    return proc, f"http://127.0.0.1:{port}"


def stop_process_group(proc: subprocess.Popen, grace: float) -> None:
    """SIGTERM a process started with start_new_session, SIGKILL after `grace` seconds; bounded."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(grace)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(5)


def request(method: str, url: str, body: bytes | None = None, headers: dict | None = None,
            timeout: float = 30) -> tuple[int, dict[str, str], bytes]:
    """One HTTP request on its own connection: (status, lower-cased headers, body)."""
    rest = url.split("://", 1)[1]
    hostport, _, path = rest.partition("/")
    conn = http.client.HTTPConnection(hostport, timeout=timeout)
    try:
        conn.request(method, "/" + path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


class Canary:
    """A listener on 127.0.0.1 that counts the connections it gets (bounded: stops on close)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/sparql"
        self.hits = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.hits += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self.sock.close()
