"""Layer 2: entity groups (coordination) and verb groups (tense, voice, negation, modality).

An entity group is one token standing for "A, B and C", "both A and B", "neither A
nor B" or "none of A, B or C". A verb group is the auxiliaries, negation and adverbs
around one predicate verb, read into features the modality layer decides on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.extract.cascade.lexicon import Lexicon
from kg.extract.cascade.tokens import Token

_GROUP_SYMBOL = {"S": "STATES", "O": "ORG"}
_SEPARATORS = {",", "and", "or", "nor", "&"}


def group_entities(tokens: list[Token]) -> list[Token]:
    """Coordinated states (and organizations) become one token each; "the" before a name is dropped."""
    tokens = _drop_scare_quotes(_drop_led(_absorb_org_heads(tokens)))
    toks = [t for i, t in enumerate(tokens)
            if not (t.is_word and t.lemma == "the" and i + 1 < len(tokens) and tokens[i + 1].kind in "SO")]
    toks = _drop_state_titles(toks)
    out: list[Token] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.kind not in _GROUP_SYMBOL:
            out.append(t)
            i += 1
            continue
        members, j, last = [t], i + 1, i
        while j < len(toks):
            j = _skip_aside(toks, j)  # "Armenia (participation frozen), Belarus": the aside is not the list's end
            k = j
            while k < len(toks) and (toks[k].lemma in _SEPARATORS or _as_well_as(toks, k)
                                     or (k > j and toks[k].lemma in _LIST_ADVERBS)):
                k += 3 if _as_well_as(toks, k) else 1  # "..., Uganda and now the DRC"
            if t.kind == "O" and k > j and k + 1 < len(toks) and toks[k].lemma in ("to", "of", "in") and out \
                    and out[-1].lemma == toks[k].lemma and toks[k + 1].kind == "O":
                k += 1  # "belongs to the EAC as well as to the Arab League": the preposition said again
            conj = any(x.lemma in ("and", "or", "nor", "&") or x.text.lower() == "well" for x in toks[j:k]) \
                or _list_ahead(toks, k)
            compared = len(members) == 1 and not conj and bool(out) and out[-1].lemma in ("like", "unlike")
            if k > j and k < len(toks) and toks[k].kind == t.kind and (conj or t.kind == "S") and not compared:
                # ("Like Switzerland, Austria is neutral": the comparison ends at the comma)
                members.append(toks[k])
                last = k
                j = k + 1
            elif _org_closes_state_list(toks, members, j, k, conj):
                members.append(toks[k])  # "Sweden, Norway and the European Union": the last member an organization
                last = k
                break
            elif t.kind == "O" and j + 2 < len(toks) and toks[j].lemma == "(" and toks[j + 1].kind == "O" \
                    and toks[j + 2].lemma == ")":  # "the Collective Security Treaty Organization (CSTO)"
                last = j + 2
                j += 3
            else:
                break
        refs = []
        for m in members:
            for r in m.refs:
                if all(r.key != x.key for x in refs):
                    refs.append(r)
        negated = False
        head = out[-1] if out else None
        if head is not None and head.lemma in ("neither", "both", "either"):
            negated = head.lemma == "neither"
            out.pop()
        elif len(out) >= 2 and out[-1].lemma == "of" and out[-2].lemma == "none":
            negated = True
            del out[-2:]
        elif _excepted(out):
            negated = True  # "every country bordering the sea except Russia": Russia is the one that is not
        grp = Token(t.kind, " ".join(m.text for m in members), _GROUP_SYMBOL[t.kind], t.start, toks[last].end,
                    t.mention, refs, negated)
        out.append(grp)
        i = last + 1
        if len(members) > 1 and (close := _aside_close(toks, i)) is not None:  # "... and Romania (2007) are"
            i = close + 1
    return out


_QUOTES = {'"', "“", "”", "'", "‘", "’"}
_LIST_ADVERBS = {"now", "also", "finally", "later", "most", "recently", "lately", "then"}
_STATE_TITLES = {"republic", "kingdom", "state", "sultanate", "principality", "emirate", "commonwealth",
                 "federation", "grand", "duchy", "islamic", "democratic", "federal", "people's", "united"}


def _drop_scare_quotes(toks: list[Token]) -> list[Token]:
    """'has "frozen" its participation', 'an "observer status"': quotes around a few plain words go."""
    out = list(toks)
    i = 0
    while i < len(out):
        if out[i].lemma in _QUOTES and not out[i].is_word:
            close = next((k for k in range(i + 1, min(i + 5, len(out))) if out[k].lemma in _QUOTES), None)
            if close is not None and close > i + 1 and all(t.is_word for t in out[i + 1:close]):
                del out[close]
                del out[i]
                continue
        i += 1
    return out


def _drop_state_titles(toks: list[Token]) -> list[Token]:
    """"the Republic of Mali", "Republic of Niger": the title before a state's name is part of its name."""
    out: list[Token] = []
    for t in toks:
        if t.kind == "S" and out and out[-1].lemma == "of":
            k = len(out) - 2
            while k >= 0 and out[k].is_word and out[k].lemma in _STATE_TITLES:
                k -= 1
            if k < len(out) - 2:
                del out[k + 1:]
                if out and out[-1].lemma == "the":
                    out.pop()
            elif len(out) >= 3 and out[-2].is_word and out[-2].lemma in _DESCRIPTION_HEADS:
                # "the Central Asian nation of Uzbekistan", "the island nation of Fiji": a description in apposition
                k = len(out) - 3
                while k >= 0 and out[k].is_word and out[k].lemma not in ("the", "a", "an") and len(out) - k <= 7:
                    k -= 1
                if k >= 0 and out[k].lemma in ("the", "a", "an"):
                    del out[k:]
        out.append(t)
    return out


#: head nouns of a description a state's name follows with "of" ("the Gulf state of Qatar")
_DESCRIPTION_HEADS = {"nation", "country", "island", "archipelago", "monarchy", "microstate", "city-state",
                      "enclave", "republic", "kingdom", "state", "emirate", "sultanate", "principality"}


def _aside_close(toks: list[Token], j: int) -> int | None:
    """The ")" closing a short bracketed aside without names that opens at j ("(participation frozen)", "(2007)")."""
    if j >= len(toks) or toks[j].lemma != "(":
        return None
    close = next((k for k in range(j + 1, min(j + 8, len(toks))) if toks[k].lemma == ")"), None)
    return None if close is None or any(t.kind in "SO" for t in toks[j + 1:close]) else close


def _skip_aside(toks: list[Token], j: int) -> int:
    """Past a short bracketed aside without names right after a list member, when the list goes on after it."""
    close = _aside_close(toks, j)
    if close is None:
        return j
    after = close + 1
    if after + 1 < len(toks) and toks[after].lemma in _SEPARATORS and toks[after + 1].kind in "S":
        return after
    if after + 2 < len(toks) and toks[after].lemma == "," and toks[after + 1].lemma in _SEPARATORS \
            and toks[after + 2].kind == "S":
        return after
    return j


def _excepted(out: list[Token]) -> bool:
    """The words before a group say it is left out: "except", "excluding", "other than", "apart from"."""
    last = [t.lemma for t in out[-2:]]
    return bool(last) and (last[-1] in ("except", "excluding", "bar") or last in (["other", "than"], ["apart", "from"],
                                                                                   ["except", "for"], ["but", "not"]))


_LIST_END = {",", ".", ";", ":", "–", "—", "-", ")", "be", "have", "also", "all", "both", "together", "now"}


def _org_closes_state_list(toks: list[Token], members: list[Token], j: int, k: int, conj: bool) -> bool:
    """"Denmark, Estonia ... Sweden and the European Union –": an organization ending a list of two or more
    states is one of the list, not the organization the sentence is about."""
    return (conj and k > j and k < len(toks) and toks[k].kind == "O" and members[0].kind == "S"
            and len(members) >= 2 and (k + 1 == len(toks) or toks[k + 1].lemma in _LIST_END))


_LED = {"lead", "led", "back", "backed", "dominate", "dominated", "base", "based", "sponsor", "sponsored"}


#: common nouns that, right after an organization's name, are the same organization ("the BRICS group")
_ORG_HEADS = {"group", "grouping", "bloc", "alliance", "organisation", "organization", "body", "club", "cartel",
              "pact", "fold", "family"}


def _absorb_org_heads(tokens: list[Token]) -> list[Token]:
    """"The BRICS group was founded ...": the noun after the name is part of it (not a verb "group")."""
    out: list[Token] = []
    for t in tokens:
        prev = out[-1] if out else None
        if prev is not None and prev.kind == "O" and t.is_word and t.text.islower() and t.lemma in _ORG_HEADS \
                and t.text.lower() not in ("groups", "bodies", "clubs"):
            out[-1] = Token(prev.kind, prev.text, prev.lemma, prev.start, t.end, prev.mention, prev.refs, prev.negated)
            continue
        out.append(t)
    return out


def _drop_led(tokens: list[Token]) -> list[Token]:
    """"the Russian-led CSTO": the premodifier says who leads, not what the name is; read "the CSTO"."""
    out = list(tokens)
    i = 0
    while i + 2 < len(out):
        if i + 3 < len(out) and out[i].kind in "AWS" and out[i + 1].lemma in ("-", "‐") \
                and out[i + 2].lemma in _LED and out[i + 3].kind == "O" and out[i + 1].start == out[i].end:
            del out[i:i + 3]
            continue
        if out[i].kind in "AWS" and out[i + 1].lemma.lstrip("-‐") in _LED and out[i + 1].lemma[:1] in "-‐" \
                and out[i + 2].kind == "O":
            del out[i:i + 2]  # the tokenizer kept "-led" whole
            continue
        i += 1
    return out


def _list_ahead(toks: list[Token], k: int) -> bool:
    """"NATO, the EU and OPEC": a comma-separated run of organizations that a conjunction closes."""
    i = k
    while i < len(toks) and toks[i].kind == "O":
        j = i + 1
        seps = []
        while j < len(toks) and toks[j].lemma in _SEPARATORS:
            seps.append(toks[j].lemma)
            j += 1
        if seps and j + 1 < len(toks) and toks[j].lemma in ("to", "of", "in") and toks[j + 1].kind == "O":
            j += 1  # ", to the SCO and to the EAEU"
        if not seps or j >= len(toks) or toks[j].kind != "O":
            return False
        if any(x in ("and", "or", "nor", "&") for x in seps):
            return True
        i = j
    return False


def _as_well_as(toks: list[Token], k: int) -> bool:
    return k + 2 < len(toks) and [x.text.lower() for x in toks[k:k + 3]] == ["as", "well", "as"]


_IRREGULAR_PAST = {"was", "were", "had", "did", "became", "left", "withdrew", "froze", "began", "gave", "got", "held",
                   "kept", "won", "took", "brought", "made", "rose", "went", "drew", "fell", "stood", "sought", "set",
                   "put", "quit", "forsook", "undertook", "overtook", "rejoined", "withheld"}


@dataclass
class VerbGroup:
    """Tokens [start, end] (inclusive indices) around the predicate verb at `head`."""

    start: int
    head: int
    end: int
    lemma: str
    features: set[str] = field(default_factory=set)  # neg, no-longer, modal, future, plan, passive, perfect, past


def verb_groups(tokens: list[Token], lex: Lexicon) -> list[VerbGroup]:
    """Every predicate verb the lexicon knows, with the auxiliaries and adverbs around it."""
    out: list[VerbGroup] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if not (t.is_word and lex.is_predicate_verb(t, tokens, i)):
            i += 1
            continue
        # a following verb after auxiliaries is the head ("has been admitted")
        head = i
        k = i + 1
        while k < len(tokens) and tokens[k].is_word and (lex.is_aux(tokens[k]) or lex.is_adverb(tokens[k])):
            k += 1
        if lex.is_aux(t) and k < len(tokens) and tokens[k].is_word and lex.is_predicate_verb(tokens[k], tokens, k):
            head = k
        elif t.lemma in ("remain", "stay") and k < len(tokens) and tokens[k].is_word \
                and tokens[k].text.lower().endswith(("ed", "en")) and tokens[k].lemma in lex.by_verb:
            head = k  # "remain suspended": a passive with a copula for auxiliary
        start = i
        while start > 0 and tokens[start - 1].is_word and (lex.is_aux(tokens[start - 1])
                                                           or lex.is_adverb(tokens[start - 1])):
            start -= 1
        end = head
        while end + 1 < len(tokens) and tokens[end + 1].is_word and (
                tokens[end + 1].lemma in lex.negators or lex.is_adverb(tokens[end + 1])
                or (tokens[end + 1].lemma == "no" and end + 2 < len(tokens)
                    and tokens[end + 2].text.lower() == "longer")
                or (tokens[end + 1].text.lower() == "longer" and tokens[end].lemma == "no")):
            end += 1
        vg = VerbGroup(start, head, end, tokens[head].lemma)
        _features(vg, tokens, lex)
        if out and "passive" in out[-1].features and _coordinated_participle(tokens, out[-1], vg, lex):
            vg.features.add("passive")  # "was suspended in 2009 and fully reinstated in 2014"
            vg.features.discard("past")
            vg.features.update(out[-1].features & {"past", "perfect"})
        out.append(vg)
        i = end + 1
    return out


def _coordinated_participle(tokens: list[Token], before: VerbGroup, vg: VerbGroup, lex: Lexicon) -> bool:
    """A participle without auxiliary coordinated with a passive verb group shares its auxiliary."""
    head = tokens[vg.head].text.lower()
    if any(lex.is_aux(t) for t in tokens[vg.start:vg.head]) or not (head.endswith("ed") or head in _IRREGULAR_PAST):
        return False
    between = tokens[before.end + 1:vg.start]  # no new subject in between: "... and fully reinstated"
    return bool(between) and between[-1].lemma in ("and", "but") and not any(t.kind == "S" for t in between) \
        and len(between) <= 8


def _features(vg: VerbGroup, tokens: list[Token], lex: Lexicon) -> None:
    words = tokens[vg.start:vg.end + 1]
    lows = [w.text.lower().replace("’", "'") for w in words]
    lemmas = [w.lemma for w in words]
    head = tokens[vg.head]
    f = vg.features
    if any(x in lex.negators for x in lemmas):
        f.add("neg")
    for a, b in zip(lows, lows[1:], strict=False):
        if a == "no" and b == "longer":
            f.update({"neg", "no-longer"})
    if any(x in lex.modals for x in lows):
        f.add("modal")
    if any(x in ("will", "shall", "'ll") for x in lows):
        f.add("future")
    if any(x in lex.plan_adverbs for x in lemmas):
        f.add("plan")
    aux = [w for w in words[:vg.head - vg.start] if w.is_word and not lex.is_adverb(w)]
    be_aux = [w for w in aux if w.lemma == "be"]
    head_low = head.text.lower()
    if (be_aux or any(w.lemma in ("remain", "stay") for w in aux)) and head.lemma != "be" \
            and (head_low != head.lemma or head_low in _IRREGULAR_PAST) and not head_low.endswith("ing"):
        f.add("passive")
    if not aux and head_low.endswith("ed") and vg.start >= 2 and tokens[vg.start - 1].lemma == "," \
            and tokens[vg.start - 2].kind in "SO":
        f.add("passive")  # "Morocco, readmitted to the Union in 2017, ...": a participle clause
        f.discard("past")
    if be_aux and head_low.endswith("ing"):
        f.add("progressive")
    if any(w.lemma == "have" for w in aux):
        f.add("perfect")
    if any(w.text.lower() in ("was", "were", "had", "did") for w in aux) or (
            not aux and (head_low.endswith("ed") or head_low in _IRREGULAR_PAST)):
        f.add("past")
    if head_low.endswith("ing") and not be_aux:
        f.add("participle")
    # an infinitive: "hopes to join", "is set to become", "bid to join"
    if vg.start > 0 and tokens[vg.start - 1].lemma == "to":
        f.add("infinitive")
