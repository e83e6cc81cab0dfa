"""The front matter's title is read as the article's first sentence (kg/corpus/article.py headline_span,
kg/extract/document.py): a fact said only in the headline is found, with its offsets in the file; a body
that repeats the headline is not read twice; the headline does not decide what the article is about."""

from __future__ import annotations

from pathlib import Path

from kg.build.document import process
from kg.corpus import read_article
from kg.corpus.frontmatter import parse_front_matter
from kg.extract.document import extract_document
from kg.gazetteer import Gazetteer
from kg.model import Membership

HEAD = "---\ntitle: {title}\ndate: 2017-08-06\n---\n"


def _article(tmp_path: Path, title: str, body: str, name: str = "a.txt"):
    (tmp_path / name).write_text(HEAD.format(title=title) + body, encoding="utf-8")
    return read_article(tmp_path / name)


def _memberships(article) -> set[tuple[str, str, str]]:
    facts = extract_document(article.stem, article.text, article.content_spans(), article.date, Gazetteer.load(),
                             headline=article.headline_span()).facts
    return {(f.member.key, f.organization.key, f.status) for f in facts if isinstance(f, Membership)}


def test_front_matter_keeps_where_each_value_is():
    text = '---\ntitle: "Finland joins NATO"\ndate: 2023-04-04\n---\nBody.'
    fm = parse_front_matter(text)
    start, end = fm.spans["title"]
    assert text[start:end] == "Finland joins NATO"  # the quotes are not the title's


def test_a_fact_said_only_in_the_headline_is_read_with_its_offsets(tmp_path):
    a = _article(tmp_path, "Mercosur suspends Venezuela's membership",
                 "The bloc's foreign ministers met in Sao Paulo on Saturday to discuss the crisis.\n")
    assert ("Venezuela", "Mercosur", "Suspended") in _memberships(a)
    start, end = a.headline_span()
    assert a.text[start:end] == "Mercosur suspends Venezuela's membership" and end <= a.body_start
    # without the headline, the body alone says nothing of it
    facts = extract_document(a.stem, a.text, a.content_spans(), a.date, Gazetteer.load()).facts
    assert not any(isinstance(f, Membership) for f in facts)


def test_the_build_reads_the_headline(tmp_path):
    a = _article(tmp_path, "Mercosur suspends Venezuela's membership", "Ministers met in Sao Paulo on Saturday.\n")
    assert "Venezuela" in process(a, Gazetteer.load(), validate_shapes=False).nquads


def test_a_body_that_opens_with_the_headline_is_not_read_twice(tmp_path):
    a = _article(tmp_path, "Finland joins NATO", "Finland joins NATO\n\nHelsinki celebrated on Tuesday.\n")
    assert a.headline_span() is None


def test_a_question_headline_is_no_fact(tmp_path):
    a = _article(tmp_path, "Will Serbia join BRICS", "Belgrade has not said.\n")
    assert not _memberships(a)


def test_a_metadata_title_is_not_in_the_text(tmp_path):
    (tmp_path / "metadata.csv").write_text("stem,title,date,publisher,source\na,Another title,2017-08-06,,\n")
    (tmp_path / "a.txt").write_text(HEAD.format(title="Mercosur suspends Venezuela") + "Ministers met.\n")
    a = read_article(tmp_path / "a.txt", {"a": {"title": "Another title"}})
    assert a.title == "Another title" and a.headline_span() is None


def test_the_headline_does_not_decide_the_article_organization(tmp_path):
    # the headline names the EU; the body is about the EAEU, whose members its organization-less sentence lists
    a = _article(tmp_path, "EU bill: Armenia eyes the EU while staying in Moscow's trade bloc",
                 "The Eurasian Economic Union met in Minsk on Monday.\n\n"
                 "Armenia joined in January 2015, a year after Russia, Belarus and Kazakhstan.\n")
    got = _memberships(a)
    assert ("Armenia", "EAEU", "FullMember") in got
    assert not any(o == "European_Union" for _, o, _ in got)
