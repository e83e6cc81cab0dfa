"""A title read from the text when no metadata gives one: the first headline-shaped line."""

from __future__ import annotations

import re

from kg.corpus.boilerplate import is_headline_like
from kg.corpus.lines import Line

TITLE_MAX_WORDS = 20
TITLE_LOOKAHEAD = 3  # a headline is among the first content lines or nowhere
_BYLINE = re.compile(r"(?i:by|from|author|posted by|written by)\b")


def guess_title(head: list[Line], skip: list[tuple[int, int]]) -> str | None:
    """The first of the first few content lines that looks like a headline (short, no full stop).

    Lines that hold a dateline (given in `skip`) or a byline are passed over; the
    lead paragraph of an article without a headline is not taken as its title.
    """
    for line in head[:TITLE_LOOKAHEAD]:
        if any(s < line.end and line.start < e for s, e in skip):
            continue
        if _BYLINE.match(line.text):
            continue
        if is_headline_like(line.text, TITLE_MAX_WORDS):
            return line.text
    return None
