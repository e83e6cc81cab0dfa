"""The five seeds plus 24 hostile files: the seeds build, every hostile file is built or reported with a reason.

Each stage (extraction, graph building, validation, writing, entities, reasoning)
is also made to fail for one article: that article is reported, the others build.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from corpus_support import CORPUS

from kg.cli import cli
from kg.namespaces import doc_iri

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted(p.name[:-4] for p in CORPUS.glob("*.txt"))
ARTICLE = "BELGRADE, 5 April 2016 - Serbia is a member of the United Nations. Russia is a member of the CSTO.\n"

#: name -> (file content or a marker, expected: "built" or words of the reason it was refused)
HOSTILE: dict[str, tuple[object, str]] = {
    "a b.txt": (ARTICLE, "built"),
    "<angle>.txt": (ARTICLE, "built"),
    'quote".txt': (ARTICLE, "built"),
    "pct%20d.txt": (ARTICLE, "built"),
    "new\nline.txt": (ARTICLE, "built"),
    "{brace}|pipe^`.txt": (ARTICLE, "built"),
    "src_not_url.txt": ("---\nsource: not a url\n---\n" + ARTICLE, "built"),
    "src_space.txt": ("---\nsource: https://example.org/a page\n---\n" + ARTICLE, "built"),
    "bad_front_date.txt": ("---\ndate: 2016-13-45\n---\n" + ARTICLE, "built"),
    "bom.txt": ("\ufeff" + ARTICLE, "built"),
    "crlf.txt": (ARTICLE.replace("\n", "\r\n") * 3, "built"),
    "cr_only.txt": (ARTICLE.replace("\n", "\r") * 3, "built"),
    "control_chars.txt": ("---\ntitle: a \x0b\x1b title\n---\n" + ARTICLE, "built"),
    "binary.txt": (bytes(range(256)) * 4, "not UTF-8"),
    "empty.txt": (b"", "empty file"),
    "blank.txt": (b" \n\t\n", "only whitespace"),
    "latin1.txt": ("Belgrade é Serbia".encode("latin-1"), "not UTF-8"),
    "utf16.txt": (ARTICLE.encode("utf-16"), "UTF-16"),
    "unclosed.txt": ("---\ntitle: x\n" + ARTICLE, "never closed"),
    "only_front.txt": ("---\ntitle: x\n---\n", "no article text"),
    "dir.txt": ("<dir>", "is a directory"),
    "loop.txt": ("<loop>", "cannot read"),
    "dangling.txt": ("<dangling>", "cannot read"),
    "huge.txt": ("<huge>", "size limit"),
}
MAX_BYTES = 200_000
METADATA = (
    "stem,title,date,publisher,source\n"
    "a b,A spaced name,2016-04-05,Wire,https://example.org/a\n"
    "bom,Bad date,2016-13-01,,\n"
    "crlf,Bad source,2016-04-05,,not a url\n"
    "cr_only,x,2016-04-05,,,extra cell\n"
)


def _make(corpus: Path) -> None:
    for stem in SEEDS:
        shutil.copy(CORPUS / f"{stem}.txt", corpus)
    for name, (content, _) in HOSTILE.items():
        path = corpus / name
        if content == "<dir>":
            path.mkdir()
        elif content == "<loop>":
            os.symlink(name, path)
        elif content == "<dangling>":
            os.symlink("nowhere.txt", path)
        elif content == "<huge>":
            path.write_text(ARTICLE * (MAX_BYTES // len(ARTICLE) + 10))
        else:
            path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    (corpus / "metadata.csv").write_text(METADATA, encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    corpus, out = tmp / "corpus", tmp / "build"
    corpus.mkdir()
    _make(corpus)
    result = CliRunner().invoke(cli, ["build", "--corpus", str(corpus), "--out", str(out),
                                      "--max-bytes", str(MAX_BYTES)])
    report = json.loads((out / "report.json").read_text()) if (out / "report.json").exists() else None
    return result, report, out


def test_hostile_corpus_exits_zero(hostile_build):
    result, report, _ = hostile_build
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output and report is not None


def test_hostile_corpus_has_24_files():
    assert len(HOSTILE) == 24


def test_hostile_corpus_builds_the_seeds_and_the_good_odd_files(hostile_build):
    _, report, out = hostile_build
    expected = set(SEEDS) | {n[:-4] for n, (_, e) in HOSTILE.items() if e == "built"}
    assert set(report["facts_per_document"]) == expected
    graphs = {q.graph_name.value for q in ox.parse(path=str(out / "kg.trig"), format=ox.RdfFormat.TRIG)
              if isinstance(q.graph_name, ox.NamedNode)}
    assert {str(doc_iri(stem)) for stem in expected} <= graphs


@pytest.mark.parametrize("name", [n for n, (_, e) in HOSTILE.items() if e != "built"])
def test_hostile_file_is_reported_with_its_reason(hostile_build, name):
    _, report, _ = hostile_build
    reasons = {Path(s["file"]).name: s["reason"] for s in report["skipped"]}
    assert HOSTILE[name][1] in reasons[name], reasons.get(name)


def test_bad_metadata_rows_are_reported_with_line_numbers(hostile_build):
    _, report, _ = hostile_build
    meta = [s["reason"] for s in report["skipped"] if Path(s["file"]).name == "metadata.csv"]
    assert any("line 3" in r for r in meta) and any("line 4" in r for r in meta) and any("line 5" in r for r in meta)


def test_non_iri_source_is_a_warning_and_the_article_stays(hostile_build):
    _, report, _ = hostile_build
    assert any("src_not_url" in w and "not an absolute IRI" in w for w in report["warnings"])
    assert "src_not_url" in report["facts_per_document"]


def test_undecodable_file_name_builds(tmp_path):
    """A name with bytes that are not UTF-8 reaches IRIs, the report and the summary without a crash."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    with open(os.path.join(os.fsencode(corpus), b"caf\xe9.txt"), "w") as fh:
        fh.write(ARTICLE)
    out = tmp_path / "build"
    result = CliRunner().invoke(cli, ["build", "--corpus", str(corpus), "--out", str(out), "--no-reason"])
    assert result.exit_code == 0, result.output
    report = json.loads((out / "report.json").read_text())
    assert report["documents"] == 1
    assert "caf%E9" in (out / "kg.trig").read_text()


# ------------------------------------------------------------ a stage fails for one article


def _two_articles(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(ARTICLE)
    (corpus / "poison.txt").write_text("MINSK, 5 April 2016 - Belarus is a member of the CSTO (poison).\n")
    return corpus


def _poisoned(real, *, arg=0):
    def wrapper(*args, **kwargs):
        if "poison" in repr(args[arg])[:100000]:
            raise RuntimeError("boom")
        return real(*args, **kwargs)
    return wrapper


def _build_expect_poison_skipped(tmp_path: Path, stage: str):
    out = tmp_path / "build"
    result = CliRunner().invoke(cli, ["build", "--corpus", str(_two_articles(tmp_path)), "--out", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads((out / "report.json").read_text())
    assert set(report["facts_per_document"]) == {"good"}
    (skip,) = report["skipped"]
    assert Path(skip["file"]).name == "poison.txt" and skip["stage"] == stage and "boom" in skip["reason"]
    assert str(doc_iri("poison")) not in (out / "kg.trig").read_text()


@pytest.mark.parametrize("target, stage, arg", [
    ("kg.build.document.extract_document", "extraction", 1),
    ("kg.build.document.document_graph", "graph building", 0),
    ("kg.build.document.validate", "validation", 0),
    ("kg.build.document.graph_quads", "writing", 0),
])
def test_per_article_stage_failure_drops_that_article_only(tmp_path, monkeypatch, target, stage, arg):
    module, name = target.rsplit(".", 1)
    mod = __import__(module, fromlist=[name])
    if name in ("validate", "graph_quads"):  # they get a graph: poison it by its identifier
        real = getattr(mod, name)
        monkeypatch.setattr(mod, name, lambda g, *a, **k: _raise() if "poison" in str(g.identifier)
                            else real(g, *a, **k))
    else:
        monkeypatch.setattr(mod, name, _poisoned(getattr(mod, name), arg=arg))
    _build_expect_poison_skipped(tmp_path, stage)


def _raise():
    raise RuntimeError("boom")


def test_reasoning_failure_is_traced_to_its_article(tmp_path, monkeypatch):
    import kg.reasoning

    real = kg.reasoning.reason

    def reason(ds, **kwargs):
        if any("poison" in str(g.identifier) for g in ds.graphs()):
            raise RuntimeError("boom")
        return real(ds, **kwargs)

    monkeypatch.setattr(kg.reasoning, "reason", reason)
    _build_expect_poison_skipped(tmp_path, "reasoning")


def test_entities_failure_is_traced_to_its_article(tmp_path, monkeypatch):
    import kg.pipeline

    real = kg.pipeline.entities_graph

    def entities(refs, *args):
        refs = list(refs)
        if any(r.key == "Belarus" for r in refs):  # only the poisoned article mentions Belarus
            raise RuntimeError("boom")
        return real(refs, *args)

    monkeypatch.setattr(kg.pipeline, "entities_graph", entities)
    _build_expect_poison_skipped(tmp_path, "entities graph")


def test_global_failure_not_due_to_one_article_is_one_error_line(tmp_path, monkeypatch):
    import kg.reasoning

    def reason(ds, **kwargs):
        raise RuntimeError("engine down")

    monkeypatch.setattr(kg.reasoning, "reason", reason)
    out = tmp_path / "build"
    result = CliRunner().invoke(cli, ["build", "--corpus", str(_two_articles(tmp_path)), "--out", str(out)])
    assert result.exit_code == 2
    assert result.output.startswith("Error: reasoning failed") and "Traceback" not in result.output
    assert not (out / "kg.trig").exists()
