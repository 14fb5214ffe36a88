"""Lists of goals by topic (assistant/goals/lists.py): which goals' titles name the topic of a question."""

from __future__ import annotations

import pytest

from assistant.core.model import Goal
from assistant.goals.lists import titled_goals

GOALS = [
    Goal("2.3.1", "Energieautarke Gewerbegebiete mit Anbindung an Stromtrassen und Wasserstoffleitungen entwickeln",
         "handlungsziel", "2.3", "2"),
    Goal("3.2.4", "ÖPNV-Angebote an Pendlerströme und Schichtzeiten anpassen und in der Fläche ausbauen",
         "handlungsziel", "3.2", "3"),
    Goal("3.3.3", "Energieinfrastrukturen (insb. Strom- und Wasserstoffnetz) ausbauen", "handlungsziel", "3.3", "3"),
    Goal("3.4.1", "Klimaanpassung (Wasserverfügbarkeit, Starkregen, Hitze) in Gewerbegebieten umsetzen",
         "handlungsziel", "3.4", "3"),
    Goal("4.3.1", "Touristische Leuchttürme weiterentwickeln und bestehende touristische Einrichtungen modernisieren",
         "handlungsziel", "4.3", "4"),
    Goal("4.3.2", "Gesundheitstourismus konsequent entwickeln", "handlungsziel", "4.3", "4"),
]


@pytest.mark.parametrize("question, codes", [
    # a compound of the title holds the topic, in whatever Leitziel
    ("Bitte den Wortlaut der IREK-Handlungsziele zum Thema Wasserstoff", ["2.3.1", "3.3.3"]),
    # words that differ only in their ending name the same topic; a shared beginning alone does not ("Wasserverfügbarkeit")
    ("Was steht im IREK zum Tourismus?", ["4.3.1", "4.3.2"]),
    # a short word of a title is no part of the question's compound ("Fläche" in "Gewerbeflächen")
    ("Welche Ziele gibt es zu Gewerbeflächen?", []),
    # what every goal does names no topic
    ("Welche Ziele wollen etwas entwickeln und ausbauen?", []),
])
def test_goals_whose_titles_name_the_topic(question, codes):
    assert [g.code for g in titled_goals(question, GOALS)] == codes
