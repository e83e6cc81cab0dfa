"""People who are the subject of an event verb, where the clause layer finds no single subject.

The clause layer returns one state, organization or person before a verb; an event needs
every person of a coordinated or appositive subject ("Armenian Foreign Minister Arman
Melikyan and his Azerbaijani counterpart, Elnur Mammadli, held talks") and the person a
pronoun stands for ("On the sidelines he held talks with ..."). Only the noun phrase
right before the verb group is read: a name after a preposition ("After talks with Lind,
Berg met ...") or inside a relative clause ("Berg, who met Lind in May, ...") is not a subject.
"""

from __future__ import annotations

from kg.extract.cascade.lexicon import Lexicon
from kg.extract.cascade.phrases import VerbGroup
from kg.extract.cascade.tokens import Token
from kg.extract.event_assembly import EventMention
from kg.extract.event_span import add_all, refs
from kg.model import EntityRef

#: words of a person's noun phrase between names ("and his Azerbaijani counterpart")
_NP_WORDS = {"and", "his", "her", "their", "its", "the", "counterpart", "counterparts", "colleague", "'s", "’s",
             "both", "new", "visiting", "host"}
#: a name right after these is their object, not the subject
_PREPS = {"with", "of", "by", "to", "for", "from", "after", "before", "between", "and", "including", "than",
          "against", "at", "in", "on", "during", "like", "unlike", "as"}
_RELATIVES = {"who", "which", "whose", "that", "whom"}
_PRONOUNS = {"he", "she"}
_STOP_ARGS = {"in", "at", "on", "to", "for", "over", "about", "after", "during", "amid", "from", "since", "as",
              ";", ".", ":", "(", ")", "—", "–", "who", "which", "that", "and"}
_ARG_SKIP = {"the", "his", "her", "their", "its", "counterpart", "counterparts", "new", "visiting", "incoming",
             "then", "host", "leader", "leaders", "president", "officials", "delegation", "delegations"}
_ACTORS = "SOP"
_APPOSITION_REACH = 25  # tokens back to the comma that opens an apposition


def person_subjects(toks: list[Token], vg_start: int, lex: Lexicon) -> tuple[list[EntityRef], bool]:
    """The people of the noun phrase right before `vg_start`, and whether that phrase is a pronoun."""
    j = vg_start - 1
    while j >= 0 and toks[j].is_word and lex.is_adverb(toks[j]):
        j -= 1
    if j >= 0 and toks[j].is_word and toks[j].lemma in _PRONOUNS:
        return [], True
    found: list[EntityRef] = []
    while j >= 0:
        t = toks[j]
        if t.kind == "P":
            if j > 0 and toks[j - 1].is_word and toks[j - 1].lemma in _PREPS - {"and"}:
                return [], False  # "talks with Lind held ...": an object
            found.extend(refs(t))
        elif t.kind in "SO" and j >= 2 and toks[j - 1].lemma == "of" and toks[j - 2].kind == "P":
            found.extend(refs(toks[j - 2]) + refs(t))  # "Prime Minister Xavier Soares of Timor-Leste signed"
            j -= 2
        elif t.kind in "RA" or (t.is_word and t.lemma in _NP_WORDS) or (t.kind == "S" and j + 1 < len(toks)
                                                                        and toks[j + 1].lemma in ("'s", "’s")):
            pass
        elif t.lemma == ",":
            a = j - 1
            while a >= 0 and toks[a].lemma not in (",", ";", ":", "(", ")") and a > j - _APPOSITION_REACH:
                a -= 1
            if a < 0 or toks[a].lemma != ",":
                break  # "On the sidelines, Berg met": a fronted phrase, the subject is what follows it
            block = toks[a + 1:j]
            if block and block[0].lemma in _RELATIVES:
                j = a - 1  # "Berg, who met Lind in May, held talks": the relative clause is not the subject
                continue
            if any(x.is_word and x.text.islower() and not (x.lemma in _NP_WORDS or lex.is_adverb(x))
                   and x.kind not in "RA" for x in block):
                break  # a clause, not an apposition
            found.extend(r for x in block if x.kind == "P" for r in refs(x))
            j = a
        else:
            break
        j -= 1
    return found, False


def pronoun_person(current: list[Token], upto: int, previous: list[Token]) -> list[EntityRef]:
    """The one person 'he' or 'she' can stand for: the one person named before it in its sentence, else the one
    person of the sentence before, else the person that sentence opens with."""
    def people(toks: list[Token]) -> dict[str, EntityRef]:
        return {r.key: r for t in toks if t.kind == "P" for r in refs(t)}

    here = people(current[:upto])
    if here:
        return list(here.values()) if len(here) == 1 else []
    before = people(previous)
    if len(before) == 1:
        return list(before.values())
    first = next((t for t in previous if t.kind in "SOP" or (t.is_word and t.text.islower())), None)
    return refs(first) if first is not None and first.kind == "P" else []


def arguments(toks: list[Token], j: int, limit: int) -> list[EntityRef]:
    """The states, organizations and people of an argument position ('with X and his counterpart, Y'), past
    titles, adjectives and lower-case words, up to a preposition or clause boundary."""
    out: list[EntityRef] = []
    first = j
    while j < limit and j < len(toks):
        t = toks[j]
        if t.kind in _ACTORS:
            out.extend(refs(t))
        elif t.kind in "RAM" or t.lemma == "," or (t.is_word and (t.lemma in _ARG_SKIP or t.lemma == "including"
                                                                   or t.lemma == "and" and out
                                                                   or t.text.islower() and t.lemma not in _STOP_ARGS)):
            pass
        else:
            break
        j += 1
        if j - first > 12:
            break
    return out


def add_subject(em: EventMention, toks: list[Token], subj: int | None, vg: VerbGroup, lex: Lexicon,
            previous: list[Token]) -> None:
    """The subject position of a frame: every person of it, the person a pronoun stands for, a body its
    leaders stand for ('Leaders of the Commonwealth gather'), the two people of the sentence before ('The two
    ministers met')."""
    if subj is None or toks[subj].kind == "P":
        # "X and his counterpart, Y, held talks", "he held talks with Y": every person of the subject
        people, pronoun = person_subjects(toks, vg.start, lex)
        if pronoun:
            people = pronoun_person(toks, vg.start, previous)
        add_all(em, people)
        if people and subj is None:
            return
    if subj is not None:
        if subj >= 2 and toks[subj - 1].lemma == "of" and toks[subj - 2].kind == "P":
            add_all(em, refs(toks[subj - 2]))  # "Prime Minister Xavier Soares of Timor-Leste signed"
        add_all(em, refs(toks[subj]))
        return
    # "Leaders of the Commonwealth gather", "BRICS foreign ministers met": the body they stand for
    for j in range(vg.start - 1, max(-1, vg.start - 7), -1):
        t = toks[j]
        if t.kind in "SO":
            add_all(em, refs(t))
            return
        if t.lemma == "whose" and j >= 2 and toks[j - 1].lemma == "," and toks[j - 2].kind in "SO":
            add_all(em, refs(toks[j - 2]))  # "the Francophonie, whose leaders met at Villers-Cotterêts"
            return
        if not (t.is_word and t.text.islower()) and not (t.is_word and j == 0) and t.kind != "R":
            break
    # "The two ministers met ...": the two people of the sentence before
    before = [t.lemma for t in toks[max(0, vg.start - 3):vg.start]]
    if any(w in ("two", "both") for w in before):
        people = [r for t in previous if t.kind == "P" for r in refs(t)]
        if len({p.key for p in people}) == 2:
            add_all(em, people)


_TRAVEL = {"travel", "fly", "go", "arrive", "head", "come", "return"}


def traveller(em: EventMention, toks: list[Token], c_start: int, k: int, lex: Lexicon, place_of) -> None:
    """'IGAD's Executive Secretary, X, travelled to Djibouti on Saturday for talks with Y': the one who travelled
    takes part, and where they went is the place."""
    v = next((j for j in range(k - 1, c_start - 1, -1) if toks[j].is_word and toks[j].lemma in _TRAVEL), None)
    if v is None:
        return
    people, _ = person_subjects(toks, v, lex)
    add_all(em, people)
    if em.location is None and v + 2 < k and toks[v + 1].lemma == "to":
        u = toks[v + 2]
        em.location = place_of(u) or (u.refs[0] if u.kind == "S" and len(u.refs) == 1 else None)
