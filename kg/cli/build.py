"""`kg build`: extract, reason and write the knowledge graph."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.errors import CorpusError


@click.command()
@click.option("--corpus", "corpus_dir", type=click.Path(path_type=Path), default=Path("corpus"),
              show_default=True, help="Folder of .txt articles (and optional metadata.csv).")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("build"), show_default=True,
              help="Where kg.trig, kg.ttl and report.json are written.")
@click.option("--no-reason", is_flag=True, help="Skip reasoning (no inferred graph).")
@click.option("--engine", type=click.Choice(["default", "reasonable", "owlrl"]), default="default",
              show_default=True, help="OWL 2 RL engine.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
def build(corpus_dir: Path, out_dir: Path, no_reason: bool, engine: str, quiet: bool) -> None:
    """Build the knowledge graph from a corpus folder.

    Example: kg build --corpus corpus --out build
    """
    from kg.pipeline import build as run_build
    from kg.pipeline import write_build

    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus folder {corpus_dir} does not exist")
    progress = None
    if sys.stderr.isatty() and not quiet:
        from tqdm import tqdm

        def progress(items):
            return tqdm(items, desc="extracting", unit="doc", file=sys.stderr)

    result = run_build(corpus_dir, reason=not no_reason, engine=engine, progress=progress)
    paths = write_build(result, out_dir)
    if not quiet:
        click.echo(summary(result.report, paths))


def summary(report: dict, paths: dict[str, Path]) -> str:
    """The short human summary of a build report."""
    lines = [f"Built {report['documents']} documents, {report['triples']} triples → {paths['trig']}"]
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(report["facts_per_kind"].items()))
    lines.append(f"  facts: {kinds or 'none'}")
    for graph, n in sorted(report["triples_per_graph"].items()):
        lines.append(f"  {n:>6}  {graph}")
    if report.get("guessed_dates"):
        lines.append(f"  dates read from the text (no metadata): {', '.join(report['guessed_dates'])}")
    if report.get("undated"):
        lines.append(f"  no publication date: {', '.join(report['undated'])}")
    stripped = report.get("boilerplate_stripped", {})
    if stripped:
        n = sum(len(v) for v in stripped.values())
        lines.append(f"  boilerplate stripped: {n} spans in {len(stripped)} documents (see report.json)")
    for s in report.get("skipped", []):
        lines.append(f"  skipped {s['file']}: {s['reason']}")
    for stem, problems in report.get("shape_violations", {}).items():
        for p in problems:
            lines.append(f"  shape violation in {stem}: {p}")
    contradictions = report.get("contradictions", [])
    lines.append(f"  contradictions: {len(contradictions)}")
    for c in contradictions:
        lines.append(f"    {c['kind']}: {c['message']}")
    lines.append(f"  report: {paths['report']}")
    return "\n".join(lines)
