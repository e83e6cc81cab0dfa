#!/usr/bin/env python3
"""Benchmark `kg serve` against Oxigraph's own server on the same graph and queries.

Runs the competency questions (server/examples/*.rq) against both servers in the
same run: sequentially (one client, keep-alive) in `--rounds` rounds that alternate
between the servers (so load drift on a shared machine hits both), then under bounded
concurrent load, and prints p50/p99 latency and throughput side by side with ratios
(ours / Oxigraph's; for latency lower is better). Sequential figures are medians over
the rounds. A last line measures queries neither server has seen before (each text
made new by a comment). On `kg serve` every query goes through the killable query
processes (there is no in-worker route). Not a test: figures are what this machine
measured in this run.

usage: bench_server.py [--kg DIR] [--reps N] [--rounds R] [--clients C] [--requests-per-client M]
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = sorted((ROOT / "server" / "examples").glob("*.rq"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(port: int, path: str, proc: subprocess.Popen, limit: float = 120) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server on port {port} exited with {proc.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", path)
            if conn.getresponse().status < 500:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server on port {port} did not start")


@contextlib.contextmanager
def started(cmd: list[str], port: int, probe: str):
    proc = subprocess.Popen(cmd, cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        wait_up(port, probe, proc)
        yield
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)


class Client:
    """One keep-alive connection sending GET /query?query=... with Accept: SPARQL JSON."""

    def __init__(self, port: int, path: str):
        self.port, self.path = port, path
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def run(self, text: str) -> tuple[float, bytes]:
        url = f"{self.path}?" + urllib.parse.urlencode({"query": text})
        start = time.perf_counter()
        for attempt in range(2):
            try:
                self.conn.request("GET", url, headers={"Accept": "application/sparql-results+json"})
                resp = self.conn.getresponse()
                body = resp.read()
                break
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                if attempt:
                    raise
        elapsed = time.perf_counter() - start
        if resp.status != 200:
            raise RuntimeError(f"HTTP {resp.status}: {body[:200]!r}")
        return elapsed, body


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def sequential(port: int, path: str, texts: list[str], reps: int) -> dict:
    client = Client(port, path)
    for t in texts:  # warm-up
        client.run(t)
    lat = []
    start = time.perf_counter()
    for _ in range(reps):
        for t in texts:
            lat.append(client.run(t)[0])
    wall = time.perf_counter() - start
    return {"p50": pct(lat, 50), "p99": pct(lat, 99), "rps": len(lat) / wall, "n": len(lat),
            "per_query": {}}


def median_rounds(rounds: list[dict]) -> dict:
    """Per-key medians over sequential rounds."""
    return {key: statistics.median(r[key] for r in rounds) for key in ("p50", "p99", "rps")}


def unseen(port: int, path: str, texts: list[str], reps: int, tag: str) -> dict:
    """Sequential latency of query texts the server has not seen (a fresh comment on each)."""
    client = Client(port, path)
    lat = [client.run(f"{t}\n# {tag} {k} {i}")[0] for k in range(reps) for i, t in enumerate(texts)]
    return {"p50": pct(lat, 50), "p99": pct(lat, 99), "rps": len(lat) / sum(lat), "n": len(lat)}


def concurrent(port: int, path: str, texts: list[str], clients: int, per_client: int) -> dict:
    lat: list[float] = []
    lock = threading.Lock()
    errors: list[str] = []

    def worker(k: int) -> None:
        client = Client(port, path)
        mine = []
        try:
            for i in range(per_client):
                mine.append(client.run(texts[(i + k) % len(texts)])[0])
        except Exception as exc:  # report, do not hang
            errors.append(str(exc))
        with lock:
            lat.extend(mine)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(600)
    wall = time.perf_counter() - start
    return {"p50": pct(lat, 50), "p99": pct(lat, 99), "rps": len(lat) / wall, "n": len(lat), "errors": errors}


def per_query_median(port: int, path: str, texts: list[str], reps: int) -> list[float]:
    client = Client(port, path)
    return [statistics.median(client.run(t)[0] for _ in range(reps)) for t in texts]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kg", default="build", type=Path)
    ap.add_argument("--reps", type=int, default=30)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--requests-per-client", type=int, default=100)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--query-processes", type=int, default=4)
    args = ap.parse_args()
    kg_file = args.kg / "kg.trig"
    if not kg_file.is_file():
        print(f"no {kg_file}; run `make build` first", file=sys.stderr)
        return 2
    oxigraph = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(oxigraph).exists():
        print("the `oxigraph` command is missing: pip install 'oxigraph>=0.5,<0.6'", file=sys.stderr)
        return 2
    texts = [q.read_text(encoding="utf-8") for q in QUERIES]
    store = Path(tempfile.mkdtemp(prefix="akg-bench-oxigraph-"))
    subprocess.run([oxigraph, "load", "--location", str(store), "--file", str(kg_file)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ours_port, ox_port = free_port(), free_port()
    ours_cmd = [sys.executable, "-c", "from kg.cli import main; main()", "serve", "--kg", str(args.kg),
                "--port", str(ours_port), "--workers", str(args.workers),
                "--query-processes", str(args.query_processes)]
    ox_cmd = [oxigraph, "serve-read-only", "--location", str(store), "--bind", f"127.0.0.1:{ox_port}",
              "--union-default-graph"]
    results = {}
    try:
        with started(ours_cmd, ours_port, "/healthz"), started(ox_cmd, ox_port, "/query?query=ASK%7B%7D"):
            targets = {"kg serve": (ours_port, "/sparql"), "oxigraph": (ox_port, "/query")}
            for name, (port, path) in targets.items():  # same answers from both, or the comparison is moot
                results[name] = {"answers": [Client(port, path).run(t)[1] for t in texts]}
            import json

            for i, q in enumerate(QUERIES):
                a, b = (json.loads(results[n]["answers"][i]) for n in targets)
                same = a.get("boolean") == b.get("boolean") and len(a.get("results", {}).get("bindings", [])) \
                    == len(b.get("results", {}).get("bindings", []))
                if not same:
                    print(f"warning: {q.name} answers differ between the servers", file=sys.stderr)
            rounds: dict[str, list[dict]] = {name: [] for name in targets}
            for _ in range(args.rounds):
                for name, (port, path) in targets.items():
                    rounds[name].append(sequential(port, path, texts, args.reps))
            for name, (port, path) in targets.items():
                results[name]["seq"] = median_rounds(rounds[name])
                results[name]["per_query"] = per_query_median(port, path, texts, max(5, args.reps // 3))
                results[name]["conc"] = concurrent(port, path, texts, args.clients, args.requests_per_client)
                results[name]["unseen"] = unseen(port, path, texts, max(3, args.reps // 10), f"{time.time_ns()}")
    finally:
        shutil.rmtree(store, ignore_errors=True)

    ours, ref = results["kg serve"], results["oxigraph"]
    print(f"measured on this machine: {len(texts)} competency questions, graph {kg_file} "
          f"({kg_file.stat().st_size} bytes); kg serve: {args.workers} workers x {args.query_processes} "
          f"query processes; oxigraph serve-read-only")
    print(f"{'mode':<44}{'kg serve':>12}{'oxigraph':>12}{'ratio':>8}")
    modes = (("seq", f"sequential (median of {args.rounds})"), ("conc", f"concurrent ({args.clients} clients)"),
             ("unseen", "unseen queries, sequential"))
    for mode, label in modes:
        for key, unit, scale in (("p50", "ms", 1000), ("p99", "ms", 1000), ("rps", "req/s", 1)):
            a, b = ours[mode][key] * scale, ref[mode][key] * scale
            print(f"{label + ' ' + key + ' (' + unit + ')':<44}{a:>12.2f}{b:>12.2f}{a / b:>8.2f}")
    print("per-query median latency (ms), sequential:")
    for q, a, b in zip(QUERIES, ours["per_query"], ref["per_query"], strict=True):
        print(f"  {q.stem:<40}{a * 1000:>9.2f}{b * 1000:>9.2f}{a / b:>7.2f}")
    for name in ("kg serve", "oxigraph"):
        if results[name]["conc"]["errors"]:
            print(f"{name}: {len(results[name]['conc']['errors'])} client errors, first: "
                  f"{results[name]['conc']['errors'][0]}")
    ratio = ours["seq"]["p50"] / ref["seq"]["p50"]
    print(f"median latency ratio (sequential, median of {args.rounds} rounds): {ratio:.2f} (target: within 2x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
