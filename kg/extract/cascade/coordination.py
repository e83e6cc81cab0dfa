"""Coordination in a clause's complement (engine.py's mixin): "joined X in 1993 and Y in 2012", "a member of
ASEAN and an observer of NATO", each further object with its own status and date."""

from __future__ import annotations

from collections.abc import Iterator

from kg.extract.cascade.clauses import Clause
from kg.extract.cascade.lexicon import Frame
from kg.extract.cascade.matching import Found
from kg.extract.cascade.tokens import Token
from kg.model import EntityRef


class CoordinationReader:
    """Mixin of the cascade: the objects coordinated after a frame's first one."""

    def _second_objects(self, toks: list[Token], c: Clause, org_tok: Token | None, frame: Frame, status: str,
                        members: list[EntityRef], rule: str) -> Iterator[Found]:
        """"joined X in 1993 and Y in 2012": each further object with its own date; in a copula's complement
        a further status noun phrase with its own status ("a member of ASEAN and an observer of NATO"; after a
        negated one, only "but": "is not a member of the EU, but an observer of NATO")."""
        if org_tok is None or org_tok not in toks:
            return
        i = toks.index(org_tok) + 1
        end = c.comp_end
        negated = rule.endswith(".negated")
        mods = None
        if frame.id.startswith("copula"):
            mods = set(self.lex.classes.get("MOD", ())) | set(self.lex.classes.get("OBSERVER_MOD", ())) \
                | set(self.lex.classes.get("PARTNER_MOD", ()))

        def status_np(i: int) -> tuple[str, int] | None:
            if mods is None or negated and not any(t.lemma == "but" for t in toks[i:i + 2]):
                return None
            return _status_np_at(toks, i, mods)

        while i < end or status_np(i) is not None:  # (", but also a member of NATO")
            while i < end and (toks[i].kind == "D" or toks[i].lemma in ("in", "on", "since", ",")):
                i += 1
            prep = i + 2 < len(toks) and toks[i + 1].lemma in ("of", "in", "to", "from") and toks[i + 2].kind == "O"
            np = status_np(i)
            if np is not None:  # "is a member of ASEAN and an observer of NATO": that status of the second
                status, i = np
                if negated:  # "is not a member of the EU, but an observer of NATO"
                    negated, rule = False, rule.removesuffix(".negated")
            elif not (i + 1 < len(toks) and toks[i].lemma == "and" and (toks[i + 1].kind == "O" or prep)):
                return
            else:
                i += prep  # "became a full member of the SCO in 2023 and of BRICS in 2024"
            org = toks[i + 1]
            j = i + 2
            when = None
            if j < len(toks) and toks[j].lemma in ("in", "on", "since") and j + 1 < len(toks) \
                    and toks[j + 1].kind == "D":
                when = toks[j + 1].mention.value.value
                j += 2
            elif j < len(toks) and toks[j].kind == "D":
                when = toks[j].mention.value.value
                j += 1
            if when is not None and self.pub is not None and when > self.pub:
                return
            role = "end" if status == "Former" else frame.date
            for ref in org.refs:
                yield Found(status, members, ref, rule + ".coordinated",
                            when if role == "start" else None, when if role == "end" else None, negated)
            i = j
            end = max(end, j)


_STATUS_NOUNS = {"member": "FullMember", "observer": "Observer", "partner": "Partner", "founder": "FullMember",
                 "co-founder": "FullMember"}


def _status_np_at(toks: list[Token], i: int, mods: set[str]) -> tuple[str, int] | None:
    """"and (also) an observer of", "but also a full member of" at i: the status, and the index just before the
    organization it names."""
    if i < len(toks) and toks[i].lemma == ",":
        i += 1
    if i >= len(toks) or toks[i].lemma not in ("and", "but"):
        return None
    k = i + 1
    if k < len(toks) and toks[k].lemma == "also":
        k += 1
    if k < len(toks) and toks[k].lemma in ("a", "an"):
        k += 1
    former = False
    while k < len(toks) and toks[k].is_word and (toks[k].lemma in mods or toks[k].lemma == "former"):
        former = former or toks[k].lemma == "former"
        k += 1
    status = _STATUS_NOUNS.get(toks[k].lemma) if k < len(toks) else None
    if status is None or k + 2 >= len(toks) or toks[k + 1].lemma not in ("of", "in", "to", "with") \
            or toks[k + 2].kind != "O":
        return None
    return ("Former" if former else status), k + 1
