"""The frame lexicon (kg/data/frames.json): word classes, predicates and their argument patterns.

Patterns are written over the phrase layer's symbols, one token each, separated by
spaces: `ORG:org` (an organization, captured as `org`), `STATES:member`, `DATE:date`,
`@MOD` (a word class of the file), `join|accede` (lemmas: word forms are lemmatized
when the file is loaded, so `members` matches "member" and "members"), `/\\d+th/`
(a regular expression for one token), `( a b | c )` groups, the quantifiers `? * +`
after a token or a closing parenthesis, `$` for the end of the clause and `^` for its start (after a
list line's bullet). The file is validated when loaded and every problem is reported at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from kg.errors import DataFileError
from kg.extract.cascade.tokens import Token, lemma
from kg.extract.lexicon import load_data

STATUSES = ("FullMember", "Observer", "Partner", "Suspended", "Former", "Neutral")
SYMBOLS = ("STATES", "ORG", "DATE", "ADJ", "PLACE", "PERSON", "ROLE", "MINISTRY")
_NAMES = ("member", "org", "org2", "date")


@dataclass
class Alternative:
    pattern: str
    regex: re.Pattern[str]
    status: str | None = None
    date: str | None = None
    context: bool = False  # the organization is the article's, when the sentence names none


@dataclass
class Frame:
    id: str
    kind: str  # "verb" | "noun"
    status: str
    alternatives: list[Alternative]
    verbs: tuple[str, ...] = ()
    subject: str = "member"  # which argument the verb's subject fills: member | org
    voice: str = "any"  # active | passive | any
    date: str | None = None  # start | end | None: which end of the status a date in the clause gives
    date_preps: tuple[str, ...] = ()  # only dates after these prepositions ("since")
    apposition: bool = False  # the complement patterns also read appositions ("X, a member of Y,")
    neg_status: str | None = None  # negated ("has not belonged to Y since 2019"): this status instead
    nonmember: bool = False  # negated: an explicit non-membership
    context_org: bool = False  # with no organization in the sentence, the article's ("Mali was suspended in 2021")
    needs_date: bool = False  # only with a date ("has been out of the Council of Europe since March 2022")
    examples: list[str] = field(default_factory=list)
    counter_examples: list[str] = field(default_factory=list)


@dataclass
class Lexicon:
    classes: dict[str, set[str]]
    aux: set[str]
    adverbs: set[str]
    negators: set[str]
    modals: set[str]
    plan_adverbs: set[str]
    hedges: set[str]
    opinions: set[str]
    neutrality_enders: set[str]
    conditionals: set[str]
    noun_blockers: set[str]
    not_adverbs: set[str]
    verb_frames: list[Frame]
    noun_frames: list[Frame]
    by_verb: dict[str, list[Frame]]
    copulas: set[str]
    member_terms: dict[str, set[str]] = field(default_factory=dict)  # "partner state" -> orgs whose members it names
    programmes: set[str] = field(default_factory=set)  # partnership programmes: their members are the parent's partners

    def is_aux(self, t: Token) -> bool:
        low = t.text.lower().replace("’", "'")
        return t.lemma in self.aux or low in self.modals or t.lemma in self.negators

    def is_adverb(self, t: Token) -> bool:
        if not t.is_word:
            return False
        if t.lemma in self.adverbs or t.lemma in self.plan_adverbs:
            return True
        low = t.text
        return low.islower() and low.endswith("ly") and len(low) > 4 and low not in self.not_adverbs

    def is_predicate_verb(self, t: Token, tokens: list[Token], i: int) -> bool:
        if t.lemma not in self.by_verb and t.lemma not in self.copulas:
            return False
        if i > 0 and tokens[i - 1].lemma in self.classes["DETERMINER"]:
            return False  # "the exit", "its withdrawal", "a founding member"
        low = t.text.lower()
        if low in ("including", "following", "excluding", "regarding", "concerning"):
            return False  # prepositions in form only
        if low.endswith("ing") and i + 1 < len(tokens) and tokens[i + 1].lemma in self.classes["MEMBER_NOUN"]:
            return False  # "founding members"
        return True


def compile_pattern(pattern: str, classes: dict[str, set[str]]) -> re.Pattern[str]:
    """Compile the token-pattern language into a regular expression over symbol strings."""
    out: list[str] = []
    for raw in pattern.split():
        quant = ""
        tok = raw
        if len(tok) > 1 and tok[-1] in "?*+" and not tok.startswith("/"):
            tok, quant = tok[:-1], tok[-1]
        elif tok.startswith("/") and len(tok) > 2 and tok[-1] in "?*+" and tok[-2] == "/":
            tok, quant = tok[:-1], tok[-1]
        if tok == "(":
            out.append("(?:")
            continue
        if tok == ")":
            out.append(")" + quant)
            continue
        if tok == "|":
            out.append("|")
            continue
        if tok == "$":
            out.append("$")
            continue
        if tok == "^":
            out.append(r"^(?:[-•*–—] )*")  # the start of the sentence, after a list line's bullet
            continue
        if tok == "...":
            out.append(r"(?:\S+ )*?")
            continue
        name = None
        if ":" in tok and tok.split(":")[0] in SYMBOLS:
            tok, name = tok.split(":", 1)
            if name not in _NAMES:
                raise ValueError(f"unknown capture name {name!r}")
        if tok in SYMBOLS:
            body = rf"{tok}#\d+ "
        elif tok.startswith("@"):
            cls = tok[1:]
            if cls not in classes:
                raise ValueError(f"unknown word class {tok}")
            body = "(?:" + "|".join(re.escape(w) for w in sorted(classes[cls], key=len, reverse=True)) + ") "
        elif tok.startswith("/") and tok.endswith("/") and len(tok) > 2:
            re.compile(tok[1:-1])
            body = f"(?:{tok[1:-1]}) "
        else:
            words = tok.split("|")
            body = "(?:" + "|".join(re.escape(_norm(w)) for w in words) + ") "
        body = f"(?P<{name}>{body})" if name else f"(?:{body})"
        out.append(body + quant)
    return re.compile("".join(out))


def _norm(word: str) -> str:
    """A pattern word as the token layer would read it (its lemma), punctuation as is."""
    if not word[0].isalnum():
        return word
    if "-" in word[1:]:
        return word.lower()  # hyphenated compounds are one token, read as written
    return lemma(word)


def _load_json() -> dict[str, Any]:
    return load_data("frames.json")


@cache
def lexicon() -> Lexicon:
    return build_lexicon(_load_json(), "kg/data/frames.json")


def build_lexicon(data: dict[str, Any], source: str) -> Lexicon:
    """Validate and compile a frame file; every problem is reported at once."""
    problems: list[str] = []
    classes = {k: {_norm(w) for w in v} for k, v in data.get("classes", {}).items()}
    for needed in ("DETERMINER", "MEMBER_NOUN"):
        if needed not in classes:
            problems.append(f"classes: missing {needed}")
            classes[needed] = set()
    words = data.get("words", {})
    for needed in ("aux", "adverbs", "negators", "modals", "plan_adverbs", "hedges", "conditionals",
                   "noun_blockers", "not_adverbs", "copulas", "opinions", "neutrality_enders"):
        if needed not in words:
            problems.append(f"words: missing {needed}")
    w = {k: set(v) for k, v in words.items()}
    seen: set[str] = set()

    def frame(entry: dict[str, Any], kind: str, where: str) -> Frame | None:
        fid = entry.get("id")
        if not fid:
            problems.append(f"{where}: a frame without an id")
            return None
        if fid in seen:
            problems.append(f"{fid}: duplicate id")
        seen.add(fid)
        status = entry.get("status")
        if status not in STATUSES:
            problems.append(f"{fid}: unknown status {status!r}")
        alts = []
        for a in entry.get("patterns", []):
            a = {"pattern": a} if isinstance(a, str) else a
            try:
                rx = compile_pattern(a["pattern"], classes)
            except (ValueError, KeyError, re.error) as exc:
                problems.append(f"{fid}: pattern {a.get('pattern')!r}: {exc}")
                continue
            if a.get("status") is not None and a["status"] not in STATUSES:
                problems.append(f"{fid}: unknown status {a['status']!r}")
            alts.append(Alternative(a["pattern"], rx, a.get("status"), a.get("date"), bool(a.get("context"))))
        if not alts:
            problems.append(f"{fid}: no patterns")
        if kind == "verb" and not entry.get("verbs"):
            problems.append(f"{fid}: a verb frame needs verbs")
        if not entry.get("examples"):
            problems.append(f"{fid}: no examples")
        if not entry.get("counter_examples"):
            problems.append(f"{fid}: no counter_examples")
        for key in entry:
            if key not in ("id", "status", "patterns", "verbs", "subject", "voice", "date", "date_preps",
                           "apposition", "neg_status", "nonmember", "context_org", "needs_date", "examples",
                           "counter_examples", "note"):
                problems.append(f"{fid}: unknown key {key!r}")
        return Frame(fid, kind, status or "FullMember", alts, tuple(_norm(v) for v in entry.get("verbs", [])),
                     entry.get("subject", "member"), entry.get("voice", "any"), entry.get("date"),
                     tuple(entry.get("date_preps", [])), bool(entry.get("apposition")), entry.get("neg_status"),
                     bool(entry.get("nonmember")), bool(entry.get("context_org")), bool(entry.get("needs_date")),
                     list(entry.get("examples", [])), list(entry.get("counter_examples", [])))

    verb_frames = [f for i, e in enumerate(data.get("verb_frames", []))
                   if (f := frame(e, "verb", f"verb_frames[{i}]")) is not None]
    noun_frames = [f for i, e in enumerate(data.get("noun_frames", []))
                   if (f := frame(e, "noun", f"noun_frames[{i}]")) is not None]
    if problems:
        raise DataFileError(f"{source}:\n  " + "\n  ".join(problems))
    terms = {k: set(v) for k, v in data.get("org_member_terms", {}).items() if k != "about"}
    programmes = data.get("partnership_programmes", {}).get("keys", [])
    if not isinstance(programmes, list) or not all(isinstance(k, str) and k for k in programmes):
        problems.append("partnership_programmes: keys must be a list of gazetteer keys")
        programmes = []
    if problems:
        raise DataFileError(f"{source}:\n  " + "\n  ".join(problems))
    by_verb: dict[str, list[Frame]] = {}
    for f in verb_frames:
        for v in f.verbs:
            by_verb.setdefault(v, []).append(f)
    return Lexicon(classes, {_norm(x) for x in w["aux"]}, {_norm(x) for x in w["adverbs"]}, w["negators"] | {"n't"},
                   {x.lower() for x in w["modals"]}, {_norm(x) for x in w["plan_adverbs"]},
                   {_norm(x) for x in w["hedges"] | w["opinions"]}, {_norm(x) for x in w["opinions"]},
                   {_norm(x) for x in w["neutrality_enders"]},
                   {_norm(x) for x in w["conditionals"]},
                   {_norm(x) for x in w["noun_blockers"]}, w["not_adverbs"], verb_frames, noun_frames, by_verb,
                   {_norm(x) for x in w["copulas"]}, terms, set(programmes))
