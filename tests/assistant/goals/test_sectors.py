"""The sector goals (assistant/knowledge/sector_goals.yaml): every WZ code exists in WZ 2025, every goal in the IREK's
numbering, and a firm's sector finds its goals."""

from __future__ import annotations

import re

import pytest
import yaml
from helpers.corpus import REAL_CORPUS

from assistant.goals.sectors import SectorGoals

GOALS = SectorGoals.load()
GOAL_CODE = re.compile(r"[1-4]\.[1-5]\.[1-7]")


def test_every_wz_code_is_a_code_of_wz_2025_and_every_goal_a_handlungsziel():
    from wz_code import WZ

    wz = WZ(version="2025")
    codes = [c for s in GOALS.sectors for c in s.wz] + GOALS.handwerk.wz
    assert all(wz.exists(c) for c in codes), [c for c in codes if not wz.exists(c)]
    assert all(GOAL_CODE.fullmatch(g) for s in GOALS.sectors for g in s.goals)
    assert all(s.quote.startswith(s.goals[0]) for s in GOALS.sectors), "each entry quotes its first goal's title"


@pytest.mark.parametrize("wz, text, goals", [
    ("25.11", "", ["1.1.5", "1.1.2", "1.1.1"]),  # Metallbau: a craft, and the metal industry
    ("28.30", "", ["1.1.3", "1.1.2", "1.1.1"]),  # agricultural machinery before machine building in general
    ("55.10", "", ["4.3.3", "4.3.1"]),
    ("49.41", "", ["1.1.4"]),
    ("62.10", "", ["2.4.2"]),
    ("86.21", "", ["4.2.1"]),  # a doctor's practice: medical provision (Leitziel 4.2), not health tourism
    ("88.10", "", ["4.2.2", "4.2.1"]),
    ("59.14", "", ["4.1.3"]),  # a cinema: a cultural offer, though its class stands in section J
    ("C", "", ["1.1.1"]),  # a maker of goods whose product names no division: the industrial value chains
    (None, "Wir sind ein Meisterbetrieb im Handwerk", ["1.1.5"]),
    # a trade of HwO Anlage A whose class is mostly industry or trade, named by its title
    ("32.20", "Orgelbauwerkstatt mit 9 Leuten", ["1.1.5", "1.1.1"]),
    ("47.78", "augenoptiker in melle", ["1.1.5"]),
    ("32.20", "Klavierfabrik mit 200 Leuten", ["1.1.1"]),
    (None, "Eine Gemeinde plant ein Gewerbegebiet", []),
])
def test_a_firms_sector_finds_the_goals_that_name_it(wz, text, goals):
    assert GOALS.goals_for(wz, text) == goals


def test_a_firms_own_investment_with_no_trade_named_finds_the_goal_on_firms_across_sectors():
    assert GOALS.firm_default is not None and GOALS.firm_default.quote.startswith(GOALS.firm_default.goals[0])
    assert GOALS.goals_for_firm(None, "Mittelständler, 120 MA, neue Halle", invests=True) == ["1.1.1"]
    assert GOALS.goals_for_firm(None, "Mittelständler, 120 MA, Beratung", invests=False) == []
    assert GOALS.goals_for_firm("55.10", "", invests=True) == ["4.3.3", "4.3.1"]  # a named trade keeps its own


def test_a_large_maker_of_a_craft_class_is_led_by_its_sector_goal_and_a_named_craft_still_leads():
    """A meat processor of 420 people (WZ 10.13, also the butcher's class) is an industrial maker: the
    Ernährungswirtschaft goal first, the Handwerk goal after it; where the text names the craft, it leads whatever the
    size."""
    assert GOALS.goals_for_firm("10.13", "", large=True)[:1] == ["1.1.3"]
    assert GOALS.goals_for_firm("10.13", "", large=True)[-1] == "1.1.5"
    assert GOALS.goals_for_firm("10.13", "")[:1] == ["1.1.5"]
    assert GOALS.goals_for_firm("10.13", "Wir sind ein Handwerksbetrieb", large=True)[:1] == ["1.1.5"]


def test_a_kind_of_measure_finds_the_goal_whose_title_names_it():
    """Each entry quotes its goal's title; a visitor centre (tourism facility) finds 4.3.1, a spa's facility then health
    tourism's 4.3.2 (the KR's Kurparks and Kurhäuser are tourism facilities), an energy network 3.3.3, then 2.3.1 (the lines that link a
    business park), a brownfield 3.1.1."""
    assert all(GOAL_CODE.fullmatch(g) and e.quote.startswith(e.goals[0]) for e in GOALS.project_types for g in e.goals)
    assert GOALS.goals_for_types(["tourism_infrastructure"], "eine Badestelle am See") == ["4.3.1"]
    assert GOALS.goals_for_types(["tourism_infrastructure"], "den Kurpark mit Gradierwerk") == ["4.3.1", "4.3.2"]
    assert GOALS.goals_for_types(["energy_infrastructure"]) == ["3.3.3", "2.3.1"]
    assert GOALS.goals_for_types(["revitalisation", "industrial_site"]) == ["3.1.1"]
    assert GOALS.goals_for_types(["business_investment"]) == []
    # the budget to carry out the IREK: the goal on organising funded projects together
    assert GOALS.goals_for_types(["implementation_budget"]) == ["1.3.1"]


def test_a_measure_of_a_kind_is_served_by_no_other_narrow_kind_but_those_it_may_serve():
    """A day care for the staff of the firms around is no bus service (3.2.4), no cycle path (3.2.3) and no broadband
    (2.4.3); its own goal 4.1.3 is never among the others. A tourism facility is no energy network (3.3.3) or harbour
    (3.4.2), but a cycle path read as a tourist one may link the workplaces as well (3.2.3, `may_serve`); a digital hub
    may be 2.4.3's. The goals of broad kinds, and 4.1.3 whose title takes a bath or a stage too, are never put aside."""
    others = GOALS.goals_of_other_kinds(["workforce_facility"])
    assert {"3.2.4", "3.2.3", "2.4.3", "3.4.2"} <= set(others) and "4.1.3" not in others
    tourism = GOALS.goals_of_other_kinds(["tourism_infrastructure"])
    assert {"3.3.3", "3.4.2", "3.2.4"} <= set(tourism) and not {"3.2.3", "4.1.3", "4.3.2"} & set(tourism)
    assert "2.4.3" not in GOALS.goals_of_other_kinds(["business_centre"])
    assert GOALS.goals_of_other_kinds(["business_investment"]) == []
    assert "3.2.3" not in GOALS.goals_of_other_kinds(["commuter_cycle_path", "industrial_site"])
    set_aside = {g for e in GOALS.project_types for g in GOALS.goals_of_other_kinds([e.type])}
    assert set_aside and not set_aside & {"4.1.3", "4.3.1", "2.1.3", "3.3.1"}


def test_a_firms_own_investment_serves_the_housing_goal_only_where_it_provides_homes():
    """4.1.2 "Bezahlbaren Wohnraum fördern": a car dealer's showroom does not serve it, flats for apprentices do; the
    public tasks stay aside either way, except a goal that is the firm's own sector's."""
    assert "4.1.2" in GOALS.not_served_by_firm([], "Autohaus, wir wollen den Showroom erweitern")
    assert "4.1.2" not in GOALS.not_served_by_firm([], "Wir wollen Wohnungen für unsere Azubis bauen")
    assert set(GOALS.public_goals) - {"4.1.3"} <= set(GOALS.not_served_by_firm(["4.1.3"], "Fitnessstudio"))
    assert "4.1.3" not in GOALS.not_served_by_firm(["4.1.3"], "Fitnessstudio")
    assert GOALS.housing is not None and GOALS.housing.quote.startswith(GOALS.housing.goals[0])


def test_the_goals_of_public_tasks_quote_their_titles():
    """Each entry of `public_tasks` is the start of its Handlungsziel's title, code first (corpus/goal_profiles.yaml
    holds the titles); the goals of firms' own sectors are none of them, except 4.1.3, the cultural and social offers,
    which only a firm of culture, sport and leisure serves (its sector's goal, kept for it)."""
    profiles = yaml.safe_load((REAL_CORPUS / "goal_profiles.yaml").read_text(encoding="utf-8"))
    titles = {g["code"]: g["title"] for g in profiles["goals"]}
    assert len(GOALS.public_goals) == len(set(GOALS.public_goals)) >= 10
    for entry, code in zip(GOALS.public_tasks, GOALS.public_goals, strict=True):
        assert GOAL_CODE.fullmatch(code) and titles[code].startswith(entry.removeprefix(code).strip()), entry
    assert set(GOALS.public_goals) & {g for s in GOALS.sectors for g in s.goals} == {"4.1.3"}
    assert {"3.1.6", "3.3.3", "2.3.1"} <= set(GOALS.public_goals) and "2.3.3" not in GOALS.public_goals



def test_craft_words_inside_other_words_name_no_craft():
    """"Sägewerk" holds "gewerk", "Kiesgewinnung" holds "innung": neither is a craft (Handlungsziel 1.1.5); a
    "Bäckerinnung" is."""
    goals = SectorGoals.load()
    assert "1.1.5" not in goals.goals_for("16.11", "sägewerk in bersenbrück")
    assert "1.1.5" not in goals.goals_for(None, "Kiesgewinnung am Standort")
    assert "1.1.5" in goals.goals_for(None, "wir sind in der Bäckerinnung")


def test_a_firms_own_investment_serves_no_network_and_no_other_sectors_goal():
    """A dental laboratory (WZ 32.50: a craft and the health economy) going digital: its own investment serves the
    craft's 1.1.5, the digitalisation of small firms (2.4.2, named by "digital") and the Leitbranchen's 1.1.1, not the
    health economy's networks (1.2.2) or transfer (4.2.3); the care facilities' 4.2.2 and the hotels' 4.3.3 are other
    sectors' goals. The goals that take every sector (1.1.1, 2.4.2) are nobody's other sector."""
    favoured = GOALS.for_own_investment(GOALS.goals_for_firm("32.50", "", invests=True), "komplett auf digital umstellen")
    assert favoured == ["1.1.5", "2.4.2", "1.1.1"]
    assert GOALS.for_own_investment(["4.3.3", "4.3.1"], "neue Zimmer") == ["4.3.3", "4.3.1"]
    not_served = GOALS.not_served_by_firm(favoured, "komplett auf digital umstellen", ["32.50"])
    assert {"1.2.2", "4.2.3", "4.2.2", "4.3.3", "1.1.4"} <= set(not_served)
    assert not set(favoured) & set(not_served)
    assert not {"1.1.1", "2.4.2"} & set(GOALS.other_sectors_goals(["55.10"]))
    # a hotel or a machine works is no craft business (1.1.5 another sector's goal), a dental laboratory is one
    assert "1.1.5" in GOALS.other_sectors_goals(["55.10"]) and "1.1.5" in GOALS.other_sectors_goals(["28.22"])
    assert "1.1.5" not in GOALS.other_sectors_goals(["32.50"])
    assert GOALS.other_sectors_goals([]) == [] and "4.2.2" not in GOALS.other_sectors_goals(["87.10"])
    # a brewery with a taproom (11.05, read also as 56.30) keeps the goals of both its sectors
    assert not {"1.1.3", "4.3.3"} & set(GOALS.other_sectors_goals(["11.05", "56.30"]))


def test_the_goals_of_networks_quote_their_titles_and_the_worded_goal_is_bounded():
    profiles = yaml.safe_load((REAL_CORPUS / "goal_profiles.yaml").read_text(encoding="utf-8"))
    titles = {g["code"]: g["title"] for g in profiles["goals"]}
    for entry, code in zip(GOALS.network_tasks, GOALS.network_goals, strict=True):
        assert GOAL_CODE.fullmatch(code) and titles[code].startswith(entry.removeprefix(code).strip()), entry
    assert not set(GOALS.network_goals) & set(GOALS.public_goals)
    assert all(code in titles for code in GOALS.all_sectors)
    words = GOALS.firm_worded[0].words
    assert re.search(words, "Digitalisierung der Fertigung", re.IGNORECASE)
    assert re.search(words, "eine KI-Qualitätskontrolle", re.IGNORECASE)
    assert not re.search(words, "Kita für die Kinder der Belegschaft", re.IGNORECASE)


def test_a_firms_plant_serves_a_goal_of_a_subject_beside_it_only_where_the_text_names_it():
    """Training (2.1.3), the energy transition (2.3.2, 2.3.3), digitalisation (2.4.2, 2.4.4), climate adaptation
    (3.4.1) and the other `plant_topics` are subjects beside a firm's hall or machine: a new hall named with none of
    their words serves none of them; a training workshop for the apprentices serves 2.1.3, a PV plant on the roof the
    energy transition's goals. A goal of the firm's own sector stays (an IT firm's 2.4.2)."""
    profiles = yaml.safe_load((REAL_CORPUS / "goal_profiles.yaml").read_text(encoding="utf-8"))
    titles = {g["code"]: g["title"] for g in profiles["goals"]} | {g["code"]: g["title"] for g in profiles["leitziele"]}
    for topic in GOALS.plant_topics:
        code, title = topic.quote.split(" ", 1)
        assert titles[code].startswith(title) and all(g.startswith(code) for g in topic.goals), topic.quote
    topics = {g for topic in GOALS.plant_topics for g in topic.goals}
    assert not topics & set(GOALS.public_goals) and not topics & set(GOALS.network_goals)
    hall = "Wir wollen eine neue Fertigungshalle mit zwei Maschinen bauen, 1,2 Mio, 40 MA"
    assert {"2.1.3", "2.3.3", "2.4.2", "3.4.1", "4.1.1"} <= set(GOALS.not_served_by_firm([], hall, []))
    assert "2.1.3" not in GOALS.not_served_by_firm([], hall + ", dazu eine Lehrwerkstatt für unsere Azubis", [])
    assert not {"2.3.2", "2.3.3"} & set(GOALS.not_served_by_firm([], hall + " und PV aufs Dach", []))
    assert "2.4.2" not in GOALS.not_served_by_firm(["2.4.2"], "Softwarehaus, neues Bürogebäude", ["62.10"])
    # (only for an investment in the plant: a firm's other questions keep them, `codes` None)
    assert "2.1.3" not in GOALS.not_served_by_firm([], hall)
    # the words are whole words: a "Gründer" founds, "aus diesen Gründen" does not; "Stromtrasse" is energy
    words = {topic.quote.split(" ", 1)[0]: topic.words for topic in GOALS.plant_topics}
    assert re.search(words["2.2.1"], "wir sind Gründer einer GmbH", re.IGNORECASE)
    assert not re.search(words["2.2.1"], "aus diesen Gründen", re.IGNORECASE)
    assert re.search(words["2.3"], "die alten Gasöfen durch Elektro-Etagenöfen ersetzen", re.IGNORECASE)
    assert not re.search(words["2.1.3"], "neue Arbeitsplätze schaffen", re.IGNORECASE)


def test_of_a_firm_whose_trade_is_unknown_a_sectors_goal_needs_its_sector_named():
    """"cnc-bearbeitungszentrum schon bestellt, 650k, wir sind 28 leute": no trade read, so no sector's goal is the
    firm's own; machine building's 1.1.2, agri-food's 1.1.3, logistics' 1.1.4, the crafts' 1.1.5, care's 4.2.2 and
    lodging's 4.3.3 are served only where the text names their sector (or, for the crafts, a craft); the Leitbranchen's
    1.1.1, which takes every sector, always."""
    text = "cnc-bearbeitungszentrum schon bestellt (auftrag raus letzte woche), 650k, wir sind 28 leute in melle"
    not_served = set(GOALS.not_served_by_firm([], text, []))
    assert {"1.1.2", "1.1.3", "1.1.4", "1.1.5", "4.2.2", "4.3.3"} <= not_served and "1.1.1" not in not_served
    assert "1.1.2" not in GOALS.not_served_by_firm([], "wir sind ein Kunststoff-Spritzgießer, 28 Leute", [])
    assert "1.1.3" not in GOALS.not_served_by_firm([], "neue Linie für unsere Lebensmittel", [])
    assert "1.1.3" not in GOALS.not_served_by_firm([], "Wir sind ein Kartoffelschälbetrieb, beliefern Großküchen", [])
    assert "1.1.5" not in GOALS.not_served_by_firm(["1.1.5"], "Meisterbetrieb, neue Halle", [])
