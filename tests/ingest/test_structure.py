"""Structure recovery: GRW section numbers from the outline, Markdown headings, and the IREK goal tree."""

from __future__ import annotations

from pathlib import Path

import yaml

from assistant.core.model import CleanDocument, Source
from ingest.structure import markdown_sections

EXPECTED_GOALS = yaml.safe_load((Path(__file__).parent / "data" / "irek_goals.yaml").read_text(encoding="utf-8"))


def _assert_tiling(sections, text):
    """Sections follow each other without gaps or overlaps and cover the text after the first heading; a section
    that held only its heading is left empty (its heading opens its first subsection)."""
    sections = [s for s in sections if s.end > s.start]
    assert sections, "no sections"
    for a, b in zip(sections, sections[1:]):
        assert a.start < a.end <= b.start
    assert sections[-1].end <= len(text)


def _by_number(sections):
    """The first text-bearing section of each number (a footnote, or the rest of a section after its page's
    footnotes, carries the same number)."""
    result = {}
    for section in sections:
        if not section.footnote and section.end > section.start:
            result.setdefault(section.number, section)
    return result


# --- GRW ---------------------------------------------------------------------------------------------------

def test_grw_sections_start_at_their_heading_on_their_page(grw_prepared):
    clean = grw_prepared.clean
    sections = _by_number(grw_prepared.sections)
    expected = {
        "3.4.2": ("Umsetzung regionaler Entwicklungskonzepte über ein eigenes Budget", 33),
        "2.7.1": ("Ausschluss von der Förderung", 18),
        "3.2.1.1": ("Fördersätze", 22),
        "2.4.3.1": ("Investitionsvorhaben mit besonderen Umweltschutzeffekten", 12),
        "3.4.1": ("Erstellung regionaler Entwicklungskonzepte", 32),
    }
    for number, (title, page) in expected.items():
        section = sections[number]
        assert section.title == title
        # a section that held only its heading (and a lead-in) opens its first subsection: 3.2.1.1 starts with 3.2, 3.2.1
        assert title in clean.text[section.start:section.start + 500].split("\n"), number
        assert clean.page_at(section.start) == page, number
    assert sections["Anhang 5"].title.startswith("Regionalfördergebiet")
    assert clean.page_at(sections["Anhang 5"].start) == 87


def test_grw_section_content_stays_in_its_section(grw_prepared):
    text = grw_prepared.clean.text
    sections = _by_number(grw_prepared.sections)
    s342 = text[sections["3.4.2"].start:sections["3.4.2"].end]
    assert "500.000 Euro pro Jahr" in s342
    assert "Erstellung regionaler Entwicklungskonzepte" not in s342.split("\n", 1)[1][:200]
    s3211 = text[sections["3.2.1.1"].start:sections["3.2.1.1"].end]
    assert "60 Prozent" in s3211
    assert "Eigenanteil des Trägers" not in s3211


def test_grw_every_outline_heading_becomes_a_section(grw_prepared, grw_loaded):
    numbers = [s.number for s in grw_prepared.sections if s.number and not s.footnote]
    numbers = [n for i, n in enumerate(numbers) if i == 0 or n != numbers[i - 1]]  # a section goes on after footnotes
    assert numbers == [h.number for h in grw_loaded.outline]
    assert grw_prepared.sections[0].title == "Einleitung" and grw_prepared.sections[0].start == 0
    _assert_tiling(grw_prepared.sections, grw_prepared.clean.text)


def test_grw_section_titles_keep_suspended_compounds(grw_prepared):
    titles = {s.number: s.title for s in grw_prepared.sections if not s.footnote}
    assert titles["3.2.2.1"] == "Industrie- und Gewerbegelände"
    assert titles["3.3"] == "Förderung von Planungs- und Beratungsleistungen"
    assert titles["10.1"] == "Berichts- und Veröffentlichungspflichten der Länder"


# --- Markdown ------------------------------------------------------------------------------------------------

def test_markdown_headings_with_numbers_and_preamble():
    text = "Vorbemerkung ohne Überschrift.\n\n# Förderung\n\nText A.\n\n## 2.1 Zuschüsse\n\nText B.\n\n## Beratung ##\n\nText C."
    sections = markdown_sections(text)
    assert [(s.number, s.title) for s in sections] == [
        ("", "Einleitung"), ("", "Förderung"), ("2.1", "Zuschüsse"), ("", "Beratung")]
    assert text[sections[2].start:sections[2].end].strip() == "## 2.1 Zuschüsse\n\nText B."
    assert sections[-1].end == len(text)
    _assert_tiling(sections, text)


# --- IREK goal tree --------------------------------------------------------------------------------------------

def _goals(irek_prepared, level):
    return {g.code: g for g in irek_prepared.goals if g.level == level}


def test_irek_goal_tree_matches_the_hand_checked_list(irek_prepared):
    corridors = _goals(irek_prepared, "corridor")
    leitziele = _goals(irek_prepared, "leitziel")
    handlungsziele = _goals(irek_prepared, "handlungsziel")
    assert len(corridors) == 4 and len(leitziele) == 15 and len(handlungsziele) == 55
    assert {c: g.title for c, g in corridors.items()} == EXPECTED_GOALS["corridors"]
    assert {c: g.title for c, g in leitziele.items()} == EXPECTED_GOALS["leitziele"]
    assert {c: g.title for c, g in handlungsziele.items()} == EXPECTED_GOALS["handlungsziele"]


def test_irek_goal_parents_and_corridors(irek_prepared):
    for goal in irek_prepared.goals:
        parts = goal.code.split(".")
        if goal.level == "corridor":
            assert goal.parent == "" and len(parts) == 1
        elif goal.level == "leitziel":
            assert (goal.parent, goal.corridor) == (parts[0], parts[0])
        else:
            assert (goal.parent, goal.corridor) == (".".join(parts[:2]), parts[0])
    codes = [g.code for g in irek_prepared.goals]
    assert len(codes) == len(set(codes)) == 74


def test_irek_corridor_descriptions_are_their_introductory_text(irek_prepared):
    corridors = _goals(irek_prepared, "corridor")
    assert corridors["1"].description.startswith("Der Landkreis Osnabrück verfügt über einen breiten und "
                                                  "vergleichsweise stabilen Branchenmix")
    assert corridors["1"].description.endswith("neue Wertschöpfungspotenziale zu erschließen.")
    assert corridors["2"].description.startswith("Innovationsfähigkeit wird im IREK als zentraler Schlüssel")
    assert "Start-up-Ökosystem" in corridors["2"].description
    assert corridors["3"].description.startswith("Eine leistungsfähige Infrastruktur bildet die Grundlage")
    assert corridors["4"].description.startswith("Lebensqualität ist ein entscheidender Faktor")
    assert corridors["4"].description.endswith("in die Entwicklungslogik eingebunden.")
    for corridor in corridors.values():
        assert "Leitziele Handlungsziele" not in corridor.description
        assert "1.1 –" not in corridor.description and "4.1 –" not in corridor.description


def test_irek_goal_sections_hold_only_their_goal(irek_prepared):
    text = irek_prepared.clean.text
    by_code = {s.goal_code: s for s in irek_prepared.sections if s.goal_code}
    assert len(by_code) == 70
    body = text[by_code["3.4.2"].start:by_code["3.4.2"].end]
    assert body == "3.4.2 Hafen- und Bahnanschluss-Strategie zwischen Stadt und Landkreis entwickeln"
    assert text[by_code["1.1"].start:by_code["1.1"].end] == "1.1 – Regionale Leitbranchen stärken"
    # the text after the last goal of corridor 4 is not part of it
    assert "Umsetzung und politische Bedeutung" not in text[by_code["4.3.3"].start:by_code["4.3.3"].end]
    for section in irek_prepared.sections:
        assert section.corridor == (section.goal_code.split(".")[0] if section.goal_code else section.corridor)


def test_plain_text_without_goals_gets_heading_sections():
    from ingest.structure import document_structure
    from assistant.core.model import LoadedDocument

    text = ("Einleitung\n"
            "Dies ist ein langer Absatz, der den Zweck des Dokuments für die Leserinnen und Leser beschreibt.\n\n"
            "Förderbedingungen\n"
            "Ein zweiter langer Absatz beschreibt die Bedingungen, unter denen eine Förderung möglich ist.")
    source = Source(id="p", title="P", path="p.txt", structure="auto")
    doc = CleanDocument(source, text, [0], False, "h")
    sections, goals = document_structure(doc, LoadedDocument(source, [text], False, "h"))
    assert goals == []
    assert [s.title for s in sections] == ["Einleitung", "Förderbedingungen"]
    assert text[sections[1].start:].startswith("Förderbedingungen")
