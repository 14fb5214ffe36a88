"""Request and response models of the HTTP API, with German examples for the OpenAPI documentation.

The answer shape is contracts.md §2; response models allow extra keys, so that fields the services add (for example
`missing_facts`, `blocked`, `where_to_apply`) reach the client unchanged.
"""

from __future__ import annotations

import json
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from assistant.answer.pipeline import MAX_QUESTION_CHARS
from assistant.funding.rules import FundingKnowledge
from assistant.funding.profile import APPLICANT_TYPES, COMPANY_SIZES, MUNICIPALITIES

MAX_COMMENT_CHARS = 2000
MAX_HISTORY_TURNS = 40
MAX_TURN_CHARS = 20000
MAX_HISTORY_CHARS = 30000  # all turns together (the page sends at most 12 turns of about 2,000 characters)
MAX_FEEDBACK_ANSWER_CHARS = 50000  # the answer text, or the answer JSON as serialised
MAX_JSON_DEPTH = 32  # also enforced on whole bodies by assistant/api/limits.py

# Characters no text of a request keeps: C0/C1 controls except tab and line breaks, U+FFFE/U+FFFF (invalid in XML,
# so in DOCX) and lone surrogates (JSON can carry "\ud800", which no UTF-8 response or database can hold).
_UNWANTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(value: str) -> str:
    """Control characters become spaces, lone surrogates U+FFFD (a typed text field refuses those before, as
    `string_unicode`: 422; here they matter in free answer JSON); everything else stays as sent."""
    return _SURROGATE.sub("\ufffd", _UNWANTED.sub(" ", value))


Text = Annotated[str, AfterValidator(clean_text)]


def text(max_length: int) -> Any:
    """A cleaned text of at most `max_length` characters; the bound sits on the string itself, so that it also holds
    (as `string_too_long`, 413) where the field is optional or a list item."""
    return Annotated[str, StringConstraints(max_length=max_length), AfterValidator(clean_text)]


def _clean_json(value: Any, depth: int = 0) -> Any:
    """Every string (and key) of a JSON value cleaned; deeper than MAX_JSON_DEPTH is refused."""
    if depth > MAX_JSON_DEPTH:
        raise ValueError(f"Die Angabe ist zu tief verschachtelt (höchstens {MAX_JSON_DEPTH} Ebenen).")
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [_clean_json(item, depth + 1) for item in value]
    if isinstance(value, dict):
        return {clean_text(str(k)): _clean_json(v, depth + 1) for k, v in value.items()}
    return value

EXAMPLE_QUESTION = "Unsere Gemeinde will ein Gewerbegebiet mit eigener Wasserstoffversorgung bauen. Was passt?"
EXAMPLE_FOLLOW_UP = "Und wie hoch wäre der Fördersatz?"
EXAMPLE_ANSWER: dict[str, Any] = {
    "summary": "Passendes Ziel: Handlungsziel 2.3.1 [1]. Förderweg: GRW-Infrastruktur für Gemeinden, bis 60 Prozent [2]. "
               "Nächster Schritt: vor Auftragsvergabe mit der NBank abstimmen.",
    "intent": "project",
    "answer": "Passendes Ziel: Handlungsziel 2.3.1 [1]. Förderweg: GRW-Infrastruktur für Gemeinden, bis 60 Prozent [2]. "
              "Nächster Schritt: vor Auftragsvergabe mit der NBank abstimmen.\n\nIhr Vorhaben passt am besten zum Handlungsziel 2.3.1 „Energieautarke Gewerbegebiete mit Anbindung an "
              "Stromtrassen und Wasserstoffleitungen entwickeln (im Bestand oder neu)“ (Leitziel 2.3 „Energiewende als "
              "Standortfaktor nutzen“, Themenkorridor 2 „Zukunftsthemen und Innovation“) [1].\n\nMögliche Förderwege:\n"
              "- **GRW: Wirtschaftsnahe kommunale Infrastruktur – Erschließung und Ausbau von Industrie- und "
              "Gewerbegelände**: Förderung bis 60 Prozent [2].",
    "abstained": False,
    "goals": [{
        "code": "2.3.1",
        "title": "Energieautarke Gewerbegebiete mit Anbindung an Stromtrassen und Wasserstoffleitungen entwickeln "
                 "(im Bestand oder neu)",
        "leitziel": {"code": "2.3", "title": "Energiewende als Standortfaktor nutzen"},
        "corridor": {"code": "2", "title": "Zukunftsthemen und Innovation"},
        "score": 0.96, "chunk_id": "irek:2.3.1:0:d2ed14db9b", "citations": [1],
    }],
    "funding_paths": [{
        "id": "grw-infrastruktur/gewerbegelaende",
        "name": "GRW: Wirtschaftsnahe kommunale Infrastruktur – Erschließung und Ausbau von Industrie- und Gewerbegelände",
        "max_rate": "bis 60 %; bis 31.12.2028 bis 90 %, wenn sich das Vorhaben in eine regionale Entwicklungsstrategie "
                    "einfügt",
        "applicants": "Träger sind vorzugsweise Gemeinden und Gemeindeverbände.",
        "conditions": ["Der Antrag muss vor Beginn der Arbeiten gestellt werden; bereits begonnene Maßnahmen sind "
                       "ausgeschlossen."],
        "blocked": False, "reasons": [], "where_to_apply": "NBank, Programm „Wirtschaftsnahe Infrastruktur (GRW-Gebiete)“",
        "next_steps": ["Maßnahme mit der NBank und der Wirtschaftsförderung des Landkreises abstimmen, bevor Aufträge "
                       "vergeben werden."],
        "citations": [2],
    }],
    "citations": [
        {"n": 1, "document": "irek", "title": "IREK Landkreis Osnabrück", "page": None, "page_label": None,
         "section": "2.3.1 Energieautarke Gewerbegebiete mit Anbindung an Stromtrassen und Wasserstoffleitungen "
                    "entwickeln (im Bestand oder neu)",
         "quote": "Energieautarke Gewerbegebiete mit Anbindung an Stromtrassen und Wasserstoffleitungen entwickeln",
         "chunk_id": "irek:2.3.1:0:d2ed14db9b", "citation": "IREK Landkreis Osnabrück, Handlungsziel 2.3.1"},
        {"n": 2, "document": "grw", "title": "GRW-Koordinierungsrahmen 2026", "page": 33, "page_label": "32",
         "section": "3.1 Erschließung und Ausbau von Industrie- und Gewerbegelände",
         "quote": "Der Fördersatz beträgt bis zu 60 %", "chunk_id": "grw:3.1:0:0a1b2c3d4e",
         "citation": "GRW-Koordinierungsrahmen 2026, Nr. 3.1, S. 32"},
    ],
    "missing_facts": ["Ist mit dem Vorhaben bereits begonnen worden, zum Beispiel durch einen verbindlichen Auftrag, "
                      "eine Bestellung oder den Baubeginn?"],
    "timings_ms": {"retrieval": 85.2, "total": 97.4},
}


def _not_blank(value: str, message: str) -> str:
    if not value.strip():
        raise ValueError(message)
    return value


class Loose(BaseModel):
    """Response models keep every key the services return."""

    model_config = ConfigDict(extra="allow")


# -- answers ---------------------------------------------------------------------------------------------------------

class Turn(BaseModel):
    role: Literal["user", "assistant"] = Field(description="Wer gesprochen hat.", examples=["user"])
    content: Text = Field(max_length=MAX_TURN_CHARS, description="Der Text des Gesprächsschritts.",
                         examples=["Wir planen ein Gründerzentrum in Melle."])


class AskRequest(BaseModel):
    question: Text = Field(min_length=1, max_length=MAX_QUESTION_CHARS,
                           description="Frage oder Projektbeschreibung auf Deutsch (höchstens 2.000 Zeichen).",
                           examples=[EXAMPLE_QUESTION])
    history: list[Turn] = Field(default_factory=list, max_length=MAX_HISTORY_TURNS,
                                description="Frühere Gesprächsschritte, älteste zuerst (optional; höchstens 40 "
                                            "Schritte und 30.000 Zeichen zusammen).")

    model_config = ConfigDict(json_schema_extra={"examples": [
        {"question": EXAMPLE_QUESTION},
        {"question": EXAMPLE_FOLLOW_UP, "history": [
            {"role": "user", "content": "Wir sind ein Maschinenbauer mit 80 Beschäftigten in Melle und wollen eine "
                                        "neue Fertigungshalle bauen."},
            {"role": "assistant", "content": "Ihr Vorhaben passt am besten zum Handlungsziel 1.1.1 … [1]"}]},
    ]})

    @field_validator("question")
    @classmethod
    def _question(cls, value: str) -> str:
        return _not_blank(value, "Bitte eine Frage oder einen Suchbegriff eingeben.")

    @field_validator("history")
    @classmethod
    def _history(cls, value: list[Turn]) -> list[Turn]:
        if sum(len(turn.content) for turn in value) > MAX_HISTORY_CHARS:
            raise ValueError(f"Der Verlauf ist zu lang (höchstens {MAX_HISTORY_CHARS:,} Zeichen zusammen). Bitte "
                             "ein neues Gespräch beginnen oder ältere Schritte weglassen.".replace(",", "."))
        return value

    def history_dicts(self) -> list[dict[str, str]]:
        return [turn.model_dump() for turn in self.history]


class LeveledRef(BaseModel):
    code: str
    title: str


class GoalOut(Loose):
    code: str = Field(description="Code des Handlungsziels, z. B. „2.3.1“.")
    title: str
    leitziel: LeveledRef
    corridor: LeveledRef
    score: float
    citations: list[int] = Field(description="Nummern der Belege in `citations`.")


class FundingPathOut(Loose):
    id: str = Field(description="Kennung des Förderwegs (contracts.md §1), z. B. „grw-infrastruktur“.")
    name: str
    max_rate: str
    applicants: str
    conditions: list[str]
    citations: list[int]
    blocked: bool = Field(default=False, description="true: Die Angaben schließen den Weg aus; „reasons“ sagt, warum.")
    undecided: bool = Field(default=False, description="true (nur mit „blocked“): Ausgeschlossen wäre der Weg nur, wenn "
                                                       "die ausgeschlossene Tätigkeit die Haupttätigkeit ist; welche es "
                                                       "ist, steht in der Frage noch nicht.")


class CitationOut(Loose):
    n: int = Field(description="Die Nummer, mit der die Antwort den Beleg zitiert: [n].")
    document: str = Field(description="Kennung des Dokuments, z. B. „irek“ oder „grw“.")
    title: str = Field(description="Titel des Dokuments.")
    page: int | None = Field(description="Seite im PDF (1-basiert); null bei Dokumenten ohne Seiten.")
    section: str | None = Field(description="Abschnitt mit Nummer und Titel.")
    quote: str = Field(description="Wörtliches Zitat aus der Passage.")
    chunk_id: str = Field(description="Kennung der Passage; Volltext unter /api/passages/{chunk_id}.")
    citation: str = Field(description="Deutsche Fundstelle auf der Seite des Zitats, z. B. "
                                      "„GRW-Koordinierungsrahmen 2026, Nr. 3.4.2, S. 32“.")


class AnswerOut(Loose):
    summary: str = Field(default="", description="Das Ergebnis vorab in höchstens 400 Zeichen (ein bis drei Sätze mit "
                                                 "Belegen); „answer“ beginnt damit. Leer bei einer Ablehnung.")
    answer: str = Field(description="Deutscher Antworttext mit Belegen [1], [2].")
    details: str = Field(default="", description="Die Absätze von „answer“, die über die Kurzantwort und die Ziel- "
                                                 "und Förderweg-Angaben hinausgehen (die Seite zeigt sie aufgeklappt "
                                                 "als „Ausführliche Antwort“).")
    abstained: bool = Field(description="true: Der Assistent hat die Frage abgelehnt (außerhalb des Korpus oder ein "
                                        "Versuch, ihn zu steuern).")
    goals: list[GoalOut]
    funding_paths: list[FundingPathOut]
    citations: list[CitationOut]
    missing_facts: list[str] = Field(default_factory=list,
                                     description="Fragen nach Angaben, die für eine genauere Einschätzung fehlen.")
    intent: Literal["project", "eligibility", "amount", "procedure", "rule", "irek", "refusal"] | None = Field(
        default=None, description="Art der Frage: Projekt, Förderfähigkeit, Betrag, Verfahren, Regel, IREK oder "
                                  "Ablehnung.")
    timings_ms: dict[str, float]

    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [EXAMPLE_ANSWER]})


# -- matching ---------------------------------------------------------------------------------------------------------

PROJECT_TYPES = tuple(FundingKnowledge.load().project_types)
_MUNICIPALITY_NAMES = {name.lower(): canonical for name, canonical in MUNICIPALITIES.items()}
_MUNICIPALITY_NAMES.update({canonical.lower(): canonical for canonical in MUNICIPALITIES.values()})


class MatchRequest(BaseModel):
    applicant_type: Literal[APPLICANT_TYPES] | None = Field(  # type: ignore[valid-type]
        default=None, description="Wer den Antrag stellt: company (Unternehmen), municipality (Kommune), association "
                                  "(Verein/gemeinnützig), research (Forschungseinrichtung), private (Privatperson).",
        examples=["municipality"])
    company_size: Literal[COMPANY_SIZES] | None = Field(  # type: ignore[valid-type]
        default=None, description="Größe des Unternehmens: small, medium, large.", examples=["small"])
    sector: text(200) | None = Field(default=None, description="Branche bzw. Haupttätigkeit.",
                               examples=["Maschinenbau"])
    project_types: list[Literal[PROJECT_TYPES]] = Field(  # type: ignore[valid-type]
        default_factory=list, max_length=10, description="Projektarten aus dem Vokabular der Förderregeln.",
        examples=[["industrial_site", "energy_infrastructure"]])
    already_started: bool | None = Field(default=None, description="Ist mit dem Vorhaben schon begonnen worden?",
                                         examples=[False])
    municipality: text(100) | None = Field(default=None, description="Gemeinde im Landkreis Osnabrück.",
                                     examples=["Melle"])
    description: Text = Field(min_length=1, max_length=MAX_QUESTION_CHARS,
                             description="Beschreibung des Vorhabens auf Deutsch (höchstens 2.000 Zeichen).",
                             examples=["Wir wollen ein Gewerbegebiet mit eigener Wasserstoffversorgung erschließen."])

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "applicant_type": "municipality", "project_types": ["industrial_site", "energy_infrastructure"],
        "already_started": False, "municipality": "Melle",
        "description": "Die Stadt will ein Gewerbegebiet mit eigener Wasserstoffversorgung erschließen.",
    }, {
        "applicant_type": "company", "company_size": "small", "sector": "Maschinenbau",
        "project_types": ["business_investment"], "already_started": False, "municipality": "Bramsche",
        "description": "Wir bauen eine neue Fertigungshalle und schaffen zwölf Arbeitsplätze.",
    }]})

    @model_validator(mode="before")
    @classmethod
    def _single_project_type(cls, data: Any) -> Any:
        """`project_type` (one value) is accepted too and joins `project_types`."""
        if isinstance(data, dict) and "project_type" in data:
            data = dict(data)
            single = data.pop("project_type")
            existing = data.get("project_types") or []
            if single and isinstance(existing, list):
                data["project_types"] = [*existing, single] if single not in existing else existing
        return data

    @field_validator("description")
    @classmethod
    def _description(cls, value: str) -> str:
        return _not_blank(value, "Bitte das Vorhaben kurz beschreiben.")

    @field_validator("municipality")
    @classmethod
    def _municipality(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        canonical = _MUNICIPALITY_NAMES.get(value.strip().lower())
        if canonical is None:
            raise ValueError(f"Die Gemeinde „{value.strip()}“ liegt nicht im Landkreis Osnabrück oder ist unbekannt.")
        return canonical

    def structured(self) -> dict[str, Any]:
        """The explicit facts for `extract_profile(..., structured=...)`; unknown facts are left to the text."""
        data = {k: v for k, v in self.model_dump(exclude={"description"}).items() if v not in (None, [])}
        return data


class ProfileOut(Loose):
    applicant_type: str | None = None
    company_size: str | None = None
    sector: str | None = None
    excluded_sector: str | None = None
    project_types: list[str] = Field(default_factory=list)
    already_started: bool | None = None
    municipality: str | None = None


class MatchOut(AnswerOut):
    profile: ProfileOut | None = Field(description="Die Angaben, mit denen die Förderwege beurteilt wurden "
                                                   "(ausdrückliche Angaben vor dem Text der Beschreibung).")


# -- search, passages, goals, documents ------------------------------------------------------------------------------

class PassageOut(Loose):
    chunk_id: str
    document: str
    document_title: str
    page: int | None
    page_end: int | None
    page_label: str | None
    section: str | None
    section_title: str | None
    goal_code: str | None
    text: str
    citation: str = Field(description="Deutsche Fundstelle, z. B. „GRW-Koordinierungsrahmen 2026, Nr. 3.4.2, S. 32“.")


class HitOut(PassageOut):
    score: float


class SearchOut(BaseModel):
    query: str
    filters: dict[str, Any]
    hits: list[HitOut]
    timings_ms: dict[str, float]

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "query": "Fördersatz Gewerbegelände", "filters": {"doc": "grw", "section": None, "corridor": None, "k": 5},
        "hits": [{"chunk_id": "grw:3.1:0:0a1b2c3d4e", "document": "grw", "document_title": "GRW-Koordinierungsrahmen 2026",
                  "page": 33, "page_end": 33, "page_label": "32", "section": "3.1",
                  "section_title": "Erschließung und Ausbau von Industrie- und Gewerbegelände", "goal_code": None,
                  "text": "Der Fördersatz beträgt bis zu 60 % …", "score": 0.93,
                  "citation": "GRW-Koordinierungsrahmen 2026, Nr. 3.1, S. 32"}],
        "timings_ms": {"keyword": 3.1, "dense": 12.4, "total": 16.0},
    }]})


class Neighbour(BaseModel):
    chunk_id: str
    text: str
    citation: str
    section: str | None
    section_title: str | None
    page: int | None


class PassageDetail(PassageOut):
    document_full_title: str | None = Field(default=None, description="Vollständiger Titel des Dokuments.")
    kind: str = Field(description="official (Originaltext) oder summary (Zusammenfassung des Projekts).")
    prev: Neighbour | None = Field(description="Die Passage davor im selben Dokument (null am Anfang).")
    next: Neighbour | None = Field(description="Die Passage danach im selben Dokument (null am Ende).")

    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [{
        "chunk_id": "irek:2.3.1:0:d2ed14db9b", "document": "irek", "document_title": "IREK Landkreis Osnabrück",
        "document_full_title": "Integriertes Regionales Entwicklungskonzept (IREK) Landkreis Osnabrück",
        "kind": "official", "page": None, "page_end": None, "page_label": None, "section": None,
        "section_title": "Energieautarke Gewerbegebiete mit Anbindung an Stromtrassen und Wasserstoffleitungen "
                         "entwickeln (im Bestand oder neu)",
        "goal_code": "2.3.1", "text": "Energieautarke Gewerbegebiete …",
        "citation": "IREK Landkreis Osnabrück, Handlungsziel 2.3.1",
        "prev": {"chunk_id": "irek:2.3:0:549c72a6cf", "text": "Energiewende als Standortfaktor nutzen …",
                 "citation": "IREK Landkreis Osnabrück, Leitziel 2.3", "section": None,
                 "section_title": "Energiewende als Standortfaktor nutzen", "page": None},
        "next": None,
    }]})


class GoalRef(BaseModel):
    code: str
    title: str


class GoalTree(BaseModel):
    corridors: list[dict[str, Any]]
    leitziele: list[dict[str, Any]]
    handlungsziele: list[dict[str, Any]]

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "corridors": [{"code": "2", "title": "Zukunftsthemen und Innovation", "description": "…"}],
        "leitziele": [{"code": "2.3", "title": "Energiewende als Standortfaktor nutzen", "corridor": "2"}],
        "handlungsziele": [{"code": "2.3.1", "title": "Energieautarke Gewerbegebiete mit Anbindung an Stromtrassen "
                                                      "und Wasserstoffleitungen entwickeln (im Bestand oder neu)",
                            "leitziel": "2.3", "corridor": "2"}],
    }]})


class GoalDetail(BaseModel):
    code: str
    title: str
    level: Literal["corridor", "leitziel", "handlungsziel"]
    description: str = ""
    leitziel: GoalRef | None = None
    corridor: GoalRef | None = None
    children: list[GoalRef] = Field(default_factory=list)
    passages: list[PassageOut] = Field(description="Die Passagen des IREK zu diesem Ziel.")

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "code": "2.3", "title": "Energiewende als Standortfaktor nutzen", "level": "leitziel", "description": "",
        "leitziel": None, "corridor": {"code": "2", "title": "Zukunftsthemen und Innovation"},
        "children": [{"code": "2.3.1", "title": "Energieautarke Gewerbegebiete …"}], "passages": [],
    }]})


class DocumentOut(Loose):
    id: str
    title: str
    short_title: str | None = None
    kind: str
    publisher: str | None = None
    version: str | None = None
    url: str | None = None
    pages: int
    passages: int
    hash: str


class DocumentsOut(BaseModel):
    built_at: str | None
    documents: list[DocumentOut]

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "built_at": "2026-11-25T22:34:20+00:00",
        "documents": [{"id": "grw", "title": "Koordinierungsrahmen der Gemeinschaftsaufgabe „Verbesserung der "
                                             "regionalen Wirtschaftsstruktur“ (GRW) ab 1. Januar 2026",
                       "short_title": "GRW-Koordinierungsrahmen 2026", "kind": "official", "publisher": "BMWE",
                       "version": "ab 1. Januar 2026", "url": "https://www.bmwk.de/", "pages": 140, "passages": 400,
                       "hash": "b5bb3a64…"}],
    }]})


# -- feedback ---------------------------------------------------------------------------------------------------------

class FeedbackIn(BaseModel):
    question: Text = Field(min_length=1, max_length=MAX_QUESTION_CHARS, description="Die gestellte Frage.",
                           examples=[EXAMPLE_QUESTION])
    answer: Text | dict[str, Any] = Field(
        description="Die bewertete Antwort: ihr Text oder das ganze Antwort-JSON (höchstens 50.000 Zeichen, "
                    f"höchstens {MAX_JSON_DEPTH} Ebenen).",
        examples=["Ihr Vorhaben passt am besten zum Handlungsziel 2.3.1 … [1]"])
    rating: Literal["up", "down"] = Field(description="up = hilfreich, down = nicht hilfreich.", examples=["up"])
    comment: text(MAX_COMMENT_CHARS) | None = Field(default=None,
                                 description="Freier Kommentar (optional, höchstens 2.000 Zeichen).",
                                 examples=["Der Hinweis auf die NBank war hilfreich."])
    answer_id: text(200) | None = Field(default=None,
                                   description="Kennung der Antwort im Client (optional).",
                                   examples=["a-2026-11-26-0001"])

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "question": EXAMPLE_QUESTION, "answer": "Ihr Vorhaben passt am besten zum Handlungsziel 2.3.1 … [1]",
        "rating": "down", "comment": "Der Fördersatz für Kommunen fehlt.", "answer_id": "a-2026-11-26-0001",
    }]})

    @field_validator("question")
    @classmethod
    def _question(cls, value: str) -> str:
        return _not_blank(value, "Bitte die Frage mitsenden, zu der die Bewertung gehört.")

    @field_validator("answer")
    @classmethod
    def _answer(cls, value: str | dict[str, Any]) -> str | dict[str, Any]:
        value = _clean_json(value)
        size = len(value) if isinstance(value, str) else len(json.dumps(value, ensure_ascii=False))
        if size > MAX_FEEDBACK_ANSWER_CHARS:
            raise ValueError(f"Die Antwort ist zu lang (höchstens {MAX_FEEDBACK_ANSWER_CHARS:,} Zeichen)."
                             .replace(",", "."))
        return value


class FeedbackOut(BaseModel):
    id: int
    created_at: str = Field(description="Zeitpunkt der Speicherung (ISO 8601, UTC).")
    question: str
    answer: str | dict[str, Any]
    rating: Literal["up", "down"]
    comment: str | None
    answer_id: str | None


class FeedbackList(BaseModel):
    total: int
    items: list[FeedbackOut]


# -- export -----------------------------------------------------------------------------------------------------------

_GOAL_CODE = r"^[1-9](\.[1-9](\.[0-9]{1,2})?)?$"  # corridor 2, Leitziel 2.3, Handlungsziel 2.3.1
CitationNumbers = list[Annotated[int, Field(ge=1, le=1000)]]


class _Strict(BaseModel):
    """Export input: exactly the fields the writer reads, typed; other keys of an answer (intent, details,
    timings_ms, …) are ignored."""

    model_config = ConfigDict(extra="ignore")


class ExportGoalRef(_Strict):
    code: str = Field(pattern=_GOAL_CODE, max_length=8)
    title: Text = Field(default="", max_length=500)


class ExportGoal(_Strict):
    code: str = Field(pattern=_GOAL_CODE, max_length=8, description="Zielcode wie 2, 2.3 oder 2.3.1.")
    title: Text = Field(default="", max_length=500)
    leitziel: ExportGoalRef | None = None
    corridor: ExportGoalRef | None = None
    citations: CitationNumbers = Field(default_factory=list, max_length=50)


class ExportFundingPath(_Strict):
    id: Text = Field(default="", max_length=100)
    name: Text = Field(default="", max_length=500)
    max_rate: Text = Field(default="", max_length=1000)
    applicants: Text = Field(default="", max_length=2000)
    conditions: list[text(2000)] = Field(default_factory=list, max_length=30)
    blocked: bool = False
    reasons: list[text(2000)] = Field(default_factory=list, max_length=30)
    where_to_apply: text(1000) | None = None
    next_steps: list[text(2000)] = Field(default_factory=list, max_length=30)
    citations: CitationNumbers = Field(default_factory=list, max_length=50)
    undecided: bool = False


class ExportCitation(_Strict):
    n: int = Field(ge=1, le=1000, description="Die Nummer des Belegs in der Antwort: [n] (ganze Zahl).")
    document: Text = Field(default="", max_length=100)
    title: Text = Field(default="", max_length=500)
    page: int | None = Field(default=None, ge=1, le=100000)
    page_label: text(20) | None = None
    section: text(1000) | None = None
    quote: Text = Field(default="", max_length=5000)
    chunk_id: text(300) | None = None


class ExportAnswer(_Strict):
    """An answer as /api/ask returns it, plus the question."""

    question: Text = Field(max_length=MAX_QUESTION_CHARS, examples=[EXAMPLE_QUESTION])
    summary: Text = Field(default="", max_length=2000, description="Das Ergebnis vorab (steht als „Ergebnis in Kürze“ "
                                                                   "im Export).")
    answer: Text = Field(default="", max_length=50000)
    abstained: bool = False
    goals: list[ExportGoal] = Field(default_factory=list, max_length=20)
    funding_paths: list[ExportFundingPath] = Field(default_factory=list, max_length=20)
    citations: list[ExportCitation] = Field(default_factory=list, max_length=100)


class ExportRequest(BaseModel):
    format: Literal["md", "docx"] = Field(default="md", description="md (Markdown) oder docx (Word).")
    title: Text = Field(min_length=1, max_length=200, description="Überschrift des Abschnitts.",
                       examples=["Bezug zum IREK und Förderweg"])
    answers: list[ExportAnswer] = Field(min_length=1, max_length=30,
                                        description="Antworten wie von /api/ask, jeweils mit der Frage.")

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "format": "docx", "title": "Bezug zum IREK und Förderweg",
        "answers": [{"question": EXAMPLE_QUESTION, **{k: v for k, v in EXAMPLE_ANSWER.items() if k != "timings_ms"}}],
    }]})

    @field_validator("title")
    @classmethod
    def _title(cls, value: str) -> str:
        return _not_blank(value, "Bitte einen Titel angeben.")


# -- health -----------------------------------------------------------------------------------------------------------

class Health(BaseModel):
    status: str = Field(examples=["ok"])


class Ready(BaseModel):
    status: str = Field(examples=["bereit"])
    documents: int
    passages: int
    built_at: str | None
    build_id: str | None = Field(default=None, description="Kennung des Index-Builds, der gerade antwortet (bei mehreren "
                                 "Instanzen überall dieselbe).", examples=["20261128T160530-704042"])
    llm: bool = Field(description="true, wenn ein Sprachmodell die Antworten formuliert.")


class ReloadOut(BaseModel):
    switched: bool = Field(description="true, wenn ein neuer Build übernommen wurde.")
    build_id: str | None = Field(description="Der Build, der jetzt antwortet.")
    built_at: str | None
    detail: str = Field(description="Deutsche Zusammenfassung.")


class ErrorOut(BaseModel):
    detail: str = Field(description="Deutsche Fehlermeldung zum Anzeigen.",
                        examples=["Die Angabe „Frage“ (question) darf nicht leer sein."])
    errors: list[dict[str, Any]] | None = None
    reason: str | None = None
