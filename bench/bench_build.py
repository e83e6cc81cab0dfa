"""Benchmark: `kg build` on a synthetic news corpus: articles per second and peak memory, medians.

A deterministic corpus (bench/synth.py, 200-600 words an article) of each size is
built with --jobs 1 and --jobs 2 (no cache), --runs times each, alternating so machine
load hits both alike. Peak memory is the build process's largest resident size
(wait4; with --jobs 2 the pool workers are separate processes). Per-stage seconds come from the build's timings.json;
writing+startup is the rest of the wall time (interpreter start, writing the dumps and the store).

    .venv/bin/python bench/bench_build.py [--sizes 200 1000] [--runs 3] [--jobs 1 2] [--questions]

--questions then times the competency questions on the graph of each size (bench_questions.py): the
statements graph should keep each question's time nearly flat as the corpus grows.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_questions  # noqa: E402
import synth  # noqa: E402

#: runs `kg` from another checkout (--code): the editable install's import hook is set aside first
_OTHER = ("import sys; sys.meta_path[:] = [f for f in sys.meta_path if 'editable' not in repr(f).lower()]; "
          "sys.path.insert(0, {code!r}); import kg; assert kg.__file__.startswith({code!r}), kg.__file__; "
          "from kg.cli import main; main()")


def one_build(corpus: Path, out: Path, jobs: int, code: str | None = None, reason: bool = True) -> dict:
    run = _OTHER.format(code=code) if code else "from kg.cli import main; main()"
    cmd = [sys.executable, "-c", run, "build", "--corpus", str(corpus),
           "--out", str(out), "--jobs", str(jobs), "--no-cache", "-q"] + ([] if reason else ["--no-reason"])
    t = time.perf_counter()
    proc = subprocess.Popen(cmd)
    _, status, usage = __import__("os").wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    if status != 0:
        raise SystemExit(f"build failed: {cmd}")
    timings = json.loads((out / "timings.json").read_text())
    return {"wall": wall, "mb": usage.ru_maxrss / 1024, "timings": timings}


def _staged(timings: dict) -> float:
    return sum(v or 0 for k, v in timings.items() if k not in ("cache_hits", "reasoning_engine"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[200, 1000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--questions", action="store_true", help="time the competency questions on each size's graph")
    ap.add_argument("--no-reason", action="store_true",
                    help="build without reasoning (questions on inferred shortcuts then find nothing)")
    ap.add_argument("--code", default=None, metavar="DIR",
                    help="run the kg package of another checkout (e.g. `git archive REV | tar -x -C DIR`)")
    args = ap.parse_args()
    graphs: dict[str, Path] = {}
    print(f"{'articles':>8} {'jobs':>4} {'median s':>9} {'articles/s':>10} {'peak MB':>8}  median s per stage")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            corpus = synth.corpus(Path(tmp) / f"corpus{n}", n, seed=n)
            runs: dict[int, list[dict]] = {j: [] for j in args.jobs}
            for r in range(args.runs):
                for j in args.jobs:
                    runs[j].append(one_build(corpus, Path(tmp) / f"out{n}-{j}-{r}", j, args.code,
                                             not args.no_reason))
            for j in args.jobs:
                wall = statistics.median(x["wall"] for x in runs[j])
                mb = statistics.median(x["mb"] for x in runs[j])
                stages = {k: statistics.median(x["timings"].get(k) or 0 for x in runs[j])
                          for k in runs[j][0]["timings"] if k != "cache_hits"}
                stages["writing+startup"] = statistics.median(x["wall"] - _staged(x["timings"]) for x in runs[j])
                stage_text = ", ".join(f"{k} {v:.1f}" for k, v in stages.items())
                print(f"{n:>8} {j:>4} {wall:>9.1f} {n / wall:>10.1f} {mb:>8.0f}  {stage_text}", flush=True)
            graphs[f"{n} articles"] = Path(tmp) / f"out{n}-{args.jobs[0]}-0"
        if args.questions:
            print("\ncompetency questions, median of 5 runs, each build's store opened as `kg query` opens it:")
            bench_questions.report(bench_questions.time_questions(graphs, 5))


if __name__ == "__main__":
    main()
