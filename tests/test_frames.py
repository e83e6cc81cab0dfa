"""The frame lexicon (kg/data/frames.json): every frame's examples yield its fact, its counter-examples none.

This is what keeps a word list from being emptied with the suite green: each frame, and
each verb group feature that blocks a frame, has a positive sentence and a trap beside it.
"""

from __future__ import annotations

import copy

import pytest

from kg.dates import PartialDate
from kg.errors import DataFileError
from kg.extract.cascade.lexicon import _load_json, build_lexicon, lexicon
from kg.extract.document import extract_document
from kg.gazetteer import Gazetteer
from kg.model import Membership, Neutrality, NonMembership

PUB = PartialDate.parse("2025-06-27")


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def rules_fired(text: str, gaz: Gazetteer) -> set[str]:
    doc = extract_document("t", text, [(0, len(text))], PUB, gaz)
    return {f.evidence.rule.split(".apposition")[0] for f in doc.facts
            if isinstance(f, Membership | Neutrality) and not isinstance(f, NonMembership)}


def _cases(key: str):
    data = _load_json()
    for section in ("verb_frames", "noun_frames"):
        for frame in data[section]:
            for text in frame[key]:
                yield pytest.param(frame["id"], text, id=f"{frame['id']}: {text[:50]}")


@pytest.mark.parametrize("frame, text", list(_cases("examples")))
def test_frame_example_yields_its_fact(frame, text, gaz):
    fired = rules_fired(text, gaz)
    assert any(r == frame or r.startswith(frame + ".") for r in fired), (frame, text, fired)


@pytest.mark.parametrize("frame, text", list(_cases("counter_examples")))
def test_frame_counter_example_yields_nothing(frame, text, gaz):
    fired = rules_fired(text, gaz)
    assert not any(r == frame or r.startswith(frame + ".") for r in fired), (frame, text, fired)


# Minimal pairs: the asserted sentence and its negated, planned, hypothetical and questioned twins.
PAIRS = [
    ("Peru joined NATO in 2004.", ["Peru did not join NATO in 2004.", "Peru will join NATO.",
                                   "Peru plans to join NATO.", "If Peru joined NATO, prices would rise.",
                                   "Did Peru join NATO in 2004?",
                                   "Peru is expected to join NATO.", "Peru reportedly joined NATO in 2004."]),
    ("Chile is a member of the OAS.", ["Chile is not a member of the OAS.", "Chile could be a member of the OAS.",
                                       "Is Chile a member of the OAS?", "Chile is set to become a member of the OAS."]),
    ("Mali quit ECOWAS in 2024.", ["Mali threatened to quit ECOWAS.", "Mali may quit ECOWAS.",
                                   "Mali denied that it quit ECOWAS."]),
    ("Austria remains neutral.", ["Austria is no longer neutral.", "Could Austria remain neutral?"]),
]


@pytest.mark.parametrize("positive, traps", PAIRS)
def test_minimal_pairs(positive, traps, gaz):
    assert rules_fired(positive, gaz), positive
    for t in traps:  # (a leaving not asserted still says the state is a member: see the test below)
        assert not {r for r in rules_fired(t, gaz) if not r.startswith("presupposed.")}, t


@pytest.mark.parametrize("text, member", [
    ("Armenia will leave the CSTO, Pashinyan said.", True),
    ("Mali may quit ECOWAS.", True),
    ("Russia has not left the Arctic Council.", True),
    ("Mali did not leave ECOWAS until 2024.", False),  # it did leave
    ("If Mali left ECOWAS, trade would suffer.", False),
    ("Mali's delegation will leave the ECOWAS meeting early.", False),
    ("Mali left ECOWAS in 2024.", False),  # a leaving asserted: Former, not a present membership
])
def test_a_leaving_not_asserted_presupposes_membership(text, member, gaz):
    doc = extract_document("t", text, [(0, len(text))], PUB, gaz)
    got = {(f.status, f.evidence.rule.split(".")[0]) for f in doc.facts if isinstance(f, Membership)
           and not isinstance(f, NonMembership)}
    assert (("FullMember", "presupposed") in got) == member
    assert not any(st == "Former" for st, _ in got) or text == "Mali left ECOWAS in 2024."


def test_a_malformed_frame_file_names_every_problem_at_once():
    data = copy.deepcopy(_load_json())
    data["verb_frames"][0]["patterns"][0] = {"pattern": "@NOSUCHCLASS ORG:org"}
    data["verb_frames"][1]["status"] = "Member"
    del data["noun_frames"][0]["examples"]
    with pytest.raises(DataFileError) as err:
        build_lexicon(data, "frames.json")
    msg = str(err.value)
    assert "@NOSUCHCLASS" in msg and "'Member'" in msg and "no examples" in msg and "frames.json" in msg


def test_pattern_words_are_lemmatized_so_plurals_match():
    lex = lexicon()
    frame = next(f for f in lex.verb_frames if f.id == "copula.status")
    assert any(a.regex.match("one of the 25 member of ORG#3 ") for a in frame.alternatives)


def test_a_malformed_frame_file_stops_the_build_with_one_error(tmp_path, monkeypatch):
    """One typo in the frames must not make every article fail (and the build exit 0): it stops the build."""
    from click.testing import CliRunner

    import kg.extract.cascade.lexicon as lx
    from kg.cli import cli

    broken = copy.deepcopy(_load_json())
    broken["verb_frames"][0]["patterns"].append({"pattern": "( ORG:org"})
    monkeypatch.setattr(lx, "_load_json", lambda: broken)
    lx.lexicon.cache_clear()
    try:
        (tmp_path / "corpus").mkdir()
        (tmp_path / "corpus" / "a.txt").write_text("Peru joined NATO in 2004.\n", encoding="utf-8")
        result = CliRunner().invoke(cli, ["build", "--corpus", str(tmp_path / "corpus"),
                                           "--out", str(tmp_path / "out"), "--no-reason"])
    finally:
        lx.lexicon.cache_clear()
    assert result.exit_code == 2, result.output
    assert "frames.json" in result.output and "copula.status" in result.output
    assert not (tmp_path / "out" / "kg.trig").exists()


@pytest.mark.parametrize("word_list, trap", [
    ("conditionals", "If Peru joined NATO, prices rose."),
    ("hedges", "Peru reportedly joined NATO in 2004."),
    ("opinions", "Analysts believe Peru joined NATO in 2004."),
    ("noun_blockers", "Former NATO member Estonia hosted the drills."),
    ("neutrality_enders", "Sweden's permanent neutrality ended in 2022."),
])
def test_each_blocking_word_list_is_needed(word_list, trap, gaz, monkeypatch):
    """The trap yields nothing with the lexicon as it is, and a fact once that one list is emptied."""
    import kg.extract.cascade.engine as engine

    assert not rules_fired(trap, gaz), trap
    data = copy.deepcopy(_load_json())
    data["words"][word_list] = []
    emptied = build_lexicon(data, "frames.json (test copy)")
    monkeypatch.setattr(engine, "lexicon", lambda: emptied)
    assert rules_fired(trap, gaz), f"emptying {word_list} should let {trap!r} through"
