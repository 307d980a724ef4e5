"""Which kind of vardval file a document is, and which rule corpus it belongs to."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from vardval.checker.corpus import BUNDLED_RULES

Kind = Literal["rulebook", "parameters", "sources", "cases", "decisions", "other"]
_KINDS: dict[str, Kind] = {"rulebook": "rulebook", "cases": "cases",
                           "parameters": "parameters", "sources": "sources"}
_TOP_KEY = re.compile(r"^(rulebook|cases|parameters|sources):", re.MULTILINE)


def kind_of(path: Path, text: str) -> Kind:
    """By name first (``sources.yaml``, ``parameters/``, ``decisions/``), else by the file's
    first top key.

    Example:
        >>> kind_of(Path("rules/national/x.yaml"), "rulebook: national.x\\n")
        'rulebook'
    """
    if path.name == "sources.yaml":
        return "sources"
    if path.parent.name == "parameters":
        return "parameters"
    if path.parent.name == "decisions":
        return "decisions"
    found = _TOP_KEY.search(text)
    if found is None:
        return "other"
    return _KINDS[found.group(1)]


def corpus_of(path: Path) -> Path:
    """The nearest folder above ``path`` laid out like ``rules/`` (or its ``rules/``); else
    the bundled corpus, so a lone rulebook is checked as ``vardval lint FILE`` checks it."""
    for folder in path.resolve().parents:
        for candidate in (folder, folder / "rules"):
            if (candidate / "sources.yaml").is_file() and (candidate / "parameters").is_dir():
                return candidate
    return BUNDLED_RULES
