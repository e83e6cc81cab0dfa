"""Is a statement asserted as fact? Negation, hypotheticals, plans, denials, opinions, questions.

Precision matters more than recall: a statement is dropped when any blocking cue
appears in its clause before the end of the statement.
"""

from __future__ import annotations

import re

from kg.extract.lexicon import cue_regex
from kg.extract.tagging import TaggedSentence

_CLAUSE_BREAK = re.compile(r";|\s—\s|\s–\s|\bbut\b|\bwhile\b|\bwhereas\b|\balthough\b|\bthough\b|:\s(?=[\"“])"
                           r"|[”“\"]\s*,|,\s*[“\"]")


def clause_start(tagged: TaggedSentence, tpos: int) -> int:
    """Start (in tagged text) of the clause that contains tagged position `tpos`."""
    start = 0
    for m in _CLAUSE_BREAK.finditer(tagged.tagged, 0, tpos):
        start = m.end()
    return start


def is_question(tagged: TaggedSentence) -> bool:
    text = tagged.text.rstrip("”\"’' )")
    return text.endswith("?")


def blocked(tagged: TaggedSentence, tstart: int, tend: int, kinds: tuple[str, ...],
            whole_clause: bool = True) -> str | None:
    """The first cue of the given kinds in the clause up to `tend`, or None when asserted.

    `whole_clause=False` looks only at [tstart, tend): for noun phrases ("Uzbek Foreign
    Minister X"), which are presupposed whatever the clause around them says.
    """
    if is_question(tagged):
        return "question"
    window = tagged.plain(clause_start(tagged, tstart) if whole_clause else tstart, tend)
    m = cue_regex(*kinds).search(window)
    return m.group(0) if m else None


def sentence_has(tagged: TaggedSentence, *kinds: str) -> str | None:
    m = cue_regex(*kinds).search(tagged.plain(0, len(tagged.tagged)))
    return m.group(0) if m else None
