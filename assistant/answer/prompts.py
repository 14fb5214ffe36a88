"""German prompt templates, one file each under `prompts/`, loaded by name.

A template is `prompts/<name>.md` with `string.Template` placeholders (`$question` or `${question}`; a literal
dollar sign is written `$$`). Prompt text never lives in code: code only names the template and fills it in.

    render_prompt("answer", question="...", passages="...", findings="...")
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from string import Template
from assistant.core.paths import PROMPTS_DIR

_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*")


class PromptError(LookupError):
    """A template is missing, misnamed or filled in with the wrong placeholders."""


def available_prompts(directory: Path = PROMPTS_DIR) -> list[str]:
    return sorted(p.stem for p in directory.glob("*.md")) if directory.is_dir() else []


@lru_cache(maxsize=64)
def _load(name: str, directory: Path) -> Template:
    if not _NAME.fullmatch(name):
        raise PromptError(f"Invalid prompt name {name!r}: lower-case letters, digits, '_' and '-' only.")
    path = directory / f"{name}.md"
    if not path.is_file():
        known = ", ".join(available_prompts(directory)) or "none"
        raise PromptError(f"Prompt template {name!r} not found: expected {path} (available: {known}).")
    return Template(path.read_text(encoding="utf-8").strip() + "\n")


def load_prompt(name: str, directory: Path = PROMPTS_DIR) -> Template:
    """The template `<directory>/<name>.md`; PromptError when it does not exist."""
    return _load(name, Path(directory))


def placeholders(name: str, directory: Path = PROMPTS_DIR) -> set[str]:
    template = load_prompt(name, directory)
    return {m.group("named") or m.group("braced") for m in template.pattern.finditer(template.template)
            if m.group("named") or m.group("braced")}


def render_prompt(name: str, directory: Path = PROMPTS_DIR, **values: object) -> str:
    """The template filled in; PromptError when a placeholder has no value or a value has no placeholder."""
    wanted = placeholders(name, directory)
    missing, unknown = wanted - values.keys(), values.keys() - wanted
    if missing or unknown:
        raise PromptError(f"Prompt {name!r}: missing values {sorted(missing)}, unknown values {sorted(unknown)}.")
    try:
        return load_prompt(name, directory).substitute({k: str(v) for k, v in values.items()})
    except ValueError as error:  # a stray '$' in the template
        raise PromptError(f"Prompt {name!r} is malformed: {error}") from error
