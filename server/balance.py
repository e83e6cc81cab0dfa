"""Kept-alive connections spread evenly over the web workers.

Every web worker waits on the same listening socket; the kernel wakes them all and
whichever calls accept() first takes the connection. A pool of keep-alive clients
opens its connections in one burst, and they could land 12 on one worker and 4 on the
other; a connection stays with its worker, so for the whole run one worker's query
processes each had three clients to serve while the other's idled (measured with 16
clients: fresh-query p99 about twice as high, throughput a third lower in such runs).

So each worker publishes how many connections it holds, in memory shared by the
workers (made by the arbiter before it forks them, `setup`), and a worker holding more
than another steps back from accepting for `HOLD` seconds, so that a less loaded one
takes the connection. A step back is bounded: right after one, a worker takes the next
connection whatever the counts say, so a stale count (a worker that died) delays a
connection by `HOLD` at most.
"""

from __future__ import annotations

import multiprocessing
import os

#: web workers that can share the counts (more are served, unbalanced)
SLOTS = 64
#: seconds a worker holding more connections than another leaves a new one to the others
HOLD = 0.01


class Counts:
    """Connections held per web worker, in shared memory: one slot per live worker, claimed by its pid."""

    def __init__(self, ctx=None):
        ctx = ctx or multiprocessing.get_context("fork")
        self._pids = ctx.RawArray("i", SLOTS)
        self._conns = ctx.RawArray("i", SLOTS)
        self._lock = ctx.Lock()
        self.slot = -1

    def claim(self) -> None:
        """Take a free slot (one whose worker has ended) for this process; none if the lock stays taken (a
        worker killed while claiming): this worker then accepts unbalanced."""
        if not self._lock.acquire(timeout=1.0):
            return
        try:
            for i in range(SLOTS):
                pid = self._pids[i]
                if pid == 0 or not _alive(pid):
                    self._pids[i], self._conns[i] = os.getpid(), 0
                    self.slot = i
                    return
        finally:
            self._lock.release()

    def release(self) -> None:
        if self.slot >= 0:
            self._pids[self.slot] = self._conns[self.slot] = 0
            self.slot = -1

    def publish(self, conns: int) -> None:
        if self.slot >= 0:
            self._conns[self.slot] = conns

    def others_hold_fewer(self, conns: int) -> bool:
        """True when another live worker holds fewer connections than `conns`."""
        if self.slot < 0:
            return False
        return any(self._pids[i] and i != self.slot and self._conns[i] < conns for i in range(SLOTS))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


#: the arbiter's counts, inherited by every worker it forks (None: no balancing, e.g. outside gunicorn)
counts: Counts | None = None


def setup(_arbiter=None) -> None:
    """gunicorn's on_starting hook: make the shared counts before any worker is forked."""
    global counts
    counts = Counts()
