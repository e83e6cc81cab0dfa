"""Layer 3: clauses. Who is the subject of each verb group, and where does its complement end?

Subjects are found leftwards past adverbials and dates ("Norway on Monday became"),
through relative pronouns to their antecedent ("Peru, which became ..."), past
appositions and asides ("Fiji, a member of X, has ..."), and across coordinated verb
phrases ("... belongs to X and is a founding member of Y"). Appositions after a
name are read as clauses of their own with that name as subject.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.extract.cascade.lexicon import Lexicon
from kg.extract.cascade.phrases import VerbGroup
from kg.extract.cascade.tokens import Token

_CLAUSE_END = {".", ";", "?", "!", "—", "–", "(", ")", '"'}
_CLAUSE_END_WORDS = {"but", "while", "whereas", "although", "though", "because", "which", "who", "whose", "unless",
                     "if", "yet"}
_DATE_PREPS = {"on", "in", "at", "last", "this", "since", "from", "as", "of", "early", "late", "mid", "by", "until"}
_RELATIVE = {"which", "that", "who"}
_PAST_PARTICIPLE_PREPS = {"since", "after", "before", "upon"}
_BULLETS = {"-", "–", "—", "•", "*", "·"}
_DASHES = {"-", "—", "–"}
_LIST_OPENERS = {"include", "including", "such", "namely", "notably", "among"}
_SUBJECT_KINDS = "SOP"


@dataclass
class Clause:
    vg: VerbGroup
    subject: int | None  # token index of the subject (an entity group)
    via: str  # direct | relative | apposition | coordination
    comp_start: int
    comp_end: int  # exclusive


#: prepositions of place and time: what follows them is not a subject either, inside a clause
_PLACE_PREPS = {"on", "in", "at", "from", "over", "across", "within", "toward", "near"}
#: prepositions whose object is never the subject of the verb after it ("from" is not one: a measured
#: loss on a blind set of published news, see tests/data/README.md)
_OBJECT_PREPS = {"to", "for", "with", "of", "against", "into", "about", "toward", "towards", "via", "than", "on",
                 "between", "without", "despite", "over", "like", "unlike"}


def clauses(tokens: list[Token], vgs: list[VerbGroup], lex: Lexicon) -> list[Clause]:
    out: list[Clause] = []
    for n, vg in enumerate(vgs):
        subj, via = _subject(tokens, vg, lex, out)
        nxt = n + 1
        while nxt < len(vgs) and "infinitive" in vgs[nxt].features and vgs[nxt].start == vg.end + 2:
            nxt += 1  # "ceased to be members of X": the infinitive is this verb's complement
        end = _complement_end(tokens, vg.end + 1, vgs[nxt].start if nxt < len(vgs) else len(tokens),
                              lex.classes.get("NEUTRAL_MOD", set()))
        out.append(Clause(vg, subj, via, vg.end + 1, end))
    return out


def _subject(tokens: list[Token], vg: VerbGroup, lex: Lexicon, earlier: list[Clause]) -> tuple[int | None, str]:
    if "participle" in vg.features and vg.head >= 1 and tokens[vg.head - 1].lemma in _PAST_PARTICIPLE_PREPS:
        comma = next((i for i in range(vg.end + 1, len(tokens)) if tokens[i].lemma == ","), None)
        if comma is not None and comma + 1 < len(tokens) and tokens[comma + 1].kind in "SO":
            vg.features.discard("participle")  # "Since joining the AU in 2017, Morocco ..." is a past fact
            return comma + 1, "fronted"
    described = _described_subject(tokens, vg)
    if described is not None:  # "ALBA, the left-wing alliance founded by Cuba and Venezuela in 2004, ..."
        vg.features.add("passive")
        return described, "apposition"
    fronted = _fronted_subject(tokens, vg)
    if fronted is not None:  # "Having joined the OIC in 1964, Nigeria ...", "Admitted in 1964, Nigeria ..."
        if tokens[vg.start].text.lower() != "having":
            vg.features.add("passive")
        vg.features.discard("participle")
        return fronted, "fronted"
    if "participle" in vg.features and tokens[vg.head].text.lower() in ("becoming", "joining") \
            and _after_comma(tokens, vg.start):
        first = next((i for i, x in enumerate(tokens) if x.lemma not in ('"', "'", "(", "•", "-", "*")), None)
        if first is not None and tokens[first].kind == "S" and first < vg.start:
            vg.features.discard("participle")  # "Somalia on Monday deposited its instrument ..., formally
            return first, "participle"  # becoming the eighth partner state": the sentence's subject
    if "infinitive" in vg.features:
        subj = _ordinal_subject(tokens, vg)
        if subj is not None:
            vg.features.discard("infinitive")  # "Rwanda was the last country to join the Commonwealth"
            return subj, "ordinal"
        subj = _purpose_subject(tokens, vg, lex)
        if subj is not None:
            vg.features.discard("infinitive")  # "Sweden, which gave up its neutrality to join NATO in 2024"
            return subj, "purpose"
        subj = _decision_subject(tokens, vg, lex)
        if subj is not None:
            vg.features.discard("infinitive")  # "ECOWAS has decided to suspend Guinea's membership": done
            return subj, "decision"
    head = tokens[vg.head].text.lower()
    if vg.start == vg.head and head.endswith("ed") and vg.start >= 1 and tokens[vg.start - 1].lemma != "to":
        subj = _ordinal_subject(tokens, vg, bare=True)
        if subj is not None:  # "Cambodia was the last nation admitted as a member in 1999": a reduced relative
            vg.features.add("passive")
            return subj, "ordinal"
    k = vg.start - 1
    while k >= 0:
        t = tokens[k]
        if t.lemma in ("until", "till", "up") and k + 1 < len(tokens) and tokens[k + 1].lemma == "now":
            k -= 1  # "G20 until now comprised ..."
            continue
        if t.kind in _SUBJECT_KINDS:
            if k >= 1 and tokens[k - 1].is_word and tokens[k - 1].lemma in _OBJECT_PREPS:
                return None, "none"  # "Flights to Mali have been suspended": Mali is not the subject
            if k == vg.start - 1 and k >= 1 and tokens[k - 1].lemma in ("be", "become") and vg.start == vg.head \
                    and tokens[vg.head].text.lower().endswith("ed"):
                vg.features.add("passive")  # "Cambodia was [the last nation] admitted ...": a reduced relative
            return k, "direct"
        if t.kind == "D" or t.lemma == '"' or lex.is_adverb(t) or t.lemma in ("both", "all", "each", "together",
                                                                            "only"):
            k -= 1
            continue
        place = _place_after_subject(tokens, k)
        if place is not None:
            k = place  # "Guyana and Suriname in South America are members": a place after the subject
            continue
        if t.is_word and t.lemma in _DATE_PREPS and k + 1 < len(tokens) and tokens[k + 1].kind == "D":
            k -= 1
            continue
        if t.lemma in _RELATIVE:
            a = k - 1
            if a >= 2 and tokens[a].lemma == "of" and tokens[a - 1].lemma in ("both", "all", "each", "two", "three",
                                                                              "four", "five", "most"):
                a -= 2  # "Albania and Croatia, both of which joined in 2009"
            if a >= 0 and tokens[a].lemma == ",":
                a -= 1
            if a >= 2 and tokens[a].kind == "O" and tokens[a - 1].lemma in ("of", "in") \
                    and tokens[a - 2].lemma in _GROUP_NOUNS:
                return None, "none"  # "the partner category of BRICS, which includes Belarus": the category does
            if a >= 0 and tokens[a].kind in _SUBJECT_KINDS:
                return a, "relative"
            if a >= 0 and tokens[k - 1].lemma == ",":  # "Mozambique, a former Portuguese territory in Africa,
                p = next((j for j in range(a, max(a - 10, 0), -1) if tokens[j].lemma == ","), None)  # which joined"
                if p is not None and tokens[p + 1].lemma in ("a", "an", "the") and tokens[p - 1].kind == "S" \
                        and all(x.kind in "WLA" and x.lemma not in _RELATIVE for x in tokens[p + 1:a + 1]):
                    return p - 1, "relative"
            return None, "none"
        if t.lemma == ":" and k >= 1 and tokens[k - 1].kind == "S" and all(
                x.lemma in _BULLETS for x in tokens[:k - 1]):
            return k - 1, "direct"  # a fact-box line: "South Africa: joined in December 2010"
        if t.lemma == "," and k == vg.start - 1 and k >= 1 and tokens[k - 1].kind in _SUBJECT_KINDS \
                and "passive" in vg.features:
            return k - 1, "apposition"  # "Russia, expelled from the Council of Europe in 2022, ..."
        if t.lemma == "," and k >= 3 and tokens[k - 1].kind == "S" and len(tokens[k - 1].refs) >= 2 \
                and tokens[k - 2].lemma == "," and tokens[k - 3].text.lower().rstrip("s") in _GROUP_HEADS \
                and all(x.lemma in _GROUP_OPENERS for x in tokens[:k - 3]):
            return k - 1, "apposition"  # "Both countries, Oman and Japan, have been in NATO since 1980"
        if t.lemma == ",":
            a = k - 1
            while a >= 0 and tokens[a].lemma not in (",", ";", ":", "(") and a > k - 25:
                a -= 1
            if a >= 1 and tokens[a].lemma == "," and tokens[a - 1].kind in _SUBJECT_KINDS:
                return a - 1, "apposition"
            if a >= 0 and tokens[a].lemma == "," and all(x.is_word and (lex.is_adverb(x) or x.lemma in lex.adverbs)
                                                          for x in tokens[a + 1:k]):
                k = a - 1  # ", however," ", for its part,"
                continue
            return None, "none"
        if t.lemma in _DASHES and k >= 2 and tokens[k - 1].kind == "S" and (
                tokens[k - 2].lemma in _DASHES or (k >= 3 and tokens[k - 2].lemma in ("including", "include", "like")
                                                   and tokens[k - 3].lemma in _DASHES)):
            return k - 1, "apposition"  # "Three of the suspended states - A, B and C - also left X"
        if t.lemma in ("and", "but", "or"):
            for c in reversed(earlier):
                if c.vg.end < k and c.subject is not None:
                    return c.subject, "coordination"
            # "Costa Rica abolished its army in 1948 and declared perpetual neutrality": the sentence's subject,
            # when it opens the sentence and nothing else was named before the "and"
            first = next((i for i, x in enumerate(tokens) if x.lemma not in ('"', "'", "(", "•", "-", "*")), None)
            # ("ECOWAS lifted sanctions on Niger and readmitted Guinea": a name after a preposition is no subject)
            if first is not None and first < k and tokens[first].kind in "SO" \
                    and not any(x.kind in "SOP" and not (j > 0 and tokens[j - 1].lemma in _OBJECT_PREPS | _PLACE_PREPS)
                                for j, x in enumerate(tokens[first + 1:k], first + 1)) \
                    and tokens[first + 1].is_word and tokens[first + 1].lemma not in (",", "'s"):
                return first, "coordination"
            # "Costa Rica, which abolished its army ... and proclaimed ...": back to the relative pronoun
            a = k - 1
            while a >= 1 and tokens[a].kind not in "SO" and tokens[a].lemma not in (";", ".", ":", "(", ")") \
                    and a > k - 30:
                if tokens[a].lemma in ("which", "who") and tokens[a - 1].lemma == "," and a >= 2 \
                        and tokens[a - 2].kind in _SUBJECT_KINDS:
                    return a - 2, "relative"
                a -= 1
            return None, "none"
        return None, "none"
    return None, "none"


def _place_after_subject(tokens: list[Token], k: int) -> int | None:
    """The subject before "in (from) <place>" ending at k: a place named in capitals (a continent or region the
    gazetteer may not list) or as a place, right after a state."""
    j = k
    while j > k - 3 and j >= 0 and (tokens[j].kind == "L" or tokens[j].is_word and tokens[j].text[:1].isupper()):
        j -= 1
    if j == k or j < 1 or tokens[j].lemma not in ("in", "from") or tokens[j - 1].kind != "S":
        return None
    return j - 1


_ORDINALS = {"first", "last", "latest", "newest", "only", "second", "third", "fourth", "fifth", "sixth", "seventh",
             "eighth", "ninth", "tenth", "most", "recent"}


def _purpose_subject(tokens: list[Token], vg: VerbGroup, lex: Lexicon) -> int | None:
    """"X gave up (dropped, ended) its neutrality to join Y": giving it up was done to join, so X joined.

    Only after a past verb that ends neutrality (the `neutrality_enders` of the lexicon), whose
    subject is a state named right before it or through "which"."""
    to = vg.start - 1
    if not any(t.lemma in ("neutrality", "non-alignment", "nonalignment") for t in tokens[max(0, to - 2):to]):
        return None  # the infinitive right after the neutrality given up, not "... to try to join"
    enders = [i for i in range(max(0, to - 7), to) if tokens[i].is_word and tokens[i].lemma in lex.neutrality_enders
              and tokens[i].text.lower() != tokens[i].lemma]  # a past form: "gave", "ended", "dropped"
    if not enders:
        return None
    k = enders[0] - 1
    while k >= 0 and tokens[k].is_word and (lex.is_adverb(tokens[k]) or tokens[k].lemma in ("have", "formally")):
        k -= 1
    if k >= 2 and tokens[k].lemma in ("which", "who") and tokens[k - 1].lemma == ",":
        k -= 2
    return k if k >= 0 and tokens[k].kind == "S" else None


#: verbs whose past says the deed after "to" was done by the body that decided ("voted to suspend")
_DECISIONS = {"decide", "vote", "agree", "resolve", "elect", "opt"}


def _decision_subject(tokens: list[Token], vg: VerbGroup, lex: Lexicon) -> int | None:
    """"ECOWAS has decided to suspend Guinea", "the leaders of the CSTO decided to suspend Uzbekistan": the
    organization that decided, when the decision is in the past (not "will decide to", "could vote to")."""
    j = vg.start - 1
    if j < 2 or tokens[j].lemma != "to" or tokens[j - 1].lemma not in _DECISIONS \
            or not tokens[j - 1].text.lower().endswith(("ed", "d")):
        return None
    k = j - 2
    while k >= 0 and tokens[k].is_word and (tokens[k].lemma in ("have", "unanimously", "formally", "officially")
                                            or lex.is_adverb(tokens[k])):
        k -= 1
    if k >= 0 and tokens[k].is_word and tokens[k].text.lower() in lex.modals:
        return None
    if k >= 2 and tokens[k].lemma in _DECIDERS and tokens[k - 1].lemma == "'s" and tokens[k - 2].kind == "O":
        return k - 2  # "UNESCO's members voted to admit Palestine": the organization decided
    return k if k >= 0 and tokens[k].kind == "O" else None


#: who decide for an organization ("the bloc's leaders decided to ...")
_DECIDERS = {"member", "leader", "minister", "government", "state", "head", "council", "assembly"}


def _described_subject(tokens: list[Token], vg: VerbGroup) -> int | None:
    """The name an apposition describes when a bare past participle ends it: "ALBA, the left-wing alliance
    founded by Cuba and Venezuela in 2004" (a reduced relative on the apposition's noun, so on the name)."""
    if vg.start != vg.head or not tokens[vg.head].text.endswith("ed") or vg.features & {"neg", "infinitive"}:
        return None
    j = vg.start - 1
    if j >= 0 and tokens[j].kind in "SO" and len(tokens[j].text.split()) >= 3 \
            and tokens[j].text.split()[-1].islower() and tokens[j].text.split()[-2] in ("the", "a", "an"):
        return j  # "Russia, the country expelled from ...": the description was already read with its name
    while j >= 0 and vg.start - j <= 6 and tokens[j].is_word and tokens[j].text[:1].islower() \
            and tokens[j].lemma not in ("a", "an", "the"):
        j -= 1
    if j < 2 or j == vg.start - 1 or tokens[j].lemma not in ("a", "an", "the") or tokens[j - 1].lemma != "," \
            or tokens[j - 2].kind not in "SO":
        return None
    return j - 2


def _fronted_subject(tokens: list[Token], vg: VerbGroup) -> int | None:
    """The state after the comma that closes a participle clause opening the sentence: "Having joined the OIC
    in 1964, Nigeria ...", "Suspended from ECOWAS in 2021, Mali ..." (the participle's subject is the main
    clause's)."""
    if any(t.lemma not in ('"', "'", "(", "•", "-", "*") for t in tokens[:vg.start]):
        return None
    head = tokens[vg.head].text.lower()
    if not (tokens[vg.start].text.lower() == "having" or vg.start == vg.head and head.endswith("ed")):
        return None
    comma = next((i for i in range(vg.end + 1, len(tokens)) if tokens[i].lemma in (",", ";", ".")), None)
    if comma is None or tokens[comma].lemma != "," or comma + 1 >= len(tokens) or tokens[comma + 1].kind != "S":
        return None
    return comma + 1


def _after_comma(tokens: list[Token], k: int) -> bool:
    """A comma right before k, past adverbs ("..., formally becoming ...")."""
    j = k - 1
    while j >= 0 and tokens[j].is_word and tokens[j].lemma in ("formally", "officially", "thus", "thereby", "so",
                                                               "effectively", "finally"):
        j -= 1
    return j >= 0 and tokens[j].lemma == ","


def _ordinal_subject(tokens: list[Token], vg: VerbGroup, bare: bool = False) -> int | None:
    """"X was/became the last (non-anglophone) country to join Y": X, the subject of the copula before
    (`bare`: a participle right after the noun, "the last nation admitted")."""
    to = vg.start if bare else vg.start - 1
    k = to - 1
    seen_ordinal = False
    while k >= 0 and to - k <= 6 and (tokens[k].is_word or tokens[k].kind == "A") \
            and tokens[k].lemma not in ("be", "become", "to"):
        word = tokens[k].text.lower()  # (the lemma table makes "first" "1")
        seen_ordinal = seen_ordinal or word in _ORDINALS or word[:1].isdigit()
        k -= 1
    if seen_ordinal and k >= 1 and tokens[k].lemma == "," and tokens[k + 1].lemma == "the" \
            and tokens[k - 1].kind == "S":
        return k - 1  # "Slovenia, the first former Yugoslav republic to have joined the bloc, ..."
    if not seen_ordinal or k < 1 or tokens[k].lemma not in ("be", "become") or tokens[k + 1].lemma != "the":
        return None
    j = k - 1
    while j >= 0 and tokens[j].is_word and tokens[j].lemma in ("have", "also", "thus", "now", "then"):
        j -= 1
    if j >= 0 and tokens[j].lemma == ",":  # "Cambodia, this year's chair, was the last nation admitted"
        a = next((x for x in range(j - 1, max(j - 10, -1), -1) if tokens[x].lemma == ","), None)
        j = a - 1 if a is not None else j
    return j if j >= 0 and tokens[j].kind == "S" else None


_DASHES = {"-", "–", "—"}


def _complement_end(tokens: list[Token], start: int, limit: int, adjectives: set[str] = frozenset()) -> int:
    k = start
    while k < limit:
        t = tokens[k]
        if t.lemma in _DASHES and k > start and tokens[k - 1].lemma in ("member", "state", "country", "nation") \
                and k + 1 < len(tokens) and tokens[k + 1].kind == "S":
            k += 1  # "suspended two other members – Guinea and Mali –": the names in dashes are the object
            continue
        if t.lemma == '"' and k > start and tokens[k - 1].lemma in ("as", "a", "an", "the"):
            k += 1  # 'lists A, B as "partners across the globe"': a quoted name of the status, not a quote
            continue
        if t.lemma in _CLAUSE_END or (t.is_word and t.lemma in _CLAUSE_END_WORDS):
            return k
        if t.lemma == "," and [x.lemma for x in tokens[k + 1:k + 3]] in (["with", "effect"], ["effective", "from"]) \
                or t.lemma == "," and k + 2 < len(tokens) and tokens[k + 1].lemma == "effective" \
                and tokens[k + 2].kind == "D":
            k += 1  # "walked out, with effect from 27 October 2017", "left, effective 1 January 2020"
            continue
        if t.lemma == "," and _place_then_date(tokens, k):
            k += 4  # "became a member at the ministerial meeting, in Abu Dhabi, on Monday"
            continue
        if t.lemma == "," and not (k + 1 < len(tokens) and (tokens[k + 1].kind == "D"
                                                          or (k + 2 < len(tokens) and tokens[k + 2].kind == "D"
                                                              and tokens[k + 1].lemma in ("in", "on", "since"))
                                                          or tokens[k + 1].lemma in _LIST_OPENERS
                                                          or tokens[k + 1].text.lower() == "having"
                                                          or (tokens[k + 1].lemma in adjectives
                                                              and tokens[k - 1].lemma in adjectives))):
            return k  # but "its perpetual, active and unarmed neutrality" goes on
        if t.lemma == ":" and not (k + 1 < len(tokens) and tokens[k + 1].kind == "S"):
            return k
        k += 1
    return k


def _place_then_date(tokens: list[Token], k: int) -> bool:
    """", in Abu Dhabi, on Monday": a place aside and then the date of the clause."""
    w = [t.lemma for t in tokens[k + 1:k + 6]]
    return len(w) == 5 and w[0] in ("in", "at") and tokens[k + 2].kind == "L" and w[2] == "," \
        and w[3] in ("on", "in") and tokens[k + 5].kind == "D"


#: "Both countries, Oman and Japan, ...": a plural head opening the sentence, then the states it stands for
_GROUP_HEADS = {"countrie", "countries", "state", "nation", "member", "neighbour", "neighbor", "ally", "allie"}
_GROUP_OPENERS = {"both", "the", "all", "two", "three", "four", "five", "these", "those", '"', "'"}

#: nouns of a part of an organization that a relative clause after "the X of ORG" is about
_GROUP_NOUNS = {"category", "group", "tier", "circle", "list", "club", "grouping", "caucus", "format", "wing",
                "subgroup", "cohort"}
