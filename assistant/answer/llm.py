"""Rewrite the extractive answer's findings with a language model, with validated citations.

No model is used unless `IREK_LLM_BASE_URL` is set: `create_chat_model(settings)` then builds a `ChatOpenAI` for any
OpenAI-compatible endpoint (vLLM, llama.cpp's server, Ollama, hosted APIs); `LLMComposer` accepts any LangChain chat
model.

What the model gets (German templates `prompts/system.md` and `prompts/answer.md`):
- the question (and the search context built from the conversation) inside `<frage>` / `<suchkontext>`,
- the passages of the extractive answer's citations, numbered, each one's full text inside
  `<quelle n="1" ...>…</quelle>`; `&`, `<` and `>` in any data are escaped, so no text can close a delimiter,
- the structured findings (goals with codes, funding paths with rates and conditions, missing facts) as JSON inside
  `<befunde>`.

What the model must write: the German answer text citing with `[n]`, then a line `ZITATE:`, then one JSON line per
used number, `{"n": 1, "zitat": "verbatim text of passage 1"}` (`"quote"` is accepted as key too, and so is a line
`[1] „…“`).

Validation, all or nothing: at least one `[n]`; every number in the text and in the quote lines is a passage number;
no other bracketed numbers remain; every used number has at least one quote of three words or more, and every quote
stands verbatim in its passage (white space normalised; the passage's own wording is stored). On success the answer's
citations are renumbered 1..k in order of first use (only used passages), and the goals and funding paths of the
extractive answer are kept with their `citations` lists remapped. On anything else — invalid output, an exception of
the model, its timeout, a connection error, the wall-clock limit — the extractive answer is returned unchanged and a
warning with the reason is logged (logger `assistant.llm`).
"""

from __future__ import annotations

import asyncio
import html
import json
import logging
import re
from collections.abc import AsyncIterator, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, TypeVar

from assistant.answer.findings import Findings
from assistant.core.answer import Answer, AnswerCitation, AnswerGoal, AnswerPath
from assistant.text.citations import find_verbatim
from assistant.text.figures import untraceable
from assistant.answer.prompts import render_prompt
from assistant.core.model import Passage

if TYPE_CHECKING:  # LangChain is imported only where a model is used (about 0.5 s of every start otherwise)
    from langchain_core.language_models import BaseChatModel
    from langchain_core.messages import BaseMessage

    from assistant.core.settings import Settings

logger = logging.getLogger("assistant.llm")
T = TypeVar("T", AnswerGoal, AnswerPath)

MIN_QUOTE_WORDS = 3

# The line that separates the answer text from the quotes: "ZITATE:", "**Zitate:**", "### ZITATE", "ZITATE" alone.
_MARKER = re.compile(
    r"(?:^|(?<=\s))[ \t#>*_]{0,20}zitate[ \t*_]{0,20}:[ \t*_]{0,20}|^[ \t#>*_]{0,20}ZITATE[ \t*_]{0,20}\n",
    re.IGNORECASE | re.MULTILINE,  # bounded runs: linear on any text (a run of spaces does not rescan)
)
_MARKER_DECORATION = "#>*_"
# Citation markers the model may write: [1], [1, 2], [1; 3], [1-3], [1–3].
_CITATION = re.compile(r"\[(\s*\d+(?:\s*[,;\-–]\s*\d+)*\s*)\]")
_OPEN_CITATION = re.compile(r"\[[\d\s,;\-–]*\Z")
_OPEN_ENTITY = re.compile(r"&[a-z]{0,3}\Z")
_ENTITY = re.compile(r"&(amp|lt|gt);")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">"}
_ANY_BRACKETED_NUMBER = re.compile(r"\[[^\[\]\n\d]*\d[^\[\]\n]*\]")  # first digit unambiguous: linear
_QUOTE_LINE = re.compile(r"^\[?(\d+)\]?\s*[:.)–-]?\s*(.+)$")
_QUOTE_MARKS = "\"'„“”‚‘’»«›‹ "


class InvalidOutput(ValueError):
    """The model's output breaks the format or the citation rules."""


class WallClockTimeout(TimeoutError):
    pass


def create_chat_model(settings: "Settings") -> BaseChatModel | None:
    """A streaming ChatOpenAI for `IREK_LLM_BASE_URL`, or None when no base URL is set. Makes no network call."""
    if not settings.llm_base_url.strip():
        return None
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(
        base_url=settings.llm_base_url.strip(),
        model=settings.llm_model or "default",
        api_key=settings.llm_api_key,
        timeout=settings.llm_timeout_s,
        temperature=settings.llm_temperature,
        max_tokens=settings.llm_max_tokens,
        max_retries=0,
        streaming=True,
    )


# -- the passages the model may cite -----------------------------------------------------------------------------

@dataclass
class SourcePassage:
    """One numbered passage shown to the model: an indexed chunk cited by the extractive answer."""

    n: int
    text: str  # the full passage text (the extractive quote when the chunk could not be found)
    citation: AnswerCitation  # the first extractive citation of this chunk (document, title, section, page, ...)
    extractive_numbers: list[int] = field(default_factory=list)


def _passage_lookup(findings: Findings, passages: Iterable[Passage] | None) -> Iterator[Passage]:
    for hit in findings.hits:
        yield hit.passage
    for goal in findings.goals:
        yield goal.passage
    if passages is not None:
        yield from passages


def source_passages(findings: Findings, extractive: Answer,
                    passages: Iterable[Passage] | None = None) -> list[SourcePassage]:
    """The passage set: one number per distinct chunk of the extractive citations, in their order."""
    wanted = {c.chunk_id for c in extractive.citations if c.chunk_id}
    found: dict[str, Passage] = {}
    if wanted:
        for passage in _passage_lookup(findings, passages):
            if passage.chunk_id in wanted and passage.chunk_id not in found:
                found[passage.chunk_id] = passage
                if len(found) == len(wanted):
                    break
    sources: list[SourcePassage] = []
    by_key: dict[str, SourcePassage] = {}
    for citation in extractive.citations:
        key = citation.chunk_id or f"#{citation.n}"
        if key in by_key:
            by_key[key].extractive_numbers.append(citation.n)
            continue
        passage = found.get(key)
        source = SourcePassage(len(sources) + 1, passage.text if passage else citation.quote, citation, [citation.n])
        sources.append(source)
        by_key[key] = source
    return sources


def _escape(text: str) -> str:
    """Data never closes or opens a delimiter: &, < and > are escaped."""
    return html.escape(text, quote=False)


def _attribute(value: Any) -> str:
    return html.escape(str(value), quote=True)


def format_passages(sources: list[SourcePassage]) -> str:
    blocks = []
    for source in sources:
        c = source.citation
        attributes = [f'n="{source.n}"', f'dokument="{_attribute(c.title or c.document)}"']
        if c.section:
            attributes.append(f'abschnitt="{_attribute(c.section)}"')
        page = c.page_label or c.page
        if page:
            attributes.append(f'seite="{_attribute(page)}"')
        blocks.append(f"<quelle {' '.join(attributes)}>\n{_escape(source.text.strip())}\n</quelle>")
    return "\n".join(blocks)


def format_findings(extractive: Answer, sources: list[SourcePassage]) -> str:
    """Goals, funding paths and missing facts as JSON; `quellen` are passage numbers. No `<`/`>` in the output."""
    to_source = {e: s.n for s in sources for e in s.extractive_numbers}

    def numbers(extractive_numbers: Iterable[int]) -> list[int]:
        return sorted({to_source[e] for e in extractive_numbers if e in to_source})

    goals = []
    for goal in extractive.goals:
        goals.append({
            "code": goal.code, "titel": goal.title,
            "leitziel": f"{goal.leitziel.code} {goal.leitziel.title}".strip(),
            "themenkorridor": f"{goal.corridor.code} {goal.corridor.title}".strip(),
            "quellen": numbers(goal.citations),
        })
    paths = []
    for path in extractive.funding_paths:
        entry = {
            "id": path.id, "name": path.name, "max_foerdersatz": path.max_rate,
            "antragsteller": path.applicants, "bedingungen": path.conditions,
        }
        if path.undecided:
            entry["haengt_von_der_haupttaetigkeit_ab"] = True
        elif path.blocked:
            entry["voraussichtlich_nicht_moeglich"] = True
        if path.blocked:
            entry["gruende"] = path.reasons
        if path.where_to_apply:
            entry["antrag"] = path.where_to_apply
        if path.next_steps:
            entry["naechste_schritte"] = path.next_steps
        entry["quellen"] = numbers(path.citations)
        paths.append(entry)
    data = {"art_der_frage": "projekt" if extractive.mode == "project" else "sachfrage", "ziele": goals,
            "foerderwege": paths, "fehlende_angaben": list(extractive.missing_facts)}
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def build_messages(findings: Findings, extractive: Answer, sources: list[SourcePassage]) -> list["BaseMessage"]:
    from langchain_core.messages import HumanMessage, SystemMessage

    question = findings.question.strip()
    context = findings.search_text.strip()
    return [
        SystemMessage(render_prompt("system")),
        HumanMessage(render_prompt(
            "answer",
            question=_escape(question),
            search_context=_escape(context) if context and context != question else "–",
            passages=format_passages(sources),
            findings=format_findings(extractive, sources),
        )),
    ]


# -- reading the model's output ----------------------------------------------------------------------------------

def _numbers_in(group: str) -> list[int]:
    numbers: list[int] = []
    for part in re.split(r"\s*[,;]\s*", group.strip()):
        bounds = re.split(r"\s*[-–]\s*", part)
        if len(bounds) == 2 and int(bounds[0]) < int(bounds[1]) <= int(bounds[0]) + 10:
            numbers.extend(range(int(bounds[0]), int(bounds[1]) + 1))
        else:
            numbers.extend(int(b) for b in bounds)
    return numbers


class AnswerTextFilter:
    """Turns the model's raw stream into the answer text as it will be shown.

    Withholds everything from the ZITATE marker on, rewrites citation markers to `[a], [b]` with numbers assigned
    in order of first use (`mapping`: passage number -> answer number), turns `&amp;`, `&lt;`, `&gt;` copied from the
    escaped data back into characters, and holds back a tail that might still grow into a marker, a citation or an
    entity, so that the concatenated output equals the final answer text.
    """

    def __init__(self) -> None:
        self.raw = ""
        self.pos = 0  # raw[:pos] is done
        self.marker_at: int | None = None
        self.mapping: dict[int, int] = {}
        self.text = ""
        self._started = False

    def feed(self, chunk: str) -> str:
        self.raw += chunk
        return self._advance(final=False)

    def finish(self) -> str:
        return self._advance(final=True)

    @property
    def quotes_section(self) -> str | None:
        if self.marker_at is None:
            return None
        marker = _MARKER.search(self.raw, self.marker_at)
        return self.raw[marker.end():] if marker else ""

    def _advance(self, final: bool) -> str:
        if self.marker_at is not None:
            return ""
        marker = _MARKER.search(self.raw, self.pos)
        if marker:
            self.marker_at = end = marker.start()
        elif final:
            end = len(self.raw)
        else:
            end = self._safe_end()
        end = max(self.pos, len(self.raw[:end].rstrip()))
        piece, self.pos = self.raw[self.pos:end], end
        if not self._started:
            piece = piece.lstrip()
            self._started = bool(piece)
        piece = _ENTITY.sub(lambda m: _ENTITIES[m.group(1)], _CITATION.sub(self._renumber, piece))
        self.text += piece
        return piece

    def _safe_end(self) -> int:
        end = len(self.raw)
        bracket = self.raw.rfind("[", self.pos)
        if bracket != -1 and _OPEN_CITATION.match(self.raw, bracket):
            end = bracket
        entity = _OPEN_ENTITY.search(self.raw, self.pos, end)
        if entity:
            end = entity.start()
        space = max(self.raw.rfind(ch, self.pos, end) for ch in " \t\n")
        token_start = max(space + 1, self.pos)
        token = self.raw[token_start:end].lstrip(_MARKER_DECORATION).rstrip(_MARKER_DECORATION + ":")
        if "zitate".startswith(token.lower()):  # also an empty token: decoration that may start a marker
            end = token_start
        return end

    def _renumber(self, match: re.Match[str]) -> str:
        out = []
        for number in _numbers_in(match.group(1)):
            if number not in self.mapping:
                self.mapping[number] = len(self.mapping) + 1
            out.append(f"[{self.mapping[number]}]")
        return ", ".join(dict.fromkeys(out))


def parse_quotes(section: str) -> list[tuple[int, str]]:
    """`(passage number, quote)` pairs after the marker: JSON lines, a JSON array, or lines `[n] „…“`."""
    body = section.strip()
    body = re.sub(r"^```[a-zA-Z]*\s*$", "", body, flags=re.MULTILINE).strip()
    if body.startswith("["):
        try:
            items = json.loads(body)
        except json.JSONDecodeError:
            items = None
        if isinstance(items, list):
            return [_quote_item(item) for item in items]
    quotes = []
    for line in body.splitlines():
        line = line.strip().lstrip("-*•").strip().rstrip(",")
        if not line:
            continue
        if line.startswith("{"):
            try:
                quotes.append(_quote_item(json.loads(line)))
            except json.JSONDecodeError as error:
                raise InvalidOutput(f"Zitatzeile ist kein JSON: {line[:80]!r}") from error
            continue
        match = _QUOTE_LINE.match(line)
        if not match:
            raise InvalidOutput(f"unlesbare Zitatzeile: {line[:80]!r}")
        quotes.append((int(match.group(1)), match.group(2)))
    return quotes


def _quote_item(item: Any) -> tuple[int, str]:
    if not isinstance(item, dict):
        raise InvalidOutput(f"Zitat ist kein Objekt: {item!r:.80}")
    number = item.get("n", item.get("nr", item.get("quelle")))
    quote = item.get("zitat", item.get("quote"))
    try:
        number = int(str(number).strip("[] "))
    except ValueError as error:
        raise InvalidOutput(f"Zitat ohne gültige Nummer: {item!r:.80}") from error
    if not isinstance(quote, str):
        raise InvalidOutput(f"Zitat ohne Text zu [{number}]")
    return number, quote


def _clean_quote(quote: str) -> str:
    quote = html.unescape(quote).strip().strip(_QUOTE_MARKS)
    quote = re.sub(r"^(?:\.\.\.|…)\s*|\s*(?:\.\.\.|…)$", "", quote)
    return quote.strip().strip(_QUOTE_MARKS)


def validate(filtered: AnswerTextFilter, sources: list[SourcePassage], extractive: Answer) -> Answer:
    """The model's answer with validated, renumbered citations; InvalidOutput with the reason otherwise."""
    text = filtered.text.strip()
    if not text:
        raise InvalidOutput("leerer Antworttext")
    if filtered.quotes_section is None:
        raise InvalidOutput("Abschnitt ZITATE fehlt")
    if not filtered.mapping:
        raise InvalidOutput("keine Belegnummer [n] im Antworttext")
    by_number = {s.n: s for s in sources}
    invented = [n for n in filtered.mapping if n not in by_number]
    if invented:
        raise InvalidOutput(f"Belegnummer(n) {invented} gibt es nicht (Quellen 1..{len(sources)})")
    leftovers = [m for m in _ANY_BRACKETED_NUMBER.findall(text) if not re.fullmatch(r"\[\d+\]", m)]
    if leftovers:
        raise InvalidOutput(f"unlesbare Belege im Antworttext: {leftovers[:3]}")

    quotes: dict[int, str] = {}
    for number, raw_quote in parse_quotes(filtered.quotes_section):
        if number not in by_number:
            raise InvalidOutput(f"Zitat zu Belegnummer [{number}], die es nicht gibt")
        if number not in filtered.mapping:
            continue  # a quote for a passage the text does not use: dropped
        quote = _clean_quote(raw_quote)
        if len(quote.split()) < MIN_QUOTE_WORDS:
            raise InvalidOutput(f"Zitat zu [{number}] ist zu kurz: {quote!r}")
        wording = find_verbatim(by_number[number].text, quote)
        if wording is None:
            raise InvalidOutput(f"Zitat zu [{number}] steht nicht in der Quelle: {quote[:80]!r}")
        quotes.setdefault(number, wording)
    unquoted = [n for n in filtered.mapping if n not in quotes]
    if unquoted:
        raise InvalidOutput(f"kein Zitat zu Belegnummer(n) {unquoted}")

    citations = [replace(by_number[n].citation, n=new, quote=quotes[n])
                 for n, new in sorted(filtered.mapping.items(), key=lambda item: item[1])]
    invented_figures = untraceable(text, {c.n: c.quote for c in citations})
    if invented_figures:
        raise InvalidOutput(f"Zahl(en) {invented_figures[:5]} stehen in keinem Zitat, das im selben Absatz belegt ist")
    to_new = {e: filtered.mapping[s.n] for s in sources if s.n in filtered.mapping for e in s.extractive_numbers}

    def remap(items: list[T]) -> list[T]:
        return [replace(item, citations=sorted({to_new[e] for e in item.citations if e in to_new})) for item in items]

    return replace(extractive, answer=text, summary=_bottom_line(text), abstained=False, goals=remap(extractive.goals),
                   funding_paths=remap(extractive.funding_paths), citations=citations,
                   timings_ms=dict(extractive.timings_ms), missing_facts=list(extractive.missing_facts))


def _bottom_line(text: str, limit: int = 400) -> str:
    """The model's first paragraph as the summary, cut to whole sentences within `limit` characters."""
    first = text.split("\n\n", 1)[0].strip()
    while len(first) > limit:
        cut = first.rfind(". ", 0, len(first) - 1)
        if cut <= 0:
            return ""
        first = first[: cut + 1]
    return first


# -- the composer ------------------------------------------------------------------------------------------------

class LLMComposer:
    """Writes the answer with a chat model; falls back to the extractive answer on any failure.

    `time_limit_s` is a wall-clock limit for one answer (the model's own request timeout applies as well).
    """

    def __init__(self, chat_model: BaseChatModel, *, time_limit_s: float = 30.0,
                 passages: Iterable[Passage] | None = None) -> None:
        self.chat_model = chat_model
        self.time_limit_s = time_limit_s
        self.passages = passages

    @classmethod
    def from_settings(cls, settings: "Settings", passages: Iterable[Passage] | None = None) -> "LLMComposer | None":
        model = create_chat_model(settings)
        return cls(model, time_limit_s=settings.llm_timeout_s, passages=passages) if model is not None else None

    def compose(self, findings: Findings, extractive: Answer, passages: Iterable[Passage] | None = None) -> Answer:
        """The validated model answer, or `extractive` unchanged (with a logged warning). Blocking: for callers
        without a running event loop (the CLI, the eval harness); the API awaits `astream`."""

        async def last() -> Answer:
            final = extractive
            async for item in self.astream(findings, extractive, passages):
                if isinstance(item, Answer):
                    final = item
            return final

        return asyncio.run(last())

    async def astream(self, findings: Findings, extractive: Answer,
                      passages: Iterable[Passage] | None = None) -> AsyncIterator[str | Answer]:
        """Yields `str` chunks of the answer text as the model writes them, then exactly one `Answer`, last.

        The chunks are the answer text as it will be shown: citation numbers already renumbered, the ZITATE section
        withheld. The final `Answer` is authoritative: when the model's output was valid, `final.answer` equals the
        concatenated chunks; when it was not (or the model failed or timed out), the final `Answer` is the extractive
        one and the chunks were a discarded preview, which a client replaces with `final.answer`. There may be no
        chunks at all. `passages` (or the composer's own) is where the cited chunks' full texts are looked up, after
        the findings' hits and goals. The wall-clock limit holds for the whole answer: the model's chat stream is
        awaited chunk by chunk, each wait bounded by the time left.
        """
        if extractive.abstained or not extractive.citations:
            yield extractive
            return
        final = extractive
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.time_limit_s
        try:
            sources = source_passages(findings, extractive, passages if passages is not None else self.passages)
            messages = build_messages(findings, extractive, sources)
            filtered = AnswerTextFilter()
            chunks = self.chat_model.astream(messages).__aiter__()
            try:
                while True:
                    remaining = deadline - loop.time()
                    if remaining <= 0:
                        raise WallClockTimeout(f"Zeitlimit von {self.time_limit_s:g} s überschritten")
                    try:
                        chunk = await asyncio.wait_for(anext(chunks), remaining)
                    except StopAsyncIteration:
                        break
                    except TimeoutError:
                        if loop.time() < deadline:
                            raise  # the model's own timeout (a read timeout), not the wall-clock limit
                        raise WallClockTimeout(f"Zeitlimit von {self.time_limit_s:g} s überschritten") from None
                    piece = filtered.feed(str(chunk.text))
                    if piece:
                        yield piece
            finally:
                await chunks.aclose()
            piece = filtered.finish()
            if piece:
                yield piece
            final = validate(filtered, sources, extractive)
        except InvalidOutput as error:
            final = self._fallback(extractive, f"ungültige Ausgabe: {error}")
        except WallClockTimeout as error:
            final = self._fallback(extractive, str(error))
        except Exception as error:  # noqa: BLE001 — timeouts, connection errors, anything the model raises
            final = self._fallback(extractive, f"Modellfehler {type(error).__name__}: {error}")
        yield final

    @staticmethod
    def _fallback(extractive: Answer, reason: str) -> Answer:
        logger.warning("LLM answer discarded, extractive answer used: %s", reason)
        return extractive
