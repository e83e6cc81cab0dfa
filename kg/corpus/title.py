"""A title read from the text when no metadata gives one: a headline-shaped line at the top."""

from __future__ import annotations

import re

from kg.corpus.boilerplate import is_headline_like
from kg.corpus.lines import Line

TITLE_MAX_WORDS = 20
TITLE_MIN_WORDS = 3  # "Press Office" is a letterhead, not a headline
TITLE_LOOKAHEAD = 8  # a headline is among the first lines or nowhere
_BYLINE = re.compile(r"(?i:by|from|author|posted by|written by)\b")
_SENTENCE_END = re.compile(r"[.!?][\"'”’»)]*$")


def guess_title(head: list[Line], skip: list[tuple[int, int]]) -> str | None:
    """The first headline-shaped line before the first full sentence of the article.

    Passed over: lines holding a dateline (given in `skip`), bylines, all-capitals
    letterheads and labels ("PRESS RELEASE", "IN BRIEF"), and lines too long for a
    headline. A line of fewer than TITLE_MIN_WORDS words is taken only when nothing
    better comes. The lead paragraph of an article without a headline is not a title.
    """
    candidates = []
    for line in head[:TITLE_LOOKAHEAD]:
        if any(s < line.end and line.start < e for s, e in skip):
            continue
        if _SENTENCE_END.search(line.text) and len(line.words) > 3:
            break  # the body has begun
        if _BYLINE.match(line.text) or not any(c.islower() for c in line.text):
            continue
        if is_headline_like(line.text, TITLE_MAX_WORDS):
            candidates.append(line.text)
    for text in candidates:
        if len(re.findall(r"\w+", text)) >= TITLE_MIN_WORDS:
            return text
    return candidates[0] if candidates else None
