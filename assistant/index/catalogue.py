"""The IREK goal tree as built by the ingest: corridors, Leitziele, Handlungsziele."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.core.model import Goal


@dataclass
class GoalCatalogue:
    goals: list[Goal]

    @classmethod
    def from_snapshot(cls, snapshot) -> "GoalCatalogue":  # noqa: ANN001
        items = snapshot.goals.get("items", [])
        return cls([Goal(**{k: v for k, v in g.items() if k != "document"}) for g in items])

    def _level(self, level: str) -> list[Goal]:
        return [g for g in self.goals if g.level == level]

    @property
    def corridors(self) -> list[Goal]:
        return self._level("corridor")

    @property
    def leitziele(self) -> list[Goal]:
        return self._level("leitziel")

    @property
    def handlungsziele(self) -> list[Goal]:
        return self._level("handlungsziel")

    def get(self, code: str) -> Goal | None:
        return next((g for g in self.goals if g.code == code), None)

    def children(self, code: str) -> list[Goal]:
        if "." not in code:
            return [g for g in self.leitziele if g.corridor == code]
        return [g for g in self.handlungsziele if g.parent == code]

    def to_json(self) -> dict:
        return {
            "corridors": [{"code": g.code, "title": g.title, "description": g.description} for g in self.corridors],
            "leitziele": [{"code": g.code, "title": g.title, "corridor": g.corridor} for g in self.leitziele],
            "handlungsziele": [
                {"code": g.code, "title": g.title, "leitziel": g.parent, "corridor": g.corridor} for g in self.handlungsziele
            ],
        }
