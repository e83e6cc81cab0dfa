"""`kg serve`: the SPARQL endpoint, dumps, Linked Data pages and the query page."""

from __future__ import annotations

import os
from pathlib import Path

import click

from kg.namespaces import BASE


@click.command()
@click.option("--kg", "kg_dir", default="build", show_default=True, type=click.Path(path_type=Path),
              help="Folder holding kg.trig (the output of `kg build`).")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=2, show_default=True, type=int, help="Web worker processes.")
@click.option("--query-processes", default=2, show_default=True, type=int,
              help="Query processes per worker (queries running at once per worker).")
@click.option("--timeout", default=10.0, show_default=True, type=float,
              help="Seconds a query may run before it is stopped (answer: 503).")
@click.option("--max-rows", default=10_000, show_default=True, type=int, help="Cap on result rows.")
@click.option("--max-body", default=1_000_000, show_default=True, type=int,
              help="Largest request body in bytes (413 above).")
@click.option("--base", default=BASE, show_default=True,
              help="IRI prefix that /id/... and /doc/... paths stand for.")
@click.option("--update-token", envvar="AKG_UPDATE_TOKEN", default=None,
              help="Enable SPARQL Update for requests with 'Authorization: Bearer TOKEN' "
                   "(also from $AKG_UPDATE_TOKEN). Updates live in memory until the server stops.")
@click.option("--allow-service", multiple=True,
              help="An endpoint SERVICE (or LOAD) may reach; repeat for several. Default: none.")
@click.option("--max-memory", default=2048, show_default=True, type=int,
              help="Memory (MB) a query may use in its query process; past it the query is stopped (503). 0: none.")
@click.option("--result-cache", default=64, show_default=True, type=int,
              help="MB of answers to repeated queries each worker keeps (never for RAND/NOW/UUID/BNODE/SERVICE; "
                   "cleared by updates). 0: none.")
@click.option("--public-url", default=None,
              help="The URL clients reach this server at (base of relative IRIs, service description, VoID); "
                   "default http://HOST:PORT/. Never taken from the Host header.")
@click.option("--dev", is_flag=True, help="Flask's own threaded server instead of gunicorn.")
def serve(kg_dir: Path, host: str, port: int, workers: int, query_processes: int, timeout: float,
          max_rows: int, max_body: int, base: str, update_token: str | None, allow_service: tuple[str, ...],
          max_memory: int, result_cache: int, public_url: str | None, dev: bool) -> None:
    """Serve a built KG: SPARQL 1.1 Protocol at /sparql, dumps, Linked Data, a query page at /.

    Example:

        kg serve --kg build --port 8000

        curl 'http://127.0.0.1:8000/sparql?query=ASK%7B%7D'
    """
    from server.config import ServerConfig
    from server.dumps import default_cache_dir
    from server.store import prepare_store

    cfg = ServerConfig(kg_dir=kg_dir, timeout=timeout, max_rows=max_rows, max_body=max_body, base=base,
                       update_token=update_token, allowed_services=allow_service,
                       query_processes=query_processes, max_memory=max_memory, result_cache=result_cache,
                       public_url=public_url or f"http://{host}:{port}/")
    _check_port_free(host, port)
    # the graph is checked and its store made once, here, before any worker is forked
    cfg.cache_dir = default_cache_dir(cfg.kg_file) if cfg.kg_file.is_file() else None
    prepare_store(cfg.kg_file, cfg.cache_dir or cfg.kg_file.parent)
    click.echo(f"Serving {cfg.kg_file} on http://{host}:{port}/ (SPARQL at /sparql)", err=True)
    if dev:
        from server.app import create_app

        os.environ.setdefault("FLASK_DEBUG", "0")
        create_app(cfg).run(host=host, port=port, threaded=True, use_reloader=False)
        return
    from server.wsgi import GunicornServer

    GunicornServer(cfg, host, port, workers).run()


def _check_port_free(host: str, port: int) -> None:
    """A busy port is one Error line here, not "Serving ..." and then gunicorn's retries."""
    import socket

    from kg.errors import KGError

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise KGError(f"cannot listen on {host}:{port} ({exc.strerror}); is another server running there? "
                          f"Choose another with --port") from exc
