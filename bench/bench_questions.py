"""Benchmark: the competency questions on built graphs of different sizes, medians and ratios.

Each graph (OUT/kg.trig of `kg build`) is loaded into an in-memory Oxigraph store
with the union of its named graphs as the default graph, as `kg query` does. Every
question runs --runs times per graph (after one warm-up run); the table gives the median
milliseconds per graph and the ratio of the largest graph's median to the smallest's.
Two sets: the query page's questions (server/examples/, which read the statements graph)
and the contract's text (tests/data/competency/, which reads the per-article facts).

    .venv/bin/python bench/bench_questions.py --kg OUT1000 OUT5000 [--runs 5]

bench_build.py --questions runs it on the graphs it builds.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
SETS = {"statements": ROOT / "server" / "examples", "contract": ROOT / "tests" / "data" / "competency"}


def load(kg_dir: Path) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(Path(kg_dir) / "kg.trig"), format=ox.RdfFormat.TRIG)
    return store


def run(store: ox.Store, text: str) -> int:
    result = store.query(text, use_default_graph_as_union=True)
    if isinstance(result, ox.QueryBoolean):
        return int(bool(result))
    return sum(1 for _ in result)


def time_questions(kg_dir: Path, runs: int) -> dict[str, tuple[float, int]]:
    """{set/question: (median seconds, rows)} over `runs` runs after a warm-up."""
    store = load(kg_dir)
    out = {}
    for set_name, folder in SETS.items():
        for path in sorted(folder.glob("*.rq")):
            text = path.read_text(encoding="utf-8")
            rows = run(store, text)
            times = []
            for _ in range(runs):
                t = time.perf_counter()
                run(store, text)
                times.append(time.perf_counter() - t)
            out[f"{set_name}/{path.stem.split('-')[0]}"] = (statistics.median(times), rows)
    return out


def report(results: dict[str, dict[str, tuple[float, int]]]) -> None:
    """One line per question: median ms (rows) per graph, then largest/smallest ratio."""
    names = list(results)
    print(f"{'question':<16}" + "".join(f"{n:>22}" for n in names) + f"{'ratio':>8}")
    for q in results[names[0]]:
        cells = [results[n][q] for n in names]
        ratio = cells[-1][0] / cells[0][0] if cells[0][0] > 0 else float("nan")
        print(f"{q:<16}" + "".join(f"{t * 1000:>14.1f} ms ({r:>3})" for t, r in cells) + f"{ratio:>7.1f}x",
              flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kg", type=Path, nargs="+", required=True, help="build folders, smallest first")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    report({d.name: time_questions(d, args.runs) for d in args.kg})


if __name__ == "__main__":
    main()
