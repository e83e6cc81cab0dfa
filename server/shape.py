"""Bounds on a query's shape, checked before the engine sees it: the engine recurses over the tree.

Oxigraph parses and evaluates recursively, so a deep enough tree overflows its stack and
kills the process (2,189 nested groups, 8,000 chained `+`, 4,000 `BIND`s or `MINUS`es on
an 8 MB stack). Two walls: query processes run queries on a thread with a large stack
(`STACK_BYTES`, server/executor.py), and texts past these bounds get a 400 here:
at most `MAX_NESTING` open brackets deep and `MAX_OPERATORS` operators, counted outside
string literals, IRIs and comments. Both bounds are far above any real query and far
below what the stack can take.
"""

from __future__ import annotations

import re

from kg.errors import QueryError

#: deepest bracket nesting a query may have
MAX_NESTING = 500
#: most operators (brackets, `+ - * / ! ^ | && ||`, `. ; ,`, UNION, MINUS, OPTIONAL, BIND, FILTER, ...)
MAX_OPERATORS = 10_000
#: stack of the thread that runs queries in a query process (virtual; pages are used only as needed)
STACK_BYTES = 256 * 1024 * 1024

_HIDDEN = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\s]*>'
    r"|#[^\n]*",
    re.S,
)
_BRACKETS = re.compile(r"[{}()\[\]]")
_OPERATORS = re.compile(
    r"\|\||&&|[-+*/!^|.;,{(\[]|\b(?:union|minus|optional|bind|filter|graph|service|exists|values)\b", re.I
)


def check_shape(text: str) -> None:
    """QueryError (400) for a text nested deeper than MAX_NESTING or with more than MAX_OPERATORS operators.

    A text with at most MAX_OPERATORS characters and MAX_NESTING opening brackets passes without the scan:
    every operator takes at least one character, and hiding literals only removes brackets.
    """
    if len(text) <= MAX_OPERATORS and text.count("{") + text.count("(") + text.count("[") <= MAX_NESTING:
        return
    code = _HIDDEN.sub(" ", text)
    depth = deepest = 0
    for match in _BRACKETS.finditer(code):
        depth += 1 if match.group() in "{([" else -1
        deepest = max(deepest, depth)
    if deepest > MAX_NESTING:
        raise QueryError(f"the query is nested {deepest} levels deep; at most {MAX_NESTING} are allowed")
    operators = sum(1 for _ in _OPERATORS.finditer(code))
    if operators > MAX_OPERATORS:
        raise QueryError(f"the query has {operators} operators; at most {MAX_OPERATORS} are allowed "
                         "(split it, or use VALUES for long lists)")
