"""Benchmark: this checkout's `kg build` against another checkout's, alternating runs on one synthetic corpus.

Alternating (this, other, this, other, ...) lets the load of a shared machine hit both
alike; each run is a fresh `kg build --no-cache --jobs J` (bench_build.one_build), and the
medians of wall time, peak memory and the seconds of each stage are printed with the
1-minute load average seen after each run. The other checkout is run through --code
(e.g. `git archive REV | tar -x -C DIR`).

    .venv/bin/python bench/bench_build_ab.py --other DIR [--size 1000] [--runs 3] [--jobs 2]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_build  # noqa: E402
import synth  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--other", required=True, metavar="DIR", help="the reference checkout")
    ap.add_argument("--size", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = synth.corpus(Path(tmp) / "corpus", args.size, seed=args.size)
        res: dict[str, list[dict]] = {"this": [], "other": []}
        for r in range(args.runs):
            for label, code in (("this", None), ("other", args.other)):
                x = bench_build.one_build(corpus, Path(tmp) / f"{label}-{r}", args.jobs, code)
                x["load"] = os.getloadavg()[0]
                res[label].append(x)
                print(f"{label} run {r}: {x['wall']:.1f} s, {x['mb']:.0f} MB, load {x['load']:.1f}, {x['timings']}",
                      flush=True)
        for label, xs in res.items():
            stages = {k: statistics.median(x["timings"].get(k) or 0 for x in xs)
                      for k in xs[0]["timings"] if k != "cache_hits"}
            stages["writing+startup"] = statistics.median(x["wall"] - bench_build._staged(x["timings"]) for x in xs)
            print(f"median {label}: {statistics.median(x['wall'] for x in xs):.1f} s, "
                  f"{statistics.median(x['mb'] for x in xs):.0f} MB; "
                  + ", ".join(f"{k} {v:.1f}" for k, v in stages.items()), flush=True)


if __name__ == "__main__":
    main()
