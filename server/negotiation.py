"""Content negotiation: pick a result format from an Accept header (with q-values) or `format=`."""

from __future__ import annotations

import functools

#: format name -> media types it answers to (first is the one sent)
MEDIA_TYPES: dict[str, tuple[str, ...]] = {
    "json": ("application/sparql-results+json", "application/json"),
    "xml": ("application/sparql-results+xml", "application/xml", "text/xml"),
    "csv": ("text/csv",),
    "tsv": ("text/tab-separated-values",),
    "turtle": ("text/turtle", "application/x-turtle"),
    "ntriples": ("application/n-triples", "text/plain"),
    "jsonld": ("application/ld+json", "application/json"),
    "rdfxml": ("application/rdf+xml", "application/xml"),
    "trig": ("application/trig",),
    "nquads": ("application/n-quads",),
    "html": ("text/html", "application/xhtml+xml"),
}

#: server preference per result kind, best first
FOR_KIND = {
    "bindings": ("json", "xml", "csv", "tsv"),
    "boolean": ("json", "xml", "csv", "tsv"),  # CSV/TSV: one `_askResult` column, as Fuseki sends
    "graph": ("turtle", "ntriples", "jsonld", "rdfxml", "trig", "nquads"),
}

_ALIASES = {"ttl": "turtle", "nt": "ntriples", "json-ld": "jsonld", "rdf": "rdfxml", "rdf+xml": "rdfxml",
            "nq": "nquads", "srj": "json", "srx": "xml", "text": "tsv"}
#: for a graph result, the names clients (SPARQLWrapper, Fuseki's `output=`) use for its formats
_GRAPH_ALIASES = {"xml": "rdfxml", "json": "jsonld", "n3": "turtle", "text": "ntriples"}
#: request parameters that name a result format, as SPARQLWrapper, Fuseki and Virtuoso send them
FORMAT_PARAMS = ("format", "output", "results")


def format_param(params) -> str | None:
    """The result format a request names by parameter (`format`, `output` or `results`), if any."""
    for key in FORMAT_PARAMS:
        value = params.get(key)
        if value:
            return value
    return None


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """[(media range, q)] from an Accept header; an absent header accepts everything."""
    if not header or not header.strip():
        return [("*/*", 1.0)]
    out = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        out.append((fields[0].lower(), q))
    return out


def _quality(media_type: str, accepted: list[tuple[str, float]]) -> float:
    """The q of the most specific range matching `media_type` (RFC 9110 precedence)."""
    main = media_type.split("/")[0]
    best_specificity, q = -1, 0.0
    for rng, rq in accepted:
        if rng == media_type:
            spec = 2
        elif rng == f"{main}/*":
            spec = 1
        elif rng == "*/*":
            spec = 0
        else:
            continue
        if spec > best_specificity:
            best_specificity, q = spec, rq
    return q


@functools.lru_cache(maxsize=256)  # pure; clients send the same few Accept headers again and again
def choose(candidates: tuple[str, ...], accept: str | None, fmt: str | None = None) -> str | None:
    """The best format name among `candidates`, or None when nothing is acceptable (406).

    `fmt` (the `format` request parameter, a name or a media type) wins over Accept; a name
    this kind of result has no format for (SPARQLWrapper sends its one setting with every
    query) leaves the choice to Accept.
    """
    if fmt:
        name = _ALIASES.get(fmt.lower(), fmt.lower())
        if "turtle" in candidates:
            name = _GRAPH_ALIASES.get(name, name)
        if name in candidates:
            return name
        for cand in candidates:
            if name in MEDIA_TYPES[cand]:
                return cand
    accepted = parse_accept(accept)
    best, best_q, best_score = None, 0.0, (0.0, False, 0)
    for rank, cand in enumerate(candidates):
        q = max(_quality(mt, accepted) for mt in MEDIA_TYPES[cand])
        # a type named exactly beats one matched by a wildcard at the same q
        exact = any(rng == mt for mt in MEDIA_TYPES[cand] for rng, _ in accepted)
        score = (q, exact, -rank)
        if q > 0 and (best is None or score > best_score):
            best, best_q, best_score = cand, q, score
    return best if best_q > 0 else None


def prefers_html(accept: str | None) -> bool:
    """True for a browser: text/html acceptable and at least as wanted as any RDF or results type."""
    html = choose(("html",), accept)
    if html is None or not accept:
        return False
    accepted = parse_accept(accept)
    html_q = _quality("text/html", accepted)
    others = [_quality(mt, accepted) for name in FOR_KIND["graph"] + FOR_KIND["bindings"]
              for mt in MEDIA_TYPES[name] if any(rng == mt for rng, _ in accepted)]
    return html_q > 0 and all(html_q >= q for q in others)


def pick_format(kind: str, accept: str | None, fmt_param: str | None) -> str | None:
    """The format to send a result of `kind` in, or None (406); a browser gets the first candidate."""
    candidates = FOR_KIND[kind]
    fmt = choose(candidates, accept, fmt_param)
    if fmt is None and not fmt_param and prefers_html(accept):
        fmt = candidates[0]  # a browser following a link: show JSON rather than refuse
    return fmt


def content_type(fmt: str) -> str:
    media = MEDIA_TYPES[fmt][0]
    textual = media.startswith("text/") or fmt in ("json", "xml", "jsonld", "rdfxml", "trig", "nquads",
                                                   "ntriples")
    return f"{media}; charset=utf-8" if textual else media
