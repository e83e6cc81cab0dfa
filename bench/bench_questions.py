"""Benchmark: the competency questions on built graphs of different sizes, medians and ratios.

Each graph (OUT/kg.trig of `kg build`) is loaded into an in-memory Oxigraph store
with the union of its named graphs as the default graph, as `kg query` does. Every
question runs --runs times per graph (after one warm-up run), alternating between the
graphs; a run of a fast question repeats it until it has taken MIN_RUN seconds and counts
the mean, so sub-millisecond times are not timer noise. The table gives the median milliseconds and rows per graph, the
ratio of the largest graph's median to the smallest's, and the ratio of their answers'
rows; a verdict line per set says which questions took more than LIMIT times as long.
Two sets: the query page's questions (server/examples/, which read the statements graph)
and the contract's text (tests/data/competency/, which reads the per-article facts).

    .venv/bin/python bench/bench_questions.py --kg OUT1000 OUT5000 [--runs 5] [--sets statements]

bench_build.py --questions runs it on the graphs it builds.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
SETS = {"statements": ROOT / "server" / "examples", "contract": ROOT / "tests" / "data" / "competency"}
MIN_RUN = 0.05  #: seconds a timed run lasts at least (a fast question is repeated within it)
LIMIT = 3.0  #: the largest graph's median over the smallest's, per question (issue 15)


def load(kg_dir: Path) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(Path(kg_dir) / "kg.trig"), format=ox.RdfFormat.TRIG)
    return store


def run(store: ox.Store, text: str) -> int:
    result = store.query(text, use_default_graph_as_union=True)
    if isinstance(result, ox.QueryBoolean):
        return int(bool(result))
    return sum(1 for _ in result)


def time_questions(kg_dirs: dict[str, Path], runs: int,
                   sets: Iterable[str] = tuple(SETS)) -> dict[str, dict[str, tuple[float, int]]]:
    """{graph name: {set/question: (median seconds, rows)}} over `runs` runs after a warm-up. All graphs are
    loaded at once and each question's runs alternate between them, so the load of a shared machine hits
    every size alike."""
    stores = {name: load(d) for name, d in kg_dirs.items()}
    out: dict[str, dict[str, tuple[float, int]]] = {name: {} for name in stores}
    for set_name in sets:
        for path in sorted(SETS[set_name].glob("*.rq")):
            text = path.read_text(encoding="utf-8")
            rows = {name: run(store, text) for name, store in stores.items()}
            times: dict[str, list[float]] = {name: [] for name in stores}
            for _ in range(runs):
                for name, store in stores.items():
                    times[name].append(_timed(store, text))
            for name in stores:
                out[name][f"{set_name}/{path.stem.split('-')[0]}"] = (statistics.median(times[name]), rows[name])
    return out


def _timed(store: ox.Store, text: str) -> float:
    """Seconds per answer, averaged over as many answers as fit in MIN_RUN (at least one)."""
    n, start = 0, time.perf_counter()
    while True:
        run(store, text)
        n += 1
        elapsed = time.perf_counter() - start
        if elapsed >= MIN_RUN:
            return elapsed / n


def report(results: dict[str, dict[str, tuple[float, int]]]) -> bool:
    """One line per question: median ms (rows) per graph, largest/smallest time and rows ratios; then a
    PASS/FAIL line per set against LIMIT. True when every question of every set is within it."""
    names = list(results)
    print(f"{'question':<16}" + "".join(f"{n:>24}" for n in names) + f"{'time x':>8}{'rows x':>8}")
    over = {s: [] for s in SETS if any(q.startswith(s + "/") for q in results[names[0]])}
    for q in results[names[0]]:
        cells = [results[n][q] for n in names]
        ratio = cells[-1][0] / cells[0][0] if cells[0][0] > 0 else float("nan")
        rows = f"{cells[-1][1] / cells[0][1]:>7.1f}x" if cells[0][1] else f"{'-':>8}"
        print(f"{q:<16}" + "".join(f"{t * 1000:>14.2f} ms ({r:>5})" for t, r in cells) + f"{ratio:>7.1f}x" + rows,
              flush=True)
        if not ratio <= LIMIT:
            over[q.split("/")[0]].append(f"{q.split('/')[1]} {ratio:.1f}x (rows {cells[0][1]} -> {cells[-1][1]})")
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
                    help="which questions (the contract's cq08 takes most of a run: ~40 s an answer at 5,000 articles)")
    args = ap.parse_args()
    report(time_questions({d.name: d for d in args.kg}, args.runs, args.sets))


if __name__ == "__main__":
    main()
