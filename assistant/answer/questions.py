"""A text that asks more than one question. The answer to the whole text answers the question whose kind the text is
read as; each further question is answered on its own, and its bottom line added where it decides something, with its
citations numbered after the first answer's:
- a question of the other kind ("Steht im IREK was zur Pflege? Und könnten wir als Pflegedienst GRW bekommen?"), with
  the statements of the text;
- a further question on funding ("Geht das über GRW? Und kriegen wir auch den Grundstückskauf gefördert?", "Ist das
  förderbar oder zählt das als Ersatz?"), as a follow-up to the rest of the text.

A project answer already names its IREK goal, so an IREK question beside it is not answered again. A bottom line that
is only a quoted sentence is not added: a sentence quoted for a question asked on the side may answer it only by
chance; the one exception is a further question about the IREK that names it, whose quote holds a telling word of it
(`told`, judged by the pipeline), and a further question of how long whose quote states a span. Nor is a bottom line
added that the first answer already gives.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache

from assistant.answer.extractive import (IREK_ROLE_OPENS, MAX_SUMMARY_CHARS, PATH_LINE, PATH_VERDICT, WORDING_FOLLOWS,
                                         WORDING_OPENS, renumbered)
from assistant.core.answer import Answer
from assistant.goals.lists import topic_words
from assistant.text.analysis import stems
from assistant.text.asked import PART_MARK, asks, in_order, in_the_irek, numbers_questions, part_marks, questions
from assistant.text.citations import SPAN, split_sentences
from assistant.text.figures import CITATION_NUMBER

# The kinds of question: the concept and its goals, and funding (a project, whether or how much, how to apply, a rule)
IREK_KIND = "irek"
_KIND = {"irek": IREK_KIND, "project": "funding", "eligibility": "funding", "amount": "funding",
         "procedure": "funding", "rule": "funding"}
# A bottom line that is a quote under its source's label: the label holds no colon, the quote follows the first one
_QUOTED_ONLY = re.compile(r"[^:]{3,200}: „")
OTHER_QUESTION = "Zu Ihrer weiteren Frage:"
# A further answer that is only a quoted passage of the KR, found for a part the asker numbers with nothing to tell
# that it answers the part ("2) wer ist Ansprechpartner?" – Nr. 2.2.2 on who may apply under leasing): said as the
# nearest passage, not as the answer (a bottom line under the KR's own label: not the area rule's "Der Landkreis …
# ist D-Fördergebiet (Anhang 5): „…“", which answers for itself)
_KR_QUOTED = re.compile(r"GRW-Koordinierungsrahmen, [^:„]{1,60}: „")
NEAREST_PASSAGE = "Eine Stelle, die genau das regelt, habe ich nicht sicher gefunden. Am nächsten kommt"
# The opening of a further question's answer: the general one, or the part's mark where the asker numbers the parts
# ("Zu b):", "Zu 2):", "Zu Frage 3:")
_FURTHER_OPENING = re.compile(r"Zu (Ihrer weiteren Frage|[a-d]\)|[1-4]\)|Frage [1-4]):")
_DANGLING = re.compile(r"[\s,]*\b(?:und|oder)\s*$", re.IGNORECASE)  # the joining word before a question split off
MAX_SIDE_QUESTIONS = 2
# A text whose parts the asker numbers ("a) … b) … c) …", at most "d)" or "4)") has each part answered
MAX_NUMBERED_PARTS = 4
# A question of how much or which aid in at most this many words asks nothing beside the project the text describes
_BARE_AMOUNT_WORDS = 6
_HOW_MUCH = re.compile(r"\bwie\s{1,3}(hoch|viel)|\bwieviel", re.IGNORECASE)
_WHICH_AID = re.compile(r"\bwelche\w?\s{1,3}(förder\w*|zuschüsse|zuschuss|unterstützung)", re.IGNORECASE)
# A question that points back to what the text asked before it ("Was ist RIS3 und was hat das IREK damit zu tun?")
_POINTS_BACK = re.compile(r"\bda(?:r)?(?:mit|zu|für|rin|von|ran|rüber|bei|auf|aus)?\b", re.IGNORECASE)
# (or its goals with a topic of their own: "… und welche Handlungsziele drehen sich um Energie?")
_NAMES_IREK = re.compile(r"\birek|entwicklungskonzept|regionalkonzept"
                         r"|\b(handlungsziel|leitziel)\w{0,2}\b[^.?!]{0,30}\b(um|zu[mr]?|für|beim?|über)\s{1,3}(das\s{1,3}|die\s{1,3}|den\s{1,3})?(thema\s{1,3})?[A-ZÄÖÜa-zäöüß]{4,}",
                         re.IGNORECASE)


# A question what the IREK itself is ("Und was ist dieses IREK eigentlich?"): a project answer's goals do not answer it
WHAT_IREK_IS = re.compile(r"\b(was|wofür|wozu)\s{1,3}(ist|is|sind|bedeutet|soll|macht)\b[^?.!]{0,40}\birek\b"
                          r"|\birek\b[^?.!]{0,30}\b(eigentlich|überhaupt|genau)\b[^?.!]{0,10}\?", re.IGNORECASE)


@dataclass(frozen=True)
class SideQuestion:
    """A further question of a text, to be answered on its own: its text, and the turns to add before it to the
    conversation (the text before it as a turn of its own; none where the text to answer holds the statements)."""

    text: str
    before: list[dict] = field(default_factory=list)
    same_kind: bool = False  # a further question of the text's own kind (whose project answer the text has already)
    own: bool = False  # a question about the IREK that stands on its own (names the IREK)


def side_questions(text: str, intent: str, intent_of, other_kind: bool = True) -> list[SideQuestion]:  # noqa: ANN001
    """The questions of `text` to answer besides the whole text (read as `intent`; `intent_of` judges one question):
    one of the other kind where `other_kind` allows it, with the text's statements; then each question on funding, as
    a follow-up to the text before it (the answer to the whole text may answer only one of them). The pipeline adds
    the answers of at most MAX_SIDE_QUESTIONS of them."""
    if not kind(intent):
        return []
    intent_of = cache(intent_of)  # each question embedded and judged once
    other = other_question(text, intent, intent_of) if other_kind else None
    sides = [other] if other else []
    asked = asks(text)
    irek = kind(intent) == IREK_KIND
    # each question on funding, as a follow-up to the text before it; of a text about the IREK, each further question
    # that names the IREK itself ("Welche Ziele zum Thema Fachkräfte? Und mit welchen Strategien ist das IREK
    # verzahnt?"), on its own (one that does not, "Welche Ziele betreffen uns?", asks on the first one's subject)
    further = [in_the_irek(q) for q in asked[1:]] if irek else asked
    for question in [q for q in further if _NAMES_IREK.search(q)] if irek else asked:
        if kind(intent_of(question)) != kind(intent):
            continue
        if intent == "project" and len(question.split()) <= _BARE_AMOUNT_WORDS and (
                intent_of(question) == "amount" and _HOW_MUCH.search(question) or _WHICH_AID.search(question)):
            continue  # "Wie hoch ist die Förderung?", "Welche Förderung gibt es?" beside a project: its answer names
            # the paths, their rates and the sum
        # (a question split off at "und"/"oder" has no "?" of its own; each is a part of the text)
        # (of a text about the IREK, as a follow-up only where it points back: "… und was hat das IREK damit zu tun?")
        before = "" if irek and not _POINTS_BACK.search(question) else _text_before(text, question)
        sides.append(SideQuestion(question, [{"role": "user", "content": before}] if before else [], True, irek))
    return sides


# A further question of how long something may or must last ("Und gibts Vorgaben, wie lange Startups da drin bleiben
# dürfen?"): a quoted sentence that states a span answers it, not by chance
_ASKS_HOW_LONG = re.compile(r"\bwie\s{1,3}lange\b|\bwie\s{1,3}viele\s{1,3}jahre\b", re.IGNORECASE)


def states_span_asked(question: str, other: Answer, first: Answer) -> bool:
    """Whether a further question asks how long, and the quote of its bottom line (`other`) states a span of time from
    a section the first answer cites (the rules of the same measure, not those of another path), where the first
    answer's bottom line states no span of it (it may state another: "36 Monaten" to carry the investment out beside
    the "fünf Jahre" the goods must stay)."""
    summary = other.summary
    quoted = summary[summary.find("„"):] if "„" in summary else ""
    cited = {(c.document, c.section) for c in other.citations
             if str(c.n) in CITATION_NUMBER.findall(summary)}
    spans = [span.group() for span in SPAN.finditer(quoted)]
    return bool(_ASKS_HOW_LONG.search(question) and spans and not any(span in first.summary for span in spans)
                and cited <= {(c.document, c.section) for c in first.citations})


def numbered_items(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The text before its numbered items and the items, each with its mark ("hab 3 mandanten …: 1) fahrschule …
    2) campingplatz … 3) spedition …"), where it numbers at least two in order from "1" or "a"; else ("", [])."""
    marks = list(PART_MARK.finditer(text))
    labels = [m.group(1) for m in marks]
    for first in ("1", "a"):
        if first not in labels:
            continue
        start = labels.index(first)
        run = [marks[start]]
        for m in marks[start + 1:]:
            if m.group(1) == chr(ord(run[-1].group(1)) + 1):
                run.append(m)
        if len(run) >= 2:
            items = [(m.group(1), text[m.end(): nxt.start(1) if nxt is not None else len(text)].strip(" ,;"))
                     for m, nxt in zip(run, [*run[1:], None])]
            return text[: run[0].start(1)].strip(), items
    return "", []


_EACH_OPENING = "Je Vorhaben:"


def each_answered(items: list[tuple[str, Answer]]) -> Answer:
    """One answer to several projects named in one text ("… bitte kurz je ja/nein: 1) fahrschule … 2) campingplatz …"),
    from each one's own answer (`items`: its label and answer): the bottom line says per project "nein" or the path
    and its rate, each cited; the details give each one's own bottom line; each one's lead path is a card named with
    its label. Citations are numbered anew, a quote cited twice keeps its first number."""
    citations: list = []
    verdicts: list[tuple[str, str]] = []  # (the short verdict, the verdict with the path's name and rate or "")
    details, paths, goals = [], [], []

    def numbered(answer: Answer) -> dict[int, int]:
        numbers: dict[int, int] = {}
        for citation in answer.citations:
            same = next((c for c in citations if (c.chunk_id, c.quote) == (citation.chunk_id, citation.quote)), None)
            if same is None:
                same = replace(citation, n=len(citations) + 1)
                citations.append(same)
            numbers[citation.n] = same.n
        return numbers

    def moved(text: str, numbers: dict[int, int]) -> str:
        return CITATION_NUMBER.sub(lambda m: f"[{numbers.get(int(m.group(1)), int(m.group(1)))}]", text)

    for label, answer in items:
        if answer.abstained:
            verdicts.append((f"{label}: dazu kann ich nichts sagen", ""))
            continue
        numbers = numbered(answer)
        lead = answer.funding_paths[0] if answer.funding_paths else None
        cited = "".join(f" [{numbers[n]}]" for n in (lead.citations if lead else []) if n in numbers)
        if lead is None:
            verdicts.append((f"{label}: siehe unten", ""))
        elif lead.blocked:
            verdicts.append((f"{label}: nein{cited}", ""))
        else:
            # (the rate and the path's name where they fit; "möglich" and its sources always)
            verdicts.append((f"{label}: möglich{cited}", f"{label}: möglich über {lead.name}"
                             + (f", {lead.max_rate}" if lead.max_rate else "") + cited))
        details.append(f"{label}: {moved(answer.summary, numbers)}")
        if lead is not None:
            paths.append(replace(lead, name=f"{lead.name} ({label})",
                                 citations=[numbers[n] for n in lead.citations if n in numbers]))
        goals += [replace(g, citations=[numbers[n] for n in g.citations if n in numbers])
                  for g in answer.goals[:1] if g.code not in {have.code for have in goals}]
    closing = " Die Gründe stehen unten je Vorhaben; entscheiden wird die Bewilligungsstelle."
    summary = f"{_EACH_OPENING} " + "; ".join(long or short for short, long in verdicts) + "." + closing
    if len(summary) > MAX_SUMMARY_CHARS:  # the verdicts alone, without the paths' names and rates
        summary = f"{_EACH_OPENING} " + "; ".join(short for short, _ in verdicts) + "." + closing
    answer = Answer("\n\n".join([summary, *details]), False, goals=goals, funding_paths=paths, citations=citations,
                    mode="project", intent="eligibility", summary=summary)
    return renumbered(answer)


def numbered_parts(text: str) -> bool:
    """Whether the text numbers at least two questions as parts, in order ("a) … b)", "1) … 2)"), one of which asks
    about the IREK on a subject of its own ("b) welches IREK-Ziel passt für Wasserstoff im Gewerbegebiet?"; not "3)
    Welches IREK-Handlungsziel passt?", which the project answer's goal answers)."""
    return in_order([m.group(1) for m in PART_MARK.finditer(text)]) \
        and any(_NAMES_IREK.search(part) and set(topic_words(part)) - _FITTING_WORDS for part in asks(text))


_FITTING_WORDS = {"passt", "passen", "gehört", "gehören", "fällt", "fallen", "zuordnen", "betrifft", "betreffen"}


def kind(intent: str) -> str:
    return _KIND.get(intent, "")


def _text_before(text: str, question: str) -> str:
    """The text before one of its questions, without the joining word left at its end ("… vor und"); of a part the
    asker numbers, the text before the parts ("Ich berate ein Stadtwerk … Drei Dinge:"), not the parts before it (the
    filling station of "a)" is no fact of "b) neue Stromleitung …")."""
    at = text.find(question.rstrip("?"))
    if at <= 0:
        return ""
    marks = [m.start() for m in PART_MARK.finditer(text) if m.start() < at]
    if marks and numbers_questions(text):
        # (with the words of its own part before it: "1) wir planen … ein gewerbegebiet. gibts da 90 % und zählt der
        # grundstückskauf mit rein?")
        before = f"{text[:marks[0]].strip()} {text[marks[-1]:at].strip()}"
        return _DANGLING.sub("", before).strip()
    return _DANGLING.sub("", text[:at]).strip()


def other_question(text: str, intent: str, intent_of) -> SideQuestion | None:  # noqa: ANN001
    """The question of `text` whose kind is not the whole text's (`intent`), with `intent_of` judging one question, and
    with the statements of the text (one that points back to the question before it, as its follow-up); None where
    all its questions are of one kind, or it asks only one."""
    # (a question joined by "und" is one of its own: "wo kommt Wasserstoff im IREK vor und kann man da über GRW was
    # machen?")
    asked = asks(text)
    if len(asked) < 2 or not kind(intent):
        return None
    for question in asked:
        if kind(intent) != IREK_KIND and WHAT_IREK_IS.search(question):
            return SideQuestion(question, own=True)  # what the IREK is, asked beside a project: on its own
        if kind(intent_of(question)) not in ("", kind(intent)):
            before = _text_before(text, question)
            if _POINTS_BACK.search(question) and asks(before):
                # "wo kommt Wasserstoff im IREK vor und kann man da über GRW was machen": after the question before it
                # (whose subject it points to; after statements alone it is asked with them, as any other)
                return SideQuestion(question, [{"role": "user", "content": before}])
            # with what the text states besides ("Wir sind ein Pflegedienst."), without its questions of the text's own
            # kind (those of the other kind stay, answered together: "wie viele Handlungsziele hat das IREK, wie hoch
            # sind die Fördersätze und können Großunternehmen überhaupt gefördert werden?")
            rest = text
            own_kind = kind(intent_of(question))
            for each in asked:
                if each != question and kind(intent_of(each)) != own_kind:
                    rest = rest.replace(each, " ") if each in rest else _DANGLING.sub(" ", rest.replace(each[:-1], " "))
            return SideQuestion(" ".join(rest.split()))
    return None


def decides(answer: Answer) -> bool:
    """Whether an answer's bottom line decides something (a path, a "Nein", a goal, a count): not only a quoted
    sentence under its source ("GRW-Koordinierungsrahmen, Nr. 10.1.2, S. 45: „…“"), which answers a question asked on
    the side only by chance."""
    label = _QUOTED_ONLY.match(answer.summary)
    # (a label that states something is a verdict with its quote: "Der Landkreis Osnabrück ist D-Fördergebiet (Anhang
    # 5): „…“"; not one that names a section by its title, "RIS3 Niedersachsen, „Was die RIS3 ist“: „…“")
    return bool(answer.summary) and not (label and not _STATES.search(re.sub(r"„[^“]*“", "", label.group()))) \
        and bool(CITATION_NUMBER.search(answer.summary))


# (a finite verb outside the quotes: "Der Landkreis … ist D-Fördergebiet (Anhang 5): „…“", "GRW-Anträge nehmen in
# Niedersachsen die … NBank entgegen: „…“"; a source's label has none)
_STATES = re.compile(r"\b(ist|sind|gilt|gelten|nimmt|nehmen|stellt|stellen|muss|müssen|kann|können|darf|dürfen)\b")


def _said_already(first: Answer, other: Answer, numbered: bool = False) -> bool:
    """Whether the first answer gives the other's bottom line already: each quote it cites is quoted there whole (a
    part quoted says less: "(5) Der Grunderwerb darf nicht vor dem 1. Juli 2025 erfolgt sein." of the rule on it).
    `numbered`: the asker numbers the questions, so each part is answered in the text; a quote only a line of the list
    of paths cites ("- **GRW: …**: nicht möglich – Eine Erschließung, die auf ein bestimmtes Unternehmen zugeschnitten
    ist, …" to "2) dürfen wir das für den Investor passgenau erschließen?"), or a rule only its line states ("Wichtig:
    Die geförderten Wirtschaftsgüter müssen …" to "b) wie lange Zweckbindung?"), does not count; a further bottom line
    made of a list of paths is said where its words stand anywhere in the first answer."""
    by_n = {c.n: c for c in other.citations}
    cited = [by_n[int(n)] for n in CITATION_NUMBER.findall(other.summary)]
    lines = _outside_paths(first) if numbered else first.answer.splitlines()
    in_text = {int(n) for line in lines for n in CITATION_NUMBER.findall(line)}
    quoted = [c.quote for c in first.citations if c.n in in_text]
    # (or its opening words stand in the first answer already: the rule asked about, stated there from the same data
    # with a quote of another length)
    opening = " ".join(CITATION_NUMBER.sub(" ", other.summary).split())[:_SAID_CHARS]
    searched = first.answer if PATH_LINE in other.summary else " ".join(lines)  # (a list of paths: anywhere)
    return all(any(c.quote in q for q in quoted) for c in cited) \
        or len(opening) == _SAID_CHARS and opening in " ".join(searched.split())


_SAID_CHARS = 80  # the opening of a further answer's bottom line that, found in the first answer, says it was said


def _outside_paths(answer: Answer) -> list[str]:
    """The lines of an answer's text outside its list of paths."""
    return [line for line in answer.answer.splitlines() if not line.startswith(PATH_LINE)]


def _same_path_again(first: Answer, other: Answer, numbered: bool = False) -> bool:
    """Whether the other answer only offers again the path the first leads with ("Möglich: GRW …" to "Und gibts dafür
    GRW?" after a project answer with that path), not a rule of its own or a "Nein". Where the asker numbers the
    questions, only a path the first answer offers in its text counts, not one only its list of paths holds ("2. bis
    wann muss bewilligt sein, damit die 90%-Sonderregel greift?": "… bis 31.12.2028 bis 90 Prozent …")."""
    again = bool(PATH_VERDICT.match(other.summary) and first.funding_paths and other.funding_paths
                 and other.funding_paths[0].id == first.funding_paths[0].id and not other.funding_paths[0].blocked)
    if not (again and numbered):
        return again
    offered = (m.group(2) for line in _outside_paths(first) for m in _OFFERED_PATH.finditer(line))
    return any(name.startswith(other.funding_paths[0].name) for name in offered)


# a path offered in the text ("Förderweg: GRW: Wirtschaftsnahe kommunale Infrastruktur, bis 60 Prozent")
_OFFERED_PATH = re.compile(PATH_VERDICT.pattern + r"(.+?)(?:,| \(|$)")


def _not_said_in(bottom: str, said: str) -> str:
    """The sentences of `bottom` that `said` does not hold already, citation numbers aside; `bottom` where it holds
    none."""
    def plain(text: str) -> str:
        return " ".join(CITATION_NUMBER.sub(" ", text).split())

    told = plain(said)
    kept = [sentence for sentence in split_sentences(bottom) if plain(sentence) not in told]
    return " ".join(kept) if kept else bottom


def _with_wording(other: Answer) -> Answer:
    """A further answer whose bottom line says where a rule stands and that its wording follows ("Die Regel steht in
    GRW-Koordinierungsrahmen, Nr. 3.2.1.1, S. 21; der Wortlaut folgt."), with that wording in its bottom line: beside a
    first answer, nothing follows it."""
    if not other.summary.endswith(WORDING_FOLLOWS):
        return other
    details = other.answer[len(other.summary):].split("\n\n")
    wording = next((part for part in details if part.startswith(WORDING_OPENS)), None)
    quote = wording[wording.find("„"):] if wording and "„" in wording else ""
    if not quote:
        return other
    where = other.summary[:-len(WORDING_FOLLOWS)].rstrip().rstrip(";")
    return replace(other, summary=f"{where}: {quote}")


def further_opening(text: str, question: str) -> str:
    """How the answer to a further question of `text` opens: where the asker numbers the parts and the question is one
    of them, by the mark of its part ("b) wie lange Zweckbindung?" → "Zu b):", "3. wo reicht man ein?" → "Zu Frage
    3:"; "wie hoch?" of "2) wird die erstellung gefördert und wie hoch?" → "Zu 2):"), so that each part's answer is
    found by its number; else "Zu Ihrer weiteren Frage:" (also for a question put together from several parts)."""
    if not numbers_questions(text) or question not in asks(text):
        return OTHER_QUESTION
    at = text.find(question.rstrip("?"))
    marks = part_marks(question)[:1] or (part_marks(text[:at])[-1:] if at >= 0 else [])
    if not marks:
        return OTHER_QUESTION
    mark, dotted = marks[0]
    return f"Zu Frage {mark}:" if dotted else f"Zu {mark}):"


def in_text_order(sides: list[SideQuestion], text: str) -> list[SideQuestion]:
    """The further questions of a text whose parts the asker numbers in the order the text asks them (the one of
    another kind, found first, among them), so that their answers follow "Zu 1):", "Zu 2):", "Zu 3):"."""
    def place(side: SideQuestion) -> int:
        at = text.find(side.text.rstrip("?"))
        return at if at >= 0 else len(text)
    return sorted(sides, key=place)


_SHARED_STEM = 4  # the shortest stem of a word two texts share (`shares_a_word`)


def shares_a_word(question: str, text: str) -> bool:
    """Whether a text holds a word of the question, or a compound that begins or ends with one, or one that a word of
    the question does ("Wasserstoff" in "Wasserstoffnetz", "Steuer" in "Umsatzsteuer", "Beginn" in
    "Vorhabenbeginn")."""
    asked = {s for s in stems(question) if len(s) >= _SHARED_STEM}
    said = {s for s in stems(text) if len(s) >= _SHARED_STEM}
    return any(a.startswith(b) or a.endswith(b) or b.startswith(a) or b.endswith(a) for a in asked for b in said)


def _borne(answer: Answer) -> set[str]:
    """The openings of the further answers an answer holds ("Zu 2):", "Zu Ihrer weiteren Frage:")."""
    return {found.group() for found in _FURTHER_OPENING.finditer(answer.answer)}


def _parts_by_mark(text: str) -> dict[str, list[str]]:
    """The questions of each part the asker numbers, by the opening of its answer ("Zu 2):": ["wie hoch?", …])."""
    parts: dict[str, list[str]] = {}
    for question in asks(text):
        opening = further_opening(text, question)
        if opening != OTHER_QUESTION:
            parts.setdefault(opening, []).append(question)
    return parts


def with_rule_parts_marked(answer: Answer, text: str, rule_said: Callable[[str], str | None]) -> Answer:
    """The answer to a text whose parts the asker numbers, a paragraph of its details that is the rule answer of a
    part no further answer bears opened by that part's mark ("3) wie lange dauert es bis zur Bewilligung?": "Zu 3):
    Eine Bearbeitungsdauer nennen … nicht …"); `rule_said`: the bottom line of a question's own rule answer, if any."""
    borne = _borne(answer)
    paragraphs = answer.answer[len(answer.summary):].split("\n\n")
    marked = False
    for opening, questions in _parts_by_mark(text).items():
        said = [head[:_RULE_HEAD] for q in questions if opening not in borne and (head := rule_said(q))]
        at = next((n for n, paragraph in enumerate(paragraphs) if paragraph and any(
            paragraph.startswith(head) for head in said)), None)
        if at is not None:
            paragraphs[at] = f"{opening} {paragraphs[at]}"
            marked = True
    return replace(answer, answer=answer.summary + "\n\n".join(paragraphs)) if marked else answer


def in_mark_order(answer: Answer, text: str) -> Answer:
    """The answer to a text whose parts the asker numbers, the paragraphs of its details that a part's mark opens put
    in the order of the marks, each into a place one of them held ("Zu 3):" added as a further answer before the
    details' rule answer marked "Zu 2):" comes after it), the citations numbered again in the order of the text."""
    order = {opening: n for n, opening in enumerate(_parts_by_mark(text))}
    paragraphs = answer.answer[len(answer.summary):].split("\n\n")
    placed = [(n, order[mark.group()]) for n, paragraph in enumerate(paragraphs)
              if (mark := _FURTHER_OPENING.match(paragraph)) and mark.group() in order]
    marked = [paragraphs[n] for n, _ in sorted(placed, key=lambda place: place[1])]
    if [paragraphs[n] for n, _ in placed] == marked:
        return answer
    for (n, _), paragraph in zip(placed, marked):
        paragraphs[n] = paragraph
    return _renumbered_copy(answer, answer=answer.summary + "\n\n".join(paragraphs))


_RULE_HEAD = 60  # the opening of a rule answer's bottom line that finds it in a paragraph (`with_rule_parts_marked`)


def with_first_part_marked(answer: Answer, text: str, answers_it: Callable[[str], bool]) -> Answer:
    """The answer to a text whose parts the asker numbers, its own bottom line opened by the mark of the one part that
    no further answer bears ("Zu 2): …" before "Zu 1):" and "Zu 3):"), where the first answer answers that part (of
    the part's questions, one `answers_it`, of the kind the whole text is read as, and the bottom line holds a word of
    it: a mark on a bottom line beside the point misleads more than none) and the bottom line has room."""
    parts = _parts_by_mark(text)
    borne = _borne(answer)
    left = [opening for opening in parts if opening not in borne]
    if not borne & set(parts) or len(left) != 1 \
            or not any(answers_it(q) and shares_a_word(q, answer.summary) for q in parts[left[0]]) \
            or _FURTHER_OPENING.match(answer.summary) or not answer.summary \
            or len(answer.summary) + len(left[0]) + 1 > MAX_SUMMARY_CHARS:
        return answer
    summary = f"{left[0]} {answer.summary}"
    return replace(answer, summary=summary, answer=summary + answer.answer[len(answer.summary):])


def with_other_answer(first: Answer, other: Answer, told: bool = False, numbered: bool = False,
                      opening: str = OTHER_QUESTION, nearest: bool = False) -> Answer:
    """The first answer with a further question's bottom line after its own where that decides something the first
    does not say: in the summary where both fit in it, else as a paragraph of the details after the further answers
    before it. The other answer's citations that its bottom line uses are numbered after the first's (a quote cited by
    both keeps the first's number), and all are numbered again in the order of the text; its funding paths come along
    where the first has none. `numbered`: the asker numbers the questions (`_said_already`); `opening`: the words the
    further answer opens with (`further_opening`); `nearest`: a quoted passage of the KR is told only because it is
    the nearest found (`NEAREST_PASSAGE`)."""
    other = _with_wording(other)
    if other.abstained or not (decides(other) or told and CITATION_NUMBER.search(other.summary)) \
            or _said_already(first, other, numbered) or _same_path_again(first, other, numbered):
        return first
    # (not the sentences the first bottom line says already: "Nach Ihren Angaben sind Sie ein mittleres Unternehmen"
    # beside the rate asked for next)
    bottom = _not_said_in(other.summary, first.summary)
    after = [part for part in other.answer[len(other.summary):].split("\n\n") if part]  # its details' paragraphs
    label = _QUOTED_ONLY.match(bottom)
    if told and label:
        # a quoted sentence goes on in the next one of its passage ("… mit Strategien verzahnt." – "Es greift die
        # Ziele … der Zukunftsregion, der LEADER-Entwicklungskonzepte … auf"): both, as the other answer quotes them
        going_on = f"Außerdem ({label.group()[:-3]}): "
        if after and after[0].startswith(going_on):
            bottom = f"{bottom} {after[0][len(going_on):]}"
    # what the IREK is, asked beside another question: with what it is for in funding (its own sentence on the GRW),
    # which a bottom line of one quote leaves out
    role = next((part for part in after if part.startswith(IREK_ROLE_OPENS)), None)
    if role is not None and role not in first.answer:
        bottom = f"{bottom} {role}"
    if nearest and _KR_QUOTED.match(bottom):
        bottom = f"{NEAREST_PASSAGE} {bottom}"
    citations = list(first.citations)
    numbers: dict[int, int] = {}
    by_n = {c.n: c for c in other.citations}
    for n in (int(k) for k in CITATION_NUMBER.findall(bottom)):
        if n in numbers:
            continue
        citation = by_n[n]  # every number a bottom line cites has its citation (contracts.md §2)
        same = next((c for c in citations if (c.chunk_id, c.quote) == (citation.chunk_id, citation.quote)), None)
        if same is None:
            same = replace(citation, n=len(citations) + 1)
            citations.append(same)
        numbers[n] = same.n
    said = f"{opening} " + CITATION_NUMBER.sub(lambda m: f"[{numbers[int(m.group(1))]}]", bottom)
    details = first.answer[len(first.summary):]  # the answer begins with its summary (contracts.md §2)
    rest = [part for part in details.split("\n\n") if part]
    answered = next((n for n, part in enumerate(rest) if not _FURTHER_OPENING.match(part)), len(rest))
    if first.summary.rstrip().endswith(":"):
        # a bottom line that opens what follows (a list of goals: "Die Handlungsziele 1.2.3 und 4.1.1 im Wortlaut …,
        # jeweils mit ihrem Leitziel:"): the further answer after it all
        summary = first.summary
        text = "\n\n".join(part for part in [first.summary, *rest, said] if part)
    elif first.summary and not answered and len(first.summary) + 1 + len(said) <= MAX_SUMMARY_CHARS:
        summary = f"{first.summary} {said}"
        text = summary + details
    else:
        summary = first.summary
        text = "\n\n".join(part for part in [first.summary, *rest[:answered], said, *rest[answered:]] if part)
    paths = first.funding_paths or [replace(p, citations=[numbers[n] for n in p.citations if n in numbers])
                                    for p in other.funding_paths]
    # (numbered again in the order of the text: a further answer set before the first's details cites [1] … [9] … [2])
    return _renumbered_copy(first, answer=text, summary=summary, citations=citations, funding_paths=paths)


def _renumbered_copy(original: Answer, **changes) -> Answer:  # noqa: ANN003
    """`renumbered` on a copy of the answer with `changes`: it numbers in place, and the answer given, its citations,
    goals and paths stay as they were."""
    copy = replace(original, **changes)
    return renumbered(replace(copy, citations=[replace(c) for c in copy.citations],
                              goals=[replace(g) for g in copy.goals],
                              funding_paths=[replace(p) for p in copy.funding_paths]))


def in_short(answer: Answer) -> Answer:
    """The answer said as its bottom line (asked for "kürzer"): the summary, and the short answers to the further
    parts of its question ("… und was hat das mit GRW zu tun?": "Zur Förderung: „…“"), with the citations they use."""
    parts = [answer.summary or answer.answer]
    parts += [block for block in answer.answer.split("\n\n")[1:]
              if (_FURTHER_OPENING.match(block) or block.startswith(_FUNDING_QUOTED))
              and len(block) <= MAX_SUMMARY_CHARS + 100 and block not in parts[0]]
    answer.answer = "\n\n".join(parts)
    return renumbered(answer)


_FUNDING_QUOTED = "Zur Förderung: „"
