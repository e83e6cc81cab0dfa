"""`kg push`: load a build's named graphs into any SPARQL 1.1 store through the Graph Store Protocol."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.option("--graph-store", "url", required=True, metavar="URL",
              help="The store's Graph Store Protocol endpoint (Oxigraph: http://HOST:7878/store; "
                   "Fuseki: http://HOST:3030/DATASET/data).")
@click.option("--kg", "kg_dir", default="build", show_default=True, type=click.Path(path_type=Path),
              help="Folder holding kg.trig (the output of `kg build`).")
@click.option("--token", envvar="AKG_PUSH_TOKEN", default=None,
              help="Sent as 'Authorization: Bearer TOKEN' (also from $AKG_PUSH_TOKEN).")
@click.option("--timeout", default=60.0, show_default=True, type=float, help="Seconds per request.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
def push(url: str, kg_dir: Path, token: str | None, timeout: float, quiet: bool) -> None:
    """Replace each named graph of the build in an external store (HTTP PUT per graph).

    Graphs of the store that the build does not have are left alone. Query the store with
    its union default graph (Oxigraph: --union-default-graph; Fuseki: unionDefaultGraph)
    to get the answers `kg query` gives.

    Example: kg push --graph-store http://127.0.0.1:7878/store --kg build
    """
    from kg.push import push_graphs

    kg_file = kg_dir / "kg.trig" if kg_dir.is_dir() else kg_dir
    graphs, triples = push_graphs(kg_file, url, token=token, timeout=timeout)
    if not quiet:
        click.echo(f"Pushed {graphs} graphs, {triples} triples to {url}")
