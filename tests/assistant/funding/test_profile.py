"""Deterministic German rules that read the deciding facts of a project from free text."""

from __future__ import annotations

import pytest

from assistant.funding.knowledge import FundingKnowledge
from assistant.funding.profile import ProjectProfile, extract_profile


def read_profile(text, history=None, structured=None):  # noqa: ANN001, ANN201
    """The profile as the pipeline reads it, with the packaged rules."""
    return extract_profile(text, history, structured, knowledge=FundingKnowledge.load())



def test_company_with_headcount_is_medium():
    p = read_profile("Wir sind ein Maschinenbauer mit 120 Mitarbeitern und wollen eine neue Halle bauen.")
    assert p.applicant_type == "company" and p.company_size == "medium"
    assert p.sector == "Maschinenbau" and p.excluded_sector is None
    assert "business_investment" in p.project_types


@pytest.mark.parametrize("text, size", [
    ("Handwerksbetrieb mit 12 Beschäftigten", "small"),
    ("Wir haben 49 Mitarbeitende.", "small"),
    ("Unser Betrieb hat 250 Beschäftigte.", "large"),
    ("Unser Konzern hat 1.200 Mitarbeitende.", "large"),
    ("Wir sind ein kleines Unternehmen aus Melle.", "small"),
    ("Wir sind ein Unternehmen aus Melle.", None),
])
def test_company_size(text, size):
    assert read_profile(text).company_size == size


@pytest.mark.parametrize("text, applicant", [
    ("Unsere Gemeinde will ein Gewerbegebiet erschließen.", "municipality"),
    ("Die Stadt Bramsche plant ein Gründerzentrum für junge Unternehmen.", "municipality"),
    ("Unser Verein möchte das Dorfgemeinschaftshaus umbauen.", "association"),
    ("Die Hochschule Osnabrück will ein Labor für Sensorik aufbauen.", "research"),
    ("Das Institut für Agrartechnik plant ein Testfeld.", "research"),
    ("Wir sind ein Kunststoffverarbeiter mit 60 Mitarbeitenden und wollen mit der Hochschule forschen.", "company"),
    ("Was steht im IREK zur Energiewende?", None),
])
def test_applicant_type(text, applicant):
    assert read_profile(text).applicant_type == applicant


@pytest.mark.parametrize("text, code", [
    ("Ich habe eine Spedition mit Lagerhalle.", "H"),
    ("Unser Logistikunternehmen will ein neues Depot bauen.", "H"),
    ("Kann ein Einzelhändler eine neue Filiale fördern lassen?", "G"),
    ("Unser Bauunternehmen möchte in neue Baumaschinen investieren.", "F"),
    ("Wir betreiben ein Restaurant in der Innenstadt.", "I 56"),
])
def test_excluded_sector_from_yaml_keywords(text, code):
    p = read_profile(text)
    assert p.excluded_sector == code and p.applicant_type == "company" and p.sector


def test_restaurant_with_hotel_is_not_excluded():
    p = read_profile("Unser Hotel mit Restaurant soll um 15 Zimmer erweitert werden.")
    assert p.excluded_sector is None and p.sector == "Beherbergung"
    assert "business_investment" in p.project_types


@pytest.mark.parametrize("text, started", [
    ("Wir haben schon begonnen.", True),
    ("Die Maschinen sind bereits bestellt, wir haben bereits bestellt.", True),
    ("Der Bau läuft seit März.", True),
    ("Gilt das auch, wenn wir mit dem Umbau schon angefangen haben?", True),
    ("Wir haben noch nicht begonnen.", False),
    ("Wir planen eine neue Halle.", False),
    ("Wir wollen eine neue Halle bauen.", None),
])
def test_already_started(text, started):
    assert read_profile(text).already_started is started


@pytest.mark.parametrize("text, town", [
    ("Ein Betrieb aus Melle", "Melle"),
    ("in Georgsmarienhütte", "Georgsmarienhütte"),
    ("Wir sitzen in Quakenbrück.", "Quakenbrück"),
    ("Landhotel in Bad Iburg", "Bad Iburg"),
    ("in Hagen am Teutoburger Wald", "Hagen a.T.W."),
    ("in Osnabrück", None),
])
def test_municipality(text, town):
    assert read_profile(text).municipality == town


@pytest.mark.parametrize("text, kind", [
    ("Die Gemeinde plant ein Gewerbegebiet.", "industrial_site"),
    ("Die Stadt will eine Brachfläche mit Altlasten wieder nutzbar machen.", "revitalisation"),
    ("Die Stadt plant ein Gründerzentrum.", "business_centre"),
    ("Wir möchten ein Netzwerk der Gesundheitswirtschaft gründen.", "cooperation_network"),
    ("Wir möchten Beschäftigte in KI-Werkzeugen schulen.", "training"),
    ("Wir wollen zum ersten Mal eine Hochschulabsolventin einstellen.", "first_hire"),
    ("Photovoltaik für den eigenen Strombedarf unseres Betriebs", "renewable_self_supply"),
    ("Neue Rad- und Wanderwege für Touristen", "tourism_infrastructure"),
    ("Unser Landhotel soll erweitert werden.", "business_investment"),
])
def test_project_types(text, kind):
    assert kind in read_profile(text).project_types


def test_project_types_come_from_the_yaml_vocabulary():
    from assistant.funding.knowledge import FundingKnowledge
    from assistant.funding.profile import PROJECT_TYPE_PATTERNS

    assert set(PROJECT_TYPE_PATTERNS) <= set(FundingKnowledge.load().project_types)


def test_municipality_has_no_company_only_types_or_size():
    p = read_profile("Unsere Gemeinde will das Besucherzentrum modernisieren und erweitern, 30 Mitarbeiter.")
    assert p.applicant_type == "municipality" and p.company_size is None
    assert "business_investment" not in p.project_types and "modernisation" not in p.project_types


def test_history_contributes_and_latest_wins():
    history = [
        {"role": "user", "content": "Wir sind ein Maschinenbauer mit 45 Beschäftigten in Melle und wollen eine Halle bauen."},
        {"role": "assistant", "content": "Das passt zu einer Gemeinde mit 900 Beschäftigten."},  # assistant turns are ignored
        {"role": "user", "content": "Inzwischen haben wir 60 Beschäftigte."},
    ]
    p = read_profile("Gilt das auch, wenn wir schon begonnen haben?", history)
    assert p.applicant_type == "company" and p.company_size == "medium" and p.municipality == "Melle"
    assert p.already_started is True and "business_investment" in p.project_types
    assert p.description == "Gilt das auch, wenn wir schon begonnen haben?"


def test_structured_fields_override():
    p = read_profile("Wir sind ein Maschinenbauer mit 120 Mitarbeitern.",
                        structured={"company_size": "small", "already_started": False, "project_types": ["advice"]})
    assert p.company_size == "small" and p.already_started is False and p.project_types == ["advice"]
    assert isinstance(p, ProjectProfile)


def test_structured_fields_are_checked():
    with pytest.raises(ValueError, match="Unternehmensgröße"):
        read_profile("x", structured={"company_size": "huge"})
    with pytest.raises(ValueError, match="Unbekannte Angaben"):
        read_profile("x", structured={"size": "small"})
