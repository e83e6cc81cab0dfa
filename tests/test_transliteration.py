"""People spelled in different romanizations are one person; different people stay apart."""

from __future__ import annotations

import pytest

from kg.extract.people import canonical
from kg.extract.transliteration import canonical_spelling


@pytest.mark.parametrize("a, b", [
    ("Alexander Lukashenko", "Alyaksandr Lukashenka"),
    ("Aleksandr Lukashenko", "Alexander Lukashenko"),
    ("Sadyr Japarov", "Sadyr Zhaparov"),
    ("Volodymyr Zelenskyy", "Vladimir Zelensky"),
    ("Nikolai Bordyuzha", "Nikolay Bordyuzha"),
])
def test_spellings_of_one_person_share_a_key(a, b):
    assert canonical(a)[0] == canonical(b)[0]
    assert canonical(a)[1] == a  # the label stays as written


@pytest.mark.parametrize("a, b", [
    ("Ivan Petrov", "Ivana Petrova"),
    ("Aleksandar Vulin", "Aleksandr Vulin"),  # the Serbian name is another name
    ("Zhang Wei", "Jang Wei"),
])
def test_different_people_keep_their_keys(a, b):
    assert canonical(a)[0] != canonical(b)[0]


def test_names_without_a_rule_are_untouched():
    assert canonical_spelling("Tomislav Nikolic") == "Tomislav Nikolic"


@pytest.mark.parametrize("a, b", [
    ("Kassym-Jomart Tokayev", "Qasym-Jomart Toqaev"),  # Kazakh q
    ("Ilham Aliyev", "Ilham Aliev"),  # -yev after a vowel
    ("Shavkat Mirziyoyev", "Shavkat Mirziyoev"),
    ("Milovan Djilas", "Milovan Đilas"),  # Serbian dj / đ
    ("Đorđe Đorđević", "Djordje Djordjevic"),
    ("Maria Zakharova", "Mariya Zakharova"),
    ("Andriy Yermak", "Andrii Yermak"),
])
def test_general_spelling_rules_merge(a, b):
    assert canonical(a)[0] == canonical(b)[0]


@pytest.mark.parametrize("a, b", [
    ("Kim Jong-un", "Kim Jong-nam"),  # brothers: the syllable that differs is the name
    ("Sergei Ivanov", "Sergei Lavrov"),  # one first name, two surnames
    ("Sergey Ivanov", "Sergei Ivanova"),  # a feminine surname is another person
    ("Ilham Aliyev", "Ilham Aliyeva"),
    ("Dmitry Medvedev", "Dmitry Medvedchuk"),
])
def test_minimal_pairs_stay_two_people(a, b):
    assert canonical(a)[0] != canonical(b)[0]


def test_a_rule_that_changes_a_spelling_it_must_keep_is_refused(monkeypatch):
    import kg.extract.transliteration as tr
    from kg.errors import DataFileError

    data = tr.load_data("transliterations.json")
    data["surname_rules"] = [{"id": "bad", "pattern": "ev$", "replace": "yev", "example": ["Aliev", "Aliyev"],
                              "keeps": ["Lev"]}]
    monkeypatch.setattr(tr, "load_data", lambda name: data)
    tr._table.cache_clear()
    try:
        with pytest.raises(DataFileError, match="changes 'Lev'"):
            tr._table()
    finally:
        monkeypatch.undo()
        tr._table.cache_clear()


def test_one_person_across_documents():
    from kg.dates import PartialDate
    from kg.extract.document import extract_document
    from kg.gazetteer import Gazetteer
    from kg.model import Post

    def people(text: str) -> dict[str, str]:
        doc = extract_document("t", text, [(0, len(text))], PartialDate.parse("2025-06-27"), Gazetteer.load())
        return {p.holder.key: p.role for p in doc.facts if isinstance(p, Post)}

    one = people("Belarusian President Alexander Lukashenko met reporters in Minsk.")
    two = people("Belarusian President Alyaksandr Lukashenka met reporters in Minsk.")
    assert one.keys() == two.keys() == {canonical("Aleksandr Lukashenko")[0]}
    assert canonical("Kim Jong-un")[0] not in people("North Korean leader Kim Jong-nam spoke.")


def test_a_surname_in_another_spelling_is_the_person_of_the_document():
    from kg.extract.people import PersonRegistry

    reg = PersonRegistry()
    lukashenko = reg.add("Alexander Lukashenko")
    assert reg.by_surname("Lukashenka") is lukashenko
    reg.add("Sergei Ivanov")
    assert reg.by_surname("Ivanova") is None  # a feminine surname is nobody of the document
