"""Team-written goal profiles (corpus/goal_profiles.yaml) enrich what IREK goal passages are found by.

The profiles are added only to a passage's search text (what is embedded and keyword-indexed), never to the
passage text that is shown and quoted: a citation always quotes the IREK itself.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from assistant.core.model import Passage

PROFILES_FILE = "goal_profiles.yaml"


@dataclass
class GoalProfiles:
    by_code: dict[str, dict] = field(default_factory=dict)
    content_hash: str = ""

    @classmethod
    def load(cls, corpus_dir: Path) -> "GoalProfiles":
        path = corpus_dir / PROFILES_FILE
        if not path.is_file():
            return cls()
        raw = path.read_bytes()
        data = yaml.safe_load(raw.decode("utf-8")) or {}
        by_code = {str(goal["code"]): goal for goal in data.get("goals", [])}
        return cls(by_code, hashlib.sha256(raw).hexdigest())

    def profile_text(self, code: str) -> str:
        profile = self.by_code.get(code)
        if not profile:
            return ""
        parts = [profile.get("summary", "")]
        examples = profile.get("project_examples") or []
        keywords = profile.get("keywords") or []
        if examples:
            parts.append("Beispiele: " + " ".join(examples))
        if keywords:
            parts.append("Stichworte: " + ", ".join(keywords))
        return "\n".join(p for p in parts if p)

    def enrich(self, passages: list[Passage]) -> None:
        for passage in passages:
            extra = self.profile_text(passage.goal_code) if passage.goal_code else ""
            if extra:
                passage.search_text = f"{passage.search_text}\n{extra}"
