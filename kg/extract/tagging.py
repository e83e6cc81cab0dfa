"""A sentence with its mentions replaced by placeholders, so rules read like grammar.

"The CSTO, which includes Armenia, Belarus and Russia" becomes
"The ⟦O0⟧, which includes ⟦S1⟧, ⟦S2⟧ and ⟦S3⟧"; a rule is then a regular
expression over that string with macros such as {ORG} and {STATES}
(the post rules of kg/extract/posts.py), and every placeholder it captures maps back to
the mention and its offsets in the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

#: Mention kinds: S state name, A state adjective/demonym, O organization,
#: L place, P person, D date, R role phrase, M ministry.
KINDS = "SAOLPDRM"
_PLACEHOLDER = re.compile(r"⟦([A-Z])(\d+)⟧")

MACROS = {
    "STATE": r"⟦S\d+⟧",
    "ADJ": r"⟦A\d+⟧",
    "ORG": r"⟦O\d+⟧",
    "PLACE": r"⟦L\d+⟧",
    "PERSON": r"⟦P\d+⟧",
    "DATE": r"⟦D\d+⟧",
    "ROLE": r"⟦R\d+⟧",
    "MINISTRY": r"⟦M\d+⟧",
    "ACTOR": r"⟦[SO]\d+⟧",
    "STATES": r"⟦S\d+⟧(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*,?\s*as well as\s+)⟦S\d+⟧)*",
    "ACTORS": r"⟦[SO]\d+⟧(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)⟦[SO]\d+⟧)*",
    "PERSONS": r"⟦P\d+⟧(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)⟦P\d+⟧)*",
    "ADJS": r"⟦A\d+⟧(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+|-)⟦A\d+⟧)*",
    # optional words between a subject and its verb: a non-restrictive relative clause or an
    # apposition (", which left the OAU in 1984,", ", an observer since 2022,"), an aside (", by the way,"), an adverb ("also", "thus")
    "REL": r"(?:,\s+(?:which|who|an?|the|[a-z]+ed)\s+[^,;:⟦\"“”]*(?:⟦[A-Z]\d+⟧[^,;:⟦\"“”]*)*,)?",
    "ASIDE": r"(?:,\s+(?:by\s+the\s+way|however|too|of\s+course|for\s+example|for\s+instance|in\s+turn"
             r"|in\s+fact|meanwhile|moreover|likewise|similarly|for\s+its\s+part|for\s+their\s+part|by\s+contrast"
             r"|in\s+contrast|though|so\s+far|for\s+now),)?",
    "ADV": r"(?:(?:also|still|now|already|thus|then|formally|officially|finally|eventually|subsequently|later"
           r"|duly|effectively|indeed|itself|themselves|all|both|again|currently)\s+)?",
}


def expand(pattern: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """Compile a rule pattern, replacing {MACRO} names by their regular expressions."""
    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in MACROS:
            raise KeyError(f"unknown macro {{{name}}}")
        return f"(?:{MACROS[name]})"
    return re.compile(re.sub(r"\{([A-Z]+)\}", sub, pattern), flags)


@dataclass(frozen=True)
class Mention:
    kind: str
    start: int  # offsets into the document text
    end: int
    text: str
    value: Any  # EntityRef, DateMention, role name, ...


@dataclass
class TaggedSentence:
    start: int
    end: int
    text: str
    tagged: str
    mentions: list[Mention]
    _segments: list[tuple[int, int, int, int]]  # (tagged start, tagged end, doc start, doc end)

    @classmethod
    def build(cls, doc_text: str, start: int, end: int, mentions: list[Mention]) -> TaggedSentence:
        """Tag non-overlapping mentions inside [start, end); earlier/longer mentions win."""
        chosen: list[Mention] = []
        for m in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
            if m.start < start or m.end > end:
                continue
            if chosen and m.start < chosen[-1].end:
                continue
            chosen.append(m)
        parts: list[str] = []
        segments: list[tuple[int, int, int, int]] = []
        pos, tpos = start, 0
        for i, m in enumerate(chosen):
            plain = doc_text[pos:m.start]
            parts.append(plain)
            segments.append((tpos, tpos + len(plain), pos, m.start))
            tpos += len(plain)
            tag = f"⟦{m.kind}{i}⟧"
            parts.append(tag)
            segments.append((tpos, tpos + len(tag), m.start, m.end))
            tpos += len(tag)
            pos = m.end
        plain = doc_text[pos:end]
        parts.append(plain)
        segments.append((tpos, tpos + len(plain), pos, end))
        return cls(start, end, doc_text[start:end], "".join(parts), chosen, segments)

    def doc_offset(self, tpos: int) -> int:
        for ts, te, ds, de in self._segments:
            if ts <= tpos < te:
                return ds + (tpos - ts) if de - ds == te - ts else (ds if tpos == ts else de)
        return self.end

    def mentions_in(self, tstart: int, tend: int, kinds: str = KINDS) -> list[Mention]:
        """The mentions whose placeholders lie in tagged[tstart:tend], in order."""
        return [self.mentions[int(m.group(2))] for m in _PLACEHOLDER.finditer(self.tagged, tstart, tend)
                if m.group(1) in kinds]

    def group_mentions(self, match: re.Match[str], group: str, kinds: str = KINDS) -> list[Mention]:
        if match.group(group) is None:
            return []
        return self.mentions_in(match.start(group), match.end(group), kinds)

    def plain(self, tstart: int, tend: int) -> str:
        """Tagged text with placeholders replaced by neutral words, for cue searches."""
        return _PLACEHOLDER.sub(" X ", self.tagged[tstart:tend])
