"""corpus/goal_profiles.yaml: the team's goal profiles enrich the search text of IREK goal passages; a misspelt key
is an error that names the file and the key instead of a profile silently missing."""

from __future__ import annotations

import hashlib

import pytest

from assistant.core.curated import CuratedDataError
from assistant.core.model import Passage
from helpers.corpus import REAL_CORPUS
from ingest.enrichment import PROFILES_FILE, GoalProfiles, GoalProfilesError

PROFILES = """\
version: 1
corridors:
  - {code: "1", title: "Regionale Leitbranchen"}
leitziele:
  - {code: "1.1", title: "Regionale Leitbranchen stärken", corridor: "1"}
goals:
  - code: "1.1.1"
    title: "Transformation fördern"
    leitziel: "1.1"
    summary: "Betriebe passen sich an Umbrüche an."
    project_examples: ["Ein Zulieferer entwickelt neue Produkte."]
    keywords: [Transformation, Resilienz]
    not_this_goal: "Energiekosten: 1.1.2."
"""


def _write(tmp_path, text: str):
    (tmp_path / PROFILES_FILE).write_text(text, encoding="utf-8")
    return tmp_path


def test_profile_text_is_added_to_the_search_text_only(tmp_path):
    profiles = GoalProfiles.load(_write(tmp_path, PROFILES))
    assert profiles.content_hash == hashlib.sha256((tmp_path / PROFILES_FILE).read_bytes()).hexdigest()
    assert profiles.profile_text("1.1.1") == ("Betriebe passen sich an Umbrüche an.\n"
                                              "Beispiele: Ein Zulieferer entwickelt neue Produkte.\n"
                                              "Stichworte: Transformation, Resilienz")
    assert profiles.profile_text("9.9.9") == ""
    passage = Passage(chunk_id="p", document="irek", document_title="IREK", text="1.1.1 Transformation", start=0, end=20,
                      page_start=None, page_end=None, section_number="1.1.1", section_title="Transformation",
                      goal_code="1.1.1", search_text="1.1.1 Transformation")
    profiles.enrich([passage])
    assert passage.text == "1.1.1 Transformation" and "Stichworte: Transformation" in passage.search_text


def test_no_profiles_file_means_no_profiles(tmp_path):
    profiles = GoalProfiles.load(tmp_path)
    assert profiles.by_code == {} and profiles.content_hash == ""


@pytest.mark.parametrize("wrong, right, where", [
    ("    keywords:", "    keywrods:", "goals[0] (1.1.1)"),
    ("    project_examples:", "    examples:", "goals[0] (1.1.1)"),
    ("corridor: \"1\"}", "korridor: \"1\"}", "leitziele[0] (1.1)"),
    ("goals:", "goal:", ""),
])
def test_a_misspelt_key_is_rejected_naming_file_and_key(tmp_path, wrong, right, where):
    text = PROFILES.replace(wrong, right)
    key = right.strip().split(":")[0]
    with pytest.raises(GoalProfilesError) as caught:
        GoalProfiles.load(_write(tmp_path, text))
    message = str(caught.value)
    assert isinstance(caught.value, CuratedDataError)
    assert message.startswith(f"{tmp_path / PROFILES_FILE}{', ' + where if where else ''}: unbekannter Schlüssel „{key}“")


def test_a_goal_code_twice_is_an_error(tmp_path):
    text = PROFILES + PROFILES[PROFILES.index("  - code: \"1.1.1\""):]
    with pytest.raises(GoalProfilesError, match=r"goals\[1\] \(1\.1\.1\)\.code: der Code „1\.1\.1“ kommt doppelt vor"):
        GoalProfiles.load(_write(tmp_path, text))


def test_real_profiles_cover_every_goal_once():
    profiles = GoalProfiles.load(REAL_CORPUS)
    assert len(profiles.by_code) == 55
    assert all(profiles.profile_text(code) for code in profiles.by_code)
