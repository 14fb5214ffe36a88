"""The shared reader of curated YAML files: one German message naming the file and the key path."""

from __future__ import annotations

import pytest
from pydantic import model_validator

from assistant.core.curated import Curated, CuratedDataError, DataPathError, compiled, key_path, load, validate


class Item(Curated):
    id: str
    size: int = 0


class Book(Curated):
    items: list[Item] = []
    table: dict[str, str] = {}

    @model_validator(mode="after")
    def _no_empty_table_value(self) -> "Book":
        for key, value in self.table.items():
            if not value:
                raise DataPathError(("table", key), "darf nicht leer sein")
        return self


class BookError(CuratedDataError):
    pass


def _message(data) -> str:
    with pytest.raises(BookError) as caught:
        validate(data, Book, label="buch.yaml", error=BookError)
    return str(caught.value)


def test_unknown_key_names_file_and_key_path_with_the_entry_id():
    assert _message({"items": [{"id": "a"}, {"id": "b", "farbe": 1}]}) == \
        "buch.yaml, items[1] (b): unbekannter Schlüssel „farbe“"
    assert _message({"itmes": []}) == "buch.yaml: unbekannter Schlüssel „itmes“"


def test_an_unknown_key_is_reported_before_the_key_it_misspells():
    assert _message({"items": [{"di": "a"}]}) == "buch.yaml, items[0]: unbekannter Schlüssel „di“ (und 1 weiterer Fehler)"


@pytest.mark.parametrize("data, message", [
    ({"items": [{"size": 1}]}, "buch.yaml, items[0]: es fehlt „id“"),
    ({"items": [{"id": "a", "size": "groß"}]}, "buch.yaml, items[0] (a).size: muss eine ganze Zahl sein"),
    ({"items": {"id": "a"}}, "buch.yaml, items: muss eine Liste sein"),
    ({"table": {"2.1": ""}}, "buch.yaml, table[„2.1“]: darf nicht leer sein"),
])
def test_other_errors_in_german(data, message):
    assert _message(data) == message


def test_numbers_are_read_as_text():
    assert validate({"items": [{"id": 2.3}]}, Book, label="buch.yaml").items[0].id == "2.3"


def test_key_path_follows_the_data():
    data = {"paths": [{"id": "x", "conditions": [{"code": "C 1"}]}]}
    assert key_path(("paths", 0, "conditions", 0, "text"), data) == "paths[0] (x).conditions[0] (C 1).text"
    assert key_path(("paths", 5), data) == "paths[5]"


def test_unreadable_or_invalid_yaml(tmp_path):
    with pytest.raises(CuratedDataError, match="^fehlt.yaml kann nicht gelesen werden"):
        load(tmp_path / "fehlt.yaml", Book)
    (tmp_path / "kaputt.yaml").write_text("items: [\n", encoding="utf-8")
    with pytest.raises(CuratedDataError, match="^kaputt.yaml: kein gültiges YAML"):
        load(tmp_path / "kaputt.yaml", Book)
    (tmp_path / "leer.yaml").write_text("", encoding="utf-8")
    assert load(tmp_path / "leer.yaml", Book).items == []


def test_a_curated_pattern_is_compiled_once_and_reads_any_case():
    """The rule answers, conditions and intent rules hold more patterns than the `re` module's cache keeps (512): each
    is compiled once for the process, not again on every request."""
    pattern = r"\bbetriebs-?\s{0,2}nummer\w{0,2}\b"
    assert compiled(pattern) is compiled(pattern)
    assert compiled(pattern).search("Brauch ich da ne BETRIEBSNUMMER?")
    many = [rf"\bwort{n}\b" for n in range(600)]  # more than the re module keeps
    first = [compiled(p) for p in many]
    assert all(compiled(p) is kept for p, kept in zip(many, first))
