"""Reading a corpus folder: broken files, front matter, metadata precedence (kg/corpus/reader.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.corpus import read_article, read_corpus
from kg.dates import PartialDate as P
from kg.errors import CorpusError

MIXED = Path(__file__).parent / "data" / "corpus" / "mixed"


@pytest.fixture(scope="module")
def mixed():
    return read_corpus(MIXED)


def by_stem(corpus):
    return {a.stem: a for a in corpus.articles}


def problems(corpus):
    return {p.path.name: p.reason for p in corpus.problems}


def test_read_corpus_reads_good_files_despite_broken_ones(mixed):
    assert sorted(by_stem(mixed)) == ["bad_front_date", "bom", "crlf", "dateline", "front_matter", "stamp"]


@pytest.mark.parametrize("name, words", [
    ("latin1.txt", "not UTF-8: invalid byte 0xe9"),
    ("utf16.txt", "UTF-16"),
    ("empty.txt", "empty file"),
    ("blank.txt", "only whitespace"),
    ("dir.txt", "is a directory"),
    ("unclosed.txt", "never closed"),
    ("only_front.txt", "no article text"),
])
def test_read_corpus_broken_file_is_a_problem_with_reason(mixed, name, words):
    assert words in problems(mixed)[name]


def test_read_corpus_ignores_files_that_are_not_txt(mixed):
    names = {a.path.name for a in mixed.articles} | set(problems(mixed))
    assert "README.md" not in names


def test_read_corpus_reports_every_bad_metadata_row(mixed):
    meta = [p.reason for p in mixed.problems if p.path.name == "metadata.csv"]
    assert len(meta) == 2
    assert any("line 5" in r and "2015-13-01" in r for r in meta)
    assert any("line 6" in r and "not a URL" in r for r in meta)


def test_read_corpus_warns_about_metadata_rows_without_file(mixed):
    assert any("missing_file" in w for w in mixed.warnings)


def test_read_corpus_metadata_wins_over_front_matter(mixed):
    a = by_stem(mixed)["front_matter"]
    assert (a.title, a.date, a.date_source, a.title_source) == ("Curated forum title", P(2017, 10), "metadata",
                                                                "metadata")
    assert a.publisher == "Example Wire" and a.source == "https://example.org/news/forum"  # empty cells fall back
    assert a.language == "en" and a.extra == {"author": "A. Writer"}


def test_read_corpus_metadata_wins_over_text(mixed):
    a = by_stem(mixed)["dateline"]
    assert (a.date, a.date_source, a.publisher) == (P(2019, 3, 3), "metadata", "Example Press")
    assert a.title == "Ministers meet in Paris" and a.title_source == "text"


def test_read_corpus_bad_metadata_row_is_ignored_whole(mixed):
    a = by_stem(mixed)["crlf"]
    assert a.title == "Talks in Minsk" and a.date == P(2015, 6, 5) and a.date_source == "dateline"


def test_read_corpus_bad_front_matter_date_keeps_article_with_warning(mixed):
    a = by_stem(mixed)["bad_front_date"]
    assert a.title == "A bad date" and a.date == P(2019, 3, 3) and a.date_source == "dateline"
    assert any("next Tuesday" in w for w in a.warnings)


def test_read_corpus_lists_guessed_dates_and_titles(mixed):
    assert mixed.guessed_dates == ["bad_front_date", "bom", "crlf", "stamp"]
    assert "dateline" in mixed.guessed_titles and "front_matter" not in mixed.guessed_titles
    assert mixed.undated == []


def test_read_article_front_matter_offsets_and_body(mixed):
    a = by_stem(mixed)["front_matter"]
    assert a.text.startswith("---\ntitle:")
    assert a.text[a.body_start:].startswith("BELGRADE, 18 October 2016")
    assert all(s >= a.body_start for s, _ in a.content_spans())


def test_read_article_front_matter_date_beats_dateline(tmp_path):
    (tmp_path / "x.txt").write_text("---\ndate: 2017-10-18\n---\nBELGRADE, 18 October 2016 – Talks.\n")
    a = read_article(tmp_path / "x.txt")
    assert (a.date, a.date_source) == (P(2017, 10, 18), "front-matter")


def test_read_article_bom_is_removed_and_offsets_index_text(mixed):
    a = by_stem(mixed)["bom"]
    assert not a.text.startswith("\ufeff") and a.text.startswith("Vienna talks")
    assert [a.text[d.start:d.end] for d in a.datelines] == ["VIENNA, December 4. /TASS/."]
    assert a.date == P(2014, 12, 4)  # year from "of 2014" on the dateline's line


def test_read_article_keeps_crlf_line_endings(mixed):
    a = by_stem(mixed)["crlf"]
    assert "\r\n" in a.text
    assert a.text == (MIXED / "crlf.txt").read_bytes().decode("utf-8")


def test_read_article_top_stamp_used_when_nothing_contradicts_it(mixed):
    a = by_stem(mixed)["stamp"]
    assert (a.date, a.date_source) == (P(2018, 5, 12), "text")
    assert [s.kind for s in a.boilerplate] == ["timestamp", "prompt", "share"]
    assert a.title is None  # the lead sentence is not a headline


def test_read_article_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text("Some text")

    def deny(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", deny)
    with pytest.raises(CorpusError, match="permission denied"):
        read_article(path)


def test_read_corpus_unreadable_file_is_a_problem(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("Fine headline\n\nMINSK, 5 June 2015 - Text.\n")
    (tmp_path / "b.txt").write_text("Locked")
    real = Path.read_bytes

    def deny(self):
        if self.name == "b.txt":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", deny)
    corpus = read_corpus(tmp_path)
    assert [a.stem for a in corpus.articles] == ["a"]
    assert problems(corpus) == {"b.txt": "cannot read: permission denied"}


def test_read_corpus_missing_folder_raises(tmp_path):
    with pytest.raises(CorpusError, match="not found"):
        read_corpus(tmp_path / "nope")
    (tmp_path / "file").write_text("x")
    with pytest.raises(CorpusError, match="not a folder"):
        read_corpus(tmp_path / "file")


def test_read_corpus_unreadable_metadata_is_a_problem(tmp_path):
    shutil.copy(MIXED / "dateline.txt", tmp_path)
    (tmp_path / "metadata.csv").write_bytes(b"stem,title\ndateline,Caf\xe9\n")
    corpus = read_corpus(tmp_path)
    assert "not UTF-8" in problems(corpus)["metadata.csv"]
    assert corpus.articles[0].date_source == "dateline"


def test_article_iri_quotes_unsafe_stems(tmp_path):
    (tmp_path / "my article.txt").write_text("Headline\n\nText here.\n")
    a = read_article(tmp_path / "my article.txt")
    assert str(a.iri) == "https://w3id.org/alliance-kg/doc/my%20article"
    (tmp_path / "000_abc.txt").write_text("Headline\n\nText here.\n")
    assert str(read_article(tmp_path / "000_abc.txt").iri) == "https://w3id.org/alliance-kg/doc/000_abc"


def test_read_article_metadata_row_given_directly(tmp_path):
    (tmp_path / "x.txt").write_text("Headline\n\nText here.\n")
    a = read_article(tmp_path / "x.txt", {"x": {"date": "2017-04", "publisher": "Sputnik"}})
    assert (a.date, a.date_source, a.publisher) == (P(2017, 4), "metadata", "Sputnik")


def test_outside_keeps_exactly_the_lines_not_inside_one_span():
    """The header scan used to test every line against every boilerplate span (quadratic, issue 14)."""
    import random

    from kg.corpus.lines import Line
    from kg.corpus.reader import outside

    rng = random.Random(7)
    for _ in range(200):
        items = [Line(a, a + rng.randint(1, 8), "x") for a in sorted(rng.sample(range(100), 15))]
        spans = [(a, a + rng.randint(0, 20)) for a in (rng.randrange(100) for _ in range(rng.randint(0, 8)))]
        brute = [ln for ln in items if not any(s <= ln.start and ln.end <= e for s, e in spans)]
        assert outside(items, spans) == brute


def test_read_corpus_refuses_an_article_over_max_bytes(tmp_path):
    (tmp_path / "big.txt").write_text("Serbia is a member of the United Nations.\n" * 100)
    (tmp_path / "small.txt").write_text("Serbia is a member of the United Nations.\n")
    corpus = read_corpus(tmp_path, max_bytes=1000)
    assert [a.stem for a in corpus.articles] == ["small"]
    assert "over the size limit of 1,000 bytes" in problems(corpus)["big.txt"]
