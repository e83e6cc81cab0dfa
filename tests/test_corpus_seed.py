"""The five seed articles: metadata.csv dates, datelines without it, and the boilerplate stripped."""

from __future__ import annotations

import shutil

import pytest
from corpus_support import CORPUS, SEED_STEMS

from kg.corpus import read_corpus
from kg.dates import PartialDate as P

SEED = CORPUS
GOLD_DATES = {"000": "2016-04-05", "001": "2017-04", "002": "2017-09-27", "003": "2014-12-19", "004": "2017"}


@pytest.fixture(scope="module")
def seed():
    return {a.stem[:3]: a for a in read_corpus(SEED).articles}


@pytest.fixture(scope="module")
def bare(tmp_path_factory):
    """The seed articles without metadata.csv: everything read from the text."""
    tmp = tmp_path_factory.mktemp("bare")
    for f in SEED.glob("*.txt"):
        shutil.copy(f, tmp)
    corpus = read_corpus(tmp)
    return corpus, {a.stem[:3]: a for a in corpus.articles}


def stripped(article, kind=None):
    return [article.text[s.start:s.end] for s in article.boilerplate if kind in (None, s.kind)]


def test_seed_reads_all_five_without_problems():
    corpus = read_corpus(SEED)
    assert SEED_STEMS <= {a.stem for a in corpus.articles} and corpus.problems == []
    assert not [w for w in corpus.warnings if any(stem in w for stem in SEED_STEMS)]
    assert not SEED_STEMS & {str(x) for x in corpus.guessed_dates + corpus.undated}


@pytest.mark.parametrize("key", sorted(GOLD_DATES))
def test_seed_publication_date_from_metadata(seed, key):
    assert seed[key].date == P.parse(GOLD_DATES[key]) and seed[key].date_source == "metadata"
    assert seed[key].title and seed[key].publisher


def test_seed_publishers(seed):
    assert seed["001"].publisher == "Sputnik" and seed["003"].publisher == "TASS"


@pytest.mark.parametrize("key, iso, dateline", [
    ("000", "2016-04-05", "Belgrade, 05 April 2016 –"),
    ("002", "2017-09-27", "date 2017-09-27 MOSCOW. KAZINFORM"),
    ("003", "2014-12-19", "Russia December 19, 2014, 11:40"),
])
def test_seed_without_metadata_dateline_gives_date(bare, key, iso, dateline):
    _, arts = bare
    a = arts[key]
    assert a.date == P.parse(iso) and a.date_source == "dateline"
    assert a.text[a.datelines[0].start:a.datelines[0].end] == dateline


def test_seed_without_metadata_tass_dateline_takes_year_from_head(bare):
    a = bare[1]["003"]
    assert [a.text[d.start:d.end] for d in a.datelines][1] == "MOSCOW, December 19. /TASS/."


def test_seed_without_metadata_retrieval_stamp_is_not_the_date(bare):
    a = bare[1]["001"]
    assert a.date is None  # "16:40 GMT24 November 2020" is contradicted by "September 2017 will see"
    assert stripped(a, "timestamp") == ["16:40 GMT24 November 2020"]


def test_seed_without_metadata_reports_guesses(bare):
    corpus, _ = bare
    assert [s[:3] for s in corpus.guessed_dates] == ["000", "002", "003"]
    assert [s[:3] for s in corpus.undated] == ["001", "004"]


def test_seed_without_metadata_titles(bare):
    _, arts = bare
    assert arts["000"].title.startswith("President Nikolic with Secretary General of the Collective")
    assert arts["003"].title == "Russia confirms readiness to develop security cooperation with Serbia"
    assert arts["004"].title == "Sargsyan to “MIR”: CSTO countries together achieve collective benefits"
    assert arts["001"].title is None and arts["002"].title is None


def test_seed_001_boilerplate(seed):
    a = seed["001"]
    texts = stripped(a)
    for expected in ["Listen Live", "Get short URL", "© Sputnik / Mikhail Voskresenskiy",
                     "partnership, agreements, cooperation, drills, NATO, CSTO, Russia, Serbia",
                     "Community standardsDiscussion"]:
        assert expected in texts
    captions = stripped(a, "caption")
    assert len(captions) == 2 and all(c.startswith("A Tigr armored SUV") for c in captions)
    related = stripped(a, "related")
    assert len(related) == 5 and related[0].startswith("Serbia Will Never Join NATO")
    assert any(t.startswith("Never miss a story again") for t in stripped(a, "prompt"))


def test_seed_001_content_keeps_the_article(seed):
    a = seed["001"]
    content = a.content_text()
    assert content.startswith("Later this year, Serbia will take part")
    assert "which were held on\u00a0April 2." in content
    assert "Frontier-2016" not in content and "Never miss" not in content and "1999" not in content


def test_seed_003_boilerplate(seed):
    a = seed["003"]
    assert "Read more on the site →" in stripped(a)
    teaser = stripped(a, "duplicate")
    assert len(teaser) == 1 and teaser[0].endswith("strengthening traditional values on the OSCE")


def test_seed_004_boilerplate(seed):
    texts = stripped(seed["004"])
    assert "Go back" in texts and "Back to the all news" in texts
    assert any(t.startswith("Photos: Press Service of the President of Russia") for t in texts)


def test_seed_000_and_002_have_no_boilerplate(seed):
    assert seed["000"].boilerplate == [] and seed["002"].boilerplate == []


def test_seed_content_spans_exclude_datelines(seed):
    a = seed["000"]
    first = a.content_spans()[0]
    assert a.text[first[0]:first[1]].startswith("President Nikolic with")
    assert not any("05 April 2016" in a.text[s:e] for s, e in a.content_spans())


@pytest.mark.parametrize("key", sorted(GOLD_DATES))
def test_seed_text_is_the_file_exactly(seed, key):
    a = seed[key]
    assert a.text == a.path.read_bytes().decode("utf-8") and a.body_start == 0
