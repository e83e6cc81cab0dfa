#!/usr/bin/env python3
"""Benchmark `kg serve` against Oxigraph's own server on the same graph and queries.

Runs the competency questions (server/examples/*.rq) against both servers in the
same run, on the same data: sequentially (one keep-alive client) in `--rounds` rounds
that alternate between the servers (so load drift on a shared machine hits both), then
with 16 and 64 keep-alive clients (`--clients`, spread over two load processes) on the
questions repeated and on fresh queries (each text made new by a comment, so no cache
can answer it), again in alternating rounds. It prints medians over the rounds of p50,
p99 latency and throughput side by side with ratios (ours / Oxigraph's), and the
issue's targets (throughput >= 0.8x, p99 <= 2x, repeated p50 <= 1.2x, fresh p50 <= 1.5x)
as met or not. On `kg serve` every query that runs goes through the killable query
processes; repeated ones may be answered by its response cache (server/cache.py).
Not a test: figures are what this machine measured in this run.

usage: bench_server.py [--kg DIR] [--reps N] [--rounds R] [--clients C ...] [--requests-per-client M]
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import multiprocessing
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


def _load(port: int, path: str, texts: list[str], clients: int, per_client: int, fresh: str | None,
          first: int, conn) -> None:
    """One load process: `clients` threads, each on its own keep-alive connection; sends (latencies, errors)."""
    lat: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def worker(k: int) -> None:
        client = Client(port, path)
        mine = []
        try:
            for i in range(per_client):
                text = texts[(i + k) % len(texts)]
                if fresh is not None:  # a text neither server has seen: no cache can answer it
                    text = f"{text}\n# {fresh} {k} {i}"
                mine.append(client.run(text)[0])
        except Exception as exc:  # report, do not hang
            errors.append(str(exc))
        with lock:
            lat.extend(mine)

    threads = [threading.Thread(target=worker, args=(first + k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(600)
    conn.send((lat, errors))


def concurrent(port: int, path: str, texts: list[str], clients: int, per_client: int,
               fresh: str | None = None, processes: int = 2) -> dict:
    """`clients` keep-alive clients spread over `processes` load processes (one GIL would cap the load)."""
    ctx = multiprocessing.get_context("fork")
    pipes, procs = [], []
    share = [clients // processes + (1 if p < clients % processes else 0) for p in range(processes)]
    start = time.perf_counter()
    for p, n in enumerate(share):
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_load, args=(port, path, texts, n, per_client, fresh, sum(share[:p]), child))
        proc.start()
        pipes.append(parent)
        procs.append(proc)
    lat: list[float] = []
    errors: list[str] = []
    for parent, proc in zip(pipes, procs, strict=True):
        if parent.poll(900):
            more, errs = parent.recv()
            lat.extend(more)
            errors.extend(errs)
        else:
            errors.append("load process gave no answer")
        proc.join(10)
    wall = time.perf_counter() - start
    if not lat:
        return {"p50": float("nan"), "p99": float("nan"), "rps": 0.0, "n": 0, "errors": errors}
    return {"p50": pct(lat, 50), "p99": pct(lat, 99), "rps": len(lat) / wall, "n": len(lat), "errors": errors}


def per_query_median(port: int, path: str, texts: list[str], reps: int) -> list[float]:
    client = Client(port, path)
    return [statistics.median(client.run(t)[0] for _ in range(reps)) for t in texts]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kg", default="build", type=Path)
    ap.add_argument("--reps", type=int, default=30)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--clients", type=int, nargs="+", default=[16, 64])
    ap.add_argument("--requests-per-client", type=int, default=50)
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
            for clients in args.clients:  # medians over rounds that alternate between the servers
                for mode in ("repeated", "fresh"):
                    runs: dict[str, list[dict]] = {name: [] for name in targets}
                    for r in range(args.rounds):
                        for name, (port, path) in targets.items():
                            fresh = f"{mode} {clients} {r} {time.time_ns()}" if mode == "fresh" else None
                            runs[name].append(concurrent(port, path, texts, clients, args.requests_per_client,
                                                         fresh))
                    for name in targets:
                        results[name][f"{mode} {clients}"] = {
                            **median_rounds(runs[name]), "errors": sum((x["errors"] for x in runs[name]), [])}
            for name, (port, path) in targets.items():
                results[name]["seq"] = median_rounds(rounds[name])
                results[name]["per_query"] = per_query_median(port, path, texts, max(5, args.reps // 3))
                results[name]["unseen"] = unseen(port, path, texts, max(3, args.reps // 10), f"{time.time_ns()}")
    finally:
        shutil.rmtree(store, ignore_errors=True)

    ours, ref = results["kg serve"], results["oxigraph"]
    print(f"measured on this machine: {len(texts)} competency questions, graph {kg_file} "
          f"({kg_file.stat().st_size} bytes); kg serve: {args.workers} workers x {args.query_processes} "
          f"query processes; oxigraph serve-read-only")
    print(f"{'mode':<52}{'kg serve':>12}{'oxigraph':>12}{'ratio':>8}")
    modes = [("seq", f"sequential (median of {args.rounds})"), ("unseen", "unseen queries, sequential")]
    modes += [(f"{mode} {c}", f"{c} clients, {mode} (median of {args.rounds})")
              for c in args.clients for mode in ("repeated", "fresh")]
    for mode, label in modes:
        for key, unit, scale in (("p50", "ms", 1000), ("p99", "ms", 1000), ("rps", "req/s", 1)):
            a, b = ours[mode][key] * scale, ref[mode][key] * scale
            print(f"{label + ' ' + key + ' (' + unit + ')':<52}{a:>12.2f}{b:>12.2f}{a / b:>8.2f}")
    print("per-query median latency (ms), sequential:")
    for q, a, b in zip(QUERIES, ours["per_query"], ref["per_query"], strict=True):
        print(f"  {q.stem:<40}{a * 1000:>9.2f}{b * 1000:>9.2f}{a / b:>7.2f}")
    for name in ("kg serve", "oxigraph"):
        for c in args.clients:
            for mode in ("repeated", "fresh"):
                errs = results[name][f"{mode} {c}"]["errors"]
                if errs:
                    print(f"{name}, {c} clients, {mode}: {len(errs)} client errors, first: {errs[0]}")
    print("targets (issue 10; ours / oxigraph's, medians of the rounds):")
    for c in args.clients:
        rep, fr = (ours[f"{m} {c}"] for m in ("repeated", "fresh"))
        rrep, rfr = (ref[f"{m} {c}"] for m in ("repeated", "fresh"))
        checks = [
            ("throughput, repeated >= 0.8x", rep["rps"] / rrep["rps"], rep["rps"] / rrep["rps"] >= 0.8),
            ("throughput, fresh >= 0.8x", fr["rps"] / rfr["rps"], fr["rps"] / rfr["rps"] >= 0.8),
            ("p99, repeated <= 2x", rep["p99"] / rrep["p99"], rep["p99"] / rrep["p99"] <= 2),
            ("p99, fresh <= 2x", fr["p99"] / rfr["p99"], fr["p99"] / rfr["p99"] <= 2),
            ("p50, repeated <= 1.2x", rep["p50"] / rrep["p50"], rep["p50"] / rrep["p50"] <= 1.2),
            ("p50, fresh <= 1.5x", fr["p50"] / rfr["p50"], fr["p50"] / rfr["p50"] <= 1.5),
        ]
        for label, ratio, ok in checks:
            print(f"  {c} clients, {label:<30}{ratio:>8.2f}  {'met' if ok else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
