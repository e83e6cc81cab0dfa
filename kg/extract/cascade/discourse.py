"""Layer 5: discourse. Pronouns, descriptions and capitals stand for the entities they refer to.

"It", "the latter", "the country", "the Nordic nation" become the state they refer to
(the nearest compatible one in the sentences before: the previous sentence's first
name for "It", its last for "the latter"); "the bloc" or "the alliance" becomes the
organization the article is about or the nearest compatible one named before; a
capital that is the subject of a verb becomes its state ("Vienna has long pursued
...").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from kg.errors import DataFileError
from kg.extract.cascade.lexicon import Lexicon
from kg.extract.cascade.tokens import Token
from kg.extract.lexicon import load_data
from kg.model import EntityRef


@dataclass(frozen=True)
class Descriptions:
    state_heads: frozenset[str]
    org_nouns: dict[str, str]  # noun -> "any" | "military" | "named"
    regions: dict[str, frozenset[str]]  # region word (lower) -> state keys


@cache
def descriptions() -> Descriptions:
    data = load_data("descriptions.json")
    problems = [f"missing {k}" for k in ("state_heads", "org_nouns", "regions") if k not in data]
    if problems:
        raise DataFileError("kg/data/descriptions.json: " + "; ".join(problems))
    return Descriptions(frozenset(data["state_heads"]), dict(data["org_nouns"]),
                        {k.lower(): frozenset(v) for k, v in data["regions"].items()})


@dataclass
class Discourse:
    """What the sentences read so far make available for reference."""

    lex: Lexicon
    capital_of: dict[str, EntityRef] = field(default_factory=dict)  # place key -> its state
    main_org: EntityRef | None = None
    history: list[list[Token]] = field(default_factory=list)  # entity tokens of each sentence read
    topics: list[Token | None] = field(default_factory=list)  # the entity each sentence read opens with
    read_so_far: list[Token] = field(default_factory=list)  # this sentence's tokens resolved so far
    bound: dict[str, EntityRef] = field(default_factory=dict)  # "the trade bloc Mercosur": "bloc" -> Mercosur

    def push(self, tokens: list[Token]) -> None:
        named = [t for t in tokens if t.kind in "SO" and t.refs]
        self.history.append(named)
        lead = [t for t in tokens if t.lemma not in ('"', "'", "(", "-", "—", "–", "•", "*")]
        if len(lead) >= 2 and lead[0].text in ("Q", "A") and lead[1].lemma == ":":
            lead = lead[2:]  # "Q: Is Chile in the CIS?" / "A: Yes."
        first = lead[0] if lead else None
        if first is not None and first.lemma in ("be", "do", "have") and tokens[-1].lemma == "?" and named:
            first = named[0]  # "Is Chile in the CIS?": the question is about Chile
        if not named and len(lead) <= 3 and self.topics:
            first = self.topics[-1]  # "A: Yes." keeps the question's topic for "It joined in 2004"
        self.topics.append(first if first is not None and first.kind in "SO" and first.refs else None)

    def recent(self, kind: str, back: int = 3) -> list[list[EntityRef]]:
        """Entities of `kind` in each of the last `back` sentences, most recent sentence first."""
        out = []
        for sent in reversed(self.history[-back:]):
            out.append([r for t in sent if t.kind == kind for r in t.refs])
        return out

    def resolve(self, tokens: list[Token]) -> list[Token]:
        out: list[Token] = []
        i = 0
        d = descriptions()
        while i < len(tokens):
            t = tokens[i]
            got = None
            self.read_so_far = out
            if t.is_word:
                got = self._pronoun(tokens, i) or self._description(tokens, i, d) or self._org_noun(tokens, i, d) \
                    or self._his_country(tokens, i) or self._its_status(tokens, i)
            elif t.kind == "O" and i > 0 and tokens[i - 1].lemma == "the" and t.text.lower() in d.org_nouns \
                    and self.main_org is not None and t.refs and t.refs[0].key != self.main_org.key:
                # "the Commonwealth" in an article about the Commonwealth of Independent States
                again = self._org_noun([Token("W", "the", "the", t.start, t.start), Token("W", t.text, t.text.lower(),
                                                                                        t.start, t.end)], 0, d)
                if again is not None and again[0].refs[0].key == self.main_org.key:
                    got = (Token("O", t.text, "ORG", t.start, t.end, t.mention, again[0].refs), i + 1)
            elif t.kind == "O" and _is_org_noun_phrase(t.text, d):  # tagged for the article's organization
                again = self._org_noun([Token("W", w, w.lower(), t.start, t.end) for w in t.text.split()], 0, d)
                if again is not None:
                    got = (Token("O", t.text, "ORG", t.start, t.end, t.mention, again[0].refs), i + 1)
            elif t.kind == "L" and t.refs and t.refs[0].key in self.capital_of \
                    and (self._verb_follows(tokens, i + 1) or (i + 1 < len(tokens) and tokens[i + 1].lemma == "'s")
                         or _status_aside(tokens, i + 1)
                         or (i == 0 and i + 1 < len(tokens) and tokens[i + 1].is_word
                             and tokens[i + 1].text.endswith(("ed", "s")) and tokens[i + 1].text.islower())) \
                    and not (i > 0 and tokens[i - 1].lemma in _PLACE_PREPS):  # "set up in Bangkok on ..." is a place
                got = (Token("S", t.text, "STATE", t.start, t.end, None, [self.capital_of[t.refs[0].key]]), i + 1)
            if got is None and t.kind == "O" and len(t.refs) == 1 and i > 0 and tokens[i - 1].is_word \
                    and tokens[i - 1].lemma in d.org_nouns and tokens[i - 1].text.islower():
                self.bound[tokens[i - 1].lemma] = top_organization(t.refs[0])  # the article introduces it so
            if got is None:
                out.append(t)
                i += 1
            else:
                out.append(got[0])
                if t.is_word and t.text.lower() == "its" and got[0].kind == "S":
                    out.append(Token("W", "'s", "'s", t.end, t.end))  # "Its membership": "X's membership"
                i = got[1]
        return out

    def _verb_follows(self, tokens: list[Token], j: int) -> bool:
        while j < len(tokens) and self.lex.is_adverb(tokens[j]):
            j += 1
        if j < len(tokens) and tokens[j].kind == "D":
            return True
        return j < len(tokens) and tokens[j].is_word and (
            self.lex.is_aux(tokens[j]) or self.lex.is_predicate_verb(tokens[j], tokens, j)
            or tokens[j].lemma in ("on", "in", "last"))

    def _pronoun(self, tokens: list[Token], i: int) -> tuple[Token, int] | None:
        t = tokens[i]
        low = t.text.lower()
        initial = all(x.lemma in ('"', "'", "(", "and", "but") for x in tokens[:i])
        after_conj = (i >= 2 and tokens[i - 1].lemma in ("but", "and") and tokens[i - 2].lemma in (",", ";")) \
            or (i >= 1 and tokens[i - 1].lemma in (":", ";"))
        reporting = self.lex.classes.get("REPORTING", ())
        after_sub = i >= 1 and (tokens[i - 1].lemma in _SUBORDINATORS or tokens[i - 1].lemma in reporting
                                or (tokens[i - 1].lemma in ("which", "that") and i >= 3 and tokens[i - 2].lemma == ","
                                    and tokens[i - 3].kind == "O")  # "the Commonwealth, which it joined"
                                or (tokens[i - 1].lemma == "which" and i >= 4 and tokens[i - 2].lemma == "of"
                                    and tokens[i - 3].lemma == "," and tokens[i - 4].kind == "O"))  # ", of which it is"
        one = self._one_state_so_far()  # "Syria's delegation ... Damascus has attended since it was ..."
        if low == "it" and not initial and (after_conj or after_sub) and one is not None \
                and self._verb_follows(tokens, i + 1):
            # "Austria is not a member of NATO, but it is a member of the EU": the one state of the first clause
            return _pseudo("S", t.text, t.start, t.end, [one]), i + 1
        if low == "it" and initial and self._verb_follows(tokens, i + 1):
            # "It" opening a sentence: the entity the previous sentence opened with (the topic both share)
            first = self.topics[-1] if self.topics else None
            if first is not None and len(first.refs) == 1:
                return _pseudo(first.kind, t.text, t.start, t.end, first.refs), i + 1
            return None
        if low == "they" and self._verb_follows(tokens, i + 1):
            for sent in self.recent_tokens():
                groups = [x for x in sent if x.kind == "S" and len(x.refs) > 1]
                if groups:
                    return _pseudo("S", t.text, t.start, t.end, groups[0].refs), i + 1
                if sent:
                    return None
            return None
        same = low == "the" and i + 2 < len(tokens) and tokens[i + 1].lemma == "same"  # "the same three countries"
        n = _COUNTED.get(tokens[i + 1 + same].lemma) if low in ("all", "the", "these", "those") \
            and i + 1 + same < len(tokens) else (2 if low == "both" and initial else None)
        if n is not None:  # "All three are suspended from the AU": the group of three named last
            j = i + 2 + same if low != "both" else i + 1
            head = next((k for k in range(j, min(j + 3, len(tokens))) if tokens[k].lemma in _PLURAL_HEADS
                         and tokens[k].text.lower().endswith("s")), None)
            if head is not None and all((x.is_word and not self.lex.is_aux(x)) or x.kind == "A" for x in tokens[j:head]):
                # (but "Both are members of the CSTO": "are" is the verb, "members" its complement)
                j = head + 1  # "The two countries joined", "Both countries are", "the three Baltic states"
            if self._verb_follows(tokens, j) or same and i > 0 and tokens[i - 1].lemma in ("by", "with"):
                text = " ".join(x.text for x in tokens[i:j])
                for sent in [[x for x in self.read_so_far if x.kind == "S"], *self.recent_tokens(2)]:
                    groups = [x for x in sent if x.kind == "S" and len({r.key for r in x.refs}) == n]
                    if groups:
                        return _pseudo("S", text, t.start, tokens[j - 1].end, groups[-1].refs), j
                # this sentence's states, not grouped yet ("Kenya, Tanzania and Uganda signed ...; the first EAC,
                # founded by the same three countries, ..."), or the sentence before's, when they are as many
                # ("Poland, Hungary and the Czech Republic joined NATO in 1999, and Slovakia followed. All four
                # entered the EU")
                here = _states(self.read_so_far)
                prev = _states(next(iter(self.recent_tokens(1)), []))
                for refs in ([here] if same else []) + ([prev] if n >= 2 else []):
                    if len(refs) == n:
                        return _pseudo("S", text, t.start, tokens[j - 1].end, refs), j
        if low == "the" and i + 1 < len(tokens) and tokens[i + 1].lemma in ("latter", "former") \
                and self._verb_follows(tokens, i + 2):
            prev = self.recent("S", 1)
            states = prev[0] if prev else []
            if len(states) >= 2:
                ref = states[-1] if tokens[i + 1].lemma == "latter" else states[0]
                return _pseudo("S", "the " + tokens[i + 1].text, t.start, tokens[i + 1].end, [ref]), i + 2
        return None

    def _its_status(self, tokens: list[Token], i: int) -> tuple[Token, int] | None:
        """"Its membership of the GCC dates from 2002" opening a sentence: the state the sentence before opened
        with (as "It" is)."""
        if tokens[i].text != "Its" or i + 1 >= len(tokens) or tokens[i + 1].lemma not in _STATUS_HEADS \
                or any(x.lemma not in ('"', "'", "(") for x in tokens[:i]):
            return None
        first = self.topics[-1] if self.topics else None
        if first is None or first.kind != "S" or len(first.refs) != 1:
            return None
        return _pseudo("S", tokens[i].text, tokens[i].start, tokens[i].end, first.refs), i + 1

    def _his_country(self, tokens: list[Token], i: int) -> tuple[Token, int] | None:
        """"Moldova's minister ... says his country's constitution ...": the one state named before it;
        "Austria's X and Switzerland's Y said that their countries ...": the states whose people spoke."""
        if tokens[i].lemma == "their" and i + 1 < len(tokens) and tokens[i + 1].text.lower() == "countries":
            owners = list({r.key: r for k, x in enumerate(self.read_so_far) if x.kind == "S"
                           and k + 1 < len(self.read_so_far) and self.read_so_far[k + 1].lemma == "'s"
                           for r in x.refs}.values())
            if len(owners) >= 2:
                return _pseudo("S", "their countries", tokens[i].start, tokens[i + 1].end, owners), i + 2
            return None
        if tokens[i].lemma not in ("his", "her") or i + 1 >= len(tokens) or tokens[i + 1].lemma != "country":
            return None
        one = self._one_state_so_far()
        if one is None:
            return None
        return _pseudo("S", "his country", tokens[i].start, tokens[i + 1].end, [one]), i + 2

    def _one_state_so_far(self) -> EntityRef | None:
        """The state this sentence has named so far, when it has named exactly one (however many times)."""
        refs = _states(self.read_so_far)
        return refs[0] if len(refs) == 1 else None

    def _only_after_preposition(self) -> bool:
        """Every mention of a state read so far in this sentence is in a prepositional phrase ("of former
        sponsor the Soviet Union"), so it is no subject a description could take up."""
        seen = self.read_so_far
        marks = [k for k, x in enumerate(seen) if x.kind == "S"]
        return bool(marks) and all(any(y.lemma in _PREPOSITIONS for y in seen[max(0, k - 4):k]) and not any(
            y.lemma in (",", ";") for y in seen[max(0, k - 4):k]) for k in marks)

    def recent_tokens(self, back: int = 2) -> list[list[Token]]:
        return list(reversed(self.history[-back:]))

    def _description(self, tokens: list[Token], i: int, d: Descriptions) -> tuple[Token, int] | None:
        """"the Nordic nation", "The country", "the Central Asian republic" as a subject."""
        if tokens[i].lemma != "the":
            return None
        if i > 0 and tokens[i - 1].lemma in ("be", "become", "remain"):
            return None  # "which became the 57th participating State": a predicate, not a reference
        j = i + 1
        words = []
        while j < len(tokens) and j <= i + 4 and (tokens[j].is_word or tokens[j].kind == "A") \
                and tokens[j].lemma not in d.state_heads:
            words.append(tokens[j].text.lower())  # "the Latin American country": an adjective is a region word
            j += 1
        if j >= len(tokens) or not tokens[j].is_word or tokens[j].lemma not in d.state_heads:
            return None
        while j + 1 < len(tokens) and tokens[j + 1].is_word and tokens[j + 1].lemma in d.state_heads:
            words.append(tokens[j].text.lower())
            j += 1  # "the archipelago nation", "the Pacific island nation"
        possessive = j + 1 < len(tokens) and tokens[j + 1].lemma == "'s" and not words
        if not self._verb_follows(tokens, j + 1) and not possessive:
            return None  # "the country's traditional neutrality": a possessive is read too
        if any(w in ("other", "two", "three", "both", "same", "member", "host", "neighbouring", "neighboring")
               for w in words):
            return None
        phrases = words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
        regions = [d.regions[p] for p in phrases if p in d.regions]
        one = self._one_state_so_far()
        if one is not None and self._only_after_preposition():
            one = None  # "since the collapse of former sponsor the Soviet Union, the country has been ...": not it
        earlier = [[one]] if one is not None else []  # "Ireland's government ... the country's"
        current = [x for x in self.read_so_far if x.kind == "S"]
        if possessive and current:  # "Austria ..., and Ireland's government insists the country's ...": the nearest
            last = current[-1]
            earlier = [list(last.refs)] if len(last.refs) == 1 else []
            if not earlier:
                return None
        for refs in earlier + self.recent("S", 3):
            for ref in refs:
                if all(ref.key in r for r in regions):
                    text = " ".join(x.text for x in tokens[i:j + 1])
                    return _pseudo("S", text, tokens[i].start, tokens[j].end, [ref]), j + 1
        return None

    def _org_noun(self, tokens: list[Token], i: int, d: Descriptions) -> tuple[Token, int] | None:
        """"the bloc", "the alliance": the article's organization, or the nearest compatible one named."""
        if tokens[i].lemma not in ("the", "this"):
            return None
        j = i + 1
        if j < len(tokens) and tokens[j].is_word and tokens[j].lemma not in d.org_nouns and j + 1 < len(tokens) \
                and tokens[j + 1].lemma in d.org_nouns and tokens[j].text.islower():
            j += 1  # "the military alliance", "the regional bloc"
        if j >= len(tokens) or not tokens[j].is_word or tokens[j].lemma not in d.org_nouns:
            return None
        if j + 1 < len(tokens) and tokens[j + 1].lemma in ("of", "for"):
            return None  # "the Organization of American States" is a name
        noun = tokens[j].lemma
        current = [r for x in self.read_so_far if x.kind == "O" for r in x.refs]  # earlier in this sentence
        recent = list(reversed(current)) + [r for refs in self.recent("O", 1) for r in reversed(refs)]
        main = [self.main_org] if self.main_org else []
        if d.org_nouns[noun] == "named":  # "the Community", "the League": the article's own first, then any
            # named so far ("the council" twenty sentences after the Human Rights Council was named)
            candidates = main + recent + [r for refs in self.recent("O", len(self.history)) for r in refs]
        else:  # "the bloc", "the regional bloc": the one just named first
            candidates = recent + main + [r for refs in self.recent("O", 5) for r in refs]
        if noun in self.bound:  # "the South American trade bloc Mercosur" ... "the bloc"
            candidates = [self.bound[noun], *candidates]
        kind = d.org_nouns[noun]
        # "the council" in an article about the Human Rights Council is that body; "the bloc" its organization
        candidates = [x for r in candidates for x in ((r, top_organization(r)) if kind == "named"
                                                      else (top_organization(r),))]
        for ref in candidates:
            names = " ".join((ref.label, *ref.aliases)).lower()
            if kind == "military" and "MilitaryAlliance" not in ref.types:
                continue
            if kind == "named" and noun not in names:
                continue
            text = " ".join(x.text for x in tokens[i:j + 1])
            return _pseudo("O", text, tokens[i].start, tokens[j].end, [ref]), j + 1
        return None


_PLACE_PREPS = {"in", "at", "to", "from", "of", "near", "via", "into", "outside", "inside", "around", "across"}
def _states(tokens: list[Token]) -> list[EntityRef]:
    """The states the tokens name, each once, in order."""
    return list({r.key: r for x in tokens if x.kind == "S" for r in x.refs}.values())


#: prepositions whose object is no subject a later description refers to
_PREPOSITIONS = {"of", "with", "from", "to", "by", "against", "since", "after", "before", "over", "between"}

#: nouns of a state's status after "Its" ("Its membership of the GCC dates from 2002")
_STATUS_HEADS = {"membership", "accession", "entry", "withdrawal", "exit", "departure", "suspension", "neutrality",
                 "observer"}

#: "Finland, which dropped ..., when it joined NATO": "it" after these is the sentence's subject
_SUBORDINATORS = {"when", "after", "since", "because", "before", "until", "while", "although", "once", "as"}


#: plural heads of a counted description of states named before ("the two countries", "both nations")
_PLURAL_HEADS = {"country", "state", "nation", "neighbour", "neighbor", "republic", "member", "ally", "government",
                 "newcomer", "applicant"}

_ASIDE_STATUS = {"whose", "which", "neutral", "member", "observer", "ally", "founder"}


def _status_aside(tokens: list[Token], j: int) -> bool:
    """"Ashgabat, whose foreign policy rests on neutrality", "Bern, long militarily neutral,": a capital that
    a relative clause or an aside about its status follows stands for its state."""
    if j >= len(tokens) or tokens[j].lemma != ",":
        return False
    aside = []
    for t in tokens[j + 1:j + 6]:
        if t.lemma in (",", ".", ";"):
            break
        aside.append(t.lemma)
    return bool(aside) and (aside[0] in ("whose", "which") or any(w in _ASIDE_STATUS for w in aside[1:]))


def top_organization(ref: EntityRef) -> EntityRef:
    """A body's organization: "the union" is the African Union, never its Peace and Security Council."""
    while ref.parent is not None:
        ref = ref.parent
    return ref


_COUNTED = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}

#: "Serbia insists it remains neutral": a verb of saying before "it" makes it the clause's subject
def _is_org_noun_phrase(text: str, d: Descriptions) -> bool:
    words = text.lower().split()
    return len(words) >= 2 and words[0] in ("the", "this", "our", "your") and words[-1] in d.org_nouns


def _pseudo(kind: str, text: str, start: int, end: int, refs: list[EntityRef]) -> Token:
    return Token(kind, text, "STATE" if kind == "S" else "ORG", start, end, None, list(refs))
