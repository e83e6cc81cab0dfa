"""Sentence splitting that keeps offsets into the document text.

Evidence must slice the document exactly, so sentences are spans, never
rewritten strings. Paragraph breaks always end a sentence (news text puts
headlines and captions on lines of their own).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "prof", "st", "jr", "sr",
    "vs", "etc", "inc", "ltd", "co", "corp", "u.s", "u.n", "u.k", "e.u", "jan", "feb", "mar", "apr",
    "aug", "sep", "sept", "oct", "nov", "dec", "gov", "sen", "rep", "amb", "pres",
}
#: Abbreviations only before a number ("No. 5"); "The answer is no. Austria ..." ends a sentence.
_NUMBER_ABBREVIATIONS = {"no", "nos", "art", "para"}
_END = re.compile(r"[.!?]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]?[A-Z0-9])")
_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*[A-Z\"“‘«]\S*)")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str, spans: list[tuple[int, int]] | None = None) -> list[Sentence]:
    """Sentences of `text` (or of the given content spans), as offset spans."""
    out: list[Sentence] = []
    for span_start, span_end in spans or [(0, len(text))]:
        for block_start, block_end in _blocks(text, span_start, span_end):
            cursor = block_start
            for m in _END.finditer(text, block_start, block_end):
                word = re.search(r"([\w.]+)[.!?]*$", text[cursor:m.start() + 1])
                abbrev = word.group(1).rstrip(".").lower() if word else ""
                if text[m.start()] == "." and (abbrev in _ABBREVIATIONS or (
                        abbrev in _NUMBER_ABBREVIATIONS and re.match(r"\s+\d", text[m.end():]))):
                    continue
                if word and re.fullmatch(r"[A-Z]", word.group(1).rstrip(".")):  # initials: "J. Smith"
                    continue
                s, e = _trim(text, cursor, m.end())
                if e > s:
                    out.append(Sentence(s, e, text[s:e]))
                cursor = m.end()
            s, e = _trim(text, cursor, block_end)
            if e > s:
                out.append(Sentence(s, e, text[s:e]))
    return out


def _blocks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a span at line breaks: a line break ends a sentence in web text, except inside hard-wrapped prose
    (wire copy and e-mail wrap long sentences at a fixed width: "... as the 15th member of the\nCaribbean
    Community, ...")."""
    blocks = []
    cursor = start
    line_start = start
    for m in re.finditer(r"\n", text[start:end]):
        pos = start + m.start()
        if not _wrapped(text[line_start:pos], text[pos + 1:min(end, pos + 200)]):
            blocks.append((cursor, pos))
            cursor = pos + 1
        line_start = pos + 1
    blocks.append((cursor, end))
    return [b for b in blocks if text[b[0]:b[1]].strip()]


#: words a wrapped line may end on that never end a headline or a list item
_OPEN_WORDS = {"the", "a", "an", "of", "and", "or", "to", "in", "on", "at", "by", "for", "with", "from", "as",
               "that", "which", "who", "its", "their", "his", "her"}
_BULLET = re.compile(r"\s*(?:[-•*·–—]\s|\d+[.)]\s)")


def _wrapped(line: str, rest: str) -> bool:
    """The line break after `line` only wraps a sentence that goes on in `rest`."""
    line, nxt = line.strip(), rest.split("\n", 1)[0].strip()
    if len(line) < 40 or not nxt or line[-1] in ".!?:;\"”’)]" or _BULLET.match(line) or _BULLET.match(nxt):
        return False
    last = line.rsplit(None, 1)[-1].lower()
    return nxt[0].islower() or line.endswith(",") or last in _OPEN_WORDS
