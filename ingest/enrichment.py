"""Team-written goal profiles (corpus/goal_profiles.yaml) enrich what IREK goal passages are found by.

The profiles are added only to a passage's search text (what is embedded and keyword-indexed), never to the
passage text that is shown and quoted: a citation always quotes the IREK itself.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import model_validator

from assistant.core.curated import Curated, CuratedDataError, DataPathError, load
from assistant.core.model import Passage

PROFILES_FILE = "goal_profiles.yaml"


class GoalProfilesError(CuratedDataError):
    """goal_profiles.yaml is not valid; the message (German) names the file and the key."""


class Corridor(Curated):
    code: str
    title: str


class Leitziel(Curated):
    code: str
    title: str
    corridor: str


class GoalProfile(Curated):
    """What the team wrote about one Handlungsziel (code "1.1.1"): only summary, examples and keywords are searched."""

    code: str
    title: str
    leitziel: str
    summary: str = ""
    project_examples: list[str] = []
    keywords: list[str] = []
    not_this_goal: str = ""


class _ProfilesFile(Curated):
    version: int = 1
    corridors: list[Corridor] = []
    leitziele: list[Leitziel] = []
    goals: list[GoalProfile] = []

    @model_validator(mode="after")
    def _codes_once(self) -> _ProfilesFile:
        for key in ("corridors", "leitziele", "goals"):
            codes = [entry.code for entry in getattr(self, key)]
            for number, code in enumerate(codes):
                if codes.index(code) != number:
                    raise DataPathError((key, number, "code"), f"der Code „{code}“ kommt doppelt vor")
        return self


@dataclass
class GoalProfiles:
    by_code: dict[str, GoalProfile] = field(default_factory=dict)
    content_hash: str = ""

    @classmethod
    def load(cls, corpus_dir: Path) -> GoalProfiles:
        path = corpus_dir / PROFILES_FILE
        if not path.is_file():
            return cls()
        profiles = load(path, _ProfilesFile, label=str(path), error=GoalProfilesError)
        return cls({goal.code: goal for goal in profiles.goals}, hashlib.sha256(path.read_bytes()).hexdigest())

    def profile_text(self, code: str) -> str:
        profile = self.by_code.get(code)
        if not profile:
            return ""
        parts = [profile.summary]
        if profile.project_examples:
            parts.append("Beispiele: " + " ".join(profile.project_examples))
        if profile.keywords:
            parts.append("Stichworte: " + ", ".join(profile.keywords))
        return "\n".join(p for p in parts if p)

    def register_text(self, code: str) -> str:
        """A goal's profile as a register text (assistant/retrieval/register.py), one line per thing said of it: the
        goal's passages then compete with the KR's sections on the register signal on equal terms."""
        profile = self.by_code.get(code)
        if not profile:
            return ""
        lines = [profile.title, profile.summary, *profile.project_examples]
        if profile.keywords:
            lines.append("Stichworte: " + ", ".join(profile.keywords))
        return "\n".join(" ".join(line.split()) for line in lines if line.strip())

    def enrich_register(self, passages: list[Passage]) -> None:
        for passage in passages:
            if passage.goal_code:
                passage.register_text = self.register_text(passage.goal_code)

    def enrich(self, passages: list[Passage]) -> None:
        for passage in passages:
            extra = self.profile_text(passage.goal_code) if passage.goal_code else ""
            if extra:
                passage.search_text = f"{passage.search_text}\n{extra}"
