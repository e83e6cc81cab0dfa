"""Fixtures shared by several test modules."""

from __future__ import annotations

import pytest
from test_server_support import Canary

from kg.gazetteer import Gazetteer


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    """The gazetteer, loaded once."""
    return Gazetteer.load()


@pytest.fixture(scope="module")
def canary():
    """A listener on 127.0.0.1 that counts every connection: the server must never reach it."""
    c = Canary()
    yield c
    c.close()


@pytest.fixture
def runs(app, monkeypatch):
    """The texts the query processes of the module's `app` were asked to run, in order."""
    pool = app.config["AKG_POOL"]
    calls: list[str] = []
    run = pool.run
    monkeypatch.setattr(pool, "run", lambda req, **kw: calls.append(req.text) or run(req, **kw))
    return calls
