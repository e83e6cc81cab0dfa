"""The optional `---` front matter block at the start of an article (CONTRACT.md, "Corpus format")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.errors import CorpusError

KNOWN_KEYS = ("title", "date", "publisher", "source", "language")

_FENCE = re.compile(r"---[ \t]*(?:\r\n|\n|\r|$)")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r|$)")
_FIELD = re.compile(r"(?P<key>[A-Za-z_][\w-]*)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*")


@dataclass
class FrontMatter:
    fields: dict[str, str]  # known keys, lowercased; empty values dropped
    extra: dict[str, str]  # any other keys, kept for whoever wants them
    end: int  # offset just after the closing fence line: where the body begins
    warnings: list[str] = field(default_factory=list)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)  # where each known key's value is in the text


def parse_front_matter(text: str) -> FrontMatter | None:
    """The block between a `---` first line and the next `---` line; None if the text has none.

    Raises CorpusError when the block is opened but never closed: the whole file
    would otherwise be read as metadata or as text, and neither is right.
    """
    opening = _FENCE.match(text)
    if not opening:
        return None
    fields: dict[str, str] = {}
    extra: dict[str, str] = {}
    warnings: list[str] = []
    spans: dict[str, tuple[int, int]] = {}
    pos, lineno = opening.end(), 1
    while pos < len(text):
        m = _LINE.match(text, pos)
        raw, pos, lineno = m.group(0), m.end(), lineno + 1
        line = raw.rstrip("\r\n")
        if line.strip() == "---":
            return FrontMatter(fields, extra, pos, warnings, spans)
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        f = _FIELD.fullmatch(line)
        if not f:
            warnings.append(f"front matter line {lineno} is not 'key: value', ignored: {line.strip()[:60]!r}")
            continue
        key, value = f["key"].lower(), _unquote(f["value"])
        target = fields if key in KNOWN_KEYS else extra
        if key in target:
            warnings.append(f"front matter key {key!r} given twice (line {lineno}); the last one counts")
        if value:
            target[key] = value
            if target is fields:  # the unquoted value's offsets, for reading a headline as text
                start = m.start() + f.start("value") + (f["value"] != value)
                spans[key] = (start, start + len(value))
    raise CorpusError("front matter block opened with '---' on line 1 is never closed by a '---' line")


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value
