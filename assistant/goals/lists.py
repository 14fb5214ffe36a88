"""Lists and counts from the IREK goal catalogue: the corridors, the Leitziele of a corridor, the Handlungsziele of a
Leitziel or a corridor, the goals on a topic, and how many there are (issue 12, point 6).

`find_list` reads what is asked from the question; the goal matcher picks the Leitziel for a topic ("die Ziele zum
Tourismus"). Every pattern has bounded repetition only.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from assistant.core.model import Goal, Passage
from assistant.goals.matching import GoalMatcher
from assistant.retrieval.retriever import ScoreParts
from assistant.text.analysis import stems
from assistant.text.asked import asks_what_is

IREK_DOCUMENT = "irek"

_LEVEL_WORDS = {
    # (the plural in any case: "Leitziel 2.3 mit allen Handlungszielen")
    "corridor": re.compile(r"\b(themen)?korridoren?\b|\bthemenfeldern?\b", re.IGNORECASE),
    "leitziel": re.compile(r"\bleitzielen?\b", re.IGNORECASE),
    "handlungsziel": re.compile(r"\bhandlungszielen?\b|\bziele\b|\bmaßnahmen\b", re.IGNORECASE),
}
# Goals asked for beyond a corridor as well ("Welche Ziele betreffen Digitalisierung, auch außerhalb von Korridor 2?")
_BEYOND = re.compile(r"\b(außerhalb|ausserhalb|jenseits)\b|\bauch\s{1,3}in\s{1,3}(den\s{1,3})?(anderen|übrigen)\s{1,3}"
                     r"(themen)?korridor", re.IGNORECASE)
# "insgesamt": the whole IREK counted, beside whatever else a question asks
ASKS_WHOLE = re.compile(r"\b(insgesamt|gesamt|im\s{1,3}ganzen|alles\s{1,3}in\s{1,3}allem)\b", re.IGNORECASE)
_LEVEL_NAMED = re.compile(r"handlungsziel|leitziel|korridor|themenfeld|maßnahme", re.IGNORECASE)
# What the IREK says on a topic, asked without a word for its goals ("was steht im IREK konkret zu gesundheit und pflege?
# gern mit zielnummern"); a question of what the IREK is or does names no topic (topic_words)
# (also asked the other way round: "Steht im IREK des Landkreises irgendwas zu Wasserstoff?")
_ON_TOPIC = re.compile(r"\bwas\s{1,3}(steht|sagt|enthält|schreibt|plant)\b[^?]{0,40}\birek\w{0,2}\b[^?]{0,30}\b(zu[mr]?|über|beim?)\b"
                       r"|\b(steht|stehen|gibt\s{1,3}es)\s{1,3}(im|in\s{1,3}dem|in\s{1,3}diesem)\s{1,3}irek\w{0,2}\b[^?]{0,40}"
                       r"\b(was|etwas|irgendwas|irgendetwas|ziele?|aussagen)\s{1,3}(zu[mr]?|über)\b"
                       # "wo im irek steht was zu wasserstoff?", "wo steht im IREK etwas zur Pflege?"
                       r"|\bwo\s{1,3}((im|in\s{1,3}dem|in\s{1,3}diesem)\s{1,3}irek\w{0,2}\s{1,3})?(steht|stehen|findet\s{1,3}man"
                       r"|geht\s{1,3}es)\s{1,3}((im|in\s{1,3}dem)\s{1,3}irek\w{0,2}\s{1,3})?(\S{1,15}\s{1,3})?(zu[mr]?|über|um)\b"
                       # "welche ziele im irek haben was mit energie / wasserstoff zu tun?"
                       r"|\bwelche\w{0,2}\s{1,3}(handlungs|leit)?ziele\b[^?]{0,20}\birek\w{0,2}\b[^?]{0,30}"
                       r"\b(was|etwas|irgendwas)\s{1,3}mit\b[^?]{0,60}\bzu\s{1,3}tun\b"
                       r"|\bzielnummer|\bhandlungsziel-?nummer", re.IGNORECASE)
# Where the IREK names a topic: "wo kommt das Handwerk im IREK vor?", "kommt die Landwirtschaft im IREK überhaupt vor?"
# (the goals whose titles name it answer, not a Leitziel around them)
_OCCURS = re.compile(r"\b(kommt|kommen|taucht|tauchen)\b[^?]{0,40}\birek\w{0,2}\b[^?]{0,60}\b(vor|auf)\b", re.IGNORECASE)


# What the IREK says on a topic named just before the question, in a few words ("mobilität – was sagt das IREK da
# konkret?"); after a project told in a sentence ("Wir wollen ein Agrar-Food-Cluster organisieren. Was sagt das IREK
# dazu?"), or with nothing before it, "dazu" points to a project, whose fitting goal answers
_ON_TOPIC_BEFORE = re.compile(r"\bwas\s{1,3}(steht|sagt|enthält|schreibt|plant)\s{1,3}(denn\s{1,3})?(das|im|in\s{1,3}dem)\s{1,3}"
                              r"irek\w{0,2}\s{1,3}(da|dazu|darüber|hierzu)\b", re.IGNORECASE)
_TOPIC_NAMED_WORDS = 6


def _on_topic(question: str) -> re.Match | None:
    """Where the question asks what the IREK says on a topic (`_ON_TOPIC`, `_ON_TOPIC_BEFORE`); None where it does not."""
    if found := _ON_TOPIC.search(question):
        return found
    found = _ON_TOPIC_BEFORE.search(question)
    if found is None:
        return None
    before = question[:found.start()]
    named = 0 < len(re.findall(r"\w+", before)) <= _TOPIC_NAMED_WORDS and not re.search(r"[.!?]\s", before)
    return found if named else None


def asks_on_topic(question: str) -> bool:
    """Whether the question asks what the IREK says on a topic, or whether a topic occurs in it ("steht im IREK
    irgendwas zu innenstädten?", "kommt ehrenamt im IREK vor?"): a question the goal fitting a project does not answer."""
    return bool(_OCCURS.search(question) or _on_topic(question))
# The words of the IREK's chapters outside its goals (Vorwort, Ziel des IREKs, Förderpolitischer Rahmen und strategische
# Verankerung, Grundverständnis und thematische Struktur, Regionale Leitbranchen, Umsetzung und politische Bedeutung):
# what the IREK says on those is in the chapter, not in a list of goals
_CHAPTER_WORDS = set(stems("vorwort ziel förderpolitischer förderpolitik rahmen strategische strategie verankerung "
                           "grundverständnis thematische struktur regionale leitbranchen leitbranche umsetzung umsetzen "
                           "politische politik bedeutung konkret gern artikel für einen"))
_BOTH = re.compile(r"\bleitziele\b[^?]{0,20}\b(und|mit|samt|sowie|plus)\b[^?]{0,20}\bhandlungsziele\b"
                   r"|\bhandlungsziele\b[^?]{0,20}\b(und|mit|samt|sowie|plus)\b[^?]{0,20}\bleitziele\b", re.IGNORECASE)
_COUNT = re.compile(r"\b(wie\s{0,2}viele?|anzahl|zahl der)\b", re.IGNORECASE)
# How the goals are built: "wie sind die gegliedert?", "wie ist das aufgebaut?", "Gliederung", "auf welchen Ebenen"
_BUILT = re.compile(r"\b(geglieder|aufgebaut|strukturier|gliederung|aufbau\b|ebenen\b)", re.IGNORECASE)
# Which corridor has the most goals: "welcher Themenkorridor hat die meisten?", "der größte Korridor"
MOST_ASKED = re.compile(r"\bwelche[rs]?\s{1,3}(themen)?korridor\w{0,2}\b[^.?!]{0,40}\b(meisten|größte\w?)\b"
                        r"|\b(größte\w?|umfangreichste\w?)\s{1,3}(themen)?korridor", re.IGNORECASE)
# A count asked for each corridor ("wie viele … insgesamt und pro Themenkorridor?"; "welcher hat die meisten?": each
# corridor's counts answer it)
_PER_CORRIDOR = re.compile(r"\b(pro|je|jede[nmrs]?|in\s{1,3}jede[nmrs]?|nach|aufgeteilt\s{1,3}(auf|nach)|verteilt\s{1,3}auf)"
                           r"\s{1,3}(den\s{1,3}|die\s{1,3})?(themen)?korridor"
                           # "wie verteilen die sich auf die vier Korridore?"
                           r"|\bverteil\w{0,3}\b[^?]{0,25}\bauf\s{1,3}(die\s{1,3})?(\w{1,8}\s{1,3})?(themen)?korridor"
                           r"|" + MOST_ASKED.pattern, re.IGNORECASE)
_CORRIDOR_NUMBER = re.compile(r"\b(?:themen)?korridor\w{0,2}\s{0,3}(?:nr\.?\s{0,2})?([1-4])\b", re.IGNORECASE)
_LEITZIEL_CODE = re.compile(r"(?<![\d.])([1-4]\.[1-5])(?![\d.])")
HANDLUNGSZIEL_CODE = re.compile(r"(?<![\d.])([1-4]\.[1-5]\.[1-9])(?![\d.])")
_LEITZIEL_WORD = re.compile(r"\bleitziel", re.IGNORECASE)
# The levels' short forms before a code ("HZ 3.4.2", "LZ2.3"), as the district's staff write them
_LEVEL_SHORT = [(re.compile(r"\bHZ\.?\s{0,2}(?=[1-4]\.[1-5]\.[1-9](?![\d.]))", re.IGNORECASE), "Handlungsziel "),
                (re.compile(r"\bLZ\.?\s{0,2}(?=[1-4]\.[1-5](?![\d.]))", re.IGNORECASE), "Leitziel ")]


def with_level_names(text: str) -> str:
    """`text` with the goal levels' short forms before a code spelled out ("HZ 3.4.2" -> "Handlungsziel 3.4.2"): the
    KR has sections of the same numbers (Nr. 3.4.2), so the code alone does not say which is meant."""
    for pattern, name in _LEVEL_SHORT:
        text = pattern.sub(name, text)
    return text


# two topics asked for together ("zu Tourismus und Gesundheit"); "oder" joins alternatives of one topic ("Energie,
# Wasserstoff oder Wärme")
_TOPIC_PAIR = re.compile(r"\b([A-Za-zÄÖÜäöüß]{4,})\s{1,3}(und|sowie|oder)\s{1,3}([A-Za-zÄÖÜäöüß]{4,})\b", re.IGNORECASE)
# A project description is never a list question, even when it says "Ziele".
_PROJECT = re.compile(r"\b(wir|unser\w{0,3}|ich|mein\w{0,3})\b.{0,60}\b(woll\w{0,3}|möcht\w{0,3}|plan\w{0,4})\b",
                      re.IGNORECASE | re.DOTALL)


@dataclass
class GoalList:
    """What a list question asks for, resolved against the catalogue."""

    level: str  # corridor | leitziel | handlungsziel: the level of the items
    items: list[Goal]
    parent: Goal | None = None  # the corridor or Leitziel the items belong to (None: the whole IREK)
    count: bool = False  # the question asks how many
    by_topic: bool = False  # the items were chosen by the question's topic, not by a code or a name
    # a count of the IREK's "Ziele" as a whole, of no one level ("Wie viele Ziele hat das IREK insgesamt?"), or of
    # several levels ("wie viele Leitziele und Handlungsziele …?"): every level is counted
    all_levels: bool = False
    # both levels asked for ("alle Leitziele und Handlungsziele im Themenkorridor 3"): the Handlungsziele under
    # their Leitziele
    nested: bool = False
    # goals of other Leitziele whose titles name the topic of a list by topic
    also: list[Goal] = field(default_factory=list)
    # other Leitziele whose own titles name that topic ("Fachkräfte": 4.1 "Lebensqualität als Fachkräftemagnet …")
    also_leitziele: list[Goal] = field(default_factory=list)
    per_corridor: bool = False  # a count of the whole IREK asked for each corridor too
    # a list by topic whose topic the IREK's text never names (no word of it stands there, "Ortskerne"): the goals the
    # matcher finds nearest, to be said as such
    unnamed: bool = False
    named: bool = False  # the Handlungsziele the question names by their codes ("den Wortlaut von 3.1.1 und 3.4.1")
    passages: dict[str, Passage] = field(default_factory=dict)  # goal code → its IREK passage, to cite
    titles: dict[str, str] = field(default_factory=dict)  # every code of the catalogue → its title


# A topic named after a preposition ("zu Digitalisierung und KI", "über Energie", "rund um Fachkräfte")
_TOPIC_NAMED = re.compile(r"\b(zu[mr]?|über|rund\s{1,3}um|betreffen\w{0,2}|thema)\s{1,3}(de[mnr]\s{1,3}|die\s{1,3}|das\s{1,3})?"
                          r"(?!(zweite|erste|dritte|vierte|korridor|themenkorridor|leitziel|handlungsziel)\w*)[a-zäöüß]{2,}",
                          re.IGNORECASE)
# "zum zweiten", "der dritte Korridor": a corridor by its place, where the question or the conversation speaks of them
_ORDINAL = re.compile(r"\b(erste|zweite|dritte|vierte)[nmrs]?\b", re.IGNORECASE)
_ORDINALS = {"erste": "1", "zweite": "2", "dritte": "3", "vierte": "4"}
_CORRIDOR_WORD = re.compile(r"korridor|themenfeld", re.IGNORECASE)


def _named_corridor(question: str, corridors: list[Goal], context: str = "") -> Goal | None:
    match = _CORRIDOR_NUMBER.search(question)
    if match:
        return next((c for c in corridors if c.code == match.group(1)), None)
    ordinal = _ORDINAL.search(question)
    if ordinal and _CORRIDOR_WORD.search(question + " " + context):
        code = _ORDINALS[ordinal.group(1).lower()]
        return next((c for c in corridors if c.code == code), None)
    asked = set(stems(question))
    for corridor in corridors:
        title = set(stems(corridor.title))
        if title and len(asked & title) >= max(1, len(title) - 1):
            return corridor
    return None


def asks_what_the_irek_is(question: str) -> bool:
    """Whether a question asks what the IREK is: "Was ist das IREK?", "was ist eigentlich dieses IREK vom Landkreis?"."""
    return asks_what_is(question, IREK_DOCUMENT)


def structure(question: str, matcher: GoalMatcher) -> GoalList | None:
    """For a question of what the IREK is ("Was ist das IREK?"): its whole catalogue, to be counted level by level
    beside the sentences that say what it is; None for any other question."""
    if not asks_what_the_irek_is(question):
        return None
    passages, titles = _references(matcher)
    return GoalList("handlungsziel", matcher.catalogue.handlungsziele, None, True, passages=passages, titles=titles,
                    all_levels=True)


def _references(matcher: GoalMatcher) -> tuple[dict[str, Passage], dict[str, str]]:
    """What a list cites and names: each goal code's IREK passage, and every code's title."""
    passages = {p.goal_code: p for p in matcher.retriever.passages if p.document == IREK_DOCUMENT and p.goal_code}
    return passages, {g.code: g.title for g in matcher.catalogue.goals}


def find_list(question: str, matcher: GoalMatcher, parts: ScoreParts, context: str = "") -> GoalList | None:
    """The list (or count) of goals the question asks for, or None when it asks for none; `context`: the earlier turns
    of a follow-up, which say what its ordinal counts ("und welche Handlungsziele gehören zum zweiten?")."""
    found = _find_list(question, matcher, parts, context)
    if found is not None and found.count and found.parent is None and _PER_CORRIDOR.search(question):
        found.per_corridor = True
    return found


def _find_list(question: str, matcher: GoalMatcher, parts: ScoreParts, context: str = "") -> GoalList | None:
    # (a project said after the list question is what the list is for, not a project to match: "Gibt es im IREK
    # Handlungsziele zu Innenstädten …? Wir wollen einen Förderantrag … damit begründen.")
    # (so is one said after a question of what the IREK says on a topic: "Gibt es im IREK ein Ziel zur Belebung der
    # Ortskerne? Wir wollen unsere Ortsmitte aufwerten")
    first, mark, _ = question.partition("?")
    asks_first = mark and (_LEVEL_NAMED.search(first) or _on_topic(first) or _OCCURS.search(first))
    if _PROJECT.search(first if asks_first else question):
        return None
    catalogue = matcher.catalogue
    passages, titles = _references(matcher)
    named = [goal for code in dict.fromkeys(HANDLUNGSZIEL_CODE.findall(question)) if (goal := catalogue.get(code))]
    if len(named) > 1:
        # several goals by their codes: each of them, under its Leitziel where the question asks for that ("… inkl. des
        # jeweiligen Leitziels"); one named goal is a question of fact, answered with its Leitziel and corridor
        return GoalList("handlungsziel", named, None, False, named=True, nested=bool(_LEITZIEL_WORD.search(question)),
                        passages=passages, titles=titles)
    levels = [level for level, pattern in _LEVEL_WORDS.items() if pattern.search(question)]
    if named and levels == ["handlungsziel"] and not _COUNT.search(question):
        return None  # "Was ist mit Handlungsziel 2.5.2 konkret gemeint?": a question of fact on that goal
    levels_named = bool(levels)
    if levels and _BUILT.search(question) and not _LEITZIEL_CODE.search(question) \
            and not _CORRIDOR_NUMBER.search(question):
        # "Wie viele Ziele gibt es genau, gegliedert wie?": every level, counted
        return GoalList("handlungsziel", catalogue.handlungsziele, None, True, passages=passages, titles=titles,
                        all_levels=True)
    occurs = _OCCURS.search(question)
    on_topic = occurs or _on_topic(question)
    if not levels and on_topic:
        # of several questions, the one that asks for the goals on a topic names it ("kommt die Landwirtschaft im IREK
        # vor? und was heißt das mit den 'ertragsschwachen Standorten'?": the topic is the farming)
        start = question.rfind("?", 0, on_topic.start()) + 1
        end = question.find("?", on_topic.end())
        question = question[start: end + 1 if end >= 0 else len(question)]
    topic = set(topic_words(question))
    if not levels and on_topic and topic - _CHAPTER_WORDS:
        levels = ["handlungsziel"]  # "was steht im IREK zu Gesundheit und Pflege?": its goals on the topic
    count = bool(_COUNT.search(question))
    if not levels:
        return None
    level = levels[0] if "corridor" in levels or "leitziel" in levels else "handlungsziel"
    leitziel = next((catalogue.get(c) for c in _LEITZIEL_CODE.findall(question) if catalogue.get(c)), None)
    # (a corridor named as the one beyond which to look, "auch außerhalb von Korridor 2", bounds nothing)
    corridor = None if _BEYOND.search(question) else _named_corridor(question, catalogue.corridors, context)
    # a count of several levels ("wie viele Leitziele und Handlungsziele …, wie heißen die vier Korridore?"): every
    # level is counted, whichever is listed
    several = count and len(set(levels)) > 1
    if level == "corridor":
        return GoalList("corridor", catalogue.corridors, None, count, passages=passages, titles=titles,
                        all_levels=several)
    if leitziel is not None and level == "handlungsziel":
        return GoalList("handlungsziel", catalogue.children(leitziel.code), leitziel, count, passages=passages, titles=titles)
    if corridor is not None:
        if level == "leitziel" and "handlungsziel" in levels and _BOTH.search(question):
            items = [g for g in catalogue.handlungsziele if g.corridor == corridor.code]
            return GoalList("handlungsziel", items, corridor, count, passages=passages, titles=titles, nested=True)
        if level == "leitziel":
            return GoalList("leitziel", catalogue.children(corridor.code), corridor, count, passages=passages, titles=titles)
        items = [g for g in catalogue.handlungsziele if g.corridor == corridor.code]
        # the corridor's goals on a topic ("welche Handlungsziele hat der zweite Korridor konkret zu Digitalisierung
        # und KI?"): those whose titles or Leitziel's title name it
        own = set(stems(corridor.title))
        topic = [w for w in _topic(question) if w not in own]
        named = {goal.code for goal in catalogue.children(corridor.code) if topic and _names_topic(topic, goal.title)}
        on_topic = titled_goals(question, items) if topic else []
        titled = [g for g in items if g in on_topic or g.parent in named] if topic else []
        if titled and len(titled) < len(items) and _TOPIC_NAMED.search(question):
            return GoalList("handlungsziel", titled, None, count, by_topic=True, passages=passages, titles=titles)
        return GoalList("handlungsziel", items, corridor, count, passages=passages, titles=titles)
    if level == "leitziel":
        return GoalList("leitziel", catalogue.leitziele, None, count, passages=passages, titles=titles,
                        all_levels=several)
    # all of them ("Welche Handlungsziele hat das IREK?", "wie viele …"; "… insgesamt" whatever else it asks)
    if not topic_words(question) or count and ASKS_WHOLE.search(question):
        return GoalList("handlungsziel", catalogue.handlungsziele, None, count, passages=passages, titles=titles,
                        all_levels=count and not _LEVEL_NAMED.search(question))
    # The goals on a topic: the Leitziel of the best matching goals, with all its Handlungsziele, where the Leitziel or
    # most of its goals name the topic in their titles; else, where goals of several Leitziele name it ("die
    # Handlungsziele zum Thema Wasserstoff": 2.3.1 and 3.3.3), those goals. Goals elsewhere that name it follow.
    titled = titled_goals(question, catalogue.handlungsziele)
    if occurs and not levels_named and titled:
        # where a topic occurs: the goals whose titles name it, wherever they stand (none: as for "was steht im IREK
        # zu …", the nearest goals, said to name it not in so many words)
        return GoalList("handlungsziel", titled, None, count, by_topic=True, passages=passages, titles=titles)
    pair = _TOPIC_PAIR.search(question)
    # (two topics joined by "oder" only where they are all the question names: "wohnen oder gesundheit", not the last
    # two of "Mobilität, ÖPNV, Radverkehr oder Verkehrsinfrastruktur")
    if pair and len(set(stems(f"{pair.group(1)} {pair.group(3)}")) & set(_topic(question))) == 2 \
            and (pair.group(2).lower() != "oder" or len({w for w in _topic(question) if len(w) >= _PAIR_WORD}) == 2):
        # two topics ("was steht im IREK zu Tourismus und Gesundheit?"): the Leitziel of each, where they differ
        parents = list(dict.fromkeys(ranked[0].leitziel.code for word in (pair.group(1), pair.group(3))
                                     if (ranked := matcher.rank(matcher.retriever.score_parts(word), k=1))))
        if len(parents) == 2:
            return GoalList("handlungsziel", [g for code in parents for g in catalogue.children(code)], None, count,
                            by_topic=True, nested=True, passages=passages, titles=titles,
                            also=[g for g in titled if g.parent not in parents])
    best = matcher.rank(parts, k=3)
    if not best:
        return None
    parent = catalogue.get(best[0].leitziel.code)
    if parent is None:
        return None
    children = catalogue.children(parent.code)
    if titled and not _names_topic(_topic(question), parent.title) \
            and 2 * sum(g in titled for g in children) <= len(children):
        if len({g.parent for g in titled}) > 1:
            # with all goals of a Leitziel whose own title names the topic ("klima / energie": 2.3 "Energiewende als
            # Standortfaktor nutzen" holds 2.3.4 on heat planning, whose title names no energy)
            named = {goal.code for goal in catalogue.leitziele if _names_topic(_topic(question), goal.title)}
            items = [g for g in catalogue.handlungsziele if g in titled or g.parent in named]
            return GoalList("handlungsziel", items, None, count, by_topic=True, passages=passages, titles=titles)
        parent = catalogue.get(titled[0].parent) or parent
        children = catalogue.children(parent.code)
    # goals elsewhere on the topic: those whose titles name it, and those of another Leitziel whose title names it
    # ("Fachkräfte": Leitziel 2.1, and 4.1 "Lebensqualität als Fachkräftemagnet steigern")
    topic = _topic(question)
    if _called_by_title(parent.title, question):
        # the Leitziel asked for by its title ("… am Leitziel 'Energiewende als Standortfaktor nutzen'?"): its goals,
        # not others whose titles share a word of it
        return GoalList("handlungsziel", children, parent, count, by_topic=True, passages=passages, titles=titles)
    named_leitziele = [goal for goal in catalogue.leitziele
                       if goal.code != parent.code and _names_topic(topic, goal.title)]
    # (or asked whether it occurs at all, and no goal's title has a word that begins as one of the topic's: "kommt
    # ehrenamt oder vereinsarbeit im IREK eigentlich irgendwo vor?"; not "… was zu wohnungsbau?", 4.1.2 "Wohnraum")
    unnamed = not titled and not named_leitziele and not _names_topic(topic, parent.title) \
        and (bool(on_topic)
             and _one_absent(topic, frozenset(s for g in catalogue.handlungsziele + catalogue.leitziele
                                              for s in stems(g.title)))
             or _absent(topic, matcher.retriever.document_stems(IREK_DOCUMENT)))
    return GoalList("handlungsziel", children, parent, count, by_topic=True, passages=passages, titles=titles,
                    also=[g for g in titled if g.parent != parent.code
                          and g.parent not in {goal.code for goal in named_leitziele}],
                    also_leitziele=named_leitziele, unnamed=unnamed)


_PAIR_WORD = 4  # the shortest stem counted as a topic beside the two joined by "oder" ("tun" of "zu tun" is none)
# A topic word is looked for in the IREK by its first letters: a word of the same beginning may name it in another form
# ("Wohnungen": "Wohnraum"), so only a topic none of whose words begins any word of the IREK is said to be absent
_ABSENT_PREFIX = 4
_ABSENT_MIN_STEM = 5  # shorter stems are particles or too general to decide ("drin", "neu"), not "sport"


def _absent(topic: list[str], document_stems: frozenset[str]) -> bool:
    """Whether no word of the topic stands in the document: it has words of substance, and no stem of the document
    begins as one of them does."""
    words = [s for s in topic if len(s) >= _ABSENT_MIN_STEM]
    beginnings = {s[:_ABSENT_PREFIX] for s in document_stems}
    return bool(words) and not any(s[:_ABSENT_PREFIX] in beginnings for s in words)


def _one_absent(topic: list[str], title_stems: frozenset[str]) -> bool:
    """Whether a word of substance of the topic begins as no word of the goals' titles does (of "ehrenamt oder
    vereinsarbeit", "ehrenamt"; not "wohnungsbau", which begins as "Wohnraum")."""
    beginnings = {s[:_ABSENT_PREFIX] for s in title_stems}
    return any(s[:_ABSENT_PREFIX] not in beginnings for s in topic if len(s) >= _ABSENT_MIN_STEM)


def _called_by_title(title: str, question: str) -> bool:
    """Whether the question names a goal by its title: every word of substance of the title stands in it (at least
    two)."""
    own = set(stems(title)) - TITLE_WORDS
    return len(own) >= 2 and own <= set(stems(question))


# Words of the goals' titles that name no topic: what every goal does ("stärken", "ausbauen"), where, and what kind of
# paper it asks for
TITLE_WORDS = set(stems("stärken weiterentwickeln entwickeln entwicklung ausbauen aufbauen fördern förderung verbessern "
                        "sichern unterstützen nutzen verankern erhöhen schaffen realisieren beseitigen optimieren "
                        "forcieren umsetzen erleichtern vereinfachen integrieren anwerben berücksichtigen gestalten "
                        "halten verbreiten erhalten ansiedeln anpassen nehmen fokus gezielt verstärkt konsequent "
                        "landkreis osnabrück region regional regionale bereich gemeinsam gemeinsame stadt "
                        # and the kind of paper a goal asks for, which the IREK itself is: a question about the
                        # concept or the strategies it is tied to asks for no goal ("Strategische/konzeptionelle
                        # Grundlagen zur Sicherung medizinischer … Versorgungseinrichtungen … schaffen" is about care)
                        "strategie strategien strategisch strategische konzept konzeptionell konzeptionelle "
                        "grundlage grundlagen"))


def _topic_match(asked: str, title: str) -> bool:
    """One stem of the question and one of a title name the same thing: one holds the other ("wasserstoff",
    "wasserstoffnetz"; a short title stem such as "flach" is no part of "gewerbeflach"), or they differ only in their
    last letters ("tourismus", "tourist"; not "wasserstoff", "wasserverfug"). A title's stem names the question's
    compound only as its first part ("wasserstoffnetz" of "wasserstoff"): as its last, it is what the compound is a
    kind of, not its topic ("vereinsarbeit" is no topic of "Arbeits-, Führungs- und Fachkräfte")."""
    if min(len(asked), len(title)) < 5:
        return False
    if asked in title or len(title) >= 6 and asked.startswith(title):
        return True
    common = len(os.path.commonprefix([asked, title]))
    return common >= 6 and min(len(asked), len(title)) - common <= 2


def _topic(question: str) -> list[str]:
    """The stems of the question that may name a topic in a goal's title."""
    return [s for s in topic_words(question) if s not in _CHAPTER_WORDS and s not in TITLE_WORDS]


def _names_topic(topic: list[str], title: str) -> bool:
    return any(_topic_match(a, t) for a in topic for t in stems(title) if t not in TITLE_WORDS)


def titled_goals(question: str, goals: list[Goal]) -> list[Goal]:
    """The goals whose titles name a topic word of the question, in the IREK's order."""
    topic = _topic(question)
    return [g for g in goals if _names_topic(topic, g.title)]


_NOT_TOPIC = set(stems("welche welcher wie viele viel gibt es hat haben das die der den im in zum zur zu und irek "
                       "landkreis osnabrück ziele ziel handlungsziele leitziele korridor themenkorridor anzahl insgesamt "
                       "alle liste nenne nennen zeig zeige mir bitte was steht sagt enthält schreibt plant "
                       # what a request for a list says of itself ("brauch die nummern + genauen titel für unseren
                       # projektsteckbrief", "gehen ums thema", "für ne vorlage")
                       "brauch brauche nummer nummern genau genauen titel steckbrief projektsteckbrief vorlage thema "
                       "themen geht gehen ums betrifft betreffen ne nen "
                       # and what the answer is for ("brauch die zahlen für den artikel", "für unseren bericht")
                       "zahl zahlen artikel bericht beitrag zeitung presse pressemitteilung text "
                       # how the asker weighs what they want ("gerne alle relevanten nummern")
                       "gerne gern relevant relevante relevanten wichtig wichtige wichtigen passend passende passenden "
                       # where to look ("auch außerhalb von Korridor 2")
                       "außerhalb ausserhalb jenseits auch "
                       # the count word written as one, and the particles of speech ("wieviele ziele hat das irek
                       # eigentlich")
                       "wieviel wieviele wievielen eigentlich überhaupt denn genau nochmal "
                       # the form the goals are asked in ("bitte mit Code und Wortlaut", "jeweils mit Kurzbeschreibung")
                       "code codes kennung kennziffer wortlaut wörtlich originaltext formulierung beschreibung "
                       "kurzbeschreibung jeweils "
                       # whether it occurs at all ("kommt … im IREK irgendwo vor?", "steht da irgendwas zu …?")
                       "kommt kommen taucht tauchen vor irgendwo irgendwas irgendetwas etwas auch"))


def topic_words(question: str) -> list[str]:
    """The stems of a question about the IREK's goals that name a topic, beyond the words for goals and lists."""
    return [s for s in stems(question) if s not in _NOT_TOPIC and not s.isdigit()]
