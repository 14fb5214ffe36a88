"""The questions a text asks, each as written: a user's message may ask several ("Geht das über GRW? Und dürfen wir
den Bauauftrag schon vergeben?")."""

from __future__ import annotations

import re

# Where a sentence ends: a full stop or an exclamation mark before a capital letter ("… helfen. Und gibt es …"), not
# an abbreviation before a figure ("ca. 120k")
_SENTENCE_END = re.compile(r"(?<=[.!])\s{1,5}(?=[A-ZÄÖÜ])")


def questions(text: str) -> list[str]:
    """The questions a text asks, each as written ("Und gibt es GRW-Geld für Fachkräftethemen?"): from the end of the
    sentence or question before to its own question mark."""
    asked = []
    for chunk in text.split("?")[:-1]:
        question = _SENTENCE_END.split(chunk)[-1].strip()
        if len(question) >= 8:
            asked.append(question + "?")
    return asked


# A question joined to the one before by "und" or "oder" that asks on its own ("Ist das förderbar oder zählt das als
# Ersatz?", "Was ist da drin und kriegen wir auch den Grundstückskauf gefördert?")
_JOINED = re.compile(r",?\s{1,3}(?:und|oder)\s{1,3}(?=(?:was|wie|wer|wann|wo|welche[mnrs]?|wieviel|ob|kann|können|kriegen"
                     r"|kriegt|bekommen|bekommt|gibt|gibts|gilt|gelten|zählt|zählen|dürfen|darf|muss|müssen|haben)\b)",
                     re.IGNORECASE)


def asks(text: str) -> list[str]:
    """The questions of a text (`questions`), a question joined to the one before by "und"/"oder" as one of its own."""
    found = []
    for question in questions(text):
        found += [part.strip().rstrip("?") + "?" for part in _JOINED.split(question) if len(part.strip()) >= 8]
    return found
