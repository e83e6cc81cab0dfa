"""`kg query` survives whatever the engine does: a panic, an abort or a stack overflow is one Error line, exit 2."""

from __future__ import annotations

import faulthandler
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.query import KnowledgeGraph

FIXTURE = Path(__file__).parent / "data" / "server"
ISSUE_QUERY = "SELECT ?o ?x WHERE { ?s ?p ?o . ?s ?q ?x } ORDER BY DESC(?o) ?x"


def _kg_query(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from kg.cli import main; main()", "query", *args,
                           "--kg", str(FIXTURE)], capture_output=True, text=True, timeout=120)


def test_deeply_nested_query_is_one_error_line(tmp_path):
    """2,189 nested groups overflow the engine's stack: the process used to die with SIGSEGV."""
    n = 2189
    query = tmp_path / "deep.rq"
    query.write_text("SELECT * WHERE " + "{ " * n + "?s ?p ?o" + " }" * n)
    done = _kg_query(str(query))
    assert done.returncode == 2, done
    assert done.stderr.startswith("Error: ") and done.stderr.count("\n") == 1, done.stderr


def test_the_issue_order_by_query_answers_or_errs_cleanly():
    done = _kg_query(ISSUE_QUERY, "--format", "csv")
    assert done.returncode in (0, 2)
    assert done.returncode == 0 or (done.stderr.startswith("Error: ") and done.stderr.count("\n") == 1)


class FakePanic(BaseException):
    """Stands for pyo3's PanicException, which is a BaseException, not an Exception."""


@pytest.mark.parametrize("how", ["panic", "abort"])
def test_engine_panic_or_abort_is_one_error_line(monkeypatch, how):
    def broken(self, *args, **kwargs):
        if how == "abort":
            faulthandler.disable()  # pytest's handler would print the child's stack to the test log
            os.abort()
        raise FakePanic("called `Option::unwrap()` on a `None` value")

    monkeypatch.setattr(KnowledgeGraph, "_query_here", broken, raising=True)
    result = CliRunner().invoke(cli, ["query", ISSUE_QUERY, "--kg", str(FIXTURE)])
    assert result.exit_code == 2, result.output
    assert result.output.startswith("Error: the query engine") and result.output.count("\n") == 1
