"""Benchmark: the competency questions on built graphs of different sizes, medians and ratios.

Each build is opened as `kg query` and `kg serve` open it (--layout store, the default):
the on-disk Oxigraph store the build wrote (OUT/store), read-only, whose default graph holds
the union of the named graphs as a set of triples. --layout memory instead loads OUT/kg.trig
into memory and asks Oxigraph for the union at query time (use_default_graph_as_union, what
`kg serve --update-token` does). Every question first answers once in a child process with
--cap seconds to do it (the server stops a query at 10 s): one that overruns is reported as
over the cap and counts as over the limit. The others run --runs times per graph, alternating
between the graphs; a run of a fast question repeats it until it has taken MIN_RUN seconds and counts
the mean, so sub-millisecond times are not timer noise. The table gives the median milliseconds and rows per graph, the
ratio of the largest graph's median to the smallest's, and the ratio of their answers'
rows; a verdict line per set says which questions took more than LIMIT times as long.
Two sets: the query page's questions (server/examples/, which read the statements graph)
and the contract's text (tests/data/competency/, which reads the per-article facts).

    .venv/bin/python bench/bench_questions.py --kg OUT1000 OUT5000 [--runs 5] [--sets statements] \
        [--layout store|memory] [--cap 30]

bench_build.py --questions runs it on the graphs it builds.
"""

from __future__ import annotations

import argparse
import math
import multiprocessing
import statistics
import time
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
SETS = {"statements": ROOT / "server" / "examples", "contract": ROOT / "tests" / "data" / "competency"}
MIN_RUN = 0.05  #: seconds a timed run lasts at least (a fast question is repeated within it)
LIMIT = 3.0  #: the largest graph's median over the smallest's, per question (issue 15)
CAP = 30.0  #: seconds one answer may take before the question is reported as over the cap
LAYOUTS = ("store", "memory")


class _Graph:
    """One build opened as a layout: the store a build wrote (as `kg query`/`kg serve`), or kg.trig in memory."""

    def __init__(self, kg_dir: Path, layout: str = "store"):
        if layout == "store":
            self.store = ox.Store.read_only(str(Path(kg_dir) / "store"))
            self.union = False  # the default graph holds the union, written by the build
        else:
            self.store = ox.Store()
            self.store.bulk_load(path=str(Path(kg_dir) / "kg.trig"), format=ox.RdfFormat.TRIG)
            self.union = True

    def run(self, text: str) -> int:
        result = self.store.query(text, use_default_graph_as_union=self.union)
        if isinstance(result, ox.QueryBoolean):
            return int(bool(result))
        return sum(1 for _ in result)


def load(kg_dir: Path, layout: str = "store") -> _Graph:
    if layout == "store" and not (Path(kg_dir) / "store").is_dir():
        raise SystemExit(f"{kg_dir}: no store/ folder (not a build, or one older than the on-disk store: "
                         f"--layout memory reads its kg.trig)")
    return _Graph(kg_dir, layout)


def _rows_within(graph: _Graph, text: str, cap: float) -> int | None:
    """The answer's row count, or None when it takes more than `cap` seconds (answered in a forked child,
    killed then: Oxigraph cannot stop a running query)."""
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=lambda: child.send(graph.run(text)), daemon=True)
    proc.start()
    child.close()
    try:
        return parent.recv() if parent.poll(cap) else None
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        parent.close()


def time_questions(kg_dirs: dict[str, Path], runs: int, sets: Iterable[str] = tuple(SETS),
                   layout: str = "store", cap: float = CAP) -> dict[str, dict[str, tuple[float, int]]]:
    """{graph name: {set/question: (median seconds, rows)}} over `runs` runs after a warm-up; (inf, -1) for
    an answer that took more than `cap` seconds. All graphs are loaded at once and each question's runs
    alternate between them, so the load of a shared machine hits every size alike."""
    graphs = {name: load(d, layout) for name, d in kg_dirs.items()}
    out: dict[str, dict[str, tuple[float, int]]] = {name: {} for name in graphs}
    for set_name in sets:
        for path in sorted(SETS[set_name].glob("*.rq")):
            text = path.read_text(encoding="utf-8")
            rows = {name: _rows_within(g, text, cap) for name, g in graphs.items()}
            timed = {name: g for name, g in graphs.items() if rows[name] is not None}
            times: dict[str, list[float]] = {name: [] for name in timed}
            for _ in range(runs):
                for name, g in timed.items():
                    times[name].append(_timed(g, text))
            for name in graphs:
                q = f"{set_name}/{path.stem.split('-')[0]}"
                out[name][q] = (statistics.median(times[name]), rows[name]) if name in timed else (math.inf, -1)
    return out


def _timed(graph: _Graph, text: str) -> float:
    """Seconds per answer, averaged over as many answers as fit in MIN_RUN (at least one)."""
    n, start = 0, time.perf_counter()
    while True:
        graph.run(text)
        n += 1
        elapsed = time.perf_counter() - start
        if elapsed >= MIN_RUN:
            return elapsed / n


def _cell(seconds: float, rows: int, cap: float) -> str:
    if math.isinf(seconds):
        return f"{'over ' + format(cap, 'g') + ' s':>24}"
    return f"{seconds * 1000:>14.2f} ms ({rows:>5})"


def report(results: dict[str, dict[str, tuple[float, int]]], cap: float = CAP) -> bool:
    """One line per question: median ms (rows) per graph, largest/smallest time and rows ratios; then a
    PASS/FAIL line per set against LIMIT (an answer over the cap at the largest size is over it).
    True when every question of every set is within it."""
    names = list(results)
    print(f"{'question':<16}" + "".join(f"{n:>24}" for n in names) + f"{'time x':>8}{'rows x':>8}")
    over = {s: [] for s in SETS if any(q.startswith(s + "/") for q in results[names[0]])}
    for q in results[names[0]]:
        cells = [results[n][q] for n in names]
        ratio = cells[-1][0] / cells[0][0] if 0 < cells[0][0] < math.inf else float("nan")
        rows = f"{cells[-1][1] / cells[0][1]:>7.1f}x" if cells[0][1] > 0 and cells[-1][1] >= 0 else f"{'-':>8}"
        print(f"{q:<16}" + "".join(_cell(t, r, cap) for t, r in cells) + f"{ratio:>7.1f}x" + rows, flush=True)
        if not ratio <= LIMIT:
            how = (f"over {cap:g} s" if math.isinf(cells[-1][0])
                   else f"{ratio:.1f}x (rows {cells[0][1]} -> {cells[-1][1]})")
            over[q.split("/")[0]].append(f"{q.split('/')[1]} {how}")
    for set_name, bad in over.items():
        n = sum(1 for q in results[names[0]] if q.startswith(set_name + "/"))
        verdict = "PASS" if not bad else "FAIL"
        detail = f": {', '.join(bad)}" if bad else ""
        print(f"{verdict} {set_name}: {n - len(bad)} of {n} questions within {LIMIT:g}x "
              f"from {names[0]} to {names[-1]}{detail}")
    return not any(over.values())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kg", type=Path, nargs="+", required=True, help="build folders, smallest first")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--sets", nargs="+", choices=list(SETS), default=list(SETS),
                    help="which questions (the contract's set runs the slowest answer)")
    ap.add_argument("--layout", choices=LAYOUTS, default="store",
                    help="store: OUT/store as kg query and kg serve open it; memory: kg.trig, union at query time")
    ap.add_argument("--cap", type=float, default=CAP, help="seconds one answer may take (default %(default)s)")
    args = ap.parse_args()
    report(time_questions({d.name: d for d in args.kg}, args.runs, args.sets, args.layout, args.cap), args.cap)


if __name__ == "__main__":
    main()
