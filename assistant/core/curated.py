"""Curated YAML files (written by people) read into pydantic models, with one German error naming file and key.

Each module that owns a curated file declares its models on `Curated` (unknown keys are rejected) and reads the file
with `load(path, Model, error=…)`. A mistake becomes one `CuratedDataError` (or the module's subclass) such as
„funding_paths.yaml, paths[0] (grw-gewerbe).conditions[0] (antrag-vor-beginn): unbekannter Schlüssel „trigger““
(the key path, with the id of each list entry that has one). A validator that checks more than one field raises
`DataPathError` with the key path of the field it means, relative to the model it runs on.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, TypeVar

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError

M = TypeVar("M", bound=BaseModel)


class CuratedDataError(ValueError):
    """A curated data file is unreadable or invalid; the message (German) names the file and the key."""


class DataPathError(ValueError):
    """Raised inside a validator: `message` concerns the value at `where` (keys and list positions) below the model."""

    def __init__(self, where: tuple[str | int, ...], message: str) -> None:
        super().__init__(message)
        self.where = where


class Curated(BaseModel):
    """Base of the models of curated files: unknown keys are an error; numbers given for text fields become text
    (section "2.3" may be written unquoted)."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)


# libyaml's parser where PyYAML was built with it (the same safe constructor, about ten times faster: the funding
# rules are read at every start of `irek ask` and of the server).
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def valid_regex(pattern: str) -> str:
    """A field validator's check of a regular expression in curated data (German message)."""
    try:
        re.compile(pattern)
    except re.error as problem:
        raise ValueError(f"kein gültiger regulärer Ausdruck ({problem})") from None
    return pattern


Regex = Annotated[str, AfterValidator(valid_regex)]  # a regular expression in curated data, checked when read


@lru_cache(maxsize=None)
def compiled(pattern: str) -> re.Pattern[str]:
    """A regular expression of curated data compiled once, case aside: the `re` module's own cache holds 512 patterns,
    fewer than the curated data match per request (the rule answers alone have over 360), so a request recompiled
    those pushed out (docs/evaluation.md, the seventieth session's review)."""
    return re.compile(pattern, re.IGNORECASE)


def read_yaml(path: Path, *, label: str | None = None, error: type[CuratedDataError] = CuratedDataError) -> Any:
    """The parsed YAML at `path` ({} for an empty file)."""
    label = label or path.name
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as problem:
        raise error(f"{label} kann nicht gelesen werden ({problem}).") from None
    try:
        data = yaml.load(text, Loader=SAFE_LOADER)
    except yaml.YAMLError as problem:
        raise error(f"{label}: kein gültiges YAML ({problem}).") from None
    return {} if data is None else data


def validate(data: Any, model: type[M], *, label: str, error: type[CuratedDataError] = CuratedDataError) -> M:
    """`data` as `model`; a ValidationError becomes one German `error` naming `label` and the key path."""
    try:
        return model.model_validate(data)
    except ValidationError as problem:
        raise error(german_message(problem, data, label)) from None


def load(path: Path, model: type[M], *, label: str | None = None,
         error: type[CuratedDataError] = CuratedDataError) -> M:
    """Read and validate the curated file at `path` (see `validate`)."""
    label = label or path.name
    return validate(read_yaml(path, label=label, error=error), model, label=label, error=error)


@lru_cache(maxsize=32)
def _load_once(path: Path, model: type[M], error: type[CuratedDataError]) -> M:
    return load(path, model, error=error)


@lru_cache(maxsize=256)
def _resolved(path: Path) -> Path:  # resolving walks the file system: once per path, not on every call of a request
    return path.resolve()


def load_once(path: Path, model: type[M], *, error: type[CuratedDataError] = CuratedDataError) -> M:
    """`load`, read and checked once per file and model in a process (the result is shared: treat it as read-only)."""
    return _load_once(_resolved(Path(path)), model, error)


# -- the German message -------------------------------------------------------------------------------------------

_UNKNOWN_KEY = ("extra_forbidden", "unexpected_keyword_argument")
_MESSAGES = {
    "string_type": "muss ein Text sein",
    "string_too_short": "darf nicht leer sein",
    "too_short": "darf nicht leer sein",
    "int_type": "muss eine ganze Zahl sein",
    "int_parsing": "muss eine ganze Zahl sein",
    "int_from_float": "muss eine ganze Zahl sein",
    "bool_type": "muss true oder false sein",
    "bool_parsing": "muss true oder false sein",
    "list_type": "muss eine Liste sein",
    "tuple_type": "muss eine Liste sein",
    "set_type": "muss eine Liste sein",
    "dict_type": "muss ein Objekt (Schlüssel: Wert) sein",
    "model_type": "muss ein Objekt (Schlüssel: Wert) sein",
    "model_attributes_type": "muss ein Objekt (Schlüssel: Wert) sein",
    "dataclass_type": "muss ein Objekt (Schlüssel: Wert) sein",
    "dataclass_args_type": "muss ein Objekt (Schlüssel: Wert) sein",
}


def german_message(problem: ValidationError, data: Any, label: str) -> str:
    """The first error of `problem` in German, with the file `label` and the key path; the count of further errors.
    An unknown key comes first: a misspelt key is also reported as a missing one, and the unknown key says more."""
    errors = sorted(problem.errors(), key=lambda e: e["type"] not in _UNKNOWN_KEY)
    first = errors[0]
    loc = tuple(first["loc"])
    kind = first["type"]
    if kind in _UNKNOWN_KEY and loc:
        loc, text = loc[:-1], f"unbekannter Schlüssel „{loc[-1]}“"
    elif kind == "missing" and loc:
        loc, text = loc[:-1], f"es fehlt „{loc[-1]}“"
    elif kind == "literal_error":
        expected = str(first["ctx"]["expected"]).replace(" or ", " oder ")
        text = f"muss einer der Werte {expected} sein, nicht „{first['input']}“"
    elif kind == "value_error":
        cause = first["ctx"]["error"]
        loc += getattr(cause, "where", ())
        text = str(cause)
    else:
        text = _MESSAGES.get(kind, f"ungültiger Wert ({first['msg']})")
    where = key_path(loc, data)
    further = len(errors) - 1
    more = f" (und {further} {'weiterer' if further == 1 else 'weitere'} Fehler)" if further else ""
    return f"{label}{', ' + where if where else ''}: {text}{more}"


def key_path(loc: tuple[str | int, ...], data: Any) -> str:
    """`paths[0] (grw-gewerbe).conditions[1]`: keys joined by dots (a key such as "7.1" in brackets), list positions
    in brackets, and after a list entry the id (or code) it has in `data`."""
    text, node = "", data
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            name = node.get("id") or node.get("code") if isinstance(node, dict) else None
            if isinstance(name, (str, int, float)):
                text += f" ({name})"
        else:
            name = part if re.fullmatch(r"[A-Za-z_][\w-]*", part) else f"[„{part}“]"
            text += f".{name}" if text and not name.startswith("[") else name
            node = node.get(part) if isinstance(node, dict) else None
    return text
