"""A keep-alive connection lent to a query process, which answers its plain queries itself.

Handing every query from the web worker to a query process and back cost more CPU than
the query (gunicorn's HTTP handling, two pickled messages, two process wake-ups, twice
Oxigraph's whole request on the competency questions). So once a connection has sent a
plain GET query (server/fast_query.py), the web worker passes the socket itself to an
idle query process (SCM_RIGHTS) and waits. The query process reads the next requests on
it and answers those it can: GET /sparql with one `query` parameter, no body, HTTP/1.1,
no `Connection`/`Expect`/`Upgrade`, a well-formed head, an answer of 200. Anything
else, an error outcome, an idle connection (`LINGER`) or the end of a turn (`MIN_BURST`
answers while other requests wait for a query process) gives the connection back, with
the bytes read but not answered (and the outcome of a query it ran, so it is not run
twice); the web worker then goes on as gunicorn and Flask do.

A query process never waits on a client: it reads only what select says has come,
and sends without blocking. An answer the socket does not take at once goes back with
the connection, and the web worker writes the rest at the client's pace (its threads
drop a client that reads nothing for 30 s); otherwise a few clients that read slowly
would each hold a query process, and with it everyone else's queries, until the time
limit killed it.

No wall moves: the query runs in the same process, with the same policy check, memory
bound and network wall. The time limit holds because the query process writes the
monotonic time each query starts into memory shared with the waiting web worker
thread, which kills it once a query has run for the limit, answers 503 on the
socket (unless the answer was already being sent), and closes the connection.
"""

from __future__ import annotations

import json
import re
import select
import socket
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import formatdate

#: seconds the query process waits for the next request before it gives the connection back
LINGER = 0.02
#: the same while other requests wait for a query process (before MIN_BURST answers; after, it goes back at once)
LINGER_CONTENDED = 0.005
#: while lingering, how often it looks whether other requests now wait for a query process
LINGER_SLICE = 0.002
#: requests answered before the connection goes back when other requests wait for a query process. Measured
#: with bench/bench_server.py (fresh queries, ours / Oxigraph's): bursts of 4 gave a p99 of about 4x; 1 and 2
#: both brought it near 2x, and each hand-back costs about 0.15 ms of CPU (from /proc), so 2 kept more throughput
MIN_BURST = 2
#: requests answered before the connection goes back in any case
MAX_BURST = 1000
#: largest request head answered here (gunicorn's limit on the request line is 8190)
MAX_HEAD = 8192
#: shared state slots: [monotonic start of the running request or 0, 1 while its answer is being sent]
STARTED, SENDING = 0, 1

_BAD_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\r(?!\n)|(?<!\r)\n")
_HOP_HEADERS = frozenset({"transfer-encoding", "expect", "upgrade", "http2-settings", "te", "trailer"})


@dataclass(frozen=True)
class LeaseConfig:
    """What the query process needs to answer as the web worker would."""

    max_rows: int
    base_iri: str
    #: headers the Flask app adds to every non-HTML answer (nosniff, CORS)
    extra_headers: tuple[tuple[str, str], ...]
    #: bytes of answers kept by this query process for repeated queries; 0: none
    cache_bytes: int = 0


def parse_head(head: bytes) -> tuple[str, str | None] | None:
    """(query string, Accept) of a plain `GET /sparql?...` head, or None for anything gunicorn should read."""
    if _BAD_BYTES.search(head):
        return None
    try:
        text = head.decode("ascii")
    except UnicodeDecodeError:
        return None
    lines = text.split("\r\n")
    parts = lines[0].split(" ")
    if len(parts) != 3 or parts[0] != "GET" or parts[2] != "HTTP/1.1":
        return None
    path, _, query = parts[1].partition("?")
    if path not in ("/sparql", "/sparql/") or not query:
        return None
    accept = None
    for line in lines[1:]:
        if not line:
            continue
        name, sep, value = line.partition(":")
        if not sep or not name or name != name.strip() or " " in name or "\t" in name:
            return None
        name, value = name.lower(), value.strip(" \t")
        if name == "content-length":
            if value != "0":
                return None
        elif name == "connection":
            if value.lower() != "keep-alive":
                return None
        elif name in _HOP_HEADERS:
            return None
        elif name == "accept":
            if accept is not None:
                return None
            accept = value
    return query, accept


class _Date:
    """The Date header, formatted once a second."""

    def __init__(self):
        self.second, self.value = -1, ""

    def __call__(self) -> str:
        now = int(time.time())
        if now != self.second:
            self.second, self.value = now, formatdate(now, usegmt=True)
        return self.value


class Answers:
    """Repeatable answers this query process has sent, by (query string, Accept): least recently used out."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self._entries: OrderedDict[tuple[str, str | None], bytes] = OrderedDict()
        self._size = 0

    def get(self, key) -> bytes | None:
        entry = self._entries.get(key)
        if entry is not None:
            self._entries.move_to_end(key)
        return entry

    def put(self, key, part: bytes) -> None:
        if self.max_bytes <= 0 or len(part) > min(self.max_bytes, 1 << 20) or key in self._entries:
            return
        self._entries[key] = part
        self._size += len(part)
        while self._size > self.max_bytes:
            _, old = self._entries.popitem(last=False)
            self._size -= len(old)

    def clear(self) -> None:
        self._entries.clear()
        self._size = 0


@dataclass
class Returned:
    """How a lease ended: the bytes not answered, the (text, status, payload) of a query run for the first."""

    leftover: bytes = b""
    outcome: tuple | None = None
    closed: bool = False
    #: given back only so that other connections get a turn: the client is still sending plain queries
    turn: bool = False
    #: the end of an answer the client did not take at once: the web worker writes it at the client's pace
    unsent: bytes = b""


_date = _Date()
#: per web worker thread: `plain` after a plain query answered 200 (the connection may be lent), `outcome`
#: the (text, status, payload) of a query a query process ran for the request the thread reads next
local = threading.local()


def serve(sock: socket.socket, buffered: bytes, cfg: LeaseConfig, run: Callable, state, waiters,
          answers: Answers) -> Returned:
    """Answer plain queries on `sock` until one is not plain, the client idles, or the burst ends.

    `run(query_string, accept)` gives (query text, status, payload), status and payload as the query process
    sends them to the pool, or None when the parameters are not a plain query; `state` is the shared
    [STARTED, SENDING] pair, `waiters` the count of web worker threads waiting for a query process.
    """
    buf = buffered
    served = 0
    sock.setblocking(False)  # never wait on the client: reads follow select, sends take what fits
    while True:
        end = buf.find(b"\r\n\r\n")
        if end < 0:
            if buf:
                return Returned(buf)  # a partial head is read by gunicorn, with its deadline
            if served >= MAX_BURST or (served >= MIN_BURST and waiters.value > 0):
                return Returned(turn=True)
            if not _wait_readable(sock, waiters, served):
                return Returned(turn=waiters.value > 0)  # others' turn, or an idle client
            try:
                data = sock.recv(65536)
            except BlockingIOError:
                continue
            if not data:
                return Returned(closed=True)
            buf += data
            continue
        if end + 4 > MAX_HEAD:
            return Returned(buf)
        parsed = parse_head(buf[:end])
        if parsed is None:
            return Returned(buf)
        part = answers.get(parsed)
        if part is None:
            state[STARTED] = time.monotonic()
            try:
                outcome = run(*parsed)
            finally:
                state[STARTED] = 0.0
            if outcome is None:
                return Returned(buf)
            _text, status, payload = outcome
            if status != "ok" or getattr(payload, "fmt", None) is None:
                return Returned(buf, outcome)
            part = _part(payload, cfg)
            if payload.repeatable and not payload.truncated:
                answers.put(parsed, part)
        answer = b"HTTP/1.1 200 OK\r\nServer: gunicorn\r\nDate: " + _date().encode() \
            + b"\r\nConnection: keep-alive\r\n" + part
        state[STARTED], state[SENDING] = time.monotonic(), 1.0
        try:
            sent = _send_some(sock, answer)
        except OSError:
            return Returned(closed=True)
        finally:
            state[STARTED], state[SENDING] = 0.0, 0.0
        buf = buf[end + 4:]
        served += 1
        if sent < len(answer):  # a slow reader (or a large answer): its pace is the web worker's business
            return Returned(buf, unsent=answer[sent:])


def _wait_readable(sock: socket.socket, waiters, served: int) -> bool:
    """Wait up to LINGER for the client's next request; False if none came, or, while others wait for a query
    process, once MIN_BURST answers are done or the client has sent nothing for LINGER_CONTENDED: an idle
    client never holds a query process that others need for long."""
    start = time.monotonic()
    while True:
        waited = time.monotonic() - start
        if waited >= LINGER:
            return False
        ready, _, _ = select.select([sock], [], [], min(LINGER - waited, LINGER_SLICE))
        if ready:
            return True
        if waiters.value > 0 and (served >= MIN_BURST or time.monotonic() - start >= LINGER_CONTENDED):
            return False


def _send_some(sock: socket.socket, data: bytes) -> int:
    """Send what the socket takes now, without waiting; the count of bytes sent."""
    view = memoryview(data)
    sent = 0
    while sent < len(data):
        try:
            n = sock.send(view[sent:])
        except BlockingIOError:
            break
        if n <= 0:
            break
        sent += n
    return sent


def _part(result, cfg: LeaseConfig) -> bytes:
    """The headers after Connection and the body of a 200 answer, as server/fast_query.py sends them."""
    from server.negotiation import content_type

    headers = [("Content-Type", content_type(result.fmt)), ("Content-Length", str(len(result.body))),
               ("Vary", "Accept")]
    if result.truncated:
        headers.append(("X-Result-Truncated", f"true; capped at {cfg.max_rows} rows"))
    head = "".join(f"{k}: {v}\r\n" for k, v in (*headers, *cfg.extra_headers)) + "\r\n"
    return head.encode("latin-1") + result.body


def error_answer(status: int, phrase: str, message: str) -> bytes:
    """A whole JSON error response, written by the web worker on a lent connection (503 after a kill)."""
    body = json.dumps({"error": {"status": status, "title": phrase, "message": message}}).encode()
    return (f"HTTP/1.1 {status} {phrase}\r\nServer: gunicorn\r\nDate: {_date()}\r\nConnection: close\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\nRetry-After: 1\r\n"
            "X-Content-Type-Options: nosniff\r\n\r\n").encode() + body
