"""A text that asks two questions of different kinds: one about the IREK and one about funding ("Steht im IREK was zur
Pflege? Und könnten wir als Pflegedienst GRW bekommen?"). The answer to the whole text answers the question whose kind
the text is read as; the other question is answered on its own and its bottom line added, with its citations numbered
after the first answer's.

Only a question of the other kind is answered again (a project answer already names its IREK goal, and two questions
of one kind are found and answered together), and only where its answer decides something: a sentence quoted for a
question asked on the side may answer it only by chance.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.answer.extractive import MAX_SUMMARY_CHARS
from assistant.core.answer import Answer

# The kinds of question: the concept and its goals, and funding (a project, whether or how much, how to apply, a rule)
IREK_KIND = "irek"
_KIND = {"irek": IREK_KIND, "project": "funding", "eligibility": "funding", "amount": "funding",
         "procedure": "funding", "rule": "funding"}
# Where a sentence ends: a full stop or an exclamation mark before a capital letter ("… helfen. Und gibt es …"), not
# an abbreviation before a figure ("ca. 120k")
_SENTENCE_END = re.compile(r"(?<=[.!])\s{1,5}(?=[A-ZÄÖÜ])")
_CITED = re.compile(r"\[(\d{1,3})\]")
# A bottom line that is a quote under its source's label: the label holds no colon, the quote follows the first one
_QUOTED_ONLY = re.compile(r"[^:]{3,200}: „")
OTHER_QUESTION = "Zu Ihrer weiteren Frage:"


def questions(text: str) -> list[str]:
    """The questions a text asks, each as written ("Und gibt es GRW-Geld für Fachkräftethemen?"): from the end of the
    sentence or question before to its own question mark."""
    asked = []
    for chunk in text.split("?")[:-1]:
        question = _SENTENCE_END.split(chunk)[-1].strip()
        if len(question) >= 8:
            asked.append(question + "?")
    return asked


def kind(intent: str) -> str:
    return _KIND.get(intent, "")


def other_question(text: str, intent: str, intent_of) -> str | None:  # noqa: ANN001
    """The question of `text` whose kind is not the whole text's (`intent`), with `intent_of` judging one question, and
    with the statements of the text; None where all its questions are of one kind, or it asks only one."""
    asked = questions(text)
    if len(asked) < 2 or not kind(intent):
        return None
    for question in asked:
        if kind(intent_of(question)) not in ("", kind(intent)):
            # with what the text states besides ("Wir sind ein Pflegedienst."), without its other questions
            rest = text
            for each in asked:
                rest = rest.replace(each, " ") if each != question else rest
            return " ".join(rest.split())
    return None


def decides(answer: Answer) -> bool:
    """Whether an answer's bottom line decides something (a path, a "Nein", a goal, a count): not only a quoted
    sentence under its source ("GRW-Koordinierungsrahmen, Nr. 10.1.2, S. 45: „…“"), which answers a question asked on
    the side only by chance."""
    return bool(answer.summary) and not _QUOTED_ONLY.match(answer.summary) and bool(_CITED.search(answer.summary))


def with_other_answer(first: Answer, other: Answer) -> Answer:
    """The first answer with the other question's bottom line after its own where that decides something: in the
    summary where both fit in it, else as the first paragraph of the details. The other answer's citations that its
    bottom line uses are numbered after the first's (a quote cited by both keeps the first's number); its funding
    paths come along where the first has none."""
    if other.abstained or not decides(other):
        return first
    citations = list(first.citations)
    numbers: dict[int, int] = {}
    by_n = {c.n: c for c in other.citations}
    for n in (int(k) for k in _CITED.findall(other.summary)):
        if n in numbers:
            continue
        citation = by_n[n]  # every number a bottom line cites has its citation (contracts.md §2)
        same = next((c for c in citations if (c.chunk_id, c.quote) == (citation.chunk_id, citation.quote)), None)
        if same is None:
            same = replace(citation, n=len(citations) + 1)
            citations.append(same)
        numbers[n] = same.n
    said = f"{OTHER_QUESTION} " + _CITED.sub(lambda m: f"[{numbers[int(m.group(1))]}]", other.summary)
    details = first.answer[len(first.summary):]  # the answer begins with its summary (contracts.md §2)
    if first.summary and len(first.summary) + 1 + len(said) <= MAX_SUMMARY_CHARS:
        summary = f"{first.summary} {said}"
        text = summary + details
    else:
        summary = first.summary
        text = "\n\n".join(part for part in (first.summary, said, details.lstrip("\n")) if part)
    paths = first.funding_paths or [replace(p, citations=[numbers[n] for n in p.citations if n in numbers])
                                    for p in other.funding_paths]
    return replace(first, answer=text, summary=summary, citations=citations, funding_paths=paths)
