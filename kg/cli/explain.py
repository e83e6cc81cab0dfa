"""`kg explain`: why the KG holds a triple (facts, documents, evidence, rules)."""

from __future__ import annotations

import re
from pathlib import Path

import click
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from kg.errors import BuildMissingError, KGError
from kg.namespaces import PREFIXES
from kg.reasoning.explain import Explainer, documents_of, render
from kg.reasoning.source import load_dataset

_KNOWN = {**{k: str(v) for k, v in PREFIXES.items()}, "rdf": str(RDF), "rdfs": str(RDFS), "owl": str(OWL),
          "xsd": str(XSD), "skos": str(SKOS)}


class TermError(KGError):
    """A SUBJECT/PREDICATE/OBJECT argument names nothing in the KG."""


def parse_term(text: str, graph, *, position: str) -> Node:
    """A full IRI (<...> or http...), a prefixed name (akg:memberOf, id:state/Serbia) or a label."""
    if text.startswith("<") and text.endswith(">"):
        return URIRef(text[1:-1])
    if re.match(r"^https?://", text):
        return URIRef(text)
    if text == "a":
        return RDF.type
    prefix, sep, local = text.partition(":")
    if sep and prefix in _KNOWN:
        return URIRef(_KNOWN[prefix] + local)
    matches = {s for s, _, lab in graph.triples((None, RDFS.label, None)) if str(lab).lower() == text.lower()}
    matches |= {s for s, _, lab in graph.triples((None, SKOS.altLabel, None)) if str(lab).lower() == text.lower()}
    if len(matches) == 1:
        return matches.pop()
    if position == "object":
        return Literal(text)
    if matches:
        raise TermError(f"{text!r} is the label of several nodes: {', '.join(sorted(map(str, matches)))}")
    raise TermError(f"cannot read {position} {text!r}: use a full IRI, a prefixed name "
                    f"({', '.join(sorted(_KNOWN))}) or an rdfs:label")


@click.command()
@click.argument("subject")
@click.argument("predicate")
@click.argument("object")
@click.option("--kg", "kg_dir", default="build", show_default=True, type=click.Path(path_type=Path),
              help="Folder holding kg.trig (or a .trig file).")
def explain(subject: str, predicate: str, object: str, kg_dir: Path) -> None:  # noqa: A002 - CLI name
    """Show why the KG holds SUBJECT PREDICATE OBJECT: the asserted facts with their documents
    and evidence sentences, and the rules (domain rule ids, OWL 2 RL rule names) in between.

    Exit status 1 if the KG does not hold the triple.

    Example:

        kg explain id:state/Serbia akg:affiliatedWith id:org/CSTO --kg build

        kg explain Serbia akg:observerOf "CSTO Parliamentary Assembly"
    """
    path = kg_dir / "kg.trig" if kg_dir.is_dir() or not kg_dir.suffix else kg_dir
    if not path.is_file():
        raise BuildMissingError(f"no built graph at {path}; run `kg build` first")
    ds = load_dataset(path)
    ex = Explainer(ds)
    triple = tuple(parse_term(t, ex.kg, position=pos)
                   for t, pos in ((subject, "subject"), (predicate, "predicate"), (object, "object")))
    step = ex.explain(triple)
    if step is None:
        click.echo("The KG neither states nor entails this triple.", err=True)
        click.get_current_context().exit(1)
    click.echo("\n".join(render(step, ex.kg)))
    rules = sorted(step.rules())
    docs = documents_of(step, ex.asserted)
    click.echo(f"\nrules: {', '.join(rules) or '(asserted)'}")
    click.echo("documents: " + (", ".join(ex.kg.namespace_manager.normalizeUri(d) for d in docs) or "(none)"))
