"""`kg eval`: measure the extractors against a gold file."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kg.errors import BuildMissingError, KGError


@click.command("eval")
@click.argument("gold", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--kg", "kg_dir", type=click.Path(path_type=Path), default=Path("build"), show_default=True,
              help="Folder holding kg.trig.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--errors", "show_errors", is_flag=True, help="List false positives and misses.")
@click.option("--min-f1", type=float, default=None, help="Exit 1 when the micro F1 is below this.")
@click.option("--min-precision", type=float, default=None, help="Exit 1 when the micro precision is below this.")
def eval_cmd(gold: Path, kg_dir: Path, as_json: bool, show_errors: bool, min_f1: float | None,
             min_precision: float | None) -> None:
    """Precision, recall and F1 per fact kind of a built graph against GOLD.json.

    GOLD.json has the format of the seed gold file (documents → memberships,
    neutral_states, posts, events, must_not). Exit code 1 when a threshold fails.

    Example: kg eval tests/data/gold/seed-gold.json --kg build
    """
    from rdflib import Dataset

    from kg.evaluate import evaluate

    trig = kg_dir / "kg.trig"
    if not trig.exists():
        raise BuildMissingError(f"{trig} not found: run `kg build --out {kg_dir}` first")
    try:
        gold_data = json.loads(gold.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise KGError(f"{gold}: not valid JSON: {exc}") from exc
    ds = Dataset()
    ds.parse(trig, format="trig")
    result = evaluate(ds, gold_data)
    if as_json:
        click.echo(json.dumps(result.as_dict(), indent=2, default=str))
    else:
        click.echo(f"{'kind':<12}{'P':>7}{'R':>7}{'F1':>7}{'tp':>5}{'sys':>5}{'gold':>6}")
        for name, k in result.kinds.items():
            click.echo(f"{name:<12}{k.precision:7.2f}{k.recall:7.2f}{k.f1:7.2f}{k.tp:5}{k.system:5}{k.gold:6}")
        for stem, bad in result.must_not_found:
            click.echo(f"must-not found in {stem}: {bad}")
        for stem in result.missing_documents:
            click.echo(f"no named graph for {stem}")
        m = result.micro
        click.echo(f"micro P={m.precision:.2f} R={m.recall:.2f} F1={m.f1:.2f} must_not={len(result.must_not_found)}")
    if show_errors:
        for stem, kind, fact in result.errors:
            click.echo(f"{kind} {stem}: {fact}")
    m = result.micro
    if (min_f1 is not None and m.f1 < min_f1) or (min_precision is not None and m.precision < min_precision):
        raise SystemExit(1)
