"""SELECT results written by the engine (server/native.py): only when the row cap certainly holds."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest

from kg.query import _materialize, format_result
from server import native
from server.executor import ChildSpec, QueryRequest, _answer

VALUES = "SELECT ?x ?y {{ VALUES (?x ?y) {{ {rows} }} }}"


def _query(n: int, empty: bool = False) -> str:
    row = "(UNDEF UNDEF)" if empty else '(<http://e/{i}> "v{i}"@en)'
    return VALUES.format(rows=" ".join(row.format(i=i) for i in range(n)))


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize("empty", [False, True])
def test_server_native_within_the_cap_is_the_whole_result(fmt, empty):
    store = ox.Store()
    for n in (0, 1, 5):
        body = native.serialize(store.query(_query(n, empty)), fmt, 1000)
        assert body is not None
        python = format_result(_materialize(store.query(_query(n, empty)), 1000), fmt)
        if fmt == "json":
            assert json.loads(body) == json.loads(python)
        else:
            assert len(ET.fromstring(body).findall(".//{*}result")) == n


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize("empty", [False, True])
def test_server_native_gives_up_when_the_result_may_pass_the_cap(fmt, empty):
    store = ox.Store()
    assert native.serialize(store.query(_query(6, empty)), fmt, 5) is None
    assert native.serialize(store.query(_query(600, empty)), fmt, None) is not None


def test_server_native_stops_writing_a_long_result_at_the_bound():
    written = []

    class Spy(native._Bounded):
        def write(self, data):
            written.append(len(data))
            return super().write(data)

    store = ox.Store()
    sink = Spy(100)
    with pytest.raises(OSError):
        store.query(_query(100_000)).serialize(sink, format=native.FORMATS["json"])
    assert sink.overflowed and sum(written) < 100_000


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize("empty", [False, True])
def test_server_native_or_not_the_answer_is_cut_at_the_cap(fmt, empty):
    store = ox.Store()
    spec = ChildSpec("unused.trig")
    media = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml"}[fmt]
    for n, cap in ((3, 3), (4, 3), (3, 1000), (1001, 1000), (0, 0), (1, 0)):
        answer = _answer(store, spec, QueryRequest(_query(n, empty), max_rows=cap, serialize=True, accept=media))
        assert answer.fmt == fmt and answer.truncated == (n > cap) and answer.repeatable
        if fmt == "json":
            assert len(json.loads(answer.body)["results"]["bindings"]) == min(n, cap)
        else:
            assert len(ET.fromstring(answer.body).findall(".//{*}result")) == min(n, cap)
