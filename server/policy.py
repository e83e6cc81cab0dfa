"""What an operation may reach, read from its parse tree (rdflib's SPARQL parser), never from a text scan.

Oxigraph does not expose its parser, so the decision is made on rdflib's tree of the
same text: every `SERVICE` endpoint and every `LOAD` source must be an IRI the operator
allowed (`--allow-service`), after prefixes and the base are applied. A text rdflib
cannot parse is refused rather than guessed at. `FROM` / `FROM NAMED` / `USING` only
select graphs already in the store (Oxigraph never dereferences them), so they pass.

Parsing with rdflib costs milliseconds, so it is skipped for a query whose text cannot
hold a SERVICE clause: SPARQL keywords are ASCII, case-insensitive, and can be spelled
with `\\u` escapes, so a text with neither "service" (in any case) nor a backslash-u has
none. This runs in the query process (killable, memory-bounded), and the query process
cannot open an internet socket anyway (server/sandbox.py).

`repeatable` decides, from the same tree, whether an answer may be reused for the
same text (server/cache.py): not when the query calls RAND, NOW, UUID, STRUUID or BNODE
or reaches a SERVICE. The parse is skipped when none of those words (and no `\\u`
escape) is in the text, for the same reason as above.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from urllib.parse import urljoin

from pyparsing import ParseException, ParseResults
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import URIRef, Variable

from kg.errors import QueryError
from kg.query import PREFIXES


class Refused(QueryError):
    """The operation would reach outside the server (403)."""


def may_reach_out(text: str) -> bool:
    """False only when the text cannot hold a SERVICE clause (see the module doc)."""
    low = text.lower()
    return "service" in low or "\\u" in low


#: rdflib's names of the functions whose value changes from one evaluation to the next
VOLATILE = frozenset({"Builtin_RAND", "Builtin_NOW", "Builtin_UUID", "Builtin_STRUUID", "Builtin_BNODE"})
_VOLATILE_WORDS = ("rand", "now", "uuid", "bnode", "service", "\\u")


def repeatable(text: str) -> bool:
    """True when the query's answer depends only on the store: no RAND/NOW/UUID/STRUUID/BNODE, no SERVICE.

    Decided from the parse tree; a text that cannot be parsed is not repeatable.
    """
    low = text.lower()
    if not any(word in low for word in _VOLATILE_WORDS):
        return True
    try:
        tree = _parse(text, False)
    except Refused:
        return False
    return not any(node.name in VOLATILE or node.name == "ServiceGraphPattern" for node in _nodes(tree))


def check_query(text: str, allowed: frozenset[str] = frozenset(), base: str | None = None) -> None:
    """Refused unless every SERVICE endpoint of the query is allowed."""
    if not may_reach_out(text):
        return
    _check(text, False, allowed, base)


def check_update(text: str, allowed: frozenset[str] = frozenset(), base: str | None = None) -> None:
    """Refused unless every LOAD source and SERVICE endpoint of the update is allowed."""
    _check(text, True, allowed, base)


@functools.lru_cache(maxsize=256)
def _check(text: str, update: bool, allowed: frozenset[str], base: str | None) -> None:
    for what, target in targets(text, update, base):
        if target is None or target not in allowed:
            shown = f"<{target}>" if target else "a variable or unresolvable endpoint"
            raise Refused(f"this server makes no outbound requests: {what} of {shown} is not allowed")


def targets(text: str, update: bool = False, base: str | None = None) -> list[tuple[str, str | None]]:
    """[("SERVICE" | "LOAD", absolute IRI or None)] for every outbound clause of the parsed text."""
    tree = _parse(text, update)
    prefixes = dict(PREFIXES)
    found: list[tuple[str, str | None]] = []
    for node in _nodes(tree):
        if node.name == "PrefixDecl":
            prefixes[node.get("prefix") or ""] = str(node["iri"])
        elif node.name == "Base":
            base = _resolve(node["iri"], prefixes, base)
        elif node.name == "ServiceGraphPattern":
            found.append(("SERVICE", _resolve(node.get("term"), prefixes, base)))
        elif node.name == "Load":
            found.append(("LOAD", _resolve(node.get("iri"), prefixes, base)))
    return found


@functools.lru_cache(maxsize=64)
def _parse(text: str, update: bool):
    """rdflib's parse tree of the text (shared by the checks above); Refused when it cannot be parsed."""
    try:
        return parseUpdate(text) if update else parseQuery(text)
    except (ParseException, RecursionError, ValueError, TypeError) as exc:
        kind = "update" if update else "query"
        detail = " ".join(str(exc).split())[:200] if isinstance(exc, ParseException) else "too deeply nested"
        raise Refused(f"this {kind} mentions SERVICE or LOAD and the server could not check it "
                      f"({detail}); it was not run") from exc


def _nodes(tree) -> Iterator[CompValue]:
    """Every CompValue of a parse tree, in document order (prologues before their bodies)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            yield node
            stack.extend(reversed(list(dict.values(node))))
        elif isinstance(node, ParseResults | list | tuple):
            stack.extend(reversed(list(node)))


def _resolve(term, prefixes: dict[str, str], base: str | None) -> str | None:
    """An absolute IRI for an IRI or prefixed name; None for variables and anything unresolvable."""
    if isinstance(term, Variable) or term is None:
        return None
    if isinstance(term, CompValue) and term.name == "pname":
        ns = prefixes.get(term.get("prefix") or "")
        if ns is None:
            return None
        local = term.get("localname") or ""
        term = URIRef(ns + _unescape_local(local))
    if not isinstance(term, URIRef):
        return None
    iri = str(term)
    if ":" not in iri.split("/", 1)[0]:  # relative: against the base, or unresolvable
        return urljoin(base, iri) if base else None
    return iri


def _unescape_local(local: str) -> str:
    out, i = [], 0
    while i < len(local):
        if local[i] == "\\" and i + 1 < len(local):
            out.append(local[i + 1])
            i += 2
        else:
            out.append(local[i])
            i += 1
    return "".join(out)
