"""The issue's "done when", bounded: fuzzed queries (fixed seed) reach no canary and crash no query process.

A few hundred queries in the default run; 10,000 in the `slow` run. Each one is a
competency-style query with SERVICE / LOAD / FROM clauses inserted at random places and
random mutations (escapes, case, deep nesting, long operator chains, dropped tokens).
Every answer must be 200, 400 or 403 (or 503 past the time limit, rarely) with a JSON
error; the canary on 127.0.0.1 must count no connection; no query process may be
replaced except after a time limit (none crashed).
"""

from __future__ import annotations

import random

import pytest
from test_server_support import FIXTURE, Canary

from server.app import create_app
from server.config import ServerConfig

BASES = [
    "SELECT ?x WHERE { ?x akg:memberOf ?o . OPTIONAL { ?x rdfs:label ?l FILTER(lang(?l) = 'en') } } LIMIT 3",
    'SELECT * WHERE { ?s ?p "Serbia"@en . ?s ?q true } ORDER BY ?s',
    "ASK { GRAPH ?g { ?s a akg:Membership } MINUS { ?s akg:status 'x\\'y' } }",
    "PREFIX e: <http://e/> SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { ?s e:x\\-y 1.5e3 } }",
    "CONSTRUCT { ?s ?p ?o } WHERE { ?s a akg:Membership ; ?p ?o } LIMIT 5",
    "DESCRIBE ?o WHERE { ?m akg:organization ?o } LIMIT 2",
    "SELECT ?s (STR(?l) AS ?n) WHERE { ?s rdfs:label ?l FILTER(CONTAINS(?l, \"a\") && STRLEN(?l) > 2) }",
]


def _clauses(url: str) -> list[str]:
    host = url.split("/")[2]
    return [
        f"SERVICE <{url}> {{ ?s ?p ?o }}", f"SERVICE SILENT <{url}> {{ }}",
        f"OPTIONAL {{ SERVICE <{url}> {{ ?a ?b ?c }} }}", f"sErViCe <{url}> {{ ?s ?p ?o }}",
        f"SERVIC\\u0045 <{url}> {{ }}", f"FROM <{url}>", f"FROM NAMED <{url}>", f"LOAD <{url}>",
        f"PREFIX c: <http://{host}/> SERVICE c:sparql {{ }}", f"BASE <{url}> SERVICE <> {{ }}",
        f"BIND(<{url}> AS ?e) SERVICE ?e {{ }}", f"FILTER EXISTS {{ SERVICE <{url}> {{ }} }}",
        f"?s ?p 'x\\'' . SERVICE <{url}> {{ }}", f'?s ?p "x"@en.SERVICE <{url}> {{ }}',
    ]


def _mutate(tokens: list[str], rng: random.Random) -> None:
    kind = rng.randrange(6)
    i = rng.randint(0, len(tokens))
    if kind == 0 and tokens:
        del tokens[min(i, len(tokens) - 1)]
    elif kind == 1:
        depth = rng.choice([5, 50, 499, 501, 2000])
        tokens.insert(i, "{" * depth + " ?s ?p ?o " + "}" * depth)
    elif kind == 2:
        tokens.insert(i, "FILTER(" + "+".join(["1"] * rng.choice([10, 500, 12_000])) + ")")
    elif kind == 3 and tokens:
        j = min(i, len(tokens) - 1)
        tokens[j] = tokens[j].swapcase()
    elif kind == 4:
        tokens.insert(i, rng.choice(["\\u0053ERVICE", "UNION", "MINUS", "OPTIONAL", ".", ";", "(", ")", "}"]))
    else:
        tokens.insert(i, " ".join(f"BIND({k} AS ?b{k})" for k in range(rng.choice([3, 400]))))


def fuzzed(url: str, seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    clauses = _clauses(url)
    out = []
    for _ in range(n):
        tokens = rng.choice(BASES).split(" ")
        for _ in range(rng.randint(1, 2)):
            tokens.insert(rng.randint(0, len(tokens)), rng.choice(clauses))
        for _ in range(rng.randint(0, 2)):
            _mutate(tokens, rng)
        out.append(" ".join(tokens))
    return out


@pytest.fixture(scope="module")
def canary():
    c = Canary()
    yield c
    c.close()


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    cfg = ServerConfig(kg_dir=FIXTURE, cache_dir=tmp_path_factory.mktemp("cache"), query_processes=2, timeout=10)
    app = create_app(cfg)
    yield app
    app.config["AKG_POOL"].close()


def _run(app, canary: Canary, monkeypatch, n: int) -> None:
    pool = app.config["AKG_POOL"]
    replaced: list[int] = []
    replace = pool._replace
    monkeypatch.setattr(pool, "_replace", lambda child: replaced.append(child.proc.pid) or replace(child))
    client = app.test_client()
    before = canary.hits
    statuses: dict[int, int] = {}
    timeouts = 0
    for query in fuzzed(canary.url, 10, n):
        resp = client.post("/sparql", data={"query": query})
        statuses[resp.status_code] = statuses.get(resp.status_code, 0) + 1
        shown = (query[:300], resp.status_code, resp.get_data(as_text=True)[:300])
        if resp.status_code == 503:  # a slow query stopped at the time limit is allowed; a crash is not
            assert "time limit" in resp.json["error"]["message"], shown
            timeouts += 1
        assert resp.status_code in (200, 400, 403, 503), shown
        if resp.status_code != 200:
            assert resp.json["error"]["message"]
    assert canary.hits == before, "a fuzzed query reached the canary"
    assert len(replaced) == timeouts, f"{len(replaced) - timeouts} query processes crashed"
    assert timeouts <= n // 100, statuses
    assert statuses.get(200) and statuses.get(400) and statuses.get(403), statuses


def test_server_fuzz_few_hundred_no_outbound_no_crash(app, canary, monkeypatch):
    _run(app, canary, monkeypatch, 300)


@pytest.mark.slow
def test_server_fuzz_ten_thousand_no_outbound_no_crash(app, canary, monkeypatch):
    _run(app, canary, monkeypatch, 10_000)
