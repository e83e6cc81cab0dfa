"""`kg build` and `kg eval` through the command line (click's runner): outputs, reports, clean errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner
from corpus_support import CORPUS
from rdflib import Dataset

from kg.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("000_30b86da1aa736978.txt", "004_6b319de293d910cb.txt"):
        shutil.copy(CORPUS / name, corpus / name)
    (corpus / "broken.txt").write_bytes(b"\xff\xfe\x00not utf-8 \xc3\x28")
    (corpus / "empty.txt").write_text("  \n")
    return corpus


def test_cli_build_skips_broken_articles_and_builds_the_rest(tmp_path):
    out = tmp_path / "build"
    result = CliRunner().invoke(cli, ["build", "--corpus", str(_corpus(tmp_path)), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "skipped" in result.output and "broken.txt" in result.output and "empty.txt" in result.output
    report = json.loads((out / "report.json").read_text())
    assert report["documents"] == 2
    assert {Path(s["file"]).name for s in report["skipped"]} == {"broken.txt", "empty.txt"}
    ds = Dataset()
    ds.parse(out / "kg.trig", format="trig")
    assert len(ds) > 0 and (out / "kg.ttl").exists()
    assert not list(out.glob(".*.tmp"))  # atomic writes leave no temporary files


def test_cli_build_missing_corpus_is_a_clean_error(tmp_path):
    result = CliRunner().invoke(cli, ["build", "--corpus", str(tmp_path / "nope"), "--out", str(tmp_path / "b")])
    assert result.exit_code == 2
    assert "Error:" in result.output and "Traceback" not in result.output


def test_cli_eval_agrees_with_thresholds(tmp_path):
    out = tmp_path / "build"
    runner = CliRunner()
    assert runner.invoke(cli, ["build", "--corpus", str(CORPUS), "--out", str(out), "-q"]).exit_code == 0
    gold = Path(__file__).parent / "data" / "gold" / "seed-gold.json"
    result = runner.invoke(cli, ["eval", str(gold), "--kg", str(out), "--json", "--min-f1", "0.9"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["micro"]["f1"] >= 0.9 and scores["must_not_found"] == []
    too_high = runner.invoke(cli, ["eval", str(gold), "--kg", str(out), "--min-f1", "1.01"])
    assert too_high.exit_code == 1


def test_cli_eval_without_build_is_a_clean_error(tmp_path):
    gold = Path(__file__).parent / "data" / "gold" / "seed-gold.json"
    result = CliRunner().invoke(cli, ["eval", str(gold), "--kg", str(tmp_path)])
    assert result.exit_code == 2 and "kg build" in result.output
