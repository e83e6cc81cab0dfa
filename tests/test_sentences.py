"""Sentence splitting: spans that slice the document exactly, abbreviations, initials, line breaks."""

from __future__ import annotations

import pytest

from kg.extract.sentences import split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_sentences_are_exact_spans_of_the_text():
    text = "  Serbia is neutral.  The CSTO met in Minsk!\nNew line here?"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["Serbia is neutral.", "The CSTO met in Minsk!", "New line here?"]
    assert all(text[s.start:s.end] == s.text for s in sentences)


@pytest.mark.parametrize("text", [
    "Mr. Vucic met Dr. Lavrov in Moscow.",
    "The U.S. delegation arrived on Jan. 5 in Brussels.",
    "Resolution No. 1244 remains in force.",
    "J. Stoltenberg spoke first.",
])
def test_abbreviations_and_initials_do_not_end_a_sentence(text):
    assert texts(text) == [text]


def test_no_ends_a_sentence_unless_a_number_follows():
    assert texts("Short answer: no. Austria stays neutral.") == ["Short answer: no.", "Austria stays neutral."]


def test_only_the_given_spans_are_split():
    text = "Share this. Serbia is neutral. Read more"
    start = text.index("Serbia")
    assert texts_in(text, [(start, start + len("Serbia is neutral."))]) == ["Serbia is neutral."]


def texts_in(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [s.text for s in split_sentences(text, spans)]


def test_hard_wrapped_prose_is_one_sentence():
    """Wire copy wrapped at a fixed width: the line breaks inside a sentence do not end it."""
    text = ("GEORGETOWN, Haiti (AP) -- Haiti was admitted as the 15th member of the\n"
            "Caribbean Community, becoming the most populous state in the trading\n"
            "bloc, as it wrapped up a summit.\n")
    assert [s.text.replace("\n", " ") for s in split_sentences(text)] == [
        "GEORGETOWN, Haiti (AP) -- Haiti was admitted as the 15th member of the Caribbean Community, becoming the "
        "most populous state in the trading bloc, as it wrapped up a summit."]


def test_headlines_lists_and_finished_lines_still_end_at_the_line_break():
    headline = "Haiti becomes the 15th member of the Caribbean Community\nGEORGETOWN (AP) -- Haiti joined on Friday."
    assert len(split_sentences(headline)) == 2
    box = "Members of the Caribbean Community, as of July 2002:\n- Haiti\n- Jamaica\n"
    assert len(split_sentences(box)) == 3
    done = "Haiti was admitted as the 15th member of the Caribbean Community.\nJamaica welcomed it."
    assert len(split_sentences(done)) == 2
