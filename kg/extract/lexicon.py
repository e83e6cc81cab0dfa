"""Word lists and patterns the extractors read: loaded from kg/data, validated once."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

from kg.errors import DataFileError

#: verbs by which a person takes a post ("was appointed", "took office as"), for people.py's contexts and
#: posts.py's copula, which must read the same ones
TAKES_POST = r"(?:was|has\s+been)\s+(?:appointed|named|elected|sworn\s+in\s+as)|(?:took|assumed)\s+(?:office|over)\s+as"


def load_data(name: str) -> dict:
    """A JSON file of kg/data; unreadable or malformed, a DataFileError that names it."""
    path = resources.files("kg.data").joinpath(name)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise DataFileError(f"kg/data/{name}: {exc}") from exc


def phrase_regex(phrases: list[str] | set[str], *, case: bool = False) -> re.Pattern[str]:
    """One alternation, longest phrase first, on word boundaries; spaces match any whitespace."""
    alts = sorted({p for p in phrases if p}, key=len, reverse=True)
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in alts)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w])", 0 if case else re.IGNORECASE)


@dataclass(frozen=True)
class Roles:
    by_phrase: dict[str, str]
    plural: dict[str, str]
    modifiers: dict[str, str]
    ministries: dict[str, str]
    person_nouns: tuple[str, ...]
    honorifics: tuple[str, ...]
    org_only: frozenset[str] = frozenset()  # "chief": a post only with an organization ("OPEC chief X")
    state_adjective_only: frozenset[str] = frozenset()  # "leader": only right after a state's adjective
    heads_verbs: tuple[str, ...] = ()  # "X, who heads Y": Y's secretary general
    ministry_states: tuple[tuple[str, str], ...] = ()  # "state department": the United States
    title_states: dict[str, str] = field(default_factory=dict)  # "tánaiste": a title of one state (Ireland)

    def role_of(self, phrase: str) -> str | None:
        key = " ".join(phrase.lower().split())
        return self.by_phrase.get(key) or self.plural.get(key)


@lru_cache(maxsize=1)
def roles() -> Roles:
    data = load_data("roles.json")
    problems = []
    by_phrase: dict[str, str] = {}
    for role, phrases in data["roles"].items():
        for p in phrases:
            if p in by_phrase and by_phrase[p] != role:
                problems.append(f"role phrase {p!r} maps to {by_phrase[p]} and {role}")
            by_phrase[p] = role
    plural = {p: role for role, ps in data.get("plural", {}).items() for p in ps}
    modifiers = {p: kind for kind, ps in data.get("modifiers", {}).items() for p in ps}
    ministries = {p: role for role, ps in data.get("ministries", {}).items() for p in ps}
    for role in set(plural.values()) | set(ministries.values()):
        if role not in data["roles"]:
            problems.append(f"unknown role {role!r} in plural/ministries")
    for p in data.get("ministry_states", {}):
        if p != "about" and p not in ministries:
            problems.append(f"ministry_states: {p!r} is not a ministry")
    for key in ("org_only", "state_adjective_only"):
        for p in data.get(key, []):
            if p not in by_phrase:
                problems.append(f"{key}: {p!r} is not a role phrase")
    titles = {k: v for k, v in data.get("title_states", {}).items() if k != "about"}
    problems += [f"title_states: {p!r} is not a role phrase" for p in titles if p not in by_phrase]
    problems += _example_problems(data, set(data["roles"]))
    if problems:
        raise DataFileError("kg/data/roles.json:\n  " + "\n  ".join(problems))
    return Roles(by_phrase, plural, modifiers, ministries,
                 tuple(data.get("person_nouns", [])), tuple(data.get("honorifics", [])),
                 frozenset(data.get("org_only", [])), frozenset(data.get("state_adjective_only", [])),
                 tuple(data.get("heads_verbs", [])),
                 tuple((k, v) for k, v in data.get("ministry_states", {}).items() if k != "about"), titles)


def _example_problems(data: dict, known_roles: set[str]) -> list[str]:
    """Each distinction of roles.json's "examples" has a sentence that gives a post and a trap beside it that must
    not (run by tests/test_role_examples.py); a post names a known role."""
    problems: list[str] = []
    seen: dict[str, set[str]] = {}
    for i, ex in enumerate(data.get("examples", [])):
        if not isinstance(ex, dict) or not ex.get("text") or not ex.get("distinction"):
            problems.append(f"examples[{i}] needs a distinction and a text")
            continue
        kinds = {k for k in ("posts", "not") if k in ex}
        if len(kinds) != 1:
            problems.append(f"examples[{i}] needs exactly one of 'posts' (an example) or 'not' (a trap)")
            continue
        kind = kinds.pop()
        seen.setdefault(ex["distinction"], set()).add(kind)
        for post in ex[kind]:
            if not (isinstance(post, list) and len(post) in (3, 4) and post[1] in known_roles):
                problems.append(f"examples[{i}]: {post!r} is not [holder, known role, of(, 'former')]")
    for name, kinds in seen.items():
        if kinds != {"posts", "not"}:
            problems.append(f"examples: distinction {name!r} needs an example and a trap")
    return problems


@cache
def cues() -> dict[str, list[str]]:
    """Cue word lists (negation, hypothetical, plan, denial, ...) from kg/data/cues.json."""
    data = load_data("cues.json")
    return {k: v for k, v in data.items() if k != "about"}


@cache
def cue_regex(*kinds: str) -> re.Pattern[str]:
    table = cues()
    unknown = [k for k in kinds if k not in table]
    if unknown:
        raise DataFileError(f"kg/data/cues.json has no list {unknown}")
    return phrase_regex([p for k in kinds for p in table[k]])
