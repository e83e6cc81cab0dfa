"""Benchmark: peak memory of reasoning over N memberships with one akg:status each (issue 11, prp-fp).

`reasonable` given the ontology as is (akg:status an owl:FunctionalProperty) against
`kg.reasoning.reason`, which checks functional properties by grouping instead. Each
run is a fresh process; peak RSS from getrusage. Median of --runs.

    .venv/bin/python bench/bench_functional.py [--sizes 2000 4000 8000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

CHILD = r"""
import json, resource, sys, time
from rdflib import Dataset, URIRef
from rdflib.namespace import RDF
from kg.namespaces import AKG, DOC, ONTOLOGY_GRAPH
from kg.ontology import load_ontology
n, mode = int(sys.argv[1]), sys.argv[2]
statuses = [AKG.FullMember, AKG.Observer, AKG.Partner]
triples = []
for i in range(n):
    m = URIRef(f"http://example.org/m{i}")
    triples += [(m, RDF.type, AKG.Membership), (m, AKG.status, statuses[i % 3]),
                (m, AKG.member, URIRef(f"http://example.org/s{i % 500}"))]
t = time.perf_counter()
if mode == "reasonable":
    import reasonable
    r = reasonable.PyReasoner()
    r.from_graph(list(load_ontology()) + triples)
    r.reason()
else:
    from kg.reasoning import reason
    ds = Dataset()
    onto = ds.graph(ONTOLOGY_GRAPH)
    for x in load_ontology():
        onto.add(x)
    g = ds.graph(URIRef(DOC + "bench"))
    for x in triples:
        g.add(x)
    reason(ds)
print(json.dumps({"s": time.perf_counter() - t, "mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[2000, 4000, 8000])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    print(f"{'memberships':>11} {'engine':>22} {'median s':>9} {'peak MB':>8}")
    for n in args.sizes:
        for mode in ("reasonable", "kg.reasoning.reason"):
            runs = []
            for _ in range(args.runs):
                out = subprocess.run([sys.executable, "-c", CHILD, str(n), mode], capture_output=True, text=True,
                                     timeout=1800, check=True)
                runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
            print(f"{n:>11} {mode:>22} {statistics.median(r['s'] for r in runs):>9.2f} "
                  f"{statistics.median(r['mb'] for r in runs):>8.0f}", flush=True)


if __name__ == "__main__":
    main()
