"""The query normaliser every search and every answer starts with (no index): German error for an empty query, control
characters and runs of white space made single spaces, Unicode NFC, a bound on the length."""

from __future__ import annotations

import unicodedata

import pytest

from assistant.core.errors import QueryError
from assistant.retrieval.retriever import MAX_QUERY_CHARS, normalise_query


@pytest.mark.parametrize("query", [None, "", "   ", " \t\n \r\n ", "\x00\x07\x1b", "\x00 \x7f\x0b\x0c"])
def test_empty_query_is_a_german_query_error(query):
    with pytest.raises(QueryError, match=r"^Bitte eine Frage oder einen Suchbegriff eingeben\.$"):
        normalise_query(query)


def test_control_characters_and_white_space_become_single_spaces():
    assert normalise_query("  Gewerbe\x00flächen\x07 revitalisieren\x1b[31m\tBrach-\n\nflächen\x7f ") == \
        "Gewerbe flächen revitalisieren [31m Brach- flächen"


def test_text_is_unicode_nfc():
    decomposed = unicodedata.normalize("NFD", "Fördersatz für Gründerzentren")
    assert decomposed != "Fördersatz für Gründerzentren"
    assert normalise_query(decomposed) == "Fördersatz für Gründerzentren"


def test_long_query_is_cut_to_the_bound_and_a_normal_one_kept_as_it_is():
    question = "Wie hoch ist der Fördersatz für kleine Unternehmen?"
    assert normalise_query(question) == question
    long = "Gewerbegebiet " * 400
    assert len(normalise_query(long)) == MAX_QUERY_CHARS == 2000
    assert long.startswith(normalise_query(long))
    assert normalise_query(42) == "42"
