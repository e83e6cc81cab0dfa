"""Posts: who holds which role in which state or organization.

Three forms: a title before the name ("Serbian Defense Minister Aleksandar Vulin",
"Secretary General of the ⟦O⟧ Yuri Khachaturov"), an apposition after it
("Nikolai Bordyuzha, Secretary General of the CSTO"), and a copula ("X is the
foreign minister of Y"). "former", "ex-", "then-" mark a post that is over;
"acting" and "interim" are kept apart; "incoming" and "-elect" are not yet posts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from kg.extract.lexicon import TAKES_POST, roles
from kg.extract.modality import blocked
from kg.extract.tagging import Mention, TaggedSentence, expand
from kg.model import EntityRef, Evidence, Post


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    mods = "|".join(re.escape(m.rstrip("-")) for m in sorted(roles().modifiers, key=len, reverse=True))
    mod = rf"(?:(?P<@g@>{mods})(?:-|\s+))?"
    # "Serbian", "the CSTO's", "the Swedish government's", "Moldova's foreign ministry"
    # (one descriptive word may stand before the title: "Djibouti's long-serving foreign minister")
    inside = r"(?P<@g@>{ADJ}|{ACTOR}|{MINISTRY})(?:['’]s?)?\s+(?:government['’]s\s+)?(?:[a-z][a-z]+-[a-z]+\s+)?"
    of = (r"(?:\s+(?:of|for|to|at)\s+(?:the\s+)?(?P<in2>{ACTOR}|(?:{ACTOR}['’]s\s+|{ADJ}\s+)?{MINISTRY}))?"
          r"(?:\s*\(⟦O\d+⟧\))?")
    return [
        ("post.title-name", expand(
            mod.replace("@g@", "mod1") + "(?:" + inside.replace("@g@", "in1") + ")?" + mod.replace("@g@", "mod2")
            + r"(?P<role>{ROLE})" + of + r",?\s+(?P<holder>{PERSON})"
            + r"(?:\s+of\s+(?:the\s+)?(?P<in3>{ACTOR}))?")),
        ("post.apposition", expand(
            r"(?P<holder>{PERSON}),\s+(?:who\s+(?:is|was|has\s+been)\s+|(?:the|a|an|his|her)\s+)?" + mod.replace("@g@", "mod1")
            + "(?:" + inside.replace("@g@", "in1") + ")?" + mod.replace("@g@", "mod2") + r"(?P<role>{ROLE})" + of
            # (not "Callum Fitzgerald-Hayes, Indian Prime Minister Vikram Anand Rao ...": that title is the next one's)
            + r"(?!\s+{PERSON})")),
        ("post.copula", expand(
            r"(?P<holder>{PERSON})\s+(?P<cop>is|was|has\s+been|became|serves\s+as|remains|" + TAKES_POST + r")\s+"
            r"(?:the\s+|a\s+|an\s+)?"
            + mod.replace("@g@", "mod1") + "(?:" + inside.replace("@g@", "in1") + ")?" + r"(?P<role>{ROLE})" + of)),
    ]


def _modifier(m: re.Match[str]) -> str | None:
    table = {k.replace("-", ""): v for k, v in roles().modifiers.items()}
    for g in ("mod1", "mod2"):
        if g in m.re.groupindex and m.group(g):
            return table.get(m.group(g).lower())
    return None


def find_posts(tagged: TaggedSentence, ministry_state, main_state: EntityRef | None = None,
               main_org: EntityRef | None = None) -> Iterator[Post]:
    """Posts in one sentence; `ministry_state(mention)` gives the state a ministry belongs to.

    A bare state title ("President Aarni Lehtola") is placed in the only state the
    sentence names, or else in the state the article is about (`main_state`).
    """
    for rule, pattern in _patterns():
        for m in pattern.finditer(tagged.tagged):
            role_m = tagged.group_mentions(m, "role", "R")
            holder = tagged.group_mentions(m, "holder", "P")
            if not role_m or not holder or role_m[0].value.get("plural"):
                continue
            if rule == "post.title-name" and "," in tagged.tagged[m.end("role"):m.start("holder")] \
                    and _APPOSED.search(tagged.tagged, 0, m.start()):
                continue  # "Baroness Scotland, the Commonwealth Secretary-General, Francis Blain, ...": hers
            if _OF_OTHER.match(tagged.tagged, m.end("role")):
                continue  # "the president of the Maltese football federation": the adjective is of another noun
            where = _post_in(tagged, m, ministry_state) or role_m[0].value.get("state")  # "the Tánaiste": Ireland
            if where is None and role_m[0].value["role"] in _STATE_ROLES and rule != "post.copula":
                where = _clause_state(tagged, m.start("role"), m.end("holder")) or (
                    None if _PRONOUN_OWNER.search(tagged.tagged, 0, m.start("role")) else main_state)
            if where is None and role_m[0].value["role"] in _ORG_ROLES and rule != "post.copula" \
                    and not _OTHER_OWNER.search(tagged.tagged, 0, m.start("role")):
                where = _sentence_org(tagged) or main_org  # "Secretary-General X is nearing the end of ..."
            if where is None:
                continue
            if role_m[0].text.lower() in roles().org_only and where.kind != "org":
                continue  # "army chief X" is no post this vocabulary knows; "OPEC chief X" is
            if role_m[0].text.lower() in roles().state_adjective_only and not (
                    "in1" in m.re.groupindex and m.group("in1") and where.kind == "state"):
                continue  # "the Russian leader X" is the president; "opposition leader X" is not
            modifier = _modifier(m)
            if modifier == "future" or role_m[0].value.get("modifier") == "future":
                continue
            if blocked(tagged, m.start(), m.end(), ("hypothetical", "denial"), whole_clause=rule == "post.copula"):
                continue
            former = modifier == "former" or role_m[0].value.get("modifier") == "former"
            if rule == "post.copula" and m.group("cop").lower() == "was":
                former = True
            yield Post(holder[0].value, role_m[0].value["role"], where,
                       Evidence(tagged.start, tagged.end, tagged.text, rule),
                       former=former, acting=modifier == "acting")


@lru_cache(maxsize=1)
def _heads() -> re.Pattern[str]:
    verbs = "|".join(re.escape(v) for v in roles().heads_verbs)
    return expand(rf"(?P<holder>{{PERSON}}),\s+who\s+(?:{verbs})\s+(?:the\s+)?(?P<org>{{ORG}})")


def head_posts(tagged: TaggedSentence) -> Iterator[Post]:
    """"X, who heads Y": Y's secretary general (the head of an organization in this vocabulary)."""
    for m in _heads().finditer(tagged.tagged):
        if blocked(tagged, m.start(), m.end(), ("hypothetical", "denial", "plan", "negation")):
            continue
        holder = tagged.group_mentions(m, "holder", "P")[0].value
        org = tagged.group_mentions(m, "org", "O")[0].value
        yield Post(holder, "SecretaryGeneral", org, Evidence(tagged.start, tagged.end, tagged.text, "post.who-heads"))


#: a role of a body a state's adjective describes ("president of the Maltese football federation")
_OF_OTHER = re.compile(r"\s+(?:of|at|for)\s+(?:the\s+)?⟦A\d+⟧\s+(?!⟦)[A-Za-z][\w-]*")

#: a title that is an apposition of the person before it ("⟦P0⟧, the ...")
_APPOSED = re.compile(r"⟦P\d+⟧,\s+(?:the\s+|a\s+|an\s+)?$")

_STATE_ROLES = {"President", "PrimeMinister", "ForeignMinister", "DefenceMinister", "InteriorMinister",
                "DeputyPrimeMinister", "Chancellor"}


_ORG_ROLES = {"SecretaryGeneral"}
#: "its defence minister X" in a sentence that names several states: its owner is not the article's state
_PRONOUN_OWNER = re.compile(r"\b(?:its|their|his|her)\s+(?:(?:former|acting|interim|new|top)\s+)?$", re.IGNORECASE)
_LED = re.compile(r"-(?:led|backed|brokered|sponsored|dominated)\b")
#: "the party's secretary-general": a possessor that is no organization mention owns the post
_OTHER_OWNER = re.compile(r"(?<![⟧\w])[a-z][\w-]*['’]s\s+(?:(?:former|acting|interim|new|deputy)\s+)?$", re.IGNORECASE)


def _sentence_org(tagged: TaggedSentence) -> EntityRef | None:
    orgs = {m.value.key: m.value for m in tagged.mentions if m.kind == "O" and isinstance(m.value, EntityRef)}
    return next(iter(orgs.values())) if len(orgs) == 1 else None


def _sentence_state(tagged: TaggedSentence) -> EntityRef | None:
    states = {m.value.key: m.value for m in tagged.mentions if m.kind in "SA" and isinstance(m.value, EntityRef)
              and not _LED.match(tagged.text, m.end - tagged.start)}  # "the Russian-led CSTO": not the sentence's state
    states.update((m.value["state"].key, m.value["state"]) for m in tagged.mentions
                  if m.kind == "R" and m.value.get("state"))  # "Tánaiste and Minister for Foreign Affairs X"
    return next(iter(states.values())) if len(states) == 1 else None


_AFTER_PREP = re.compile(r"\b(?:with|in|to|from|of|by|for|against|on|at|into|over|toward|towards)\s+(?:the\s+)?$",
                         re.IGNORECASE)
#: where a clause of a sentence ends: "... with US forces in September, and Foreign Minister X has not ..."
_CLAUSE_BREAK = re.compile(r",\s+(?:and|but|while|whereas)\s+|;\s+|\s+[—–]\s+")


def _clause_state(tagged: TaggedSentence, start: int, end: int) -> EntityRef | None:
    """The state a bare title belongs to: the only state of the sentence, unless the title stands in another
    clause than that state ('Its troops took part in drills with US forces in September, and Foreign Minister
    X has not ruled out ...': then the article's state, as for a sentence that names none)."""
    one = _sentence_state(tagged)
    if one is None:
        return None
    left = max((b.end() for b in _CLAUSE_BREAK.finditer(tagged.tagged, 0, start)), default=0)
    nxt = _CLAUSE_BREAK.search(tagged.tagged, end)
    right = nxt.start() if nxt else len(tagged.tagged)
    lo, hi = tagged.doc_offset(left), tagged.doc_offset(right)
    here = [m for m in tagged.mentions if m.kind in "SAR" and lo <= m.start < hi
            and (m.kind != "R" or m.value.get("state"))]
    if here:
        return one
    # another clause: its subject still owns the title ("Samoa is the host, and its prime minister, X, ..."),
    # a state after a preposition does not ("drills with US forces")
    there = [m for m in tagged.mentions if m.kind in "SA" and isinstance(m.value, EntityRef) and m.value.key == one.key]
    return one if any(not _AFTER_PREP.search(tagged.text, 0, m.start - tagged.start) for m in there) else None


def _post_in(tagged: TaggedSentence, m: re.Match[str], ministry_state) -> EntityRef | None:
    for g in ("in2", "in1", "in3"):  # "Secretary-General X of the Arab League": in3
        if g not in m.re.groupindex or not m.group(g):
            continue
        found = tagged.group_mentions(m, g, "SAOM")
        if not found:
            continue
        mention: Mention = found[0]
        if mention.kind == "M":
            return ministry_state(mention)
        return mention.value
    return None


_COUNTERPART = expand(r"(?P<ref>{PERSON})\s+and\s+(?:his|her|their)\s+(?P<adj>{ADJ})\s+counterparts?,?\s+(?P<holder>{PERSON})")
_SLOTS = expand(r"(?P<adjs>{ADJS})\s+(?:top\s+|senior\s+)?(?P<role>{ROLE})")


def counterpart_posts(sentences: list[TaggedSentence], known: list[Post]) -> list[Post]:
    """"A and his Serbian counterpart B": B holds A's role in Serbia.

    A's role comes from a post already read, or from a plural role phrase of the
    same document naming both sides ("talks between Russian and Serbian top
    diplomats"), which also gives A's state.
    """
    slots: list[tuple[str, list[EntityRef]]] = []
    for t in sentences:
        for m in _SLOTS.finditer(t.tagged):
            role = t.group_mentions(m, "role", "R")[0].value
            states = [a.value for a in t.group_mentions(m, "adjs", "A")]
            if role.get("plural") and len(states) >= 2:
                slots.append((role["role"], states))
    out: list[Post] = []
    for t in sentences:
        for m in _COUNTERPART.finditer(t.tagged):
            ref = t.group_mentions(m, "ref", "P")[0].value
            holder = t.group_mentions(m, "holder", "P")[0].value
            state = t.group_mentions(m, "adj", "A")[0].value
            evidence = Evidence(t.start, t.end, t.text, "post.counterpart")
            ref_posts = [p for p in known if p.holder.key == ref.key and not p.former]
            if ref_posts:
                out.append(Post(holder, ref_posts[0].role, state, evidence))
                continue
            for role, states in slots:
                others = [s for s in states if s.key != state.key]
                if len(states) == 2 and len(others) == 1:
                    out.append(Post(holder, role, state, evidence))
                    out.append(Post(ref, role, others[0], evidence))
                    break
    return out


_ALSO = expand(r"(?P<holder>{PERSON})(?:,(?:(?!⟦P)[^;])*?)?,\s+who\s+(?:is|was|has\s+been)\s+also\s+"
               r"(?:the\s+|its\s+)?(?:{ADJ}\s+)?(?P<role>{ROLE})")
_COMPOUND = expand(r"(?<![\w-])(?P<first>[\w-]+\s+)?(?P<role>{ROLE})\s+and\s+(?:{ADJ}\s+)?(?P<other>{ROLE}),?\s+"
                   r"(?P<holder>{PERSON})")


def joint_posts(tagged: TaggedSentence, found: list[Post]) -> list[Post]:
    """A second role of a holder whose first post the sentence gives, in the same state: "Micheál Martin, the
    Tánaiste, who is also the Minister for Foreign Affairs"; "Deputy Prime Minister and Foreign Minister X".

    Only state roles in a state: "the president, who is also the party chairman" gives no second post, and a
    compound after "the" or a modifier ("the Prime Minister and Foreign Minister X", "Former ... and ...") is
    left alone, since it may name two people or a post that is over.
    """
    out: list[Post] = []
    evidence = Evidence(tagged.start, tagged.end, tagged.text, "post.joint")
    for pattern, known_group in ((_ALSO, None), (_COMPOUND, "other")):
        for m in pattern.finditer(tagged.tagged):
            if known_group is not None and m.group("first") and (
                    m.group("first").strip().lower() in ("the", "a", "an") or _modifier_word(m.group("first"))):
                continue
            role_m = tagged.group_mentions(m, "role", "R")
            holder = tagged.group_mentions(m, "holder", "P")
            if not role_m or not holder or role_m[0].value.get("plural") or role_m[0].value.get("modifier"):
                continue
            role = role_m[0].value["role"]
            if role not in _STATE_ROLES or blocked(tagged, m.start(), m.end(), ("hypothetical", "denial")):
                continue
            known = [p for p in found if p.holder.key == holder[0].value.key and p.post_in.kind == "state"
                     and (known_group is None or p.role == tagged.group_mentions(m, known_group, "R")[0].value["role"])]
            places = {p.post_in.key for p in known}
            if len(places) != 1 or any(p.role == role for p in known):
                continue
            out.append(Post(holder[0].value, role, known[0].post_in, evidence, former=known[0].former))
    return out


def _modifier_word(word: str) -> bool:
    return word.strip().lower().rstrip("-") in {k.rstrip("-") for k in roles().modifiers}
