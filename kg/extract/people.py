"""People, found by rules: a capitalised name in a context that only a person fits.

Contexts (over a tagged sentence where roles, states and organizations are already
placeholders): after a title ("Secretary General of the ⟦O⟧ Yuri Khachaturov"), before
an apposition ("Nikolai Bordyuzha, Secretary General of …"), after a nationality and a
person noun ("Serbian political scientist Dusan Prorokovic", "his Serbian counterpart
Ivica Dacic"), after an honorific ("Mr. Bordyuzha"), or before/after a speech verb
when the name has two or more words. Patronymics are folded ("Nikolai Nikolayevich
Bordyuzha" is "Nikolai Bordyuzha"); later surname-only mentions resolve to the full
person of the same document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.lexicon import TAKES_POST, roles
from kg.extract.tagging import TaggedSentence, expand
from kg.extract.transliteration import canonical_spelling
from kg.gazetteer import fold, slugify
from kg.model import EntityRef

_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĲĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
_WORD = rf"[{_UPPER}][a-zß-öø-ÿā-ž'’]+(?:-[{_UPPER}]?[a-zß-öø-ÿā-ž'’]+)?"
_NAME = rf"{_WORD}(?:\s+(?:(?:de|van|von|der|bin|al|el|da|di|le|la)\s+)?{_WORD}){{0,3}}"
_NAME_RE = re.compile(_NAME)

#: Words that start with a capital but never belong to a person's name.
_STOP = {
    "The", "A", "An", "He", "She", "It", "They", "We", "I", "His", "Her", "Their", "Its", "Our", "This", "That",
    "These", "Those", "In", "On", "At", "By", "For", "With", "From", "To", "Of", "And", "But", "Or", "As", "If",
    "When", "While", "After", "Before", "During", "Mr", "Mrs", "Ms", "Dr", "President", "Minister", "Prime",
    "Secretary", "General", "Foreign", "Defense", "Defence", "Interior", "Ministry", "Organization",
    "Organisation", "Treaty", "Assembly", "Forces", "Army", "Union", "Council", "Party", "Republic",
    "Federation", "Press", "Service", "News", "Agency", "Monday", "Tuesday", "Wednesday", "Thursday",
    "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December", "Read", "More", "Photo", "Photos", "File",
    "According", "Earlier", "Later", "Late", "Last", "Next", "However", "Also", "Mr.", "Spokesman",
    "Spokeswoman", "Chairman", "Ambassador", "Speaker", "King", "Queen", "Chancellor", "Exclusive",
    "Interview", "World", "Live", "Listen", "Moscow", "Brussels", "Kremlin", "State", "States", "Department",
    "Office", "Government", "Parliament", "Security", "Collective", "Cooperation", "Co-operation", "Europe",
    "European", "Soviet", "West", "East", "North", "South", "Western", "Eastern", "Academy", "University",
    "Summit", "Forum", "Exercise", "Drills", "Operation", "Mission", "Channel", "Television", "TV", "Radio",
    "Although", "Given", "Both", "Never", "Yes", "No", "Q", "Source", "Sources", "Today", "Yesterday",
    "Tomorrow", "Meanwhile", "Then", "Now", "Still", "Even", "So", "Such", "Every", "All", "Some",
}
_PATRONYMIC = re.compile(r"(?:ovich|evich|yevich|ovna|evna|yevna|ich|ichna|vna)$", re.IGNORECASE)
_SPEECH = r"(?:said|says|told|stated|noted|added|stressed|emphasi[sz]ed|pointed\s+out|explained|declared|announced|remarked|warned|wrote|confirmed|met|meets|visited|arrived)"


@dataclass
class Person:
    key: str
    label: str
    aliases: set[str] = field(default_factory=set)

    @property
    def surname(self) -> str:
        return self.label.split()[-1]

    def ref(self) -> EntityRef:
        return EntityRef("person", self.key, self.label, ("Person",), tuple(sorted(self.aliases - {self.label})))


def canonical(name: str) -> tuple[str, str]:
    """(IRI key, label) of a full name, the patronymic dropped."""
    tokens = name.split()
    if len(tokens) == 3 and _PATRONYMIC.search(tokens[1]):
        tokens = [tokens[0], tokens[2]]
    label = " ".join(tokens)
    return slugify(canonical_spelling(label)), label


def _clean(name: str) -> str | None:
    tokens = name.split()
    while tokens and tokens[0].rstrip(".") in _STOP:
        tokens = tokens[1:]
    while tokens and tokens[-1] in _STOP:
        tokens = tokens[:-1]
    if not tokens or any(t in _STOP for t in tokens):
        return None
    return " ".join(tokens)


def _contexts() -> list[tuple[re.Pattern[str], int]]:
    """(pattern with a <name> group, minimal number of name tokens)."""
    r = roles()
    nouns = "|".join(re.escape(n) for n in sorted(r.person_nouns, key=len, reverse=True))
    hon = "|".join(re.escape(h) for h in r.honorifics)
    heads = "|".join(re.escape(v) for v in r.heads_verbs)
    name = rf"(?P<name>{_NAME})"
    return [
        (expand(rf"{{ROLE}}(?:\s+(?:of|for|to)\s+(?:the\s+)?(?:{{ACTOR}}|(?:{{ADJ}}\s+|{{ACTOR}}['’]s\s+)?{{MINISTRY}}))?"
                rf"(?:\s*\(⟦O\d+⟧\))?,?\s+{name}", 0), 2),
        (expand(rf"{name},\s+(?:who\s+(?:is|has\s+been)\s+(?:both\s+|also\s+)?|the\s+|a\s+|an\s+)?(?:(?:former|acting|then-?|ex-?)\s*)?(?:(?:{{ADJ}}|{{ACTOR}})(?:['’]s)?\s+)?{{ROLE}}", 0), 2),
        # "X was appointed Switzerland's foreign minister", "X took office as NATO Secretary General"
        (expand(rf"{name}\s+(?:is|became|remains|{TAKES_POST})\s+(?:the\s+|a\s+|an\s+)?"
                rf"(?:(?:{{ADJ}}|{{ACTOR}})(?:['’]s)?\s+)?{{ROLE}}", 0), 2),
        # "his Azerbaijani counterpart, Elnur Mammadli": the apposition after a person noun
        (expand(rf"(?:{{ADJ}}|{{ACTOR}}['’]s|his|her|their)\s+(?:\w+\s+)?(?:{nouns}),?\s+{name}", 0), 2),
        (re.compile(rf"\b(?:{hon})\.?\s+{name}"), 1),
        (expand(rf"{name},\s+who\s+(?:{heads})\s+(?:the\s+)?{{ACTOR}}", 0), 2),
        (re.compile(rf"{name}(?:,[^,⟦]{{3,80}},)?\s+{_SPEECH}\b"), 2),
        # "IGAD's Executive Secretary, Mesfin Abebe Tadesse, travelled to Djibouti": an apposition before a verb
        # a person does, after a title the role lexicon does not know
        (re.compile(rf"(?:Secretary|Director|Commissioner|Chair|Envoy|Representative),\s+{name},\s+(?:{_SPEECH}"
                    rf"|travel+ed|flew)\b"), 2),
        (re.compile(rf"\b(?:{_SPEECH}|according\s+to|between|with|by)\s+{name}\b"), 2),
    ]


_CONTEXTS: list[tuple[re.Pattern[str], int]] | None = None


def find_names(tagged: TaggedSentence) -> list[tuple[int, int, str]]:
    """Person names in a tagged sentence: (doc start, doc end, cleaned name)."""
    global _CONTEXTS
    if _CONTEXTS is None:
        _CONTEXTS = _contexts()
    found: dict[tuple[int, int], str] = {}
    for pattern, min_tokens in _CONTEXTS:
        for m in pattern.finditer(tagged.tagged):
            raw = m.group("name")
            cleaned = _clean(raw)
            if not cleaned or len(cleaned.split()) < min_tokens or "⟦" in raw:
                continue
            offset = raw.find(cleaned)
            start = tagged.doc_offset(m.start("name") + offset)
            found[(start, start + len(cleaned))] = cleaned
    return [(s, e, n) for (s, e), n in sorted(found.items())]


class PersonRegistry:
    """The people of one document, so "said Sargsyan" finds Serzh Sargsyan."""

    def __init__(self) -> None:
        self.people: dict[str, Person] = {}

    def add(self, name: str) -> Person:
        tokens = name.split()
        if len(tokens) == 1:
            found = self.by_surname(name)
            if found:
                return found
        key, label = canonical(name)
        person = self.people.get(key)
        if person is None:
            # a variant with another middle name or diacritics is the same person
            for other in self.people.values():
                if fold(other.label) == fold(label):
                    person = other
                    break
        if person is None:
            person = self.people[key] = Person(key, label)
        person.aliases.add(name)
        person.aliases.add(label)
        return person

    def by_surname(self, surname: str) -> Person | None:
        key = fold(canonical_spelling(surname))  # "Lukashenka" after "Alexander Lukashenko"
        matches = [p for p in self.people.values() if fold(canonical_spelling(p.surname)) == key]
        return matches[0] if len(matches) == 1 else None

    def surname_regex(self) -> re.Pattern[str] | None:
        names = {n for p in self.people.values() for n in (p.surname, *p.aliases)}
        if not names:
            return None
        alts = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        return re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])")

    def resolve(self, text: str) -> Person | None:
        for p in self.people.values():
            if text in p.aliases or text == p.label:
                return p
        return self.by_surname(text.split()[-1]) if len(text.split()) == 1 else None
