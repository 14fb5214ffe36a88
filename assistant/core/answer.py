"""The answer as it travels from the composer to every edge (CLI, API, export, evals): typed, serialised in one
place (`Answer.to_dict`, the shape of contracts.md §2) and read back in one place (`Answer.from_dict`)."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class GoalRef:
    code: str
    title: str


@dataclass
class AnswerCitation:
    n: int
    document: str
    title: str
    page: int | None
    page_label: str | None
    section: str | None
    quote: str
    chunk_id: str
    citation: str = ""  # the German citation string ("GRW-Koordinierungsrahmen 2026, Nr. 3.4.2, S. 32")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class AnswerGoal:
    code: str
    title: str
    leitziel: GoalRef
    corridor: GoalRef
    score: float
    chunk_id: str
    citations: list[int] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class AnswerPath:
    id: str
    name: str
    max_rate: str
    applicants: str
    conditions: list[str]
    blocked: bool
    reasons: list[str]
    where_to_apply: str
    next_steps: list[str]
    citations: list[int] = field(default_factory=list)
    # blocked only if the line the asker has not yet said is the main one is excluded ("Küchenstudio mit eigener
    # Tischlerei"): which of the business's lines brings in most decides (Nr. 2.7.1)
    undecided: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Answer:
    answer: str
    abstained: bool
    goals: list[AnswerGoal] = field(default_factory=list)
    funding_paths: list[AnswerPath] = field(default_factory=list)
    citations: list[AnswerCitation] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)
    missing_facts: list[str] = field(default_factory=list)
    mode: str = "project"  # project | fact | refusal (internal: not serialised)
    intent: str = ""  # contracts.md §2: project | eligibility | amount | procedure | rule | irek | refusal
    summary: str = ""  # contracts.md §2: the bottom line (≤ 400 characters), with which `answer` begins

    def to_dict(self) -> dict[str, Any]:
        """The JSON of contracts.md §2 (plus `missing_facts`, and `details`: what the text says beyond the summary and
        the cards): the one place an answer is serialised."""
        data = {
            "summary": self.summary, "answer": self.answer, "abstained": self.abstained,
            "goals": [g.to_dict() for g in self.goals],
            "funding_paths": [p.to_dict() for p in self.funding_paths],
            "citations": [c.to_dict() for c in self.citations],
            "missing_facts": list(self.missing_facts),
            "intent": self.intent or ("refusal" if self.abstained else None),
            "timings_ms": {k: round(v, 1) for k, v in self.timings_ms.items()},
        }
        data["details"] = "" if self.abstained else "\n\n".join(details_of(data))
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Answer":
        """An answer read back from its JSON (an HTTP client, a stored run); unknown keys are ignored."""
        def goal(g: dict[str, Any]) -> AnswerGoal:
            return AnswerGoal(g["code"], g.get("title", ""), GoalRef(**_ref(g.get("leitziel"))),
                              GoalRef(**_ref(g.get("corridor"))), float(g.get("score") or 0.0), g.get("chunk_id", ""),
                              list(g.get("citations") or []))

        def path(p: dict[str, Any]) -> AnswerPath:
            return AnswerPath(p["id"], p.get("name", ""), p.get("max_rate", ""), p.get("applicants", ""),
                              list(p.get("conditions") or []), bool(p.get("blocked", False)), list(p.get("reasons") or []),
                              p.get("where_to_apply", ""), list(p.get("next_steps") or []), list(p.get("citations") or []))

        def citation(c: dict[str, Any]) -> AnswerCitation:
            return AnswerCitation(int(c["n"]), c.get("document", ""), c.get("title", ""), c.get("page"),
                                  c.get("page_label"), c.get("section"), c.get("quote", ""), c.get("chunk_id", ""),
                                  c.get("citation", ""))

        return cls(data.get("answer", ""), bool(data.get("abstained", False)),
                   [goal(g) for g in data.get("goals") or []], [path(p) for p in data.get("funding_paths") or []],
                   [citation(c) for c in data.get("citations") or []], dict(data.get("timings_ms") or {}),
                   list(data.get("missing_facts") or []), intent=str(data.get("intent") or ""),
                   summary=str(data.get("summary") or ""))


def _ref(data: Any) -> dict[str, str]:
    data = data or {}
    return {"code": str(data.get("code", "")), "title": str(data.get("title", ""))}


# -- what the text says beyond the cards -------------------------------------------------------------------------------

def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if p.strip()]


def _is_path_bullet(line: str, names: list[str]) -> bool:
    """A path's bullet in the prose: its bold lead is the path's name or a shortened form of it."""
    lead = re.match(r"\s*(?:[-•*]\s+)?\*\*(.+?)\*\*", line)
    return bool(lead) and any(n.startswith(lead.group(1).strip()) or lead.group(1).strip().startswith(n) for n in names)


def bottom_line(answer: dict[str, Any]) -> str:
    """`summary`, or where an answer has none (written before round 2, or by hand) the first paragraph of `answer`."""
    summary = str(answer.get("summary") or "").strip()
    return summary or next(iter(paragraphs(str(answer.get("answer") or ""))), "")


def details_of(answer: dict[str, Any]) -> list[str]:
    """The paragraphs of an answer's text (JSON of contracts.md §2) that say more than its bottom line and its goal
    and path cards: without the bottom line (with which `answer` begins), a paragraph naming the goals ("2.3.1 „…“"), the
    paths' bullets and a next step a path lists. The page shows them folded, the export under "Weitere Hinweise";
    serialised as `details`."""
    names = [n for n in (str(p.get("name") or p.get("id") or "").strip() for p in answer.get("funding_paths") or []) if n]
    codes = [str(g.get("code") or "").strip() for g in answer.get("goals") or [] if g.get("code")]
    steps = {str(s).strip() for p in answer.get("funding_paths") or [] for s in p.get("next_steps") or []}
    summary = bottom_line(answer)
    text = str(answer.get("answer") or "").replace("\r\n", "\n").strip()
    if text.startswith(summary):
        text = text[len(summary):]
    kept = []
    for paragraph in paragraphs(text):
        if any(f"{code} „" in paragraph for code in codes):
            continue
        step = re.match(r"Nächster Schritt:\s*(.+)$", paragraph, re.S)
        if step and step.group(1).strip() in steps:
            continue
        lines = paragraph.splitlines()
        left = [line for line in lines if not _is_path_bullet(line, names)]
        if not left or (len(left) == 1 < len(lines) and left[0].rstrip().endswith(":")):
            continue
        kept.append("\n".join(left))
    return kept
