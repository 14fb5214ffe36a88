"""The questions a text asks, each as written: a user's message may ask several ("Geht das über GRW? Und dürfen wir
den Bauauftrag schon vergeben?")."""

from __future__ import annotations

import re

# Where a sentence ends: a full stop or an exclamation mark before a capital letter ("… helfen. Und gibt es …"), not
# an abbreviation before a figure ("ca. 120k")
# (not after an abbreviation: "Ortskerne bzw. Innenstädte", "ca. Mitte 2027", "z.B. Kommunen")
_SENTENCE_END = re.compile(r"(?<=[.!])" + "".join(rf"(?<!\b{a}\.)" for a in (
    "bzw", "ca", "Nr", "nr", "ggf", "vgl", "inkl", "evtl", "usw", "Abs", "abs", "z.B", "z. B", "d.h", "u.a", "o.ä"))
                           + r"\s{1,5}(?=[A-ZÄÖÜ])")


# The words a question opens with: a question word, or a verb put first ("kann man …", "gibts …")
_ASKING = (r"was|wie|wer|wann|wo|welche[mnrs]?|wieviel\w{0,2}|kann|können|kriegen|kriegt|bekommen|bekommt|gibt|gibts"
           r"|gilt|gelten|zählt|zählen|dürfen|darf|muss|müssen|haben")
# A sentence that opens as a question does, written without its question mark ("wo kommt wasserstoff im irek vor und
# kann man da über grw was machen")
_OPENS_AS_QUESTION = re.compile(rf"^(?:(?:und|aber|also|moin|hallo|hi)\W{{0,3}}\s{{1,3}})?(?:{_ASKING}"
                                r"|(?:seit|bis|ab)\s{1,3}wann|warum|wieso|weshalb|ist|sind|hat|passt|fördert|lohnt|geht"
                                # ("mit welchen Strategien ist das IREK verzahnt")
                                r"|(?:mit|in|zu|an|auf|für|von|bei|aus|nach|über|unter)\s{1,3}welche[mnrs]?)\b",
                                re.IGNORECASE)


# A question for the next step: "Was muss ich als Nächstes tun?", "wie gehen wir vor?", "womit fangen wir an?", "und
# was mach ich jetzt zuerst?"
ASKS_NEXT_STEP = re.compile(r"nächste\w{0,2}\s{1,3}schritt|als\s{1,3}(nächstes|erstes)|was\s{1,3}(muss|müssen|sollte"
                            r"|sollten|soll)\s{1,3}(ich|wir|man)\s{1,3}(jetzt\s{1,3}|nun\s{1,3}|zuerst\s{1,3}|konkret\s{1,3})?"
                            r"(tun|machen)|was\s{1,3}(mach|mache|machen|tu|tue|tun)\s{1,3}(ich|wir)\s{1,3}(jetzt|nun|zuerst|"
                            r"als\s{1,3}erstes)\b|wie\s{1,3}(gehe|gehen|geht)\s{1,3}(ich|wir|man|es)\s{1,3}(vor|weiter)"
                            r"|(womit|wo|wie)\s{1,3}(fange|fangen)\s{1,3}(ich|wir|man)\s{1,3}an|wie\s{1,3}läuft\s{1,3}(das"
                            r"|der\s{1,3}antrag)", re.IGNORECASE)


# A word or two after a question, too short to ask on its own ("online?", "schriftlich?"): a detail of the question
# before it (not a figure or a mark, "1)?")
_DETAIL = re.compile(r"[^\W\d_]{2,}(?:\s[^\W\d_]{2,})?")


def questions(text: str) -> list[str]:
    """The questions a text asks, each as written ("Und gibt es GRW-Geld für Fachkräftethemen?"): from the end of the
    sentence or question before to its own question mark; a last sentence that opens as a question is one without
    its mark too."""
    asked = []
    chunks = text.split("?")
    for chunk in chunks[:-1]:
        question = _SENTENCE_END.split(chunk)[-1].strip()
        if len(question) >= 8:
            asked.append(question + "?")
        elif asked and _DETAIL.fullmatch(question):
            # a word too short to ask alone asks about the question before it ("wie stell ich den antrag? online?")
            asked[-1] = f"{asked[-1]} {question}?"
    last = _SENTENCE_END.split(chunks[-1])[-1].strip().rstrip(".!")
    if len(last) >= 8 and _OPENS_AS_QUESTION.match(last):
        asked.append(last + "?")
    return asked


# A question joined to the one before by "und" or "oder" that asks on its own ("Ist das förderbar oder zählt das als
# Ersatz?", "Was ist da drin und kriegen wir auch den Grundstückskauf gefördert?")
_JOINED = re.compile(rf",?\s{{1,3}}(?:und|oder)\s{{1,3}}(?=(?:{_ASKING}|ob"
                     r"|ist\s{1,3}(?:das|der|die|es|dies|dieses)|sind\s{1,3}(?:die|das|wir|sie)"
                     # ("… und braucht man das IREK überhaupt, um 90 % zu kriegen?")
                     r"|braucht\s{1,3}man|brauchen\s{1,3}(?:wir|sie)|brauche\s{1,3}ich"
                     # ("welche Quote ist realistisch, und lohnt sich stattdessen ein Platz in einem Gründerzentrum?")
                     r"|(?:lohnt|lohnen)\s{1,3}(?:es\s{1,3})?sich"
                     # a second request for a passage ("den wortlaut von handlungsziel 3.1.1 und die stelle im KR, wo
                     # steht, dass …")
                     r"|(?:die|den|das)\s{1,3}(?:genaue[nr]?\s{1,3})?(?:stelle|fundstelle|wortlaut|passage|textstelle)"
                     r"\s{1,3}(?:im|in|aus)\b[^.?!]{0,40},\s{1,3}(?:wo|in\s{1,3}der|an\s{1,3}der)\b)\b)"
                     # a question after a comma that opens with "wer" or "wann" ("Was ist das IREK, wer hat daran
                     # mitgewirkt und …?"); not "wie", "wo", "was", "welche", which also open a comparison, a clause or a
                     # list ("die Halle, welche wir bauen")
                     r"|,\s{1,3}(?=(?:wer|wann)\s{1,3}\w+\s{1,3}\w+)",
                     re.IGNORECASE)


# A question put after a comma with its verb first and its subject next ("Wie hoch ist die Förderung, müssen wir vorher
# … prüfen?"); one of its own only after a part that opens as a question itself (after "Wenn wir bauen, können wir …"
# the verb comes first because a clause went before)
# (or with a question of how much: "seit wann ist der Landkreis Fördergebiet, wie viel GRW-Geld hat Niedersachsen 2026")
_COMMA_VERB_FIRST = re.compile(r",\s{1,3}(?=(?:muss|müssen|darf|dürfen|kann|können|soll|sollen|brauchen|braucht|zählen"
                               r"|zählt|gilt|gelten)\s{1,3}(?:wir|ich|man|sie|die|der|das|es|dann\s{1,3}(?:wir|ich|man))\b"
                               r"|(?:wie\s{1,3}(?:viel\w{0,2}|hoch)|wieviel\w{0,2})\s"
                               # (or what with its verb next: "was sind die drei hauptziele der GRW, was steht im IREK
                               # unter leitziel 2.3"; not a relative clause, "alles, was wir brauchen")
                               r"|was\s{1,3}(?:steht|stehen|ist|sind|bedeutet|heißt|sagt|sagen|gilt|gelten|regelt)\s"
                               # (or what one needs, its subject next: "wo beantrag ich das, was brauch ich dafür")
                               r"|was\s{1,3}(?:brauch\w{0,2}|benötig\w{0,2})\s{1,3}(?:ich|wir|man)\b"
                               # (or which thing with its verb next: "mit welchen Strategien ist das IREK verzahnt,
                               # welche GRW-Gebietskategorie hat der LK"; not a relative clause, "die Halle, welche wir
                               # bauen")
                               r"|welche[mnrs]?\s{1,3}[\w-]{3,40}\s{1,3}(?:hat|haben|gilt|gelten|gibt|gibts|ist|sind|passt"
                               r"|passen|kommt|kommen|zählt|zählen|braucht|brauchen)\b)",
                               re.IGNORECASE)


def _own_questions(question: str) -> list[str]:
    """A question split where a further one follows a comma, each part before opening as a question."""
    parts: list[str] = []
    rest = question
    for match in _COMMA_VERB_FIRST.finditer(question):
        head = question[len(question) - len(rest):match.start()]
        # (the part after a colon that announces the questions: "drei kurze fragen für einen artikel: seit wann …", or
        # after a sentence written small: "hab ne pension und will anbauen. wo beantrag ich das, was brauch ich …")
        if _OPENS_AS_QUESTION.match(re.split(r"[:.!]\s", head)[-1].strip()):
            parts.append(head)
            rest = question[match.end():]
    return [*parts, rest]


def asks(text: str) -> list[str]:
    """The questions of a text (`questions`), a question joined to the one before by "und"/"oder", or put after a comma
    with its verb first, as one of its own."""
    found = []
    for question in questions(text):
        found += [part.strip().rstrip("?") + "?" for joined in _with_lone_words_joined(_JOINED.split(question))
                  for part in _own_questions(joined) if len(part.strip()) >= 8]
    return found


# A question word that asks nothing alone before "und" ("wo und wie stell ich den antrag?"): it belongs to what follows
_LONE_QUESTION_WORD = re.compile(r"\s*(wo|wie|wann|was|wer|warum|wieso|weshalb|wofür|womit)\s*", re.IGNORECASE)


def _with_lone_words_joined(parts: list[str]) -> list[str]:
    """The parts a question was split into, a lone question word joined to the part after it ("wo und wie …"); the
    part after it asks on its own as well ("wie stell ich den antrag?": how, beside where)."""
    joined: list[str] = []
    for part in parts:
        if joined and _LONE_QUESTION_WORD.fullmatch(joined[-1]):
            joined[-1] = f"{joined[-1].strip()} und {part.strip()}"
        joined.append(part)
    return joined


# "Was ist die Zukunftsregion?", "was genau ist eigentlich dieses IREK?", "Was versteht man unter LEADER?": a question of
# what something is, before its name (`asks_what_is`); not "Was ist im IREK zu Fachkräften?", "Was ist mit LEADER?"
_WHAT_IS = (r"\bwas\s{1,3}(?:(?:genau|eigentlich|denn|überhaupt)\s{1,3})?(?:ist|is|sind|bedeutet|heißt|meint)"
            r"\s{1,3}(?:(?:genau|eigentlich|denn|überhaupt|nochmal|bitte|nun|jetzt)\s{1,3}){0,2}"
            r"(?:(?:der|die|das|den|diese[rsnm]?|eine?|unter)\s{1,3}(?:\w{2,14}(?:e|en|es|er|em)\s{1,3})?)?"
            r"|\bwas\s{1,3}versteht\s{1,3}man\s{1,3}unter\s{1,3}(?:(?:der|die|dem|den|diese[rsnm]?)\s{1,3})?")


def asks_what_is(text: str, name: str) -> bool:
    """Whether `text` asks what the thing called `name` (a regular expression, any case) is."""
    return bool(re.search(rf"(?:{_WHAT_IS})(?:{name})(?![\w-])", text, re.IGNORECASE))


# A sentence that only says what the asker will do with the answer ("Ich möchte sie wörtlich im Haushaltsbericht
# zitieren (Nummer + Seite).", "Brauche das für die Kreistagsvorlage."): its words ("Bericht", "Nummer", "Seite") are
# no subject to search for
_QUOTING_FRAME = re.compile(r"\b(zitier\w{0,4}|wörtlich\w{0,2}|wortgetreu|wortlaut\w{0,2}|fundstelle\w{0,2}|seitenzahl\w{0,2}"
                            r"|für\s{1,3}(die|eine|den|das|unsere[nmr]?|meine[nmr]?)\s{1,3}[\w-]{0,20}(vorlage|bericht|rede|artikel"
                            r"|präsentation|stellungnahme|anfrage|sitzung))\b", re.IGNORECASE)
_TOPIC_WORDS = re.compile(r"\b(förder\w*|zuschuss\w*|grw|irek|leader|handlungsziel\w*|leitziel\w*|nr\.?|nummer\s{1,3}\d"
                          r"|anhang\s{1,3}\d|\d{1,3}\s{0,2}(%|prozent))", re.IGNORECASE)


# A question for the wording of a rule or a term: "Wortlaut Eigenbeitrag Unternehmen GRW, Nr. + Seite?", "wie der KR
# 'Großunternehmen' definiert"
ASKS_WORDING = re.compile(r"\b(zitier\w{0,4}|wörtlich\w{0,2}|wortgetreu|wortlaut\w{0,2}|fundstelle\w{0,2}|definiert"
                          r"|definition|begriffsbestimmung\w{0,2}|original(satz|sätze|wortlaut|text|formulierung)\w{0,2}"
                          r"|(genaue|exakte)[nr]?\s{1,3}formulierung)\b|\b(nr\.?|nummer)\s{0,3}(\+|und|&)\s{0,3}seite",
                          re.IGNORECASE)


# ... which names what it quotes only by a pronoun ("Ich möchte sie wörtlich … zitieren", "brauche das für die Vorlage")
_POINTS_BACK_OBJECT = re.compile(r"\b(sie|es|das|dies|diese[ns]?|ihn)\b", re.IGNORECASE)
_FRAME_WORDS = 14  # a longer sentence says more than what the answer is for


def without_quoting_frame(text: str) -> str:
    """The text without its sentences that are no question and only say what the answer is for (`_QUOTING_FRAME`,
    naming what they quote by a pronoun, short, with no word of a subject: funding, a programme, a goal, a number);
    the text where that would leave nothing. A sentence that names its subject ("Ich brauche für eine Stellungnahme die
    genaue Regel, was als Beginn der Arbeiten gilt.") stays."""
    kept = [sentence for sentence in re.split(r"(?<=[.!?])\s{1,5}(?=[A-ZÄÖÜ])", text)
            if sentence.endswith("?") or not _QUOTING_FRAME.search(sentence) or _TOPIC_WORDS.search(sentence)
            or not _POINTS_BACK_OBJECT.search(sentence) or len(sentence.split()) > _FRAME_WORDS]
    joined = " ".join(kept).strip()
    return joined if joined and joined != text.strip() else text


# Questions the asker numbers as parts of their own ("Mehrere Sachen: a) … b) … c) …", "1) … 2) …"): a part of the other
# kind is answered beside a project answer, whose goals need not answer it (b: "welches IREK-Ziel passt für Wasserstoff
# im Gewerbegebiet?" beside a: a firm's PV system)
PART_MARK = re.compile(r"(?:^|[\s:;,.?!])([a-d]|[1-4])\)\s")
# "1. wird der Zuschuss … ausgezahlt? 2. ist der Zuschuss …": a question numbered with a dot
_NUMBERED_DOT = re.compile(r"(?:^|[:;?!]\s{0,3}|\s)([1-4])\.\s{1,3}(?=[a-zäöüß])")


def part_marks(text: str) -> list[tuple[str, bool]]:
    """The marks of the parts a text numbers, in the order they stand, each with whether it is numbered with a dot
    ("b)" → ("b", False), "3. wie lange …" → ("3", True))."""
    found = [(m.start(1), m.group(1), False) for m in PART_MARK.finditer(text)]
    found += [(m.start(1), m.group(1), True) for m in _NUMBERED_DOT.finditer(text)]
    return [(mark, dotted) for _, mark, dotted in sorted(found)]


def numbers_questions(text: str) -> bool:
    """Whether the text numbers at least two of its questions, in order ("1. … 2. …", "a) … b)"): each is asked for
    explicitly, and a further one's quoted sentence is its answer unless the first answer cites its section."""
    marks = [m.group(1) for m in PART_MARK.finditer(text)] + [m.group(1) for m in _NUMBERED_DOT.finditer(text)]
    return len(asks(text)) >= 2 and in_order(marks)


def in_order(marks: list[str]) -> bool:
    """Whether the marks hold a first and a second part in order ("a" before "b", "1" before "2")."""
    return any(first in marks and second in marks and marks.index(first) < marks.index(second)
               for first, second in (("a", "b"), ("1", "2")))


# A further question of a text about the IREK for what stands "in it" on a topic of its own ("Welche Handlungsziele
# gibts zum Tourismus? und steht irgendwo was zur Belebung der Ortskerne drin?"): asked of the IREK by name
_WHAT_STANDS_IN_IT = re.compile(r"\b(steht|stehen|gibt\s{1,3}es|gibts|findet\s{1,3}man)\b[^.?!]{0,40}"
                                r"\b(was|etwas|irgendwas|irgendetwas|aussagen|ziele?)\s{1,3}(zu[mr]?|über)\b[^.?!]{0,60}"
                                r"\b(drin|darin)\b", re.IGNORECASE)
_IN_IT = re.compile(r"\b(drin|darin)\b", re.IGNORECASE)
# or one whose subject is the IREK as "es" ("Hat das IREK ein Leitbild? Und auf welche Strategien bezieht es sich?")
_IT_DOES = re.compile(r"\b(bezieht|stützt|beruft|orientiert|verweist|nennt|enthält|sagt|schreibt|erwähnt|greift|zählt)"
                      r"\s{1,3}(es)\b"
                      # ("… Und wie ist es mit RIS3 und der Weser-Ems-Strategie verknüpft?")
                      r"|\b(ist|wird|wurde)\s{1,3}(es)\b(?=[^.?!]{0,60}\b(verknüpft|verzahnt|verbunden|abgestimmt)\b)",
                      re.IGNORECASE)


# ... or what "das" or "es" has, asked last ("was ist dieses irek und wie viele ziele hat das?")
# (or what it cost: "wer hat das IREK geschrieben und was hat das gekostet?")
_IT_HAS = re.compile(r"\b(hat|enthält|umfasst|nennt)\s{1,3}(das|es)\s{0,3}(eigentlich\s{1,3}|insgesamt\s{1,3})?"
                     r"(gekostet\s{0,3})?\?$",
                     re.IGNORECASE)


# ... or who does something with "das" or "es" ("was ist dieses irek …? wer hat das gemacht und wer setzt das um?")
_WHO_DOES_IT = re.compile(r"\bwer\s{1,3}(setzt|macht|betreut|koordiniert|trägt|steuert|begleitet|beschließt)\s{1,3}"
                          r"(das|es)\b", re.IGNORECASE)


def in_the_irek(question: str) -> str:
    """A further question for what stands "in it", or of what "es" does, asked of the IREK by name; any other
    question as it is."""
    has = _IT_HAS.search(question)
    if has:  # "… und wie viele ziele hat das?"
        return f"{question[:has.start(2)]}das IREK{question[has.end(2):]}"
    who = _WHO_DOES_IT.search(question)
    if who:  # "… und wer setzt das um?"
        return f"{question[:who.start(2)]}das IREK{question[who.end(2):]}"
    does = _IT_DOES.search(question)
    if does:
        it = 2 if does.group(2) else 4
        return f"{question[:does.start(it)]}das IREK{question[does.end(it):]}"
    asked = _WHAT_STANDS_IN_IT.search(question)
    if not asked:
        return question
    # ("… steht im IREK irgendwo was zur Belebung der Ortskerne?": the IREK named after the verb, as people ask it)
    text = f"{question[:asked.end(1)]} im IREK{_IN_IT.sub('', question[asked.end(1):])}"
    return re.sub(r"\s+([?!.])", r"\1", " ".join(text.split()))
