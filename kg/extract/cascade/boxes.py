"""Fact boxes: list lines ("Members: A, B"), timeline lines and question-and-answer pairs.

News pages set facts apart from the prose: "1995 – Austria, Finland, Sweden" or
"• Montenegro — 2017" under a heading such as "KEY FACTS: NATO ENLARGEMENT SINCE 2017".
Such a line has no verb; it says that the states joined the organization of the heading (or
of the article) at that date. A line of that shape anywhere else ("2008 – Georgia" in a
timeline of wars) says nothing about membership, so the line must follow such a heading or
another such line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.dates import PartialDate
from kg.extract.cascade.matching import Found, captured_sym, symbols
from kg.extract.cascade.tokens import Token
from kg.model import EntityRef

#: words of a heading that announces a box of members and the dates they joined
_HEADING_WORDS = {"enlargement", "expansion", "accession", "member", "membership", "join", "wave", "waves",
                  "newcomer", "founding"}
_DASHES = {"–", "—", "-", ":"}
#: the word opening a list line and the status it gives ("Members: A, B", "Left: Russia (May 2022)")
_LINE_NOUNS = {"member": "FullMember", "observer": "Observer", "partner": "Partner", "founder": "FullMember",
               "founding-member": "FullMember", "left": "Former", "leave": "Former", "suspend": "Suspended",
               "suspended": "Suspended", "withdrawn": "Former", "expel": "Former"}
_BULLETS = {"*", "•", "-", "–", "—"}
#: words before the noun of a list line ("Dialogue partners:", "Full members:", "Observer states:")
_LINE_MODIFIERS = {"dialogue", "full", "current", "permanent", "global", "sectoral", "development", "other", "new",
                   "newest", "latest", "original"}
#: words beside the one name of a bulleted item ("- Iceland (joined 1995)", "- Norway, since 1992")
_ITEM_WORDS = {"(", ")", ",", "join", "joined", "since", "from", "in", "member", "founder", "founding", "observer"}


@dataclass
class TimelineBox:
    """Reads timeline lines; remembers whether the line before opened (or continued) such a box."""

    open_org: EntityRef | None = None  # the organization of the box being read, None outside a box

    def line(self, toks: list[Token], has_verb: bool,
             context: EntityRef | None) -> tuple[list[Token], PartialDate, str] | None:
        """(the states' tokens, the date, the status) when `toks` is a timeline line inside a box: a joining,
        or the change a word of the line names ("2022 - Russia expelled")."""
        words = list(toks)
        while words and words[0].lemma in _BULLETS:
            words = words[1:]
        while words and words[-1].lemma in (".", ";"):
            words = words[:-1]
        got = None
        if len(words) >= 3 and words[1].lemma in _DASHES:
            a, b = words[0], words[2]
            k = 2  # "1949 – twelve founding members, including the US, Canada ...": a few words before the names
            while k < min(len(words), 9) and words[k].is_word and words[k].lemma not in ("not", "no", "never") \
                    or (k < len(words) and words[k].lemma == "," and k > 2):
                k += 1
            if bare_year(a) is not None and k < len(words) and words[k].kind == "S":
                b = words[k]
                got = (b, bare_year(a), words[k + 1:])
            elif a.kind == "S" and bare_year(b) is not None and len(words) == 3:
                got = (a, bare_year(b), words[3:])
        if got is not None and self.open_org is not None and not any(t.kind in "ODL" for t in got[2]) \
                and not any(t.lemma in ("not", "never", "no") for t in got[2]):
            states, date, rest = got  # "1958 – Belgium, France, West Germany, Italy": a name unknown breaks the list
            changes = {_LINE_NOUNS[t.lemma] for t in rest if t.is_word and t.lemma in _LINE_NOUNS}
            if changes - {"FullMember"}:
                # "2022 - Russia expelled", "2023 - Belarus suspended": not a joining
                return ([states, *(t for t in rest if t.kind == "S")], date, changes.pop()) if len(changes) == 1 \
                    else None
            return [states, *(t for t in rest if t.kind == "S")], date, "FullMember"
        self._heading(words, has_verb, context)
        return None

    def _heading(self, words: list[Token], has_verb: bool, context: EntityRef | None) -> None:
        named = {r.key: r for t in words if t.kind == "O" for r in t.refs}
        if not has_verb and any(t.is_word and t.lemma in _HEADING_WORDS for t in words) and len(words) <= 10:
            self.open_org = next(iter(named.values())) if len(named) == 1 else context
        else:
            self.open_org = None


def bare_year(t: Token) -> PartialDate | None:
    """A date token, or a bare year ("1995 – Austria, Finland, Sweden": a year alone is not tagged as a date)."""
    if t.kind == "D" and t.mention is not None:
        return t.mention.value.value
    if t.is_word and len(t.text) == 4 and t.text.isdigit() and t.text[:2] in ("19", "20"):
        return PartialDate.parse(t.text)
    return None


class BoxReader:
    """Mixin of the cascade (kg/extract/cascade/engine.py): list lines of fact boxes and Q-and-A pairs."""

    announced: tuple[str, EntityRef] | None = None  # "Its members are now:" before a bulleted list
    plain_items = False  # the list may go on in bare lines ("Ethiopia"), not only bulleted ones
    founded: tuple[PartialDate, int] | None = None  # a box's "Founded: 2008", and the line it was on
    profile: tuple[EntityRef, int] | None = None  # "Country profile: Canada", and the line it was on

    def _bulleted(self, toks: list[Token]) -> Found | None:
        """A bulleted list announced by the line before ("Its members are now:" / "- Denmark" / "- Iceland
        (joined 1995)"): each item one name, with at most its date, takes the announced status and organization."""
        words = [t for t in toks if t.lemma != "."]
        plain = self.announced is not None and words and words[0].kind == "S" and self.plain_items
        if self.announced is not None and (len(words) >= 2 and words[0].lemma in _BULLETS or plain):
            # (a list of bare lines: "Member states of the OSCE:" / "Ethiopia" / "Kazakhstan")
            k = 0 if plain else 2 if words[1].lemma == "the" else 1
            item, rest = words[k] if k < len(words) else words[-1], words[k + 1:]
            if item.kind in "SO" and all(bare_year(t) is not None or t.lemma in _ITEM_WORDS for t in rest):
                status, org = self.announced
                dates = [d for d in map(bare_year, rest) if d is not None]
                when = dates[0] if len(dates) == 1 and (self.pub is None or dates[0] <= self.pub) else None
                start, end = (None, when) if status == "Former" else (when, None)
                return Found(status, list(item.refs), org, "list.bulleted", start, end)
        self.announced = None
        self.plain_items = False
        if len(words) < 3 or words[-1].lemma != ":" or any(t.lemma in ("?", "not", "no", "never", "will", "would",
                                                                          "could", "may", "might") for t in words):
            return None
        nouns = [_LINE_NOUNS[t.lemma] for t in words if t.is_word and t.lemma in ("member", "observer", "partner")]
        if len(set(nouns)) != 1:
            return None
        named = {r.key: r for t in words if t.kind == "O" for r in t.refs}
        if len(named) > 1:
            return None
        org = next(iter(named.values()), None)
        if org is None and any(t.lemma in ("its", "their") for t in words):
            recent = next((refs for refs in self.discourse.recent("O", 2) if refs), [])
            org = recent[0] if recent else None
        org = org or self.context_org(toks)
        if org is not None:
            self.announced = (nouns[0], org)  # "Its members are now:", "The council's observers:"
            # a heading that is only a list's title ("Member states of the OSCE:") may be followed by bare lines
            self.plain_items = not any(t.is_word and self.lex.is_predicate_verb(t, words, i)
                                       for i, t in enumerate(words))
        return None

    def _list_line(self, toks: list[Token]) -> list[Found] | None:
        """"Member states: A, B, C" (a fact box line) and "A: A, B and C." answering "Who are the members of Y?"."""
        words = [t for t in toks if t.lemma not in ("*", "-", "•")]
        profile = self._profile_line(words)
        if profile is not None:
            return profile
        if len(words) >= 3 and words[0].is_word and words[0].lemma == "a" and words[1].lemma == ":" \
                and self.pending is not None:
            # "A: Armenia, Belarus and ...", "A: Formally nine states: Armenia, ..."
            k = 2
            while k < len(words) and words[k].kind != "S" and (
                    self.lex.is_adverb(words[k]) or words[k].lemma in (":", ",") or words[k].text.isdigit()
                    or words[k].lemma in self.lex.classes["COUNT"] | self.lex.classes["MEMBER_NOUN"]):
                k += 1
            if k < len(words) and words[k].kind == "S":
                status, org = self.pending
                self.pending = None
                return [Found(status, list(words[k].refs), org, "list.answer")]
        names = [r for t in words if t.kind in "SO" for r in t.refs]
        if not all(t.kind in "SOD" or t.lemma in (",", "and", "(", ")", ";") or t.is_word and t.text[:1].isupper()
                   for t in words):
            # the leading list only, when an aside, not a predicate, follows it ("... the United States – plus the EU")
            lead = words and words[0].kind == "S" and (len(words) == 1 or not words[1].is_word)
            names = list(words[0].refs) if lead else []
        if self.pending is not None and words and words[0].kind == "S" and len(names) >= 3 \
                and not any(t.is_word and (self.lex.is_predicate_verb(t, words, i) or self.lex.is_aux(t)
                                           or t.text.lower() in self.lex.modals) for i, t in enumerate(words)):
            # "WHO SITS AT THE G20" / "Argentina, Australia, Brazil, ..."; a name the gazetteer leaves
            # ambiguous ("Congo") does not end the list
            status, org = self.pending
            self.pending = None
            return [Found(status, names, org, "list.answer")]
        self.pending = None
        k = 0
        status = None
        founded = self._founded_line(words)
        if founded is not None:
            self.founded = (founded, len(self.box_lines))  # "Founded: 2008", for the founders' line after it
            return None
        former = len(words) > 1 and words[0].lemma in ("former", "ex-member") and words[1].lemma == "member"
        if former:
            words = words[1:]  # "Former members: Mexico"
        founders_date = None
        if len(words) > 1 and words[0].lemma in ("founding", "original") and words[1].lemma == "member" \
                or words and words[0].lemma == "founder":
            words = words[1:] if words[0].lemma != "founder" else words  # "Founding members: A, B, C"
            if self.founded is not None and len(self.box_lines) - self.founded[1] <= 4:
                founders_date = self.founded[0]  # the founders are members since the founding
        j = 0
        while j < 2 and j + 1 < len(words) and words[j].is_word and words[j].lemma not in _LINE_NOUNS \
                and (words[j].lemma in _LINE_MODIFIERS or words[j].text[:1].isupper() and j + 1 < len(words)
                     and words[j + 1].lemma in ("partner", "observer")):
            j += 1  # "Dialogue partners: ...", "Mediterranean Partners for Co-operation: ..."
        if j and j < len(words) and words[j].lemma in _LINE_NOUNS:
            words = words[j:]
        if k < len(words) and words[k].lemma in _LINE_NOUNS:
            status = _LINE_NOUNS[words[k].lemma]
            k += 1
            if k < len(words) and words[k].lemma in ("state", "country", "nation"):
                k += 1
            if k + 2 < len(words) and words[k].lemma == "(" and re.fullmatch(r"\d+\)", words[k + 1].text):
                words = words[:k + 1] + [Token("W", words[k + 1].text[:-1], words[k + 1].text[:-1],
                                               words[k + 1].start, words[k + 1].end - 1),
                                         Token("X", ")", ")", words[k + 1].end - 1, words[k + 1].end)] + words[k + 2:]
            if k + 2 < len(words) and words[k].lemma == "(" and words[k + 1].text.isdigit() \
                    and words[k + 2].lemma in (")", "):"):  # "Members (12): ...", "Member states (8): ..."
                if words[k + 2].lemma == "):":
                    words = words[:k + 2] + [Token("X", ":", ":", words[k + 2].start, words[k + 2].end)] + words[k + 3:]
                    k += 2
                else:
                    k += 3
            if k + 1 < len(words) and words[k].lemma == "for" and words[k + 1].lemma in ("co-operation", "cooperation"):
                k += 2
        close = next((j for j in range(k + 1, min(k + 6, len(words))) if words[j].lemma in (")", "):")), None)
        if status is not None and k < len(words) and words[k].lemma == "(" and close is not None \
                and all(t.is_word and t.text.islower() for t in words[k + 1:close]):
            # "Members (year of accession): Croatia (2006), Malaysia (1997)": the heading's gloss
            words = words[:k] + ([Token("X", ":", ":", words[close].start, words[close].end)]
                                 if words[close].lemma == "):" else []) + words[close + 1:]
        heading_date = None
        if status is not None and k + 2 < len(words) and words[k].lemma == "(" and words[k + 1].kind == "D" \
                and words[k + 2].lemma in (")", "):"):
            heading_date = words[k + 1].mention.value.value if words[k + 1].mention is not None else None
            k += 2  # "Founders (February 2014): A, B, C"
            if words[k].lemma == "):":
                words = words[:k] + [Token("X", ":", ":", words[k].start, words[k].end)] + words[k + 1:]
            else:
                k += 1
        if k + 2 < len(words) and words[k].lemma == ":" and words[k + 1].lemma in ("include", "including"):
            words = words[:k + 1] + words[k + 2:]  # "Observers: include France, the Netherlands and Ukraine"
        if k + 3 < len(words) and words[k].lemma == ":" and (words[k + 1].text.isdigit() or words[k + 1].lemma in
                                                              self.lex.classes["COUNT"]) \
                and words[k + 2].lemma == "(" and words[k + 3].kind == "S":
            words = words[:k + 1] + words[k + 3:]  # "Members: 10 (Brunei, Cambodia, ...)"
        if former and status == "FullMember":
            status = "Former"
        if founders_date is not None and status == "FullMember" and heading_date is None:
            heading_date = founders_date
        if status is None or k + 1 >= len(words) or words[k].lemma != ":" or words[k + 1].kind != "S":
            return None
        if any(t.lemma in ("?",) for t in words):
            return None
        org = self._box_heading_org() or self.discourse.main_org
        for refs in self.discourse.recent("O", 2) if org is None else []:
            if refs:
                org = refs[-1]
                break
        if org is None:
            return None
        dates = [d for d in map(bare_year, words[k + 2:]) if d is not None]  # "Timor-Leste (admitted 2025)"
        when = dates[0] if len(dates) == 1 and len(words[k + 1].refs) == 1 else heading_date
        if when is not None and self.pub is not None and when > self.pub:
            when = None  # "Left: Russia (May 2022)": the date of the one state listed
        start, end = (None, when) if status == "Former" else (when, None)
        eol = self.text.find("\n", toks[-1].end)
        each = item_years(self.text[words[k + 1].start:eol if eol >= 0 else len(self.text)], words[k + 1:],
                          self.pub)
        if each is not None:
            return [Found(status, [ref], org, "list.line.each", None if status == "Former" else d,
                          d if status == "Former" else None) for ref, d in each]
        refs = list(words[k + 1].refs)
        rest = words[k + 2:]
        if all(t.kind in "SOD" or t.lemma in (",", "and", "(", ")", ";", "since", "from") or t.is_word
               and t.text[:1].isupper() for t in rest):
            # "China, European Union, India, United Kingdom (since August 2021), United States": the names after
            # an organization in the middle of the list, or a name the gazetteer leaves ambiguous
            refs += [r for t in rest if t.kind in "SO" for r in t.refs if r.key != org.key]
        return [Found(status, refs, org, "list.line", start, end)]

    def _profile_line(self, words: list[Token]) -> list[Found] | None:
        """A state's profile box: "Country profile: Canada" opens it, and "Memberships: NATO, OSCE" (or "Member
        of:") within its next lines makes the state a member of each organization listed."""
        lemmas = [t.lemma for t in words if t.lemma != "."]
        if len(words) >= 3 and words[-1].kind == "S" and len(words[-1].refs) == 1 and lemmas[-2] == ":" \
                and lemmas[:-2] in (["profile"], ["country", "profile"], ["state", "profile"], ["fact", "file"]):
            self.profile = (words[-1].refs[0], len(self.box_lines))
            return []
        if self.profile is None or len(self.box_lines) - self.profile[1] > 8:
            return None
        k = 2 if lemmas[:2] in (["membership", ":"], ["memberships", ":"]) else \
            3 if lemmas[:3] in (["member", "of", ":"], ["member", "in", ":"]) else None
        rest = [t for t in words[k:] if t.lemma not in (",", "and", ";", ".")] if k is not None else []
        if not rest or not all(t.kind == "O" for t in rest):
            return None
        return [Found("FullMember", [self.profile[0]], r, "list.profile") for t in rest for r in t.refs]

    def _they_are(self, toks: list[Token]) -> list[Found]:
        """"IGAD has eight members. They are Djibouti, Eritrea, ...": a sentence that is only "They are" and a
        list names the members (observers, partners) the sentence before counted or spoke of, of its organization."""
        words = [t for t in toks if t.lemma not in (".", ":")]
        if len(words) != 3 or words[0].text.lower() not in ("they", "these") or words[1].lemma != "be" \
                or words[2].kind != "S" or len(words[2].refs) < 2:
            return []
        prev = self.prev_tokens
        nouns = {_LINE_NOUNS[t.lemma] for t in prev if t.is_word and t.lemma in ("member", "observer", "partner")}
        if len(nouns) != 1 or any(t.lemma in ("not", "no", "never", "former", "candidate", "would", "could", "will")
                                  for t in prev):
            return []
        orgs = {r.key: r for t in prev if t.kind == "O" for r in t.refs}
        org = next(iter(orgs.values())) if len(orgs) == 1 else None if orgs else self.context_org(prev)
        if org is None:
            return []
        return [Found(nouns.pop(), list(words[2].refs), org, "list.they-are")]

    def _founded_line(self, words: list[Token]) -> PartialDate | None:
        """"Founded: 2008", "Established: 14 September 1960": a box line giving the founding date."""
        if len(words) == 3 and words[0].lemma in ("found", "founded", "establish", "established", "created") \
                and words[1].lemma == ":":
            return bare_year(words[2])
        return None

    def _box_heading_org(self):
        """The organization a fact box's heading names ("CBSS FACTS", "NORDIC COUNCIL AT A GLANCE"): back over
        the box's lines ("Founded: 1992", "Members: A, B and the EU") to the first heading-like line, and no
        further than the box (a line of prose ends it)."""
        for heading, orgs in reversed(self.box_lines[-6:]):
            if heading is None:
                continue  # a "Key: value" line of the box: its organizations are listed, not the box's
            if not heading:
                return None
            return orgs[0] if len(orgs) == 1 else None
        return None

    def _list_heading(self, toks: list[Token]) -> bool:
        """A heading of a fact box that names a status and announces the list on the next line ("OPEC MEMBERS
        (12)", "SADC MEMBER STATES", "FORUM MEMBERS (18)", "Observer states"): remember it for that line."""
        words = [t for t in toks if t.lemma not in _BULLETS and t.lemma not in ("(", ")", ".", ":")]
        if not words or len(words) > 6 or any(t.lemma in ("not", "no", "former", "candidate", "?") for t in words):
            return False
        nouns = {_LINE_NOUNS[t.lemma] for t in words if t.is_word and t.lemma in ("member", "observer", "partner")}
        if len(nouns) != 1 or not all(t.kind == "O" or t.is_word and (t.text[:1].isupper() or t.text.isdigit())
                                      for t in words):
            return False
        named = {r.key: r for t in words if t.kind == "O" for r in t.refs}
        org = next(iter(named.values())) if len(named) == 1 else None if named else self.context_org(toks)
        heads = {t.text.lower() for t in words if t.is_word and t.text.lower() in self._org_nouns}
        if org is None and not named and heads:
            # "FORUM MEMBERS (18)" in an article about the Pacific Islands Forum: the one organization read so far
            # whose name has that noun
            read = {r.key: r for sent in self.discourse.history for t in sent if t.kind == "O" for r in t.refs
                    if heads & set(r.label.lower().split())}
            org = next(iter(read.values())) if len(read) == 1 else None
        if org is None:
            return False
        self.pending = (nouns.pop(), org)
        return True

    def _question(self, toks: list[Token]) -> None:
        """Remember "Who are the members / observers of Y?" (or a heading "WHO SITS AT THE G20") for the
        answer line after it."""
        sym = symbols(toks)
        m = re.search(r"(?:^|\s)who (?:\S+ ){0,3}?(?:(member|observer|partner) (?:state |country )?)?"
                      r"(?:of|in|to|at|on) (ORG#\d+) ", sym)
        org = captured_sym(m.group(2), toks) if m else None
        if m and org is not None and org.refs:
            self.pending = ({"member": "FullMember", "observer": "Observer", "partner": "Partner",
                             None: "FullMember"}[m.group(1)], org.refs[0])
            if m.group(1) or re.search(r"\bwho (?:belong|sit) ", sym):
                # "Who belongs to the CIS?" / "* Senegal" / "* Chile": the bullets answer it
                self.announced, self.plain_items = self.pending, False


_ITEM_YEAR = re.compile(r"^[^()]*\(\s*(?:since |joined |admitted |from )?((?:19|20)\d{2})\s*\)$")


def item_years(text: str, items: list[Token], pub: PartialDate | None) -> list[tuple[EntityRef, PartialDate]] | None:
    """"Croatia (2006), Malaysia (1997)": each name of a list with its own year in brackets (else None, and
    None when a year lies after `pub`). The names are one grouped token by now, so the list's text (to the
    line's end) is split where the list is."""
    refs = [r for t in items if t.kind == "S" for r in t.refs]
    if not items or items[0].kind != "S" or len(refs) < 2 or any(t.kind == "O" for t in items):
        return None
    pieces = [p for p in re.split(r"\s*(?:,|;|\band\b)\s*", text.strip(" .")) if p]
    years = [_ITEM_YEAR.match(p) for p in pieces]
    if len(pieces) != len(refs) or not all(years):
        return None
    out = [(ref, PartialDate(int(m.group(1)))) for ref, m in zip(refs, years, strict=True)]
    return out if all(pub is None or d <= pub for _, d in out) else None


def box_line(toks: list[Token], lex) -> tuple[bool | None, list[EntityRef]]:
    """(True for a heading-like line, None for a "Key: value" line of a box, False for prose; its organizations)."""
    words = [t for t in toks if t.lemma not in ("*", "-", "•", ".")]
    orgs = list({r.key: r for t in words if t.kind == "O" for r in t.refs}.values())
    short = len(words) <= 8 and not any(t.is_word and lex.is_predicate_verb(t, words, i) for i, t in enumerate(words))
    colon = next((i for i, t in enumerate(words) if t.lemma in (":", "):")), None)
    if colon is not None:
        # "AT A GLANCE: THE ARCTIC COUNCIL", "KEY FACTS: NATO": a heading whose organization follows the colon
        # (but "Headquarters: Brussels", "Members: A, B" are lines of the box)
        heading = short and orgs and not any(t.kind in "SO" for t in words[:colon]) \
            and not any(t.kind == "S" for t in words) and all(t.is_word and t.text.isupper() or not t.is_word
                                                              for t in words[:colon])
        return (True if heading else None), orgs
    return short, orgs
