"""The `kg` command: a thin layer over the library, one module per verb.

Exit codes: 0 success, 1 a check did not hold (e.g. eval below a threshold),
2 bad input or runtime error (message on stderr, never a traceback).
"""

from __future__ import annotations

import importlib

import click

from kg.errors import KGError

#: (module, command attribute) for every verb; a verb lives in its own module.
COMMANDS = [
    ("kg.cli.build", "build"),
    ("kg.cli.query", "query"),
    ("kg.cli.eval", "eval_cmd"),
    ("kg.cli.reason", "reason"),
    ("kg.cli.explain", "explain"),
    ("kg.cli.serve", "serve"),
    ("kg.cli.push", "push"),
    ("kg.cli.add", "add"),
]


class _Group(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KGError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(2)


@click.group(cls=_Group)
@click.version_option(package_name="alliance-kg")
def cli() -> None:
    """alliance-kg: news about states and alliances, as a knowledge graph."""


for _module, _attr in COMMANDS:
    cli.add_command(getattr(importlib.import_module(_module), _attr))


def main() -> None:
    cli()
