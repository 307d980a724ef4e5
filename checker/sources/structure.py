"""The structure index of the cited acts (``rules/statute-structure.json``): which provisions exist.

The index is generated from the consolidated statute texts by
``scripts/build_statute_structure.py`` and committed, so the product needs no statute texts at
run time. For each act (keyed by SFS number) it lists chapters, sections (``3 c``) and, per
section, the number of points of each stycke. ``StatuteIndex.problem`` says why a citation
names no existing provision, with the closest one that exists.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from vardval.checker.errors import RuleLoadError
from vardval.checker.reading import files as reading
from vardval.dsl.errors import Diagnostic
from vardval.dsl.spans import Span

if TYPE_CHECKING:
    from collections.abc import Mapping

    from vardval.checker.sources.citation_syntax import CitationRef
    from vardval.checker.sources.words import SourceSaid

FILENAME = "statute-structure.json"
Sections = dict[str, tuple[int, ...] | None]  # None: the section is repealed


@dataclass(frozen=True, slots=True)
class ActStructure:
    """One act as consolidated: ``chapters[chapter][section]`` = points per stycke."""

    sfs: str
    title: str
    published: str
    chapters: Mapping[str, Sections]

    def provisions(self) -> tuple[str, ...]:
        """Every citable form (without the act's id): sections, stycken, points."""
        out: list[str] = []
        for chapter, sections in self.chapters.items():
            head = f"{chapter} kap. " if chapter else ""
            for section, stycken in sections.items():
                out.append(f"{head}{section} §")
                for number, points in enumerate(stycken or (), 1):
                    out.append(f"{head}{section} § {number} st.")
                    out += [f"{head}{section} § {number} st. {p} p." for p in range(1, points + 1)]
                    if number == 1:
                        out += [f"{head}{section} § {p} p." for p in range(1, points + 1)]
        return tuple(out)

    def missing(self, ref: CitationRef) -> SourceSaid | None:
        """What of ``ref`` does not exist, in words of each language, or ``None``."""
        chapter = ref.chapter or ""
        if chapter not in self.chapters:
            return _said("act-no-chapter", (chapter,))
        sections = self.chapters[chapter]
        if ref.section not in sections:
            return _said("chapter-no-section" if chapter else "act-no-section",
                              (chapter, ref.section) if chapter else (ref.section,))
        stycken = sections[ref.section]
        here = f"{chapter} kap. {ref.section} §" if chapter else f"{ref.section} §"
        if ref.wording is not None:  # an older wording: its stycken and points are not indexed
            return None
        if stycken is None and (ref.paragraph or ref.point):
            return _said("repealed", (here,))
        return _missing_part(here, stycken or (), ref.paragraph, ref.point)


def _missing_part(here: str, stycken: tuple[int, ...], paragraph: int | None,
                  point: int | None) -> SourceSaid | None:  # fmt: skip
    if paragraph is not None and not 1 <= paragraph <= len(stycken):
        return _said("stycken", (here, str(len(stycken)), str(paragraph)))
    if point is None:
        return None
    number = paragraph or 1
    points = stycken[number - 1] if number <= len(stycken) else 0
    if 1 <= point <= points:
        return None
    part = f"{here} {number} st." if paragraph or len(stycken) > 1 else here
    return _said("points", (part, str(points), str(point)))


class StatuteIndex:
    """The structure of every indexed act, by SFS number."""

    def __init__(self, acts: Mapping[str, ActStructure]) -> None:
        self.acts = dict(acts)

    def problem(self, ref: CitationRef, sfs: str, short: str) -> SourceSaid | None:
        """Why ``ref`` (a provision of the act ``sfs``) does not exist, or ``None``.

        Acts that are not indexed (no consolidated text) are not checked.
        """
        act = self.acts.get(sfs)
        if act is None or ref.section is None:
            return None
        found = act.missing(ref)
        if found is None:
            return None
        import difflib  # noqa: PLC0415 - only to suggest a name

        close = difflib.get_close_matches(ref.key.split(" (")[0], act.provisions(), n=1)
        said = (ref.text, found, sfs, act.published)
        if close:
            return _said("no-such-provision-close", (*said, f"{short} {close[0]}"))
        return _said("no-such-provision", said)


def _said(code: str, values: tuple[object, ...] = ()) -> SourceSaid:
    """A problem of a citation or of the index in words; their wording is imported only then."""
    from vardval.checker.sources.words import SourceSaid  # noqa: PLC0415 - problems only

    return SourceSaid(code, values)


def load_index(path: Path) -> StatuteIndex:
    """Read a structure index; a located ``RuleLoadError`` when it is not one (or unreadable)."""
    try:
        return _load(str(path), path.stat().st_mtime_ns)
    except OSError as error:
        raise _refused(str(path), reading.os_refusal(error, path)) from None


@functools.lru_cache(maxsize=8)
def _load(path: str, stamp: int) -> StatuteIndex:
    del stamp  # part of the cache key only: a rewritten file is read again
    try:
        data = json.loads(reading.read_bounded(Path(path), reading.MAX_RULE_FILE_BYTES,
                                               advice=reading.RULE_FILE_ADVICE))
        return StatuteIndex({str(sfs): _act(str(sfs), raw) for sfs, raw in data["acts"].items()})
    except reading.ReadRefused as error:
        raise _refused(path, error.said) from None
    except (KeyError, TypeError, AttributeError, ValueError):
        raise _refused(path, _said("not-an-index")) from None


def _refused(path: str, why: object) -> RuleLoadError:
    said = _said("index-unusable", (why,))
    return RuleLoadError([Diagnostic.worded("invalid-index", said, Span(path, 1, 1, 1, 2))])


def _act(sfs: str, raw: dict[str, object]) -> ActStructure:
    chapters = raw["chapters"]
    if not isinstance(chapters, dict):
        raise TypeError(f"chapters of {sfs} is not a mapping")
    parsed = {str(c): {str(s): _stycken(v) for s, v in sections.items()}
              for c, sections in chapters.items()}
    return ActStructure(sfs, str(raw["title"]), str(raw["published"]), parsed)


def _stycken(value: object) -> tuple[int, ...] | None:
    if value == "repealed":
        return None
    if not isinstance(value, list) or not all(isinstance(v, int) for v in value):
        raise ValueError(f"'{value}' is not a list of point counts")
    return tuple(value)


def index_for(directory: Path, bundled: Path) -> StatuteIndex:
    """The index of a rule corpus: its own file, else the bundled one, else an empty index."""
    for folder in (directory, bundled):
        if (folder / FILENAME).is_file():
            return load_index(folder / FILENAME)
    return StatuteIndex({})
