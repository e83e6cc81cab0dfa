"""Lines of a text as offset spans, trimmed of surrounding whitespace (web text is line-oriented)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    start: int  # first non-space character
    end: int  # after the last non-space character
    text: str

    @property
    def words(self) -> list[str]:
        return self.text.split()


def lines(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    """The non-blank lines of text[start:end], each trimmed (\\n, \\r\\n and \\r all end a line)."""
    end = len(text) if end is None else end
    out = []
    cursor = start
    while cursor < end:
        nl = cursor
        while nl < end and text[nl] not in "\n\r":
            nl += 1
        s, e = cursor, nl
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append(Line(s, e, text[s:e]))
        cursor = nl + 1
    return out
