"""`kg query` from the command line: labels beside IRIs, and messages that name the actual problem."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from kg.cli import cli

FIXTURE = Path(__file__).parent / "data" / "server"
MEMBERS = "SELECT ?x WHERE { ?x akg:memberOf ?o } ORDER BY ?x"


def _run(*args: str):
    return CliRunner().invoke(cli, ["query", *args, "--kg", str(FIXTURE)])


def test_cli_query_table_shows_labels_beside_iris():
    out = _run(MEMBERS)
    assert out.exit_code == 0, out.output
    header, _rule, first, *_ = out.output.splitlines()
    assert header.split() == ["x", "x", "label"]
    assert first.split() == ["id:state\\/Armenia", "Armenia"]
    bare = _run(MEMBERS, "--no-labels")
    assert bare.output.splitlines()[0].split() == ["x"]


def test_cli_query_labels_only_in_the_table():
    out = _run(MEMBERS, "--format", "csv")
    assert out.output.splitlines()[0] == "x"


def test_cli_query_update_is_named_as_such():
    """Regression: INSERT DATA was reported as "expected CONSTRUCT"."""
    out = _run("INSERT DATA { <http://ex/s> <http://ex/p> 1 }")
    assert out.exit_code == 2
    assert "SPARQL Update" in out.output and "kg build" in out.output and "CONSTRUCT\n" not in out.output


def test_cli_query_format_mismatch_names_fitting_formats():
    """Regression: --format turtle on a SELECT said "use table, json or turtle"."""
    out = _run(MEMBERS, "--format", "turtle")
    assert out.exit_code == 2
    line = out.output.strip()
    assert line.startswith("Error: --format turtle is for CONSTRUCT or DESCRIBE results")
    assert "table, json, csv, tsv, xml" in line and "or turtle" not in line
    ask = _run("ASK {}", "--format", "csv")
    assert "an ASK result can be printed as table, json, xml" in ask.output


def test_cli_query_unknown_prefix_is_one_clear_line():
    """Regression: an unknown prefix read "expected one of Prefix not found"."""
    out = _run("SELECT ?x WHERE { ?x foo:bar ?y }")
    assert out.exit_code == 2
    assert out.output.count("\n") == 1 and "unknown prefix foo:" in out.output
    assert "expected one of" not in out.output and "Prefix not found" not in out.output


def test_cli_help_examples_name_files_that_exist():
    """Regression: `kg query --help` suggested queries/cq01.rq and `kg eval --help` tests/data/seed-gold.json."""
    import re

    root = Path(__file__).resolve().parent.parent
    for verb in ("build", "query", "eval", "reason", "explain", "serve"):
        text = CliRunner().invoke(cli, [verb, "--help"]).output
        for path in re.findall(r"(?<![\w/])((?:examples|tests|corpus|queries)/[\w./-]+\.(?:rq|json))", text):
            assert (root / path).is_file(), f"kg {verb} --help names {path}"


def test_cli_readme_lists_every_verb():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for verb in cli.commands:
        assert f"| `kg {verb}" in readme, verb


def test_cli_serve_on_a_busy_port_is_one_error_line():
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        out = CliRunner().invoke(cli, ["serve", "--kg", str(FIXTURE), "--port", str(port)])
    assert out.exit_code == 2 and out.output.count("\n") == 1
    assert out.output.startswith("Error: cannot listen on 127.0.0.1:") and "Serving" not in out.output
