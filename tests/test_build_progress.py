"""The progress bar and summary of long builds (kg/build/progress.py): on a terminal only."""

from __future__ import annotations

import io
import os
import pty
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

from corpus_support import CORPUS

from kg.build.progress import Progress

ROOT = Path(__file__).resolve().parent.parent


class _Result:
    def __init__(self, failure=None):
        self.failure = failure


def test_progress_draws_the_bar_stages_and_summary_when_enabled():
    out = io.StringIO()
    p = Progress(out, enabled=True)
    items = [_Result(), _Result({"file": "x"}), _Result()]
    assert list(p.articles_bar(iter(items), 3)) == items
    p.stage("reasoning", 2.5)
    p.finish(2, {"reading": 0.1, "documents": 1.0, "reasoning": 2.5, "cache_hits": 1, "writing": 0.4}, 1)
    text = out.getvalue()
    assert "articles" in text and "3/3" in text and "skipped=1" in text
    assert "  reasoning        2.5 s\n" in text
    assert "built 2 articles in" in text and "articles/s, 1 from the cache" in text
    assert "writing 0.4 s" in text and "cache_hits" not in text


def test_progress_is_silent_when_disabled():
    out = io.StringIO()
    p = Progress(out, enabled=False)
    assert list(p.articles_bar(iter([_Result()]), 1))
    p.stage("reasoning", 1.0)
    p.finish(1, {"reasoning": 1.0}, 0)
    assert out.getvalue() == ""


def test_progress_defaults_to_whether_the_stream_is_a_terminal():
    assert Progress(io.StringIO()).enabled is False


def _build(args: list[str], tmp_path: Path, tty: bool) -> str:
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    for p in sorted(CORPUS.glob("*.txt"))[:2]:
        shutil.copy(p, corpus)
    cmd = [sys.executable, "-c", "from kg.cli import main; main()", "build", "--corpus", str(corpus),
           "--out", str(tmp_path / "out"), "--jobs", "1", "--no-reason", *args]
    if not tty:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=True).stderr
    main, child = pty.openpty()  # stderr on a terminal, stdout to a pipe
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=child, stdin=subprocess.DEVNULL)
    os.close(child)
    chunks, deadline = [], time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main], [], [], 1.0)
        if ready:
            try:
                data = os.read(main, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        elif proc.poll() is not None:
            break
    proc.wait(timeout=30)
    os.close(main)
    assert proc.returncode == 0
    return b"".join(chunks).decode("utf-8", "replace")


def test_cli_build_shows_progress_on_a_terminal_only(tmp_path):
    shown = _build([], tmp_path, tty=True)
    assert "articles" in shown and "built 2 articles in" in shown and "writing" in shown
    assert "built 2 articles in" not in _build([], tmp_path, tty=False)
    assert _build(["-q"], tmp_path, tty=True).strip() == ""


def test_an_interrupt_during_an_article_stops_the_build_instead_of_skipping_it(monkeypatch):
    """Regression: SIGTERM in a serial build was caught as that article's failure and the build went on."""
    import pytest

    from kg.build import document
    from kg.build.isolate import isolate
    from kg.cli.build import BuildInterrupted
    from kg.corpus import read_corpus

    def interrupted(*_a, **_k):
        raise BuildInterrupted("build interrupted by SIGTERM")

    monkeypatch.setattr(document, "extract_document", interrupted)
    article = read_corpus(CORPUS).articles[0]
    with pytest.raises(BuildInterrupted):
        document.process(article, None)
    with pytest.raises(BuildInterrupted):
        isolate("reasoning", [1, 2, 3], lambda items: interrupted())
