"""Umlauts written out ("foerderfaehig", "fuer", "muessen"): put back where the word is one of the usual ones.

People without a German keyboard write ae, oe, ue and ss. Everything that reads a question word by word (the routing,
the profile, the careful cases) is written with umlauts, so the question is read with them put back. Only the
letter groups below are changed: each is a German word or word stem that is always written with an umlaut, long enough
not to stand inside other words ("neue", "Steuer", "aktuell", "Quelle" keep their "ue").
"""

from __future__ import annotations

import re

# Word stems, found anywhere in a word ("gefoerdert", "Hebebuehne", "Kuehlzellen")
_STEMS = {
    "foerder": "förder", "faehig": "fähig", "moeglich": "möglich", "muess": "müss", "koenn": "könn",
    "moecht": "möcht", "groess": "größ", "naechst": "nächst", "spaeter": "später", "jaehr": "jähr", "pruef": "prüf",
    "zurueck": "zurück", "aender": "änder", "erklaer": "erklär", "fuehr": "führ", "wuerd": "würd", "duerf": "dürf",
    "gruend": "gründ", "zuschuess": "zuschüss", "buehne": "bühne", "gebaeude": "gebäude", "kuehl": "kühl",
    "buero": "büro", "aehnlich": "ähnlich", "hoehe": "höhe", "hoeher": "höher", "hoechst": "höchst",
    "loesung": "lösung", "laendlich": "ländlich", "staedt": "städt", "geschaeft": "geschäft", "taetig": "tätig",
    "beschaeftig": "beschäftig", "traeger": "träger", "gewaehr": "gewähr", "oeffentlich": "öffentlich",
    "koerperschaft": "körperschaft", "guenstig": "günstig", "bestaetig": "bestätig", "zustaendig": "zuständig",
    "ungefaehr": "ungefähr", "verfueg": "verfüg", "erhoeh": "erhöh", "kuendig": "kündig", "schaedlich": "schädlich",
    "ausschuess": "ausschüss", "nuetz": "nütz", "unterstuetz": "unterstütz", "waehrend": "während",
    "rueckzahl": "rückzahl", "rueckforder": "rückforder", "massnahme": "maßnahme", "strasse": "straße",
}
# Whole words only: too short to stand as a stem
_WORDS = {"fuer": "für", "waere": "wäre", "waeren": "wären", "haette": "hätte", "haetten": "hätten",
          "maerz": "märz", "gross": "groß", "grosse": "große",
          "grossen": "großen", "grosser": "großer"}
_PREFIXES = {"ueber": "über"}  # the word or the start of one ("ueber", "ueberlegen", "uebernehmen")

_STEM = re.compile("|".join(sorted(_STEMS, key=len, reverse=True)), re.IGNORECASE)
_WORD = re.compile(r"\b(" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")\b", re.IGNORECASE)
_PREFIX = re.compile(r"\b(" + "|".join(_PREFIXES) + r")", re.IGNORECASE)


def _same_case(found: str, replacement: str) -> str:
    return replacement[0].upper() + replacement[1:] if found[:1].isupper() else replacement


def with_umlauts(text: str) -> str:
    """`text` with the usual words whose umlauts are written out ("foerderfaehig", "fuer") written with them; a text
    with no such word is returned as it is."""
    if not re.search(r"ae|oe|ue|ss", text, re.IGNORECASE):
        return text
    text = _STEM.sub(lambda m: _same_case(m.group(), _STEMS[m.group().lower()]), text)
    text = _WORD.sub(lambda m: _same_case(m.group(), _WORDS[m.group().lower()]), text)
    return _PREFIX.sub(lambda m: _same_case(m.group(), _PREFIXES[m.group().lower()]), text)
