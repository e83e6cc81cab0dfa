"""A gunicorn gthread worker that serves a keep-alive client's next request in the same thread.

The stock gthread worker hands every keep-alive request through its main thread: the
connection goes back to the poller, the main thread wakes, submits it to the thread
pool, and a pool thread parses it. With one client sending requests back to back that
costs several thread switches per request (measured: most of the ~1 ms HTTP overhead).
Here the thread that answered a request first waits up to `LINGER` seconds for the
next one on the same connection and, if it comes, answers it directly; an idle
connection still goes back to the poller, so threads are not tied up by idle clients.
"""

from __future__ import annotations

import select

from gunicorn.workers.gthread import ThreadWorker

#: seconds a thread waits on a kept-alive connection for its next request
LINGER = 0.02
#: requests one thread answers on a connection before handing it back (fairness between clients)
BURST = 100


def _readable(sock, timeout: float) -> bool:
    try:
        ready, _, _ = select.select([sock], [], [], timeout)
    except (OSError, ValueError):
        return False
    return bool(ready)


class LingeringThreadWorker(ThreadWorker):
    """gthread, plus a short linger on each kept-alive connection (see the module doc)."""

    def handle(self, conn):
        keep = super().handle(conn)
        for _ in range(BURST):
            if keep is not True or not self.alive or conn.is_http2:
                break
            if not conn.parser.unreader.buf.getvalue() and not _readable(conn.sock, LINGER):
                break
            keep = super().handle(conn)
        return keep
