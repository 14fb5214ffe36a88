"""Funding rules as data: loading and validation, assessment of profiles, and every cited source in the real index."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
import yaml

from assistant.funding.knowledge import KNOWLEDGE_FILE, FundingDataError, FundingKnowledge
from assistant.funding.rules import MAIN_ACTIVITY, assess, describe
from assistant.funding.profile import PROJECT_TYPE_PATTERNS, ProjectProfile, extract_profile


def read_profile(text, history=None, structured=None):  # noqa: ANN001, ANN201
    """The profile as the pipeline reads it, with the packaged rules."""
    return extract_profile(text, history, structured, knowledge=FundingKnowledge.load())


SIZE_QUESTION = "Wie viele Beschäftigte hat Ihr Unternehmen und wie hoch ist der Jahresumsatz?"


def _path(result, prefix):
    return next((p for p in result.paths if p.id == prefix or p.id.startswith(prefix + "/")), None)


def _sections(path):
    return {(s.document, s.section) for s in path.sources} | {(c.source.document, c.source.section) for c in path.conditions}


# -- loading -------------------------------------------------------------------------------------------------------

def test_load_reads_all_paths_once():
    knowledge = FundingKnowledge.load()
    assert knowledge is FundingKnowledge.load()
    assert {p.id for p in knowledge.paths} == {"grw-gewerbe", "grw-infrastruktur", "grw-nichtinvestiv", "grw-innovation",
                                              "leader", "zukunftsregion"}
    assert all(p.id.startswith(top.id + "/") for top in knowledge.paths for p in top.sub_measures)


def _raw():
    return yaml.safe_load(KNOWLEDGE_FILE.read_text(encoding="utf-8"))


def test_unknown_key_is_a_german_error_naming_file_and_key_path():
    data = _raw()
    # (not the start of works, conditions[0]: its sub-measures share it by a YAML alias, so its error counts thrice)
    data["paths"][0]["conditions"][1]["trigger"] = {"already_started": True}
    with pytest.raises(FundingDataError) as caught:
        FundingKnowledge.parse(data)
    assert str(caught.value) == ("funding_paths.yaml, paths[0] (grw-gewerbe).conditions[1] (teilweise-begonnen): "
                                 "unbekannter Schlüssel „trigger“")


@pytest.mark.parametrize("place, key", [
    (lambda d: d, "pahts"),
    (lambda d: d["paths"][2], "sumary"),
    (lambda d: d["paths"][0]["rates"][1], "aplies_to"),
    (lambda d: d["paths"][0]["rates"][1]["applies_to"], "company_sise"),
    (lambda d: d["paths"][0]["conditions"][2]["triggers"], "company_sise"),
    (lambda d: d["paths"][0]["sub_measures"][1]["chosen_for"], "compnay_size"),
    (lambda d: d["excluded_sectors"][3], "keyword"),
    (lambda d: d["excluded_sectors"][4]["except_wz"][0], "only_when"),
    (lambda d: d["excluded_sectors"][9]["not_excluded_with"], "patern"),
    (lambda d: d["company_sizes"][1], "employes_below"),
    (lambda d: d["leitziel_hints"][4], "projekt_types"),
    (lambda d: d["region"]["source"], "seite"),
    (lambda d: d["passage_paths"], "section"),
])
def test_a_misspelt_key_anywhere_is_rejected(place, key):
    data = _raw()
    place(data)[key] = "x"
    with pytest.raises(FundingDataError, match=rf"^funding_paths\.yaml(, \S.*)?: unbekannter Schlüssel „{key}“$"):
        FundingKnowledge.parse(data)


def test_missing_source_is_a_clear_error():
    data = _raw()
    del data["paths"][1]["conditions"][0]["source"]
    with pytest.raises(FundingDataError, match=r"paths\[1\] \(grw-infrastruktur\)\.conditions\[0\].*es fehlt „source“"):
        FundingKnowledge.parse(data)
    data = _raw()
    del data["paths"][0]["rates"][0]["source"]["quote"]
    with pytest.raises(FundingDataError, match=r"rates\[0\]\.source: es fehlt „quote“"):
        FundingKnowledge.parse(data)


def test_a_cost_items_served_patterns_take_its_named_words_and_an_unknown_one_is_an_error():
    knowledge = FundingKnowledge.load()
    vehicle = next(item for item in knowledge.cost_items if item.id == "road_vehicle")
    assert not any("{vehicle" in phrase for phrase in vehicle.served)  # (each put in where it stands)
    data = _raw()
    item = next(item for item in data["cost_items"] if item["id"] == "road_vehicle")
    item["served"][0] = item["served"][0].replace("{vehicles}", "{fahrzeug}")
    n = next(i for i, entry in enumerate(data["cost_items"]) if entry is item)
    with pytest.raises(FundingDataError, match=rf"cost_items\[{n}\] \(road_vehicle\)\.served\[0\]: unbekanntes Wort „fahrzeug“"):
        FundingKnowledge.parse(data)


def test_unknown_project_type_is_an_error():
    data = _raw()
    data["paths"][0]["project_types"].append("spaceport")
    with pytest.raises(FundingDataError, match=r"paths\[0\] \(grw-gewerbe\)\.project_types: unbekannter Wert „spaceport“"):
        FundingKnowledge.parse(data)


@pytest.mark.parametrize("change, message", [
    (lambda d: d["paths"][0]["sub_measures"][0].update(id="gewerbe/transformation"), "Id muss mit „grw-gewerbe/“ beginnen"),
    (lambda d: d["paths"][0]["conditions"][0].update(effect="stops"), r"effect: muss einer der Werte"),
    (lambda d: d["passage_paths"]["sections"].update({"7.1": "grw-raumfahrt"}), r"sections\[„7\.1“\]: unbekannter Pfad"),
    (lambda d: d["company_sizes"][1].update(employees_below=20), "employees_below muss von Größe zu Größe steigen"),
    (lambda d: d["default_paths"]["company"].append("grw-raumfahrt"), r"default_paths\.company: unbekannter Pfad"),
    (lambda d: d["default_paths"].pop("unknown"), "es fehlt „unknown“"),
    (lambda d: d["leitziel_hints"][0]["project_types"].append("spaceport"), r"leitziel_hints\[0\]\.project_types"),
    (lambda d: d["excluded_sectors"][9]["not_excluded_with"].update(pattern="hotel("), "kein gültiger regulärer Ausdruck"),
    (lambda d: d["paths"][0]["conditions"][-1]["triggers"].update(cost_item="raumschiff"),
     r"triggers\.cost_item: unbekannter Wert „raumschiff“"),
    (lambda d: d["cost_items"][0].update(pattern="lkw("), "kein gültiger regulärer Ausdruck"),
    (lambda d: d["paths"][0]["conditions"][0].update(not_for=["spaceport"]),
     r"conditions\[0\] \(antrag-vor-beginn\)\.not_for: unbekannter Wert „spaceport“"),
])
def test_inconsistent_rules_name_the_place(change, message):
    data = _raw()
    change(data)
    with pytest.raises(FundingDataError, match=message):
        FundingKnowledge.parse(data)


# -- rules that the code applies come from the data ------------------------------------------------------------------

def test_company_size_limits_come_from_the_yaml():
    knowledge = FundingKnowledge.load()
    assert [(s.size, s.employees_below) for s in knowledge.company_sizes] == [("small", 50), ("medium", 250), ("large", None)]
    assert all(s.source.section == "2.1.5" for s in knowledge.company_sizes)
    text = "Wir sind ein Maschinenbauer mit 40 Mitarbeitern."
    assert extract_profile(text, knowledge=knowledge).company_size == "small"
    data = _raw()
    data["company_sizes"][0]["employees_below"] = 30
    changed = FundingKnowledge.parse(data)
    assert extract_profile(text, knowledge=changed).company_size == "medium"
    assert changed.company_size(29) == "small" and changed.company_size(250) == "large"


def test_gastronomy_with_lodging_exception_comes_from_the_yaml():
    text = "Wir betreiben ein Restaurant mit Hotel und zwölf Gästezimmern."
    assert extract_profile(text, knowledge=FundingKnowledge.load()).excluded_sector is None
    data = _raw()
    gastronomy = next(s for s in data["excluded_sectors"] if s["code"] == "I 56")
    assert gastronomy["not_excluded_with"]["source"]["section"] == "2.7.1"
    del gastronomy["not_excluded_with"]
    assert extract_profile(text, knowledge=FundingKnowledge.parse(data)).excluded_sector == "I 56"


def test_usual_paths_per_applicant_come_from_the_yaml():
    profile = ProjectProfile(applicant_type="municipality")
    assert assess(profile, None, FundingKnowledge.load()).paths[0].id.startswith("grw-infrastruktur")
    data = _raw()
    data["default_paths"]["municipality"] = ["leader", "grw-infrastruktur"]
    assert assess(profile, None, FundingKnowledge.parse(data)).paths[0].id.startswith("leader")
    assert FundingKnowledge.load().usual_paths("unknown-type") == FundingKnowledge.load().default_paths["unknown"]


def test_leitziel_hints_come_from_the_yaml():
    class Goal:
        code = "3.1.1"

    profile = ProjectProfile(applicant_type="municipality")
    knowledge = FundingKnowledge.load()
    assert knowledge.hinted_project_types("3.1") == ["industrial_site", "revitalisation"]
    assert knowledge.hinted_project_types("9.9") == []
    data = _raw()
    next(h for h in data["leitziel_hints"] if h["leitziel"] == "3.1")["project_types"] = ["rural_development"]
    first = assess(profile, [Goal()], FundingKnowledge.parse(data)).paths[0]
    assert first.id.startswith("leader") and "IREK-Ziel" in " ".join(first.fit_reasons)


def test_de_minimis_for_large_companies_comes_from_the_yaml():
    profile = ProjectProfile(applicant_type="company", company_size="large", sector="Maschinenbau",
                             project_types=["business_investment"], already_started=False)
    assert _path(assess(profile, None, FundingKnowledge.load()), "grw-gewerbe").id == "grw-gewerbe/de-minimis"
    data = _raw()
    data["paths"][0]["sub_measures"][1]["chosen_for"]["company_size"] = "medium"
    changed = FundingKnowledge.parse(data)
    assert _path(assess(profile, None, changed), "grw-gewerbe").id == "grw-gewerbe"
    medium = ProjectProfile(**{**profile.__dict__, "company_size": "medium"})
    assert _path(assess(medium, None, changed), "grw-gewerbe").id == "grw-gewerbe/de-minimis"


# -- required behaviours -------------------------------------------------------------------------------------------

def test_logistics_company_is_excluded_from_grw_gewerbe_without_padding():
    profile = read_profile("Wir sind eine Spedition mit 80 Mitarbeitern und wollen eine neue Lagerhalle bauen.")
    assert profile.excluded_sector == "H" and profile.wz_code == "52.26.1"
    result = assess(profile, None, FundingKnowledge.load())
    gewerbe = _path(result, "grw-gewerbe")
    assert gewerbe is not None and gewerbe.blocked and gewerbe.applicant_rate is None
    assert "Liste nicht förderfähiger Wirtschaftszweige" in gewerbe.reasons[0] and "52.26.1" in gewerbe.reasons[0]
    assert gewerbe.reasons[0].endswith("(GRW-Koordinierungsrahmen Nr. 2.7.1)")
    assert gewerbe.reason_sources[0].section == "2.7.1" and len(gewerbe.reason_sources) == len(gewerbe.reasons)
    blocking = [c for c in gewerbe.conditions if c.effect == "blocks" and c.applies]
    assert any(c.source.document == "grw" and c.source.section == "2.7.1" for c in blocking)
    # Nothing that does not fit a warehouse is offered instead (no Zukunftsregion, no LEADER, no Regionalmanagement).
    assert not [p for p in result.paths if not p.blocked]


def test_logistics_services_are_an_exception_with_a_caveat():
    profile = read_profile("Wir sind ein Logistikdienstleister mit 30 Beschäftigten und wollen eine neue Halle bauen.")
    gewerbe = _path(assess(profile, None, FundingKnowledge.load()), "grw-gewerbe")
    assert not gewerbe.blocked and gewerbe.applicant_rate == 20
    notes = {c.id: c for c in gewerbe.conditions}
    assert "52.25" in notes["ausnahme-wirtschaftszweig"].text and notes["ausnahme-wirtschaftszweig"].source.section == "2.7.1"
    assert "52.26.1" in notes["haupttaetigkeit-abgrenzung"].text  # a forwarding agent would be excluded


def test_started_business_project_is_blocked_with_2_2_1():
    profile = read_profile("Wir sind ein Maschinenbauer mit 120 Mitarbeitern und haben mit dem Bau schon begonnen.")
    assert profile.already_started is True
    gewerbe = _path(assess(profile, None, FundingKnowledge.load()), "grw-gewerbe")
    assert gewerbe.blocked
    started = next(c for c in gewerbe.conditions if c.id == "antrag-vor-beginn")
    assert started.effect == "blocks" and started.applies is True
    assert (started.source.document, started.source.section) == ("grw", "2.2.1")


def test_applying_only_after_the_order_blocks_like_a_start_and_says_why_in_one_short_sentence():
    history = [{"role": "user", "content": "Tischlerei mit 12 Leuten in Bersenbrück, neue CNC für mehr Fertigung."}]
    profile = read_profile("Reicht es, wenn wir den Antrag nach der Bestellung stellen?", history)
    assert profile.starts_before_application is True and profile.already_started is None
    gewerbe = _path(assess(profile, None, FundingKnowledge.load()), "grw-gewerbe")
    assert gewerbe.blocked and gewerbe.ruled_out
    assert gewerbe.because.startswith("Der Antrag muss vor Beginn der Arbeiten gestellt werden.")
    assert "Bestellung von Ausrüstung" in gewerbe.because and len(gewerbe.because) <= 200
    assert gewerbe.reason_sources[0].section == "2.2.1"


def test_a_cost_item_of_nr_2_6_2_is_excluded_while_the_path_stays_open():
    knowledge = FundingKnowledge.load()
    history = [{"role": "user", "content": "Handwerksbäckerei aus Melle, 22 Mitarbeitende, neue Backstube, 900.000 Euro."}]
    profile = read_profile("Und die zwei neuen Lieferwagen, kann ich die mit reinnehmen?", history)
    assert profile.cost_items == ["road_vehicle"]
    gewerbe = _path(assess(profile, None, knowledge), "grw-gewerbe")
    assert not gewerbe.blocked and gewerbe.applicant_rate == 20 and gewerbe.ruled_out
    (excluded,) = gewerbe.excluded_costs
    assert excluded.id == "strassenfahrzeuge" and (excluded.source.section, excluded.source.page) == ("2.6.2", 18)
    # A cost item the question does not name is no condition of the path.
    plain = _path(assess(read_profile("Bäckerei, 22 Mitarbeitende, neue Backstube."), None, knowledge), "grw-gewerbe")
    assert not plain.excluded_costs and "strassenfahrzeuge" not in {c.id for c in plain.conditions}


def test_a_business_parks_link_to_a_land_road_is_eligible_up_to_a_quarter_of_the_whole():
    """Nr. 3.2.2.1 (2) b): turning lanes and roundabouts on a Land's road count, at most a quarter of the measure."""
    knowledge = FundingKnowledge.load()
    profile = read_profile("Zweckverband plant einen Gewerbepark, gesamt 8 Mio €. Davon 2,5 Mio für die Anbindung an die "
                           "Landesstraße (Linksabbieger, Kreisel). Ist die voll drin?")
    assert "trunk_road_link" in profile.cost_items
    site = _path(assess(profile, None, knowledge), "grw-infrastruktur/gewerbegelaende")
    (link,) = [c for c in site.conditions if c.id == "anbindung-viertel"]
    assert link.applies and "höchstens ein Viertel" in link.text and link.source.section == "3.2.2.1"


def test_used_goods_are_excluded_for_a_large_company_only():
    knowledge = FundingKnowledge.load()
    small = _path(assess(read_profile("Maschinenbauer, 30 Mitarbeiter, wir kaufen eine gebrauchte Presse."), None,
                         knowledge), "grw-gewerbe")
    large = _path(assess(read_profile("Maschinenbauer, 800 Mitarbeiter, neue Halle mit einer gebrauchten Presse."), None,
                         knowledge), "grw-gewerbe")
    assert not small.excluded_costs and "gebrauchte-wirtschaftsgueter" in {c.id for c in small.conditions}
    assert [c.id for c in large.excluded_costs] == ["gebrauchte-wirtschaftsgueter-grossunternehmen"]


def test_the_machines_of_the_partners_are_no_cost_of_a_cooperation_network():
    history = [{"role": "user", "content": "6 Metallbaubetriebe und die Hochschule wollen ein Netzwerk für Automatisierung "
                                           "gründen."}]
    profile = read_profile("Können wir auch die Maschinen in den einzelnen Betrieben darüber abrechnen?", history)
    network = _path(assess(profile, None, FundingKnowledge.load()), "grw-nichtinvestiv")
    assert network.id == "grw-nichtinvestiv/kooperationsnetzwerk"
    assert [(c.id, c.source.section) for c in network.excluded_costs] == [("betriebliche-aufwendungen", "3.5.1")]


def test_started_municipal_project_is_blocked_with_the_infrastructure_rule():
    profile = read_profile("Unsere Gemeinde erschließt ein Gewerbegebiet, der Bau läuft bereits.")
    infrastructure = _path(assess(profile, None, FundingKnowledge.load()), "grw-infrastruktur")
    assert infrastructure.blocked
    started = next(c for c in infrastructure.conditions if c.id == "antrag-vor-beginn")
    assert started.applies is True and started.source.section == "3.2.1.11"
    assert "Bereits begonnene Maßnahmen" in started.source.quote


def test_unknown_start_is_asked_for_grw():
    result = assess(read_profile("Wir sind ein Maschinenbauer mit 120 Mitarbeitern und wollen eine Halle bauen."), None, FundingKnowledge.load())
    assert any("bereits begonnen" in q for q in result.missing_facts)
    assert not _path(result, "grw-gewerbe").blocked


def test_municipal_industrial_site_gets_60_up_to_90_percent():
    result = assess(read_profile("Unsere Gemeinde will ein neues Gewerbegebiet erschließen."), None, FundingKnowledge.load())
    first = result.paths[0]
    assert first.id.startswith("grw-infrastruktur") and not first.blocked
    assert "60 %" in first.max_rate and "90 %" in first.max_rate
    rule = [s for s in first.sources if s.section == "3.2.1.1"]
    assert rule and any("60 Prozent" in s.quote for s in rule)
    assert not any(p.id.startswith("grw-gewerbe") for p in result.paths)


@pytest.mark.parametrize("text", [
    "Kunde will die Produktionshalle, die bisher seiner eigenen Besitz-GmbH gehört, für 1,2 Mio in die Betriebs-GmbH "
    "kaufen und dann erweitern.",
    "Wir würden das Gebäude von unserer Schwesterfirma für 800.000 € übernehmen.",
])
def test_a_building_bought_from_a_linked_company_is_excluded_as_a_used_asset(text):
    """Nr. 2.6.2 (2) c): a building that stands is a used asset, not eligible when bought from a connected company."""
    gewerbe = _path(assess(read_profile(text + " Metallbau, 30 MA."), None, FundingKnowledge.load()), "grw-gewerbe")
    rule = next(c for c in gewerbe.conditions if c.id == "gebaeude-von-verbundenen")
    assert rule.applies and rule.effect == "excludes" and rule.source.section == "2.6.2"
    bought = read_profile("Wir kaufen eine leerstehende Halle in Melle für 900.000 € und bauen sie um. Metallbau, 30 MA.")
    assert "building_from_linked" not in bought.cost_items


@pytest.mark.parametrize("text, kind", [
    ("Eisengießerei, 140 MA. Neue Formanlage geplant, die alte ist 30 Jahre alt. Was ist förderfähig?", "replacement"),
    ("druckerei, 60 MA. neue druckmaschine 1,4 mio, die alte fliegt raus.", "replacement"),
])
def test_a_new_plant_beside_an_old_one_said_to_go_is_a_replacement(text, kind):
    assert kind in read_profile(text).project_types


def test_a_firm_in_difficulty_asking_whether_to_say_so_is_told_the_form_asks_and_the_facts_are_subsidy_relevant():
    """Anhang 2: the form asks for economic difficulties (Ziffer 1.7); its facts are subsidy-relevant (§ 264 StGB)."""
    def said(text):
        gewerbe = _path(assess(read_profile(text), None, FundingKnowledge.load()), "grw-gewerbe")
        return next((c for c in gewerbe.conditions if c.id == "schwierigkeiten-angeben"), None)
    rule = said("Maschinenbau, 90 MA, zwei Verlustjahre, das halbe Stammkapital ist weg. Kriegen wir trotzdem GRW für "
                "die neue Produktlinie? Und müssen wir das im Antrag überhaupt angeben?")
    assert rule.applies and rule.named and "§ 264 StGB" in rule.text and rule.source.section == "Anhang 2"
    # the same words of a firm that tells of no difficulty
    other = said("Maschinenbau, 90 MA, neue Produktlinie. Müssen wir die alte Förderung im Antrag angeben?")
    assert other is None or not other.named


def test_several_municipalities_asking_the_rate_are_told_their_cooperation_is_a_condition_of_90_percent():
    """Nr. 3.2.1.1 a): an intermunicipal measure meets one of the conditions of the higher rate; not for a business
    park, which until 31.12.2028 needs only the regional strategy (Nr. 5 (2)), nor for one municipality."""
    def interkommunal(text):
        first = assess(read_profile(text), None, FundingKnowledge.load()).paths[0]
        return next((c.applies for c in first.conditions if c.id == "interkommunal"), None)
    assert interkommunal("Die Gemeinden Bad Essen und Bohmte bauen gemeinsam ein Gründerzentrum. Sind 90 % drin?")
    assert not interkommunal("Die Gemeinde Bad Essen baut ein Gründerzentrum. Sind 90 % drin?")
    assert not interkommunal("Die Gemeinden Bad Essen und Bohmte bauen gemeinsam ein Gründerzentrum. Was ist zu beachten?")
    assert not interkommunal("Bramsche und Bersenbrück wollen zusammen ein Gewerbegebiet erschließen. Wie viel Förderung?")


def test_a_centre_made_of_a_revitalised_brownfield_asking_the_rate_is_told_that_counts_towards_90_percent():
    """Nr. 3.2.1.1 b): the revitalisation of an Altstandort is the rule's own example of a contribution to the
    transformation, one of the conditions of the higher rate, for a business centre as for a site; said where the rate
    is asked, with the quote that holds the 90 %."""
    def transformation(text):
        paths = assess(read_profile(text), None, FundingKnowledge.load()).paths
        centre = next(p for p in paths if p.id == "grw-infrastruktur/gewerbezentren")
        return next((c for c in centre.conditions if c.id == "altstandort-transformation"), None)
    rule = transformation("Die Stadt baut die seit 2019 leerstehende Molkerei zu einem Gewerbehof für Handwerksbetriebe um, "
                          "Abriss der Kühlhallen nötig. Mit wieviel Prozent?")
    assert rule is not None and rule.applies and "90 Prozent" in rule.text and "Revitalisierung" in rule.source.quote
    for other in ("Die Stadt baut die seit 2019 leerstehende Molkerei zu einem Gewerbehof für Handwerksbetriebe um. "
                  "Was ist zu beachten?",
                  "Die Stadt baut ein neues Gründerzentrum für Handwerksbetriebe. Mit wieviel Prozent?"):
        rule = transformation(other)
        assert rule is None or not rule.applies


@pytest.mark.parametrize("size, rate", [("small", "bis 20 %"), ("medium", "bis 10 %")])
def test_kmu_rates(size, rate):
    profile = ProjectProfile(applicant_type="company", company_size=size, sector="Maschinenbau",
                             project_types=["business_investment"], already_started=False)
    gewerbe = _path(assess(profile, None, FundingKnowledge.load()), "grw-gewerbe")
    assert gewerbe.id == "grw-gewerbe" and gewerbe.max_rate == rate and not gewerbe.blocked
    assert ("grw", "Anhang 5") in _sections(gewerbe)


def test_large_company_gets_de_minimis_only():
    profile = read_profile("Unser Konzern hat 900 Mitarbeitende und baut ein neues Werk im Landkreis Osnabrück.")
    assert profile.company_size == "large"
    result = assess(profile, None, FundingKnowledge.load())
    gewerbe = _path(result, "grw-gewerbe")
    assert "De-minimis" in gewerbe.max_rate and "%" not in gewerbe.max_rate
    assert {("grw", "Anhang 5"), ("grw", "2.5.1")} <= _sections(gewerbe)
    assert SIZE_QUESTION not in result.missing_facts


def test_a_medium_firm_by_its_headcount_alone_is_asked_for_the_money_figures_that_could_make_it_large():
    """120 staff and no turnover: medium only if turnover or balance sheet stays within the limits (Nr. 2.1.5); over
    both, a large firm gets no rate for an extension (Nr. 2.4.2). With the turnover given, nothing is asked."""
    asked = assess(read_profile("Möbelhersteller, 120 MA, wir wollen zwei neue CNC-Zentren für mehr Kapazität."), None,
                   FundingKnowledge.load())
    assert any(q.startswith("Wie hoch sind Jahresumsatz und Jahresbilanzsumme") for q in asked.missing_facts)
    told = assess(read_profile("Möbelhersteller, 120 MA, 30 Mio Umsatz, wir wollen zwei neue CNC-Zentren."), None,
                  FundingKnowledge.load())
    assert not any("Jahresbilanzsumme" in q for q in told.missing_facts)


def test_missing_company_size_is_asked_not_guessed():
    result = assess(read_profile("Wir sind ein Maschinenbauer und wollen eine neue Fertigungshalle bauen."), None, FundingKnowledge.load())
    gewerbe = _path(result, "grw-gewerbe")
    assert SIZE_QUESTION in result.missing_facts
    assert gewerbe.id == "grw-gewerbe"  # not the De-minimis variant for large companies
    assert "20 %" in gewerbe.max_rate and "10 %" in gewerbe.max_rate  # all sizes shown, none chosen


def test_transformation_for_self_supply():
    profile = ProjectProfile(applicant_type="company", company_size="small", sector="Metallverarbeitung",
                             project_types=["renewable_self_supply"], already_started=False)
    gewerbe = _path(assess(profile, None, FundingKnowledge.load()), "grw-gewerbe")
    assert gewerbe.id == "grw-gewerbe/transformation" and gewerbe.max_rate.startswith("bis 45 %")
    # the whole investment costs are eligible (Nr. 2.4.3.3 (3)), not only the extra costs of Nr. 2.4.3.1 and 2.4.3.2
    conditions = {c.id for c in gewerbe.conditions}
    assert "gesamte-investitionskosten" in conditions and "nur-mehrkosten" not in conditions


def test_a_plants_rate_beside_parts_of_other_kinds_holds_for_that_part_only():
    # (new electric ovens beside the PV plant: the 45 % of Nr. 2.4.3.3 are the PV plant's, not the ovens')
    knowledge = FundingKnowledge.load()
    both = ProjectProfile(applicant_type="company", company_size="small", sector="Bäckerei",
                          project_types=["fuel_switch", "renewable_self_supply"], already_started=False)
    assert _path(assess(both, None, knowledge), "grw-gewerbe").rate_part_only
    alone = replace(both, project_types=["renewable_self_supply"])
    assert not _path(assess(alone, None, knowledge), "grw-gewerbe").rate_part_only
    # (an efficient machine that replaces an old one is the efficiency project itself)
    efficient = replace(both, project_types=["replacement", "energy_efficiency"])
    assert not _path(assess(efficient, None, knowledge), "grw-gewerbe").rate_part_only


def test_an_efficiency_project_counts_only_its_extra_costs():
    profile = ProjectProfile(applicant_type="company", company_size="small", sector="Metallverarbeitung",
                             project_types=["energy_efficiency"], already_started=False)
    gewerbe = _path(assess(profile, None, FundingKnowledge.load()), "grw-gewerbe")
    conditions = {c.id for c in gewerbe.conditions}
    assert "nur-mehrkosten" in conditions and "gesamte-investitionskosten" not in conditions


def test_a_buildings_shell_is_no_efficiency_project_and_leads_to_the_modernisation_rule():
    """Nr. 2.4.3.2 (1) funds efficiency gains "durch nicht gebäudebezogene" investments: insulating a hall closes the
    transformation measure, and the modernisation of a small firm stays open up to the De-minimis ceiling."""
    profile = ProjectProfile(applicant_type="company", company_size="small", sector="Möbelhersteller",
                             project_types=["building_energy", "modernisation"], already_started=False)
    result = assess(profile, None, FundingKnowledge.load())
    lead = _path(result, "grw-gewerbe")
    assert lead.id == "grw-gewerbe/de-minimis" and not lead.blocked
    shell = describe(FundingKnowledge.load(), "grw-gewerbe", replace(profile, project_types=["building_energy"]))
    assert shell.id == "grw-gewerbe/transformation"
    assert [c.id for c in shell.blocking] == ["nicht-gebaeudebezogen"]


def test_a_test_field_open_to_firms_is_the_measure_of_nr_6_with_no_rate_of_the_infrastructure_measures():
    """KR Nr. 6 (Art. 26a AGVO), a measure of the infrastructure path beside Nr. 3.2.2.8, names no rate: neither the 60/90 % of Nr. 3.2.1.1 nor a sum
    computed from them; the multiple users, the Unterausschuss and the end of the model project are its conditions, and
    a university's institute is not turned away by the rule for research bodies of Nr. 3.2.2.8, which is not its own.
    The energy infrastructure of Nr. 4, funded up to 100 % of a funding gap, takes no rate of Nr. 3.2.1.1 either."""
    knowledge = FundingKnowledge.load()
    result = assess(read_profile("Wir (Hochschule Osnabrück) wollen ein Versuchsfeld mit Technikum für Agrarrobotik "
                                 "aufbauen, offen für Landtechnik-Firmen zum Testen ihrer Prototypen. Ca. 3 Mio."),
                    None, knowledge)
    field = next(p for p in result.paths if p.id == "grw-infrastruktur/erprobung")
    assert not field.blocked
    # beside it, the research infrastructure of Nr. 3.2.2.8, closed to a university
    assert any(p.id == "grw-infrastruktur/forschung" and p.blocked for p in result.paths)
    assert "60 %" not in field.max_rate and field.possible_rates == [] and field.applicant_rate is None
    assert {"mehrere-nutzer", "unterausschuss-erprobung", "befristung-erprobung-2028"} <= {c.id for c in field.conditions}
    energy = describe(knowledge, "grw-infrastruktur", ProjectProfile(applicant_type="municipality",
                                                                     project_types=["energy_infrastructure"]))
    assert energy.id == "grw-infrastruktur/energie" and energy.possible_rates == [], energy.possible_rates


def test_leader_region_from_municipality():
    result = assess(read_profile("Unser Verein will das Dorfgemeinschaftshaus in Bad Essen zum Kulturtreff umbauen."), None, FundingKnowledge.load())
    assert result.paths[0].id == "leader/wittlager-land"
    assert not any("Gemeinde" in q for q in result.missing_facts)
    # the region is known: the first step names it instead of asking to find it
    assert "LEADER-Region Wittlager Land" in result.paths[0].next_steps[0]
    result = assess(read_profile("Unser Verein will das Dorfgemeinschaftshaus zum Kulturtreff umbauen."), None, FundingKnowledge.load())
    assert result.paths[0].id == "leader"
    assert "In welcher Gemeinde des Landkreises soll das Projekt umgesetzt werden?" in result.missing_facts


def test_unknown_applicant_is_asked():
    result = assess(read_profile("Was kann man für ein Projekt tun?"), None, FundingKnowledge.load())
    assert result.missing_facts[0].startswith("Wer soll den Antrag stellen")


def test_goal_hints_suggest_paths_when_the_project_type_is_unknown():
    class Goal:
        code = "3.1.1"

    result = assess(ProjectProfile(applicant_type="municipality"), [Goal()], FundingKnowledge.load())
    assert result.paths[0].id.startswith("grw-infrastruktur")


# -- every source resolves to an indexed passage of the real index ---------------------------------------------------

def _all_raw_sources(node, where="") -> list[tuple[str, dict]]:
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            label = f"{where}/{node.get('id') or node.get('code') or key}"
            if key == "source" or key.endswith("_source"):
                found.append((label, value))
            else:
                found += _all_raw_sources(value, label)
    elif isinstance(node, list):
        for item in node:
            found += _all_raw_sources(item, where)
    return found


def _ws(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_every_source_resolves_to_an_indexed_passage(prepared_snapshot):
    snapshot = prepared_snapshot  # the passages of the real index, without building it
    sources = _all_raw_sources(_raw())
    assert len(sources) >= len(FundingKnowledge.load().all_sources()) > 100
    failures = []
    for where, source in sources:
        section = str(source["section"])
        candidates = [p for p in snapshot.passages if p.document == source["document"]
                      and (p.section_number == section or (not p.section_number and p.section_title == section))]
        page = source.get("page")
        if page is not None:
            candidates = [p for p in candidates if p.page_start and p.page_start <= page <= (p.page_end or p.page_start)]
        if not any(_ws(source["quote"]) in _ws(p.text) for p in candidates):
            failures.append(f"{where}: {source['document']} {section} S. {page}: „{source['quote'][:60]}“")
    assert not failures, "\n".join(failures)


# -- the rate for this applicant ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("size, rate, quote", [
    ("small", 20, "c) D-Fördergebiete: Betriebsstätten von kleinen Unternehmen 20 Prozent"),
    ("medium", 10, "c) D-Fördergebiete: Betriebsstätten von mittleren Unternehmen 10 Prozent"),
    ("large", None, None),
    (None, None, None),
])
def test_applicant_rate_with_its_rate_row(size, rate, quote):
    profile = ProjectProfile(applicant_type="company", company_size=size, sector="Metallbau", wz_code="25.11",
                             project_types=["business_investment"], already_started=False)
    gewerbe = _path(assess(profile, None, FundingKnowledge.load()), "grw-gewerbe")
    assert gewerbe.applicant_rate == rate
    if quote:
        assert (gewerbe.applicant_rate_source.section, gewerbe.applicant_rate_source.quote) == ("2.5.1", quote)
    else:
        assert gewerbe.applicant_rate_source is None


def test_a_firm_of_unknown_size_may_get_the_rate_of_each_size_that_has_one_and_a_known_size_decides():
    knowledge = FundingKnowledge.load()
    unknown = ProjectProfile(applicant_type="company", sector="Metallbau", wz_code="25.11",
                             project_types=["business_investment"], already_started=False)
    assert _path(assess(unknown, None, knowledge), "grw-gewerbe").possible_rates == [(20.0, "small"), (10.0, "medium")]
    small = ProjectProfile(**{**unknown.__dict__, "company_size": "small"})
    assert _path(assess(small, None, knowledge), "grw-gewerbe").possible_rates == []


def test_applicant_rate_only_when_the_facts_decide_it():
    knowledge = FundingKnowledge.load()
    site = _path(assess(read_profile("Unsere Gemeinde will ein Gewerbegebiet erschließen."), None, knowledge), "grw-infrastruktur")
    assert site.applicant_rate is None  # 60 % or, if the conditions hold, 90 %
    assert site.possible_rates == [(60.0, ""), (90.0, "")]  # a sum is computed at each
    efficiency = ProjectProfile(applicant_type="company", company_size="small", wz_code="25.11", sector="Metallbau",
                                project_types=["energy_efficiency"], already_started=False)
    transformation = _path(assess(efficiency, None, knowledge), "grw-gewerbe")
    assert transformation.id == "grw-gewerbe/transformation" and transformation.applicant_rate == 50
    assert transformation.applicant_rate_source.section == "2.4.3.2"
    future = _path(assess(ProjectProfile(applicant_type="company", project_types=["innovation_project"]), None, knowledge),
                   "zukunftsregion")
    assert future.applicant_rate == 40


def test_every_rate_a_profile_can_decide_names_a_project_type_of_the_vocabulary():
    # a rate scoped to a project type no question can produce would never be chosen (the rate of Nr. 2.4.3.1 was once)
    knowledge = FundingKnowledge.load()
    scoped = {r.applies_to["project_type"] for p in knowledge.all_paths() for r in p.rates if "project_type" in r.applies_to}
    assert scoped and scoped <= set(PROJECT_TYPE_PATTERNS)


def test_every_infrastructure_measure_of_nr_3_2_2_is_a_sub_measure_with_its_rule():
    knowledge = FundingKnowledge.load()
    infrastructure = next(p for p in knowledge.paths if p.id == "grw-infrastruktur")
    cited = {source.section for sub in infrastructure.sub_measures
             for source in [sub.source, *(c.source for c in sub.conditions)] if source}
    assert {f"3.2.2.{n}" for n in range(1, 10)} <= cited


def test_a_connection_to_the_road_network_is_the_measure_of_nr_3_2_2_2():
    profile = read_profile("Die Gemeinde Bissendorf will eine Zufahrt für einen Betrieb an die Bundesstraße bauen.")
    connection = _path(assess(profile, None, FundingKnowledge.load()), "grw-infrastruktur")
    assert connection.id == "grw-infrastruktur/anbindung" and not connection.blocked
    assert connection.measure_source.section == "3.2.2.2"


def test_environmental_protection_gets_the_rate_of_nr_2_4_3_1():
    profile = read_profile("Umweltschutzinvestition über Norm hinaus, kleines Unternehmen, 300k Mehrkosten. Wieviel Beihilfe?")
    assert "environmental_protection" in profile.project_types
    gewerbe = _path(assess(profile, None, FundingKnowledge.load()), "grw-gewerbe")
    assert gewerbe.id == "grw-gewerbe/transformation" and gewerbe.applicant_rate == 60
    assert gewerbe.applicant_rate_source.section == "2.4.3.1"


def test_the_answer_can_compute_the_amount():
    profile = read_profile("Metallbau mit 30 MA in Quakenbrück, neue Produktionshalle für 180.000 €, noch nicht begonnen.")
    gewerbe = assess(profile, None, FundingKnowledge.load()).paths[0]
    assert gewerbe.id == "grw-gewerbe" and not gewerbe.blocked
    assert profile.investment_eur * gewerbe.applicant_rate / 100 == 36_000


# -- project type and exceptions ------------------------------------------------------------------------------------

def test_pure_modernisation_is_de_minimis_only_for_smes():
    knowledge = FundingKnowledge.load()
    hotel = read_profile("Unser Hotel mit 20 Mitarbeitern will die Zimmer modernisieren, noch nicht begonnen.")
    path = _path(assess(hotel, None, knowledge), "grw-gewerbe")
    assert path.id == "grw-gewerbe/de-minimis" and not path.blocked and path.applicant_rate is None
    assert "20 %" not in path.max_rate and "De-minimis" in path.max_rate
    rule = next(c for c in path.conditions if c.id == "modernisierung-nur-de-minimis")
    assert rule.source.section == "2.4.1" and "Modernisierung des Produktionsprozesses" in rule.source.quote
    large = read_profile("Konzern mit 900 MA will die Fertigung modernisieren.")
    blocked = _path(assess(large, None, knowledge), "grw-gewerbe")
    assert blocked.blocked and blocked.reason_sources[0].section == "2.5.1"


def test_extension_of_a_hotel_gets_the_regular_rate():
    hotel = read_profile("Unser Hotel mit 20 Mitarbeitern will 15 Zimmer anbauen.")
    path = _path(assess(hotel, None, FundingKnowledge.load()), "grw-gewerbe")
    assert path.id == "grw-gewerbe" and path.applicant_rate == 20


def test_like_for_like_replacement_is_not_eligible():
    knowledge = FundingKnowledge.load()
    result = assess(read_profile("Wir wollen die alte Presse durch eine neue ersetzen. 30 Mitarbeiter."), None, knowledge)
    gewerbe = _path(result, "grw-gewerbe")
    assert gewerbe.blocked and gewerbe.reason_sources[0].section == "2.6.2"
    assert "Ersatzbeschaffung" in gewerbe.reason_sources[0].quote
    # what would be eligible instead names the modernisation an SME may get up to the De-minimis ceiling (Nr. 2.4.1 (2))
    assert "Modernisierung bis zum De-minimis-Höchstbetrag" in gewerbe.reasons[0]
    assert not [p for p in result.paths if not p.blocked]
    both = read_profile("Wir ersetzen die alte Presse und erweitern die Halle um eine zusätzliche Linie. 30 Mitarbeiter.")
    assert not _path(assess(both, None, knowledge), "grw-gewerbe").blocked


def test_takeover_and_relocation_carry_their_rules():
    knowledge = FundingKnowledge.load()
    takeover = _path(assess(read_profile("Wir wollen eine insolvente Firma übernehmen, 12 Mitarbeiter."), None, knowledge),
                     "grw-gewerbe")
    rule = next(c for c in takeover.conditions if c.id == "uebernahme")
    assert "Unternehmensanteilen" in rule.source.quote and rule.applies is True
    moving = _path(assess(read_profile("Unser Metallbau mit 20 MA zieht in eine neue Halle nach Bramsche um."), None,
                          knowledge), "grw-gewerbe")
    assert any(c.id == "verlagerung" and c.source.section == "2.6.2" for c in moving.conditions)
    plain = _path(assess(read_profile("Metallbau mit 20 MA baut eine neue Halle."), None, knowledge), "grw-gewerbe")
    assert not any(c.id in ("uebernahme", "verlagerung", "modernisierung-nur-de-minimis") for c in plain.conditions)
    unknown = describe(knowledge, "grw-gewerbe", read_profile("Was ist nach GRW ein kleines Unternehmen?"))
    assert not any(c.id in ("ersatzinvestition", "uebernahme", "verlagerung") for c in unknown.conditions)


def test_a_usual_path_keeps_its_own_measure_when_goals_hint():
    goals = [_Goal("1.1.3"), _Goal("2.2.2")]  # hint at business investment, energy efficiency and applied research
    profile = ProjectProfile(applicant_type="company", company_size="small", sector="Bäckerei", wz_code="10.71")
    paths = {p.id for p in assess(profile, goals, FundingKnowledge.load()).paths}
    assert "grw-gewerbe" in paths and "grw-gewerbe/transformation" not in paths


def test_research_infrastructure_has_its_own_rules():
    knowledge = FundingKnowledge.load()
    university = assess(read_profile("Die Hochschule Osnabrück will ein Forschungsgebäude errichten."), None, knowledge)
    research = _path(university, "grw-infrastruktur")
    assert research.id == "grw-infrastruktur/forschung" and research.blocked
    assert research.reason_sources[0].section == "3.2.2.8"
    institute = _path(assess(read_profile("Das Institut für Agrartechnik will ein Technikum bauen."), None, knowledge),
                      "grw-infrastruktur")
    assert institute.id == "grw-infrastruktur/forschung" and not institute.blocked
    assert "50 %" in institute.max_rate and "bis 90 %" not in institute.max_rate and institute.applicant_rate is None
    assert ("grw", "3.2.2.9") in _sections(institute)
    town = _path(assess(read_profile("Die Gemeinde will eine Forschungsinfrastruktur aufbauen."), None, knowledge),
                 "grw-infrastruktur")
    assert town.id == "grw-infrastruktur/forschung" and town.blocked  # not the general 60/90 %


def test_broadband_is_not_in_the_kr_2026():
    knowledge = FundingKnowledge.load()
    result = assess(read_profile("Die Gemeinde Melle will Glasfaser für die Dörfer ausbauen."), None, knowledge)
    infrastructure = _path(result, "grw-infrastruktur")
    assert infrastructure.blocked and "Breitband" in infrastructure.reasons[0]
    assert infrastructure.reason_sources[0].section == "3.2.2.1"
    site = assess(read_profile("Die Gemeinde erschließt ein Gewerbegebiet mit Glasfaseranschluss."), None, knowledge)
    assert not _path(site, "grw-infrastruktur").blocked
    paths = assess(read_profile("Die Gemeinde will neue Radwege für Touristen anlegen."), None, knowledge).paths
    assert not any(c.id == "kein-breitband" for p in paths for c in p.conditions)  # not a condition of a cycle path


def test_a_profit_making_company_is_no_traeger():
    knowledge = FundingKnowledge.load()
    centre = _path(assess(read_profile("Wir sind eine GmbH und wollen ein Gründerzentrum bauen."), None, knowledge),
                   "grw-infrastruktur")
    assert centre.blocked and centre.reason_sources[0].section == "3.2.1.3"
    assert "Gewinnerzielung" in centre.reason_sources[0].quote
    manager = _path(assess(read_profile("Unsere Firma möchte ein Regionalmanagement aufbauen."), None, knowledge),
                    "grw-nichtinvestiv")
    assert manager.blocked and manager.reason_sources[0].section == "3.4.2"


# -- no padding -----------------------------------------------------------------------------------------------------

class _Goal:
    def __init__(self, code: str) -> None:
        self.code = code


def test_goal_hints_do_not_pad_a_known_project():
    knowledge = FundingKnowledge.load()
    goals = [_Goal("4.3.1"), _Goal("4.1.2"), _Goal("2.1.1")]
    hotel = assess(read_profile("Unser Hotel mit 20 Mitarbeitern will 15 Zimmer anbauen."), goals, knowledge)
    assert [p.id.split("/")[0] for p in hotel.paths] == ["grw-gewerbe"]
    club = assess(read_profile("Unser Sportverein will ein neues Vereinsheim bauen."), goals, knowledge)
    assert not any(p.id.startswith(("grw-infrastruktur", "grw-nichtinvestiv")) and not p.blocked for p in club.paths)


def test_goal_hints_offer_only_what_the_applicant_may_carry():
    knowledge = FundingKnowledge.load()
    goals = [_Goal("4.1.2"), _Goal("2.1.1")]  # hint at location attractiveness and skills
    company = assess(ProjectProfile(applicant_type="company"), goals, knowledge)
    assert not any(p.id.startswith("grw-nichtinvestiv") for p in company.paths)
    town = assess(ProjectProfile(applicant_type="municipality"), goals, knowledge)
    assert any(p.id == "grw-nichtinvestiv/standortattraktivitaet" for p in town.paths)


def test_leader_rate_for_a_company_is_not_80_or_90_percent():
    knowledge = FundingKnowledge.load()
    firm = assess(read_profile("Wir sind ein Konzern mit 600 Mitarbeitern und wollen in Melle einen Dorfladen eröffnen."),
                  None, knowledge)
    leader = _path(firm, "leader")
    assert "65 %" in leader.max_rate and "80 %" not in leader.max_rate and "90 %" not in leader.max_rate
    club = _path(assess(read_profile("Unser Verein will in Melle das Dorfgemeinschaftshaus umbauen."), None, knowledge),
                 "leader")
    # a club's building is an investment, and only a basic service escapes the 65 % ceiling: both are named
    assert "80 %" in club.max_rate and "höchstens 65 %" in club.max_rate
    # a private person's own plant on their house is no basic service either
    home = _path(assess(read_profile("kriege ich zuschuss für ne pv anlage auf meinem einfamilienhaus?"), None,
                        knowledge), "leader")
    assert "65 %" in home.max_rate and "80 %" not in home.max_rate



# -- questions only for facts that decide something and were not given ----------------------------------------------

def test_no_question_for_facts_already_given():
    knowledge = FundingKnowledge.load()
    given = assess(read_profile("Metallbau mit 80 MA in Quakenbrück, neue Halle, Bauvertrag ist unterschrieben."), None,
                   knowledge)
    assert given.missing_facts == []
    open_start = assess(read_profile("Metallbau mit 80 MA in Quakenbrück, neue Halle."), None, knowledge)
    # the start, what decides whether a Metallbau firm is a Bauschlosserei (43.32), excluded, and whether the money
    # figures keep a firm of 80 medium (Nr. 2.1.5): what decides whether the path is open before what decides its rate
    assert len(open_start.missing_facts) == 3 and "begonnen" in open_start.missing_facts[0]
    assert open_start.missing_facts[1] == ("Was bringt in Ihrer Betriebsstätte den größten Teil des Umsatzes: "
                                           "Herstellung von Metallkonstruktionen oder Bautischlerei und -schlosserei?")
    assert open_start.missing_facts[2].startswith("Wie hoch sind Jahresumsatz und Jahresbilanzsumme")
    unknown = assess(read_profile("Wir wollen eine neue Halle bauen."), None, knowledge)
    assert SIZE_QUESTION in unknown.missing_facts
    assert any("Haupttätigkeit" in q for q in unknown.missing_facts)
    blocked = assess(read_profile("Unsere Spedition will eine Halle bauen."), None, knowledge)
    assert blocked.missing_facts == []  # nothing would change the answer


def test_the_size_asked_about_is_asked_for_before_the_main_activity():
    """"ist das jetzt noch klein?": what decides the size comes before what decides the main activity, which else is
    asked first as it decides whether the path is open at all."""
    knowledge = FundingKnowledge.load()
    asked = assess(read_profile("Metallbau mit 80 MA in Quakenbrück, neue Halle. Sind wir dann noch ein mittleres "
                                "Unternehmen?"), None, knowledge)
    assert len(asked.missing_facts) == 3 and "begonnen" in asked.missing_facts[0]
    assert asked.missing_facts[1].startswith("Wie hoch sind Jahresumsatz und Jahresbilanzsumme"), asked.missing_facts
    assert asked.missing_facts[2].startswith("Was bringt in Ihrer Betriebsstätte den größten Teil des Umsatzes")


def test_every_blocked_reason_cites_its_rule():
    knowledge = FundingKnowledge.load()
    texts = ["Unsere Spedition will eine Halle bauen.", "Wir sind eine GmbH und wollen ein Gründerzentrum bauen.",
             "Die Gemeinde will Glasfaser ausbauen.", "Metallbau mit 30 MA, die neue Halle ist schon im Bau.",
             "Die Hochschule will ein Forschungsgebäude bauen."]
    for text in texts:
        for path in assess(read_profile(text), None, knowledge).paths:
            assert len(path.reasons) == len(path.reason_sources) >= (1 if path.blocked else 0)
            assert all(re.search(r"\((GRW-Koordinierungsrahmen|Zusammenfassung)[^)]*\)$", r) for r in path.reasons)


def test_excluded_sectors_come_from_the_yaml_by_wz_code():
    data = _raw()
    logistics = next(s for s in data["excluded_sectors"] if s["code"] == "H")
    assert all(e["source"]["section"] == "2.7.1" for e in logistics["except_wz"])
    logistics["except_wz"] = []
    changed = FundingKnowledge.parse(data)
    assert changed.exclusion("52.25") is not None and FundingKnowledge.load().exclusion("52.25") is None
    data = _raw()
    data["excluded_sectors"][0]["wz"] = ["99.99"]
    with pytest.raises(FundingDataError, match=r"excluded_sectors\[0\] \(A\)\.wz: „99\.99“ ist kein Code der WZ 2025"):
        FundingKnowledge.parse(data)


def test_a_site_for_excluded_sectors_is_not_funded():
    knowledge = FundingKnowledge.load()
    retail = read_profile("Die Gemeinde will eine Fläche für ein großes Einzelhandelszentrum mit Supermarkt erschließen.")
    assert retail.users_excluded is True
    site = _path(assess(retail, None, knowledge), "grw-infrastruktur")
    assert site.blocked and site.reason_sources[0].section == "3.2.2.1"
    mixed = read_profile("Die Gemeinde erschließt ein Gewerbegebiet für Handwerk, Metallbau und Logistik.")
    assert mixed.users_excluded is False
    assert not _path(assess(mixed, None, knowledge), "grw-infrastruktur").blocked
    unknown = describe(knowledge, "grw-infrastruktur", read_profile("Grunderwerb für ein Gewerbegebiet – förderfähig?"))
    assert not any(c.id == "nutzer-nicht-ausgeschlossen" for c in unknown.conditions)


def test_a_municipalitys_premises_for_excluded_sectors_are_not_funded_whatever_their_kind():
    """A town's measure for retailers of no kind the KR names: the Tatbestände for business premises all want users
    not on the list of Nr. 2.7.1, so the infrastructure path is blocked; a kind named decides by its own rules, and the
    letting of a centre is the Träger's running of it, not its users' trade."""
    knowledge = FundingKnowledge.load()
    shops = read_profile("Die Stadt will leere Ladenlokale umbauen und günstig an Einzelhändler vermieten. Geht GRW?")
    assert shops.applicant_type == "municipality" and shops.users_excluded is True and not shops.project_types
    path = _path(assess(shops, None, knowledge), "grw-infrastruktur")
    assert path.blocked and path.because.startswith("Flächen, Anbindungen und Räume für Betriebe fördert die GRW nur")
    centre = read_profile("Die Gemeinde will ein Gründerzentrum bauen. Was müssen wir bei der Vermietung beachten?")
    assert centre.users_excluded is not True
    assert not _path(assess(centre, None, knowledge), "grw-infrastruktur").blocked


RESEARCH_INSTITUTE = "Ein gemeinnütziges Forschungsinstitut will ein Technikum bauen."
BUSINESS_CENTRE = "Die Gemeinde baut ein Gründerzentrum."
SITE = "Die Gemeinde erschließt ein neues Gewerbegebiet."
MEASURE_OF = {RESEARCH_INSTITUTE: "grw-infrastruktur/forschung", BUSINESS_CENTRE: "grw-infrastruktur/gewerbezentren",
              SITE: "grw-infrastruktur/gewerbegelaende"}


@pytest.mark.parametrize("plain, text, condition", [
    # Nr. 3.2.2.9 (5), (6): who may use a research infrastructure, and on what terms
    (RESEARCH_INSTITUTE, f"{RESEARCH_INSTITUTE} Müssen dann auch Firmen das Technikum nutzen dürfen?",
     "zugang-forschungsinfrastruktur"),
    # Nr. 3.2.2.8 (4): contract research beside the funded non-economic work
    (RESEARCH_INSTITUTE, "Unser gemeinnütziges Forschungsinstitut plant ein Technikum; nebenbei machen wir "
                         "Auftragsforschung für Firmen.", "trennungsrechnung-forschung"),
    # Nr. 3.2.2.4 (7): a rent below the market price is aid to the tenants
    (BUSINESS_CENTRE, f"{BUSINESS_CENTRE} Dürfen wir die Räume günstiger vermieten als am Markt üblich?",
     "verbilligte-miete-beihilfe"),
    # (6): who may move in
    (BUSINESS_CENTRE, "Die Stadt plant ein Gründerzentrum. Wer darf da eigentlich einziehen, auch Freiberufler?",
     "nutzer-zentrum"),
    # (6) sentence 3: a centre said to be for people without a founding plan too
    (BUSINESS_CENTRE, "Die Stadt will in der Bibliothek einen Makerspace für alle Bürger, Schüler und auch für "
                      "Gründer einrichten.", "nutzer-zentrum"),
    # (4): an operator
    (BUSINESS_CENTRE, "Unsere Samtgemeinde baut ein Gründerzentrum, betreiben soll es eine GmbH. Gelten die "
                      "Bedingungen dann auch für den Betreiber?", "betreiber-zentrum"),
    # (3) c: the profit after the binding period
    (BUSINESS_CENTRE, f"{BUSINESS_CENTRE} Was passiert nach Ablauf der Bindungsfrist mit dem Gewinn?",
     "gewinnabschoepfung-zentrum"),
    # Nr. 3.2.1.2, 3.2.1.4, 3.2.1.5, 3.2.1.7: the rules of every infrastructure measure
    (SITE, f"{SITE} Wie viel müssen wir als Gemeinde selbst tragen?", "eigenanteil-traeger"),
    (SITE, f"{SITE} Dürfen wir die Vermarktung an eine private GmbH übertragen?", "uebertragung-betrieb"),
    (SITE, f"{SITE} Müssen wir vorher ein Interessenbekundungsverfahren machen?", "interessenbekundung"),
    (SITE, f"{SITE} Zählen die Ausgleichsflächen für den Naturschutz mit?", "ausgleichsmassnahmen"),
])
def test_a_rule_of_an_infrastructure_measure_is_said_where_the_question_asks_for_it(plain, text, condition):
    """The measure's card names the rule the question asks for, and not where the same project is only described."""
    knowledge = FundingKnowledge.load()
    described = _path(assess(read_profile(plain), None, knowledge), "grw-infrastruktur")
    asked = _path(assess(read_profile(text), None, knowledge), "grw-infrastruktur")
    assert asked.id == described.id == MEASURE_OF[plain] and not asked.blocked
    assert condition in [c.id for c in asked.conditions]
    assert condition not in [c.id for c in described.conditions]


def test_the_cap_of_a_rate_comes_with_the_rate_from_the_yaml():
    profile = read_profile("Unser Landkreis will ein regionales Entwicklungskonzept erstellen lassen.")
    rek = _path(assess(profile, None, FundingKnowledge.load()), "grw-nichtinvestiv")
    assert rek.id == "grw-nichtinvestiv/rek" and rek.applicant_rate == 75
    assert (rek.applicant_cap, rek.applicant_cap_eur) == ("höchstens 200.000 Euro", 200000)
    assert "200.000 Euro" in rek.applicant_rate_source.quote and rek.applicant_rate_source.section == "3.4.1"


def test_an_undertaking_in_difficulty_is_excluded_by_nr_1_5_except_as_de_minimis():
    knowledge = FundingKnowledge.load()
    small = read_profile("Maschinenbauer, 30 Mitarbeiter, im Insolvenzverfahren, wir wollen eine Halle bauen.")
    gewerbe = _path(assess(small, None, knowledge), "grw-gewerbe")
    assert gewerbe.blocked and gewerbe.reason_sources[0].section == "1.5"
    assert gewerbe.because.startswith("Unternehmen in Schwierigkeiten sind von der GRW-Förderung ausgeschlossen")
    large = read_profile("Maschinenbauer, 800 Mitarbeiter, im Insolvenzverfahren, wir wollen eine Halle bauen.")
    de_minimis = _path(assess(large, None, knowledge), "grw-gewerbe")
    assert de_minimis.id == "grw-gewerbe/de-minimis" and not de_minimis.blocked, "transparent De-minimis aid is excepted"
    assert any(c.id == "unternehmen-in-schwierigkeiten" and c.effect == "matters" for c in de_minimis.conditions)


def test_land_is_excluded_from_infrastructure_except_for_industrial_sites_of_the_model_project():
    knowledge = FundingKnowledge.load()
    site = _path(assess(read_profile("Unsere Gemeinde will für ein Gewerbegebiet den Grunderwerb fördern lassen."), None,
                        knowledge), "grw-infrastruktur")
    assert site.id == "grw-infrastruktur/gewerbegelaende" and not site.excluded_costs
    (note,) = site.cost_notes
    assert note.source.section == "5" and "25 Prozent" in note.text and "25 Prozent" in note.source.quote
    centre = _path(assess(read_profile("Unsere Gemeinde will ein Gründerzentrum bauen und dafür ein Grundstück kaufen."),
                          None, knowledge), "grw-infrastruktur")
    assert [(c.id, c.source.section) for c in centre.excluded_costs] == [("grunderwerb", "3.2.1.11")]
    business = _path(assess(read_profile("Tischlerei, 12 Leute, wir wollen ein Grundstück kaufen und eine Halle bauen."),
                            None, knowledge), "grw-gewerbe")
    assert [c.id for c in business.cost_notes] == ["grundstueck"] and not business.excluded_costs


def test_a_rate_raised_for_kmu_keeps_its_base_rate_and_the_rule_of_the_raise():
    profile = read_profile("Wir sind ein kleines Unternehmen mit 20 Leuten und wollen die Energieeffizienz der Produktion "
                           "steigern.")
    path = _path(assess(profile, None, FundingKnowledge.load()), "grw-gewerbe")
    assert path.id == "grw-gewerbe/transformation" and path.applicant_rate == 50 and path.applicant_base_rate == 30
    assert path.applicant_bonus_source.section == "2.4.3.2" and "20 Prozentpunkte" in path.applicant_bonus_source.quote
    assert "30 Prozent" in path.applicant_rate_source.quote
    # The KMU programmes have no raise: nothing of the kind is set there.
    assert _path(assess(read_profile("Maschinenbauer, 30 Mitarbeiter, neue Halle."), None, FundingKnowledge.load()),
                 "grw-gewerbe").applicant_base_rate is None


def test_a_study_for_a_site_is_funded_as_planning_not_as_the_site():
    knowledge = FundingKnowledge.load()
    study = read_profile("Die Samtgemeinde will eine Machbarkeitsstudie für ein neues Gewerbegebiet beauftragen.")
    assert {"planning", "industrial_site"} <= set(study.project_types)
    infrastructure = _path(assess(study, [], knowledge), "grw-infrastruktur")
    assert infrastructure.id == "grw-infrastruktur/planung" and "75" in infrastructure.max_rate
    site = read_profile("Die Samtgemeinde will ein neues Gewerbegebiet erschließen.")
    assert _path(assess(site, [], knowledge), "grw-infrastruktur").id == "grw-infrastruktur/gewerbegelaende"


def test_what_the_rules_do_not_fund_at_all_is_the_first_reason_whoever_asks():
    knowledge = FundingKnowledge.load()
    for text in ("Die Gemeinde will Glasfaser für alle Haushalte verlegen.",
                 "Ein Unternehmen will Glasfaser für alle Haushalte verlegen."):
        profile = read_profile(text)
        infrastructure = _path(assess(profile, [], knowledge), "grw-infrastruktur")
        assert infrastructure.blocked and infrastructure.reasons[0].startswith("Breitband- und Glasfaserausbau"), text


def test_every_rate_of_a_sub_measure_is_held_by_its_quote_or_built_from_a_base_and_a_bonus():
    """A rate's source shows its figure (or the rate is a base plus the bonus points of another rule, as in 2.4.3.x)."""
    for path in FundingKnowledge.load().all_paths():
        for rate in path.rates or []:
            figures = re.findall(r"\d+", rate.rate)
            if path.id == "grw-gewerbe/transformation":
                assert figures[0] in rate.source.quote, (path.id, rate.rate)
            else:
                assert all(f in rate.source.quote for f in figures), (path.id, rate.rate, rate.source.quote)


def test_a_site_tailored_to_one_firm_is_blocked_by_nr_3_2_1_11():
    profile = extract_profile("Kann die Gemeinde ein Gewerbegebiet für genau eine Firma erschließen?", None, None,
                              knowledge=FundingKnowledge.load())
    site = next(p for p in assess(profile, [], FundingKnowledge.load()).paths if p.id.startswith("grw-infrastruktur"))
    assert site.blocked and "zugeschnitten" in site.reasons[0]


def test_the_grw_a_municipality_or_an_association_names_is_its_infrastructure_funding():
    from assistant.funding.rules import named_paths
    assert named_paths("Geht das über GRW?") == ["grw-gewerbe"]
    assert named_paths("Geht das über GRW?", "association") == ["grw-infrastruktur"]
    assert named_paths("GRW oder LEADER?", "municipality") == ["grw-infrastruktur", "leader"]
    # the infrastructure funding named by its own name, with hyphens, without the programme's
    assert named_paths("geht der auch über diese tourismus-infrastruktur-förderung?") == ["grw-infrastruktur"]
    assert named_paths("Infrastrukturförderung oder LEADER?") == ["grw-infrastruktur", "leader"]


def test_a_firms_own_investment_is_not_offered_the_zukunftsregion_budget():
    """The region's project budget funds projects of its Zukunftskonzept; a firm's new floor, servers and licences are
    the GRW's investment aid (KR Nr. 2.4.1), also where words like "Software" or "digital" are said."""
    knowledge = FundingKnowledge.load()
    p = read_profile("Softwarehaus, 12 Leute: wir bauen ne neue etage aus + server + digitale lizenzen, 450.000 €.")
    ids = [path.id.split("/")[0] for path in assess(p, [], knowledge).paths]
    assert ids[0] == "grw-gewerbe" and "zukunftsregion" not in ids, ids
    network = read_profile("Wir wollen ein Innovationsnetzwerk von Firmen und Hochschule zur Kreislaufwirtschaft aufbauen.")
    assert "zukunftsregion" in [path.id for path in assess(network, [], knowledge).paths]


def test_a_path_may_not_name_an_unknown_project_type_it_is_not_offered_for(tmp_path):
    data = yaml.safe_load(KNOWLEDGE_FILE.read_text(encoding="utf-8"))
    next(p for p in data["paths"] if p["id"] == "zukunftsregion")["not_with_project_types"] = ["hallenbau"]
    with pytest.raises(FundingDataError, match="hallenbau"):
        FundingKnowledge.parse(data)


def test_an_inn_below_the_lodging_share_is_refused_as_gastronomy_with_the_share_named():
    knowledge = FundingKnowledge.load()
    p = read_profile("hab nen landgasthof, 12 zimmer, übernachtungsgäste machen vllt 15%. will küche + saal "
                     "modernisieren, 350k. geht GRW?")
    lead = assess(p, [], knowledge).paths[0]
    assert lead.id.startswith("grw-gewerbe") and lead.blocked
    assert lead.because.startswith("Mit unter 25 % der Umsätze aus den eigenen Übernachtungsgästen gilt der Betrieb als "
                                   "Gastronomie („I 56 Gastronomie“)"), lead.because


def test_a_facility_used_mostly_by_locals_is_no_tourism_infrastructure():
    profile = ProjectProfile(applicant_type="municipality", project_types=["tourism_infrastructure"],
                             mostly_local_use=True, already_started=False)
    tourism = _path(assess(profile, None, FundingKnowledge.load()), "grw-infrastruktur")
    assert tourism.blocked and "überwiegend dem Wachstum des regionalen Tourismus" in tourism.reasons[0]


def test_a_hotels_restaurant_is_in_when_its_guests_make_the_least_share():
    profile = ProjectProfile(applicant_type="company", sector="Hotel", wz_code="55.10", lodging_share_percent=60.0,
                             project_types=["business_investment"], already_started=False)
    gewerbe = _path(assess(profile, None, FundingKnowledge.load()), "grw-gewerbe")
    note = next(c for c in gewerbe.conditions if c.text.startswith("Die Gastronomie des Hauses"))
    assert "mindestens 25 % der Umsätze" in note.text and note.source.section == "2.7.1"


@pytest.mark.parametrize("text, counted", [
    ("landgasthof mit saal und 4 gästezimmern, ca 80 % vom umsatz kommt aus restaurant und feiern. saal erweitern", True),
    ("Landgasthof mit 12 Zimmern, Übernachtungsgäste machen 15 % vom Umsatz. Saal erweitern.", False),
])
def test_an_inn_under_the_lodging_share_is_told_that_its_guests_meals_count_too(text, counted):
    """KR Nr. 2.7.1 (I 56): the 25 % are the turnover made with the own lodging guests; a share said of the rooms, or
    left as the rest of the restaurant's, leaves out what the guests eat, and the answer says so."""
    gewerbe = _path(assess(read_profile(text), None, FundingKnowledge.load()), "grw-gewerbe")
    assert gewerbe.blocked and "mindestens 25 % der Umsätze mit den eigenen Übernachtungsgästen" in gewerbe.reasons[0]
    assert ("im Restaurant verzehren" in gewerbe.reasons[0]) is counted


def test_a_change_of_the_whole_process_brings_its_rule_against_a_modernisation():
    """KR Nr. 2.4.1 (1) d against (2): the whole process renewed is an initial investment, single plant improved a
    modernisation (KMU: up to the De-minimis ceiling)."""
    profile = read_profile("Kunststoffverarbeitung, 60 MA. Wir stellen die gesamte Produktion auf vollautomatische "
                           "Fertigung um, ca. 3 Mio.")
    gewerbe = _path(assess(profile, None, FundingKnowledge.load()), "grw-gewerbe")
    rule = next(c for c in gewerbe.conditions if c.id == "grundlegende-aenderung")
    assert rule.applies and rule.decides_kind and rule.source.section == "2.4.1"
    assert not gewerbe.blocked and gewerbe.applicant_rate == 10


def test_a_relocation_without_the_old_sites_price_asks_for_it():
    """KR Nr. 2.6.2 (3): the old site's sale is deducted; where its price is not given, the answer asks for it."""
    knowledge = FundingKnowledge.load()
    moving = read_profile("Elektronikfertiger, 70 MA. Wir ziehen von Osnabrück nach Hasbergen in einen Neubau, ca. 5 "
                          "Mio; das alte Gebäude verkaufen wir.")
    assert any("bisherige Betriebsstätte" in q for q in assess(moving, None, knowledge).missing_facts)
    priced = read_profile("Elektronikfertiger, 70 MA. Wir ziehen nach Hasbergen in einen Neubau, 5 Mio; das alte "
                          "Gebäude verkaufen wir für 1,5 Mio.")
    assert not any("bisherige Betriebsstätte" in q for q in assess(priced, None, knowledge).missing_facts)


def test_buying_an_existing_building_for_a_centre_is_eligible():
    """KR Nr. 3.2.2.4 (2): the costs of acquiring existing buildings (with the land they need) are eligible."""
    profile = read_profile("Die Stadt will eine leerstehende Gewerbehalle kaufen und zu einem Gründerzentrum umbauen.")
    assert "building_purchase" in profile.cost_items
    centre = _path(assess(profile, None, FundingKnowledge.load()), "grw-infrastruktur")
    note = next(c for c in centre.cost_notes if c.id == "gebaeudeerwerb")
    assert note.source.section == "3.2.2.4"


def test_producing_renewable_hydrogen_is_ruled_out():
    """KR Nr. 2.4.3.3 (2): investments to produce renewable hydrogen are not eligible."""
    profile = read_profile("Wir sind ein Metallbauer und wollen einen Elektrolyseur für grünen Wasserstoff bauen.")
    path = _path(assess(profile, None, FundingKnowledge.load()), "grw-gewerbe")
    assert path.blocked and any(c.id == "kein-wasserstoff-kwk" and c.applies for c in path.conditions)


# -- limits on a cost item, applied to the asker's figures (KR Nr. 5 (4), (5)) ------------------------------------

def _limits(text):
    site = _path(assess(read_profile(text), None, FundingKnowledge.load()), "grw-infrastruktur")
    assert site is not None and site.id == "grw-infrastruktur/gewerbegelaende" and not site.blocked
    return {check.condition_id: check for check in site.limits}


def test_land_bought_before_the_first_of_july_2025_is_not_eligible_and_beyond_a_quarter_only_up_to_it():
    checks = _limits("Die Gemeinde Hasbergen will ein Gewerbegebiet erschließen, Gesamtkosten 3 Mio €, davon 1 Mio für "
                     "den Grundstückskauf. Das Grundstück haben wir im März 2025 gekauft.")
    assert (checks["grunderwerb-stichtag"].kept, checks["grunderwerb-stichtag"].allowed) == (False, 0.0)
    assert (checks["grunderwerb-anteil"].kept, checks["grunderwerb-anteil"].allowed) == (False, 750000.0)
    checks = _limits("Die Stadt Melle erschließt ein Gewerbegebiet: Erschließung 2,4 Mio, Grunderwerb 900.000 €. Die "
                     "Flächen wurden am 14.08.2025 notariell erworben.")
    assert checks["grunderwerb-stichtag"].kept is True
    share = checks["grunderwerb-anteil"]  # 900.000 of 3,3 Mio: more than 25 %
    assert (share.kept, share.total, share.allowed) == (False, 3300000.0, 825000.0)
    # bought in July 2025 is on or after the 1st; a year alone may be either
    assert _limits("Gemeinde Bad Essen, neues Gewerbegebiet, Kaufvertrag fürs Areal ist von Juli 2025, Erschließung "
                   "3 Mio")["grunderwerb-stichtag"].kept is True
    result = assess(read_profile("Gemeinde Bad Essen, Gewerbegebiet, 4 Mio inkl. 0,8 Mio Grundstück, gekauft 2025"),
                    None, FundingKnowledge.load())
    checks = {c.condition_id: c for c in _path(result, "grw-infrastruktur").limits}
    assert checks["grunderwerb-stichtag"].kept is None and checks["grunderwerb-anteil"].kept is True
    assert "Wann wurde bzw. wird das Grundstück erworben?" in result.missing_facts


def test_every_limit_on_a_cost_item_states_the_figure_of_its_quote():
    """The limits are the rule's own figures: a share as "25 Prozent" (or, for 25, "ein Viertel"), a date as "1. Juli
    2025" in the quote cited."""
    months = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
              "November", "Dezember")
    limits = [c for path in FundingKnowledge.load().all_paths() for c in path.conditions if c.limit]
    assert limits
    for condition in limits:
        limit = condition.limit
        if limit.max_share_percent is not None:
            assert f"{limit.max_share_percent:g} Prozent" in condition.source.quote \
                or limit.max_share_percent == 25 and "ein Viertel" in condition.source.quote
        if limit.not_before is not None:
            when = limit.not_before
            assert f"{when.day}. {months[when.month - 1]} {when.year}" in condition.source.quote


def test_land_of_which_a_part_was_bought_too_early_is_not_left_out_of_the_sum_whole():
    """Only the part bought before 1 July 2025 is ineligible; how much that is the text does not say."""
    checks = _limits("Gemeinde Bohmte, interkommunales Gewerbegebiet, Erschließung 6 Mio €, Grunderwerb ca. 1,5 Mio. "
                     "Einen Teil der Flächen haben wir schon im März 2025 gekauft, den Rest kaufen wir 2026.")
    date = checks["grunderwerb-stichtag"]
    assert (date.kept, date.in_part, date.allowed) == (False, True, None)


def test_a_size_left_open_by_the_turnover_gives_the_rates_of_both_sizes_and_asks_the_balance_sheet_total():
    """KR Nr. 2.1.5: small with fewer than 50 employees and a turnover or balance sheet total within 10 Mio €; with
    18 Mio € turnover the balance sheet total decides between small and medium."""
    result = assess(read_profile("Großhandel für Getränke, 35 MA, Umsatz ca 18 Mio. Neue Lagerhalle, 2,4 Mio €."), None,
                    FundingKnowledge.load())
    firm = _path(result, "grw-gewerbe")
    assert [size for _, size in firm.possible_rates] == ["small", "medium"] and firm.applicant_rate is None
    assert any(q.startswith("Wie hoch ist die Jahresbilanzsumme") for q in result.missing_facts)
    assert not any(q.startswith("Wie viele Beschäftigte") for q in result.missing_facts)


def test_a_hotel_that_names_its_restaurant_is_told_the_share_its_own_guests_must_bring():
    """KR Nr. 2.7.1, I 56: gastronomy only with lodging, where the own lodging guests make at least 25 % of turnover."""
    firm = _path(assess(read_profile("Hotel mit 38 Zimmern + Restaurant in Bad Iburg. Anbau 15 Zimmer, ca 1,8 Mio. Das "
                                     "Restaurant hat viele externe Gäste."), None, FundingKnowledge.load()), "grw-gewerbe")
    rule = next(c for c in firm.conditions if c.id == "gastronomie-mit-beherbergung")
    assert "mindestens 25 % der Umsätze" in rule.text and rule.source.section == "2.7.1" and not firm.blocked
    plain = _path(assess(read_profile("Hotel mit 38 Zimmern will 15 Zimmer anbauen."), None, FundingKnowledge.load()),
                  "grw-gewerbe")
    assert all(c.id != "gastronomie-mit-beherbergung" for c in plain.conditions)


def test_a_company_of_a_group_is_told_that_its_partners_count_in_and_asked_for_their_figures():
    result = assess(read_profile("Maschinenbauer, 180 MA, gehört zu 40 % einer Holding. Neue Halle 3 Mio."), None,
                    FundingKnowledge.load())
    firm = _path(result, "grw-gewerbe")
    rule = next(c for c in firm.conditions if c.id == "partner-und-verbundene-unternehmen")
    assert rule.applies is True and rule.source.section == "2.1.5" and firm.applicant_rate is None
    assert any("mit denen Ihr Unternehmen über Beteiligungen verbunden ist" in q for q in result.missing_facts)


def test_a_path_whose_grants_end_on_a_day_says_so_and_is_closed_after_it(monkeypatch):
    """KR Nr. 3.6: a model project; grants until 31 December 2026."""
    import datetime

    import assistant.funding.rules as rules

    text = "Die Gemeinde will Maßnahmen für die Standortattraktivität und Daseinsvorsorge umsetzen."
    profile = read_profile(text, structured={"applicant_type": "municipality", "project_types": ["location_attractiveness"]})
    site = _path(assess(profile, None, FundingKnowledge.load()), "grw-nichtinvestiv")
    deadline = next(c for c in site.conditions if c.deadline is not None)
    assert deadline.deadline == datetime.date(2026, 12, 31) and not site.blocked

    class Later(datetime.date):
        @classmethod
        def today(cls):  # noqa: ANN206
            return datetime.date(2027, 1, 4)

    monkeypatch.setattr(rules, "date", Later)
    site = _path(assess(profile, None, FundingKnowledge.load()), "grw-nichtinvestiv")
    assert site.blocked and site.because.startswith("Nicht mehr möglich: Vorhaben können nur bis 31.12.2026")


def test_the_start_of_works_of_a_firms_investment_is_pointed_to_when_the_question_names_one_whoever_asks():
    """"… was gilt als Beginn der Arbeiten bei gewerblichen Investitionen?" for a Kreistag paper: Nr. 2.2.1, not the
    infrastructure's Nr. 3.1.2, though a Kreistag is a municipal body."""
    from assistant.funding.rules import ruling_sources
    profile = read_profile("Für eine Kreistagsvorlage brauche ich den Wortlaut: was gilt laut KR 2026 als 'Beginn der "
                           "Arbeiten' bei gewerblichen Investitionen?")
    sections = [s.section for s in ruling_sources(profile, "rule", FundingKnowledge.load())]
    assert sections and all(section.startswith("2.2.1") for section in sections), sections


@pytest.mark.parametrize("text, section", [
    ("wenn wir förderung bekommen und dann nach 3 jahren die maschine verkaufen müssen: wie lange sind wir gebunden?",
     "2.2.6"),
    ("Wie lange sind wir bei einem GRW-geförderten Gewerbegebiet gebunden?", "3.2.1.8"),
])
def test_a_question_of_the_binding_period_points_to_the_period_of_the_path_the_asker_is_led_to(text, section):
    """A firm's assets and jobs stay bound five years (KR Nr. 2.2.6), an infrastructure fifteen or five (Nr. 3.2.1.8);
    a question of paying back points to Nr. 2.8.1, to neither of them."""
    from assistant.funding.rules import ruling_sources
    sections = [s.section for s in ruling_sources(read_profile(text), "rule", FundingKnowledge.load())]
    assert sections == [section], sections
    back = read_profile("müssen wir dann alles zurückzahlen, wenn wir Leute entlassen?")
    assert [s.section for s in ruling_sources(back, "rule", FundingKnowledge.load())] == ["2.8.1"]


@pytest.mark.parametrize("text, quoted", [
    # Nr. 2.8.2.1 (2): a delay the firm did not cause, asked in everyday words
    ("Bewilligung ist da, aber unser Hallenbauer ist pleite gegangen und der neue kann erst in 8 Monaten. Schaffen wir "
     "die Frist dann noch?", [("2.8.2.1", "kann auch der Durchführungszeitraum verlängert werden")]),
    # Nr. 3.2.1.8 second sentence before the period itself; Nr. 3.2.2.1 (6) for the proceeds
    ("Gewerbegebiet der Gemeinde: Diese 15 Jahre Bindung – wenn wir nach 6 Jahren alle Grundstücke verkauft haben, "
     "sind wir dann raus? Und was passiert mit dem Gewinn aus den Verkäufen?",
     [("3.2.1.8", "kann die Bindungsfrist verkürzt werden"),
      ("3.2.2.1", "sind die Vermarktungsüberschüsse vom Träger an den Zuwendungsgeber zurückzuführen")]),
    # Nr. 5 (6): the surplus where the land's purchase is funded too, not that of Nr. 3.2.2.1 (6)
    ("wie werden die Vermarktungsüberschüsse bei einem GRW-Gewerbegebiet berechnet, wenn wir das Land selbst gekauft "
     "haben und der Grunderwerb mitgefördert wird?",
     [("5", "Soweit die Ausgaben für den Grunderwerb gefördert werden")]),
    # Nr. 2.2.1 (3): the land bought already, asked whether the project can still be funded
    ("metallbau quakenbrück, 35 MA. haben schon ein grundstück im gewerbegebiet gekauft (150k). neue halle ca 3 mio. "
     "ist das noch förderfähig obwohl das grundstück schon gekauft ist?",
     [("2.2.1", "Der Kauf von Grundstücken und Vorarbeiten")]),
    # Nr. 3.2.1.6: a council member's son as a tenant of the centre the council's company carries
    ("Im Aufsichtsrat unseres geplanten Gründerzentrums (Träger: Samtgemeinde-GmbH) sitzt ein Ratsmitglied, dessen "
     "Sohn mit seinem Startup dort einziehen will. Ist das förderschädlich?",
     [("3.2.1.6", "weder rechtlich, wirtschaftlich noch personell verflochten")]),
    # Nr. 3.2.2.6 (6): students sharing a vocational school's workshops
    ("Der Landkreis baut die Werkstätten einer BBS aus. Dürfen Studierende der Hochschule die Werkstätten mitnutzen?",
     [("3.2.2.6", "können auch Studierende wissenschaftlicher Einrichtungen beteiligt werden")]),
    # Nr. 3.2.2.5 (9): a car park that will charge a fee; Nr. 3.2.1.4: a GmbH that will run it
    ("Die Stadt baut einen Besucherparkplatz am Museum. Der parkplatz soll doch kostenpflichtig werden, 4 € am tag, "
     "und betreiben soll ihn die museums-gmbh. was gilt dann?",
     [("3.2.2.5", "Nachweis der Wirtschaftlichkeitslücke nicht erforderlich"),
      ("3.2.1.4", "den Betrieb und die Vermarktung der Infrastrukturmaßnahme")]),
    # Anhang 2, Ziff. 8.6: telling the NBank of a change after a grant
    ("Wir haben 2024 GRW bekommen. Ich will den Betrieb an meine Tochter übergeben. Muss ich der NBank Bescheid "
     "sagen?", [("Anhang 2", "Mitteilungsverpflichtungen")]),
])
def test_a_rule_asked_for_in_everyday_words_is_pointed_to(text, quoted):
    """funding_paths.yaml `asked_by`: the words in which a question asks for a rule, written from the rule's text."""
    from assistant.funding.rules import asked_rules, ruling_sources
    knowledge = FundingKnowledge.load()
    profile = read_profile(text)
    sources = ruling_sources(profile, "rule", knowledge)
    for section, words in quoted:
        assert any(s.section == section and words in s.quote for s in sources), (section, sources)
    assert [s.section for s in asked_rules(profile, knowledge)][:len(quoted)] == [section for section, _ in quoted]


def test_a_rule_shown_only_where_asked_is_no_condition_of_a_project_that_does_not_ask_for_it():
    """The extension of the Durchführungszeitraum (Nr. 2.8.2.1 (2)) is a condition of a firm's path only where the
    question speaks of a delay."""
    knowledge = FundingKnowledge.load()
    plain = _path(assess(read_profile("Tischlerei in Melle, 12 MA, neue Halle für 800.000 Euro."), None, knowledge),
                  "grw-gewerbe")
    delayed = _path(assess(read_profile("Tischlerei in Melle, 12 MA, neue Halle für 800.000 Euro. Der Lieferant der "
                                        "Maschinen liefert 6 Monate verspätet."), None, knowledge), "grw-gewerbe")
    assert "durchfuehrung-verlaengerung" not in {c.id for c in plain.conditions}
    assert "durchfuehrung-verlaengerung" in {c.id for c in delayed.conditions if c.applies}


def test_an_old_machine_replaced_by_one_that_saves_energy_is_a_transformation_project_alone():
    """KR Nr. 2.6.2 (2) a: a replacement is no investment of Nr. 2.4.1; Nr. 2.4.3.2: one that saves energy beyond the
    norms is a transformation project (its extra costs), and no investment of its own stands beside it."""
    result = assess(read_profile("Kunststoffverarbeiter, 70 MA: will alte hydraulische Spritzgießmaschinen durch "
                                 "vollelektrische ersetzen und Abwärme nutzen. Mehrkosten 800k."), None,
                    FundingKnowledge.load())
    transformation = _path(result, "grw-gewerbe/transformation")
    general = next(p for p in result.paths if p.id == "grw-gewerbe")
    assert not transformation.blocked and transformation.part_beside is None
    assert general.blocked and any(c.id == "ersatzinvestition" and c.applies for c in general.conditions)
    plain = assess(read_profile("Wir ersetzen unsere alte Fräsmaschine durch eine gleichartige neue."), None,
                   FundingKnowledge.load())
    assert all(p.blocked for p in plain.paths if p.id.startswith("grw-gewerbe"))


def test_a_pv_system_is_told_of_the_eeg_and_its_storage_of_the_75_percent_rule():
    """KR Nr. 2.4.3.3 (1) and (3): a storage draws at least 75 % from its plant; no GRW beside EEG support."""
    result = assess(read_profile("PV-Anlage mit Batteriespeicher aufs Hallendach für den Eigenverbrauch, 12 MA."), None,
                    FundingKnowledge.load())
    path = _path(result, "grw-gewerbe/transformation")
    applying = {c.id for c in path.conditions if c.applies}
    assert {"keine-eeg-doppelfoerderung", "speicher-75-prozent"} <= applying
    assert [c.id for c in path.cost_notes] == ["speicher-75-prozent"]


def test_a_heat_pump_beside_heat_recovery_has_a_rate_for_each_part_and_no_eeg_note():
    """KR Nr. 2.4.3.2 and 2.4.3.3: heat recovery is energy efficiency (30 %), a heat pump renewable energy for own use
    (45 %), each raised by 20 points for a small company; no one rate holds for the whole. The EEG pays for
    electricity, so its rule is no note for a heat pump; the heat pump's own requirement (Anhang VII of the RED) is."""
    result = assess(read_profile("Pulverbeschichtung, 26 MA, kleines Unternehmen: der Einbrennofen läuft mit Gas, wir "
                                 "stellen auf Wärmepumpe + Wärmerückgewinnung um."), None, FundingKnowledge.load())
    path = _path(result, "grw-gewerbe/transformation")
    assert [(p.part, p.percent, p.base_rate, p.source.section) for p in path.part_rates] == [
        ("Energieeffizienz", 50, 30, "2.4.3.2"), ("erneuerbare Eigenversorgung", 65, 45, "2.4.3.3")]
    assert path.applicant_rate == 50 and path.rate_for == "energy_efficiency"  # the first part's, for the sums
    applying = {c.id for c in path.conditions if c.applies}
    assert "waermepumpe-anhang-vii" in applying and "keine-eeg-doppelfoerderung" not in applying
    single = assess(read_profile("Kleines Unternehmen, 12 MA: PV-Anlage aufs Dach für den Eigenverbrauch."), None,
                    FundingKnowledge.load())
    pv = _path(single, "grw-gewerbe/transformation")
    assert pv.part_rates == [] and pv.applicant_rate == 65
    assert {c.id for c in pv.conditions if c.applies} >= {"keine-eeg-doppelfoerderung"}


def test_the_cap_per_new_job_is_data_its_quote_holds():
    """The per-job cap used in own calculations stands in the rule's quote (KR Nr. 2.6.2 (4))."""
    capped = [c for path in FundingKnowledge.load().paths for c in path.conditions if c.per_new_job_eur]
    assert capped and all("1.000.000 Euro" in c.source.quote and c.per_new_job_eur == 1_000_000 for c in capped)
    # and the cap per job secured beside it (750.000 Euro)
    assert all("750.000 Euro" in c.source.quote and c.per_secured_job_eur == 750_000 for c in capped)


def test_a_towns_land_for_a_brownfield_follows_the_model_of_nr_5():
    """KR Nr. 5 holds for every project of Nr. 3.2.2.1, the revitalisation of a brownfield too: land bought by the town
    is eligible up to 25 % of the measure, if bought from 1 July 2025 on."""
    result = assess(read_profile("Wir haben eine 5 ha große Gewerbebrache, Boden belastet. Idee: Stadt kauft, reißt ab, "
                                 "saniert und vermarktet an KMU."), None, FundingKnowledge.load())
    path = _path(result, "grw-infrastruktur/revitalisierung")
    assert not path.blocked and not path.excluded_costs
    assert {"grunderwerb", "grunderwerb-anteil", "grunderwerb-stichtag"} <= {c.id for c in path.conditions}


def test_no_next_step_holds_a_figure():
    """A next step is the project's own advice, cited to no quote: a figure in it could be traced to none and would be
    cut from the answer (issue 12: every figure traceable)."""
    from assistant.text.figures import figures

    paths = FundingKnowledge.load().all_paths()
    steps = [(p.id, s) for p in paths for s in p.next_steps or []] + \
        [(c.id, c.next_step) for p in paths for c in p.conditions if c.next_step]
    assert steps and [(i, s) for i, s in steps if figures(s)] == []


def test_a_bus_line_to_a_business_park_is_no_measure_of_the_infrastructure_path():
    """KR Nr. 3.2.2: the list of infrastructure measures names no bus line or shuttle for the way to work; the park
    is where the line goes, not a site to develop. A Bürgerbus is a village's own mobility: a project of rural
    development, for which LEADER is open to the club."""
    profile = read_profile("Unser Bürgerbusverein will eine Linie zum Gewerbegebiet einrichten, damit Schichtarbeiter "
                           "ohne Auto hinkommen. Wir bräuchten einen E-Kleinbus (ca. 110k) und eine Ladesäule.")
    assert profile.project_types == ["commuter_transport", "rural_development"]
    assessed = assess(profile, None, FundingKnowledge.load())
    infrastructure = _path(assessed, "grw-infrastruktur")
    assert infrastructure.blocked and "Buslinie" in infrastructure.because
    assert not _path(assessed, "leader").blocked


def test_an_alternative_main_activity_in_an_exception_of_its_line_is_not_called_excluded():
    """KR Nr. 2.7.1: 93.2 is not excluded where its services are mostly for tourists; a leisure park read as 93.21,
    with 93.29 as another possible main activity, is not told that 93.29 would exclude it when its visitors are
    mostly tourists."""
    profile = read_profile("wir betreiben nen freizeitpark (kletterwald, sommerrodelbahn), ca 60 MA, umsatz 5 mio, "
                           "besucher sind zu ca 70% urlauber/tagestouristen von weiter weg. neue attraktion für 2 mio.")
    assert profile.wz_alternatives == ["93.29"]
    firm = _path(assess(profile, None, FundingKnowledge.load()), "grw-gewerbe")
    assert not firm.blocked and not [c for c in firm.conditions if c.id == MAIN_ACTIVITY]


def test_a_firm_that_says_it_processes_vegetables_is_not_asked_for_its_main_activity():
    """Processing agricultural products (C 10) names the activity; KR Nr. 2.7.1 does not list it."""
    profile = read_profile("wir verarbeiten gemüse (schälen, schneiden, vakuumieren für großküchen), glandorf, 60 MA. "
                           "PV aufs dach für den eigenverbrauch, ca 600k. wie hoch kann die förderung sein?")
    assert profile.wz_code is None and profile.agri_processing
    questions = assess(profile, None, FundingKnowledge.load()).missing_facts
    assert not [q for q in questions if "Haupttätigkeit" in q], questions


def test_a_rule_asked_for_in_its_own_words_holds_no_figure_its_quote_does_not():
    """Such a rule is said whole in the path's line, cited to its quote: a figure of its text that the quote lacks
    would be untraceable (issue 12: every figure traceable)."""
    from assistant.text.figures import figures

    paths = FundingKnowledge.load().all_paths()
    asked = [(p.id, c) for p in paths for c in p.conditions if "asked" in c.triggers]
    assert len(asked) >= 10
    assert [(i, c.id) for i, c in asked if set(figures(c.text)) - set(figures(c.source.quote))] == []


TURNOVER_QUESTION = ("Wie hoch ist der Jahresumsatz Ihres Unternehmens? Mit ihm entscheidet sich, ob es als kleines oder "
                     "mittleres Unternehmen gilt (Nr. 2.1.5).")


def test_a_firm_small_by_its_headcount_alone_is_asked_for_its_turnover():
    knowledge = FundingKnowledge.load()
    by_headcount = read_profile("Metallbau in Quakenbrück, 30 MA, wir wollen eine zweite Halle bauen.")
    assert by_headcount.company_size == "small"
    assert TURNOVER_QUESTION in assess(by_headcount, None, knowledge).missing_facts
    # not where the turnover is given, nor where the asker says the firm is small
    given = read_profile("Metallbau in Quakenbrück, 30 MA, 4 Mio Umsatz, wir wollen eine zweite Halle bauen.")
    said = read_profile("Wir sind ein kleiner Betrieb mit 30 MA und wollen eine zweite Halle bauen.")
    assert TURNOVER_QUESTION not in assess(given, None, knowledge).missing_facts
    assert TURNOVER_QUESTION not in assess(said, None, knowledge).missing_facts
    # a firm being founded has no turnover yet
    founding = read_profile("gründe grad mit 2 kollegen ne softwarefirma in georgsmarienhütte, 3 leute, wollen büro "
                            "einrichten, server, hardware, ca 150k.")
    assert TURNOVER_QUESTION not in assess(founding, None, knowledge).missing_facts


def test_a_rented_building_names_who_may_apply_and_the_lease_rules():
    result = assess(read_profile("wir mieten ne halle in hasbergen und wollen da umbauen + neue maschinen rein. "
                                 "geht grw auch wenn uns das gebäude nicht gehört?"), None, FundingKnowledge.load())
    gewerbe = _path(result, "grw-gewerbe")
    applying = {c.id: c for c in gewerbe.conditions if c.applies}
    assert {"mietgebaeude-antrag", "mietgebaeude"} <= set(applying)
    assert applying["mietgebaeude-antrag"].source.section == "2.2.2"
    assert "drei Jahre" in applying["mietgebaeude"].text and applying["mietgebaeude"].source.section == "2.6.2"


def test_a_firm_of_an_excluded_sector_asking_about_its_towns_site_is_told_the_sites_purpose():
    history = [{"role": "user", "content": "spedition neue halle grw?"},
               {"role": "assistant", "content": "Leider nein: Verkehr und Lagerei sind ausgeschlossen."}]
    profile = read_profile("und wenn die stadt das gewerbegebiet erschließt wo wir hinwollen, kann die dafür grw "
                           "kriegen?", history)
    site = _path(assess(profile, None, FundingKnowledge.load()), "grw-infrastruktur")
    rule = next(c for c in site.conditions if c.id == "ausgeschlossener-nutzer")
    assert rule.applies and rule.effect == "matters" and "nach Maß" in rule.text


def test_a_foundry_beside_the_steel_industry_is_left_open_not_excluded():
    """KR Nr. 2.7.1 excludes C 24 only "soweit Stahlindustrie" (Art. 2 Nr. 43 AGVO, not in the corpus): groups 24.1 to
    24.3 are read as excluded, the rest of division 24 as open."""
    knowledge = FundingKnowledge.load()
    assert knowledge.doubt_for_wz("24.51").code == "C 24" and knowledge.exclusion("24.51") is None
    assert knowledge.doubt_for_wz("24.10") is None and knowledge.exclusion("24.10").code == "C 24"
    assert knowledge.doubt_for_wz("25.11") is None


def test_a_firm_of_an_excluded_sector_is_not_asked_what_it_invests_in():
    result = assess(read_profile("Kanuverleih an der Hase, 5 Aushilfen. Steg, Bootsschuppen und 30 neue Kanus, ca. "
                                 "180k. Kriegen wir da was?"), None, FundingKnowledge.load())
    assert not any(q.startswith("Was genau soll gefördert werden") for q in result.missing_facts)


def test_a_firm_that_rents_where_it_is_now_is_not_asked_what_its_old_site_sells_for():
    """KR Nr. 2.6.2 (3): the sale of the old site is deducted on a relocation; a firm renting has none to sell."""
    text = "Softwarefirma, 8 Leute, sitzen zur Miete in Wallenhorst. Wir wollen in Bramsche ein Bürogebäude bauen und " \
           "dahin umziehen, ca 1,5 Mio."
    result = assess(read_profile(text), None, FundingKnowledge.load())
    assert not any("bisherige Betriebsstätte" in q for q in result.missing_facts)
    assert not any(c.deducted for c in _path(result, "grw-gewerbe").conditions)  # nothing to deduct either
    result = assess(read_profile(text.replace("sitzen zur Miete in", "haben eine eigene Halle in") + " Die neue Halle "
                                 "wird gemietet."), None, FundingKnowledge.load())
    assert any("bisherige Betriebsstätte" in q for q in result.missing_facts)  # renting the new site says nothing
    result = assess(read_profile(text.replace("sitzen zur Miete in", "haben eine eigene Halle in")), None,
                    FundingKnowledge.load())
    assert any("bisherige Betriebsstätte" in q for q in result.missing_facts)


def test_a_trade_whose_name_also_means_an_excluded_code_is_asked_what_brings_in_most():
    """KR Nr. 2.7.1 asks for the main activity: a Metallbau firm may be a Bauschlosserei (43.32); what each line brings
    in decides, and is asked for in the business's own lines (not a workshop's words to a haulier) unless the text
    says it."""
    question = "Was bringt in Ihrer Betriebsstätte den größten Teil des Umsatzes"
    result = assess(read_profile("Metallbaubetrieb, 28 MA, neue Halle für 900k."), None, FundingKnowledge.load())
    assert any(q.startswith(question) for q in result.missing_facts)
    result = assess(read_profile("Metallbaubetrieb, 28 MA, 70 % Umsatz mit Fertigung in der Werkstatt, neue Halle."),
                    None, FundingKnowledge.load())
    assert not any(q.startswith(question) for q in result.missing_facts)


@pytest.mark.parametrize("text, said", [
    ("Wir betreiben ein Café mit eigener Kaffeerösterei in Bramsche, 5 MA, und wollen eine neue Röstmaschine kaufen.",
     False),
    ("Wir betreiben ein Café mit eigener Kaffeerösterei, die Rösterei macht 70 % vom Umsatz. Neue Röstmaschine.", True),
])
def test_an_excluded_business_with_a_second_line_the_list_does_not_name_is_told_the_main_activity_decides(text, said):
    """KR Nr. 2.7.1 excludes by the main activity: a café (I 56) that roasts its own coffee (C 10.83) is out only if
    the café is the main line. Where the text gives shares, they decide and nothing is asked."""
    profile = read_profile(text)
    firm = _path(assess(profile, None, FundingKnowledge.load()), "grw-gewerbe")
    questions = assess(profile, None, FundingKnowledge.load()).missing_facts
    if said:
        assert not firm.blocked and profile.wz_code == "10.83"
        return
    assert firm.blocked and firm.main_activity_decides
    assert "10.83 Verarbeitung von Kaffee und Tee" in firm.because and "Ist „Café“" in firm.because
    assert "Was bringt in Ihrer Betriebsstätte den größten Teil des Umsatzes: Cafés oder Verarbeitung von Kaffee und " \
        "Tee?" in questions


def test_an_excluded_business_whose_second_line_is_excluded_too_gets_a_plain_no():
    """A car dealer with a workshop: 47.81 (G) and 95.31 (T) are both on the list of Nr. 2.7.1."""
    firm = _path(assess(read_profile("Autohaus mit Kfz-Werkstatt in Melle, 22 MA. Werkstatt erweitern. Geht GRW?"), None,
                        FundingKnowledge.load()), "grw-gewerbe")
    assert firm.blocked and not firm.main_activity_decides


def test_a_private_household_is_offered_leader_only_and_asked_nothing_of_a_firm():
    assessed = assess(read_profile("ich will auf mein einfamilienhaus in hasbergen PV + speicher, ca 25.000 €."), None,
                      FundingKnowledge.load())
    assert [p.id.split("/")[0] for p in assessed.paths] == ["leader"]
    assert not assessed.missing_facts


def test_a_shuttle_to_the_business_park_is_a_measure_of_3_6_without_its_running_costs():
    """KR Nr. 3.6 (1): measures the KR does not foresee elsewhere; (5): running costs are not eligible. The
    infrastructure funding of Nr. 3.2.2 names no such measure."""
    assessed = assess(read_profile("Die Stadt Melle möchte einen Rufbus für Schichtarbeiter zum Gewerbegebiet und zwei "
                                   "Mobilitätsstationen. Was ist förderbar?"), None, FundingKnowledge.load())
    site = _path(assessed, "grw-nichtinvestiv/standortattraktivitaet")
    assert not site.blocked and any(c.id == "keine-betriebskosten" and c.applies for c in site.conditions)
    assert _path(assessed, "grw-infrastruktur").blocked


@pytest.mark.parametrize("text, asked", [
    ("Wir wollen den Kurpark sanieren, das Gradierwerk ist marode. Geht das über die GRW?", True),
    ("Die Stadt will die alte Ziegeleibrache mit Altlasten sanieren und als Gewerbefläche vermarkten.", False),
    ("Hafen am Mittellandkanal: wir wollen die Kaimauer erneuern. Was ist förderfähig?", False),
])
def test_renewing_an_existing_facility_is_told_what_a_modernisation_is(text, asked):
    """KR Nr. 3.2.1.9: a modernisation goes beyond restoring the former state. Not where soil is cleaned (Nr.
    3.2.2.1 (3)), nor for a harbour, whose own rule names replacement too (Nr. 3.2.2.7 (2) a)."""
    profile = read_profile(text)
    shown = [c for p in assess(profile, None, FundingKnowledge.load()).paths for c in p.conditions
             if c.id == "modernisierung-infrastruktur" and c.applies]
    assert bool(shown) == asked


@pytest.mark.parametrize("text, asked", [
    ("Die Gemeinde plant ein Besucherzentrum mit Ausstellung, 2,4 Mio. Wir würden 8 € Eintritt nehmen. Geht GRW?", True),
    ("Die Stadt plant ein Besucher- und Infozentrum, Eintritt frei, ca. 2,1 Mio. Was brauchen wir für GRW?", False),
    ("Unser Gradierwerk braucht eine Erweiterung, Eintritt nehmen wir keinen. Welcher Fördersatz?", False),
])
def test_a_fee_the_tourist_facility_charges_asks_for_the_rule_on_facilities_that_earn(text, asked):
    """KR Nr. 3.2.2.5 (6) names only unentgeltliche information centres among the facilities that earn nothing; one
    that charges is limited to its funding gap ((9))."""
    shown = [c for p in assess(read_profile(text), None, FundingKnowledge.load()).paths for c in p.conditions
             if c.id == "einnahmeschaffend" and c.named]
    assert bool(shown) == asked


def test_a_firm_that_tells_its_partners_share_and_staff_is_not_asked_for_them_again():
    """Nr. 2.1.5: the partners' figures count in; where the asker gives the share and the partner's staff (or the
    group's figures as a whole), no question asks for them."""
    for text in ("Softwarefirma, 30 MA: die GmbH gehört zu 60 % der Firma meiner Frau, die hat 70 Angestellte. Neue "
                 "Büroräume für 400k.",
                 "Metallbau, 48 MA, wir gehören zu 70 % einer Holding. Konzernweit sind das ca 600 Leute. Neue Halle."):
        result = assess(read_profile(text), None, FundingKnowledge.load())
        assert not any("mit denen Ihr Unternehmen über Beteiligungen verbunden ist" in q for q in result.missing_facts), \
            (text, result.missing_facts)


def test_an_energy_network_beside_a_new_site_is_a_measure_of_its_own_and_its_storage_is_left_out():
    """A business park with a heat network and a battery for the whole site: the site's development (Nr. 3.2.2.1)
    leads, the energy infrastructure (Nr. 4) follows with its own rate, and Nr. 4 leaves storage out; a study for such
    a site is the project asked about, with no measure beside it."""
    knowledge = FundingKnowledge.load()
    profile = read_profile("Gemeinde Melle: für ein neues Gewerbegebiet denken wir an ein Nahwärmenetz und einen "
                           "Batteriespeicher fürs ganze Gebiet. Gibts da GRW-Geld?")
    ids = [p.id for p in assess(profile, None, knowledge).paths if not p.blocked]
    assert ids[:2] == ["grw-infrastruktur/gewerbegelaende", "grw-infrastruktur/energie"], ids
    energy = _path(assess(profile, None, knowledge), "grw-infrastruktur/energie")
    assert [c.id for c in energy.excluded_costs] == ["keine-speicher"]
    study = read_profile("Gemeinde Bohmte: wir wollen erst eine Machbarkeitsstudie für ein energieautarkes Gewerbegebiet "
                         "mit H2-Anschluss machen lassen.")
    assert "grw-infrastruktur/energie" not in [p.id for p in assess(study, None, knowledge).paths]


def test_a_public_bodys_power_plant_is_no_infrastructure_measure():
    """Neither the list of Nr. 3.2.2 nor Nr. 4 (energy infrastructures under Art. 48 AGVO) names generation."""
    knowledge = FundingKnowledge.load()
    park = _path(assess(read_profile("Kann die Gemeinde einen Solarpark neben dem Gewerbegebiet über GRW fördern?"),
                        None, knowledge), "grw-infrastruktur")
    assert park.blocked and park.because.startswith("Eine Anlage, die Strom oder Wärme erzeugt")
    assert park.reason_sources[0].section == "4"
    network = _path(assess(read_profile("Die Gemeinde will ein Wärmenetz für das Gewerbegebiet bauen, gespeist aus "
                                        "einer Biogasanlage."), None, knowledge), "grw-infrastruktur")
    assert not network.blocked


@pytest.mark.parametrize("text, condition", [
    # Nr. 2.8.1: what follows when the conditions are not met
    ("Tischlerei, 20 MA, neue Halle. Müssen wir die Förderung zurückzahlen, wenn wir die Stellen nicht halten?",
     "rueckforderung"),
    # Nr. 2.8.2.2 (1) e: jobs the labour market cannot fill
    ("Verpackungsbetrieb, 95 MA, neue Linie. Was, wenn wir die Stellen nicht nachbesetzt kriegen, weil der "
     "Arbeitsmarkt leer ist?", "absehen-von-rueckforderung"),
])
def test_what_follows_when_a_firm_misses_its_conditions_is_said_where_the_question_asks_for_it(text, condition):
    knowledge = FundingKnowledge.load()
    asked = _path(assess(read_profile(text), None, knowledge), "grw-gewerbe")
    plain = _path(assess(read_profile(text.split(".")[0] + "."), None, knowledge), "grw-gewerbe")
    assert condition in [c.id for c in asked.conditions] and condition not in [c.id for c in plain.conditions]


def test_an_exclusion_line_names_its_exceptions_by_code_whatever_their_condition():
    """KR Nr. 2.7.1: "E … (außer 38.21 und 39)"; H's 52.25 is an exception too, 49.41 is not."""
    knowledge = FundingKnowledge.load()
    waste, transport = knowledge.sector_for_wz("38.11"), knowledge.sector_for_wz("49.41")
    assert waste.names_exception("38.21") and waste.names_exception("39.00") and not waste.names_exception("38.11")
    assert transport.names_exception("52.25") and not transport.names_exception("49.41")


@pytest.mark.parametrize("text", ["Welche Kosten zählen und was ist der max. Zuschuss?", "Rechnen Sie mir den maximalen "
                                  "Zuschuss aus."])
def test_the_maximum_grant_asked_for_in_short_asks_how_much(text):
    from assistant.funding.rules import ASKS_HOW_MUCH
    assert ASKS_HOW_MUCH.search(text)


def test_a_place_outside_the_grw_areas_blocks_the_path_and_names_what_decides():
    """KR Anhang 5: no row, no GRW there; what decides is where the funded site lies, and the Landkreis is a D area as
    a whole (so a site there is open to a firm from elsewhere)."""
    from assistant.funding.rules import outside_areas

    knowledge = FundingKnowledge.load()
    path = assess(read_profile("Metallbau, 40 MA, neue Halle."), None, knowledge).paths[0]
    blocked = outside_areas(path, "Lingen", knowledge)
    assert blocked.blocked and blocked.reasons[0].startswith("Lingen steht nicht in der Liste der GRW-Fördergebiete")
    assert "Maßgeblich ist der Ort der geförderten Betriebsstätte" in blocked.reasons[0]
    assert "Landkreis Osnabrück ist ganz D-Fördergebiet" in blocked.reasons[0]
