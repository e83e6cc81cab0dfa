"""Layer 6: whether a clause is asserted, and what an unasserted one still says.

A clause is not asserted when its verb group is negated, modal, future, planned or an
infinitive ("hopes to join"), when a condition, a hedge or a denial of reports governs it
("If X joined", "X reportedly joined", "officials rejected reports that X had left"). A lede
that reports a change in the present perfect is the day's news; a leaving that is not asserted
still says the state is a member.
"""

from __future__ import annotations

from kg.extract.cascade.clause_dates import EVENT_VERBS
from kg.extract.cascade.lexicon import Alternative, Frame
from kg.extract.cascade.matching import once_adverb
from kg.extract.cascade.phrases import VerbGroup
from kg.extract.cascade.tokens import Token

_CONCESSIVE = {"though", "although", "while", "whereas", "but"}


class AssertionReader:
    """Mixin of the cascade (kg/extract/cascade/engine.py): is a clause asserted."""

    def _news_of_the_day(self, toks: list[Token], vg: VerbGroup, frame: Frame, founding: bool) -> bool:
        """A headline or lede that reports a joining or leaving in the present perfect ("Iran has become the ninth
        full member") or the headline present ("Croatia joins the EU") reports the day's news: the
        publication date is its date. Not for states of being ("belongs to"), nor later in the article."""
        if self.pub is None or self.pub.precision != "day" or len(self.discourse.history) > 2 or founding \
                or frame.date is None or toks[vg.head].lemma not in EVENT_VERBS:
            return False
        if sum(len(t.refs) for t in toks if t.kind == "S") > 1:
            return False  # "The AU has suspended Gabon, Niger, Mali ...": a state of affairs, not the day's news
        f = vg.features
        if vg.start > 0 and toks[vg.start - 1].lemma == "to":
            return False  # "the last state to have joined the EU": an infinitive, not the day's news
        present_perfect = "perfect" in f and "past" not in f
        headline_present = not f & {"past", "perfect", "passive", "neg"} and len(self.discourse.history) <= 1 \
            and toks[vg.head].text.lower().endswith("s")
        return present_perfect or headline_present

    @staticmethod
    def _leaving_presupposes(toks: list[Token], subj: Token, org_tok: Token | None, alt: Alternative,
                             mem_toks: list[Token]) -> bool:
        """A leaving not asserted (future, planned, threatened, denied, negated) says the state is a member, when
        the organization is named and the state is the subject ("did not leave until 2024" did leave)."""
        return org_tok is not None and not alt.context and subj.kind == "S" and bool(mem_toks) \
            and not subj.negated and not any(t.lemma in ("until", "till", "whether", "if") for t in toks)

    def _blocked(self, toks: list[Token], vg: VerbGroup) -> str | None:
        f = vg.features
        for reason in ("infinitive", "modal", "future", "plan", "progressive", "participle"):
            if reason in f:
                return reason
        # a condition or a hedge earlier in the sentence ("If X joined Y", "X reportedly joined")
        start = 0
        for k in range(vg.start - 1, -1, -1):
            if toks[k].lemma in (";", ":"):
                start = k + 1
                break
        for k in range(start, vg.start):
            t = toks[k]
            if t.is_word and t.lemma in self.lex.conditionals and not once_adverb(toks, k):
                return "hypothetical"
            if t.is_word and t.lemma in self.lex.classes.get("DENIAL", ()) and any(
                    x.lemma in self.lex.classes.get("CLAIM_NOUN", ()) for x in toks[k + 1:min(k + 4, vg.start)]):
                return "hedge"  # "Officials rejected reports that Kazakhstan had left the CSTO"
        # a hedge after the verb counts in its own clause only ("has withdrawn from the ICC, though the court
        # will pursue its examination of alleged killings")
        end = next((k for k in range(vg.end + 1, len(toks)) if toks[k].lemma == ";" or (
            toks[k].lemma == "," and k + 1 < len(toks) and toks[k + 1].lemma in _CONCESSIVE)), len(toks))
        for k, t in enumerate(toks[:end]):
            if t.is_word and t.lemma in self.lex.hedges and (k < vg.start or t.lemma not in self.lex.opinions):
                return "hedge"
        return None
