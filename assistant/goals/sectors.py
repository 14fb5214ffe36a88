"""The IREK goals that name the applicant's sector (assistant/knowledge/sector_goals.yaml), by WZ 2025 code."""

from __future__ import annotations

import re
from pathlib import Path

from assistant.core.curated import Curated, load_once
from assistant.core.paths import KNOWLEDGE_DIR

SECTOR_GOALS_FILE = KNOWLEDGE_DIR / "sector_goals.yaml"


class Sector(Curated):
    name: str
    quote: str
    wz: list[str]
    goals: list[str]


class Handwerk(Curated):
    quote: str
    goals: list[str]
    wz: list[str]
    words: str  # a regular expression (bounded) for the words that name a craft business


class FirmDefault(Curated):
    quote: str
    goals: list[str]


class HousingGoals(Curated):
    quote: str
    goals: list[str]
    words: str  # a regular expression (bounded) for the words for homes


class WordedGoal(Curated):
    goal: str
    words: str  # a regular expression (bounded) for the words that make a measure of the kind one of this goal


class TopicGoals(Curated):
    quote: str  # the title of the first goal (code first), or of the Leitziel whose goals these are
    goals: list[str]
    words: str  # a regular expression (bounded) for the words that name the goals' subject in a question


class ProjectTypeGoals(Curated):
    type: str  # a kind of project read by the profile (funding_paths.yaml project_types)
    quote: str
    goals: list[str]
    # a goal of the kind where the text names such a measure (a spa's facilities: health tourism), after `goals`
    worded: list[WordedGoal] = []
    # the profile reads the kind from words that name it alone: a measure of it is no measure of another narrow kind
    # (a day care is no bus service), so the goals of the other narrow kinds do not serve it
    narrow: bool = False
    # the goal's title takes other kinds of measure too (4.1.3, the places' cultural and social offers): never put aside
    shared_goal: bool = False
    # goals of narrow kinds that a measure of this kind, read from words that may mean others too, may serve as well
    # (a cycle path read as a tourist one may as well link the workplaces, 3.2.3): not put aside for it
    may_serve: list[str] = []


class SectorGoals(Curated):
    version: int = 1
    sectors: list[Sector]
    handwerk: Handwerk
    firm_default: FirmDefault | None = None  # a firm's own investment with no trade named
    project_types: list[ProjectTypeGoals] = []  # a municipality's or a body's measure of a kind a goal names
    public_tasks: list[str] = []  # the titles (code first) of the goals no firm's own investment serves
    housing: HousingGoals | None = None  # the goal a firm's own investment serves only where it provides homes
    # the titles (code first) of the goals of networks, cooperation and transfer, which a firm's own investment in its
    # business serves not even where they name its sector
    network_tasks: list[str] = []
    all_sectors: list[str] = []  # goals of sector entries whose titles take firms of every sector
    # goals a firm's own investment serves where the text names such a measure (its digitalisation: 2.4.2)
    firm_worded: list[WordedGoal] = []
    # goals whose subject is a matter beside a firm's plant (its staff, its energy, its digitalisation, its staff's
    # commute, climate adaptation): served by a firm's investment in its plant only where the text names that subject
    plant_topics: list[TopicGoals] = []

    @property
    def public_goals(self) -> list[str]:
        """The codes of `public_tasks`."""
        return [title.split(" ", 1)[0] for title in self.public_tasks]

    @property
    def network_goals(self) -> list[str]:
        """The codes of `network_tasks`."""
        return [title.split(" ", 1)[0] for title in self.network_tasks]

    def for_own_investment(self, favoured: list[str], text: str) -> list[str]:
        """The favoured goals of a firm's own investment in its business: without the goals of networks and transfer
        (a dental laboratory's milling centre serves no network of the health economy), with a goal of the measure the
        text names (its digitalisation) after the first."""
        kept = [code for code in favoured if code not in self.network_goals]
        worded = [w.goal for w in self.firm_worded if re.search(w.words, text, re.IGNORECASE) and w.goal not in kept]
        return kept[:1] + worded + kept[1:]

    def other_sectors_goals(self, codes: list[str]) -> list[str]:
        """The goals of the sectors none of the firm's WZ codes belongs to, the crafts' among them, but those of its own
        sectors and those that take every sector: a dental laboratory is no care facility (4.2.2) nor a hotel (4.3.3),
        a machine works no craft business (1.1.5)."""
        codes = [c.strip() for c in codes if c and c.strip()]
        if not codes:
            return []
        own = {g for s in self.sectors if any(c.startswith(p) for c in codes for p in s.wz) for g in s.goals}
        # (the crafts' goal is a sector's too: a machine works of 400 or a hotel is no craft business, unless the
        # text names one, which makes 1.1.5 a favoured goal, `goals_for_firm`)
        if any(c.startswith(p) for c in codes for p in self.handwerk.wz):
            own |= set(self.handwerk.goals)
        others = [g for s in self.sectors for g in s.goals] + list(self.handwerk.goals)
        return list(dict.fromkeys(g for g in others if g not in own and g not in self.all_sectors))

    def not_served_by_firm(self, favoured: list[str], text: str, codes: list[str] | None = None) -> list[str]:
        """The goals a firm's own investment does not serve: the public tasks (but the firm's own favoured goals), and
        the housing goal unless the text speaks of homes; for an investment in its plant (`codes`: the WZ codes of its
        trades and of those the text names) also the goals of networks and transfer, those of other sectors and those
        of a subject beside the plant that the text does not name (`plant_topics`)."""
        housing = list(self.housing.goals) if self.housing is not None \
            and not re.search(self.housing.words, text, re.IGNORECASE) else []
        # (of a firm whose trade is unknown, the crafts' goal only where the text names a craft, which makes it a
        # favoured goal: "cnc-bearbeitungszentrum schon bestellt" names none)
        unknown = codes is not None and not any(c and c.strip() for c in codes)
        plant = [*self.network_goals, *self.other_sectors_goals(codes), *self.topics_not_named(text),
                 *(self.handwerk.goals if unknown else [])] if codes is not None else []
        goals = [*self.public_goals, *plant, *housing]
        return [g for g in dict.fromkeys(goals) if g not in favoured]

    def topics_not_named(self, text: str) -> list[str]:
        """The goals of the `plant_topics` whose subject the text does not name (a new hall named with no word of
        training serves no "Ausbildung stärken")."""
        return [g for topic in self.plant_topics if not re.search(topic.words, text, re.IGNORECASE)
                for g in topic.goals]

    def goals_for_types(self, types: list[str], text: str = "") -> list[str]:
        """The goal codes whose titles name the kinds of project, in the order of the kinds; a kind's `worded` goals
        where the text names such a measure."""
        by_type = {entry.type: entry for entry in self.project_types}
        entries = [by_type[kind] for kind in types if kind in by_type]
        return list(dict.fromkeys([code for entry in entries for code in entry.goals]
                                  + [w.goal for entry in entries for w in entry.worded
                                     if re.search(w.words, text, re.IGNORECASE)]))

    def goals_of_other_kinds(self, types: list[str]) -> list[str]:
        """The goals of the other narrow kinds (not shared) for a project of kinds with a goal, but those its own kinds
        may serve as well (`may_serve`)."""
        entries = [entry for entry in self.project_types if entry.type in types]
        if not entries:
            return []
        own = set(self.goals_for_types(types)) | {code for entry in entries for code in entry.may_serve}
        return [code for entry in self.project_types if entry.narrow and not entry.shared_goal
                for code in entry.goals if code not in own]

    @classmethod
    def load(cls, path: Path = SECTOR_GOALS_FILE) -> "SectorGoals":
        return load_once(path, cls)

    def goals_for_firm(self, wz_code: str | None, text: str = "", *, invests: bool = False,
                       large: bool = False) -> list[str]:
        """`goals_for`; for a firm's own investment whose trade is not named, the goals of `firm_default`. A large
        firm of a class that is also a craft (a meat processor of 420 people: WZ 10.13) is an industrial maker: the
        Handwerk goal follows its sector's goals, unless the text names the craft."""
        goals = self.goals_for(wz_code, text, craft_last=large)
        return goals or (list(self.firm_default.goals) if invests and not wz_code and self.firm_default else [])

    def goals_for(self, wz_code: str | None, text: str = "", craft_last: bool = False) -> list[str]:
        """The goal codes for a WZ code ("25.62" matches the entry "25"), most specific entry first; a craft (by its
        WZ class, or named in `text`) adds the Handwerk goal first, or last (`craft_last`) where only its class says
        it is one."""
        found: list[tuple[int, list[str]]] = []
        code = (wz_code or "").strip()
        named = bool(text and re.search(self.handwerk.words, text, re.IGNORECASE))
        craft = list(self.handwerk.goals) if named or code and any(code.startswith(p) for p in self.handwerk.wz) else []
        for sector in self.sectors:
            for prefix in sector.wz:
                if code and code.startswith(prefix):  # WZ codes: "28" ⊃ "28.3" ⊃ "28.30"
                    found.append((len(prefix), sector.goals))
        goals: list[str] = [] if craft_last and not named else list(craft)
        for _, codes in sorted(found, key=lambda item: -item[0]):
            goals += [c for c in codes if c not in goals]
        return goals + [c for c in craft if c not in goals]
