"""Benchmark: OWL 2 RL materialization of LUBM(1) by `kg reason`'s engine, `reasonable`, and owlrl.

Prints a table: engine, median seconds (of the materialization: load + reason + clean),
ratio to `reasonable` run directly, LUBM answers correct out of 14. `kg reason` and
`reasonable` run several times, alternating so machine load hits both alike; owlrl once.

    .venv/bin/python bench/bench_reason.py [--runs 5] [--skip-owlrl]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from kg.reasoning import lubm
from kg.reasoning.materialize import materialize


def run_kg(d: Path):
    return materialize(d / "univ-bench.ttl", [d / "lubm1_u0_seed0.nt"]).triples


def run_reasonable(d: Path):
    import reasonable

    r = reasonable.PyReasoner()
    r.load_file(str(d / "univ-bench.ttl"))
    with tempfile.TemporaryDirectory() as tmp:  # its loader wants a .ttl name; N-Triples is Turtle
        link = Path(tmp) / "data.ttl"
        os.symlink(d / "lubm1_u0_seed0.nt", link)
        r.load_file(str(link))
    return r.reason()


def run_owlrl(d: Path):
    import owlrl
    from rdflib import Graph

    g = Graph()
    g.parse(d / "univ-bench.ttl", format="turtle")
    g.parse(d / "lubm1_u0_seed0.nt", format="nt")
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, rdfs_closure=False, axiomatic_triples=False,
                           datatype_axioms=False).expand(g)
    return list(g)


def timed(fn, d: Path):
    start = time.perf_counter()
    out = fn(d)
    return time.perf_counter() - start, out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--skip-owlrl", action="store_true")
    args = ap.parse_args(argv)
    d = lubm.LUBM_DIR
    if not lubm.available(d):
        print(f"LUBM data not found at {d}", file=sys.stderr)
        return 2
    times: dict[str, list[float]] = {"kg reason (default)": [], "reasonable (direct)": []}
    outputs = {}
    for _ in range(args.runs):
        for name, fn in (("kg reason (default)", run_kg), ("reasonable (direct)", run_reasonable)):
            seconds, out = timed(fn, d)
            times[name].append(seconds)
            outputs[name] = out
    if not args.skip_owlrl:
        seconds, out = timed(run_owlrl, d)
        times["owlrl (reference)"] = [seconds]
        outputs["owlrl (reference)"] = out
    base = statistics.median(times["reasonable (direct)"])
    print(f"LUBM(1) {d}  runs={args.runs} (owlrl once)  measured on this machine")
    print(f"{'engine':<22} {'median s':>9} {'x reasonable':>13} {'correct':>8}  runs")
    ok = True
    for name, ts in times.items():
        med = statistics.median(ts)
        correct = lubm.correct(lubm.answer_counts(outputs[name]), d)
        print(f"{name:<22} {med:>9.2f} {med / base:>13.2f} {len(correct):>5}/14  {[round(t, 2) for t in ts]}",
              flush=True)
        if name.startswith("kg reason"):
            ok = len(correct) == 14 and med <= 1.5 * base
    print("target (kg reason: 14/14 and <= 1.5x reasonable):", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
