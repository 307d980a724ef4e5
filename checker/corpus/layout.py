"""Which files of a rules folder are read, and which look like rule files but would be skipped.

The layout: ``sources.yaml``, ``parameters/*.yaml``, ``national/*.yaml`` and
``regions/<region>/*.yaml``. The loader reads exactly the files listed here and the load cache
keys on exactly them, so the two can never disagree. A name ending in ``.yml`` or ``.json``, a
folder inside ``national/`` or a region's folder, or a rule file directly in ``regions/`` is a
*stray*: it would be skipped, so it is reported instead. Hidden names (``.#x.yaml``, editor
files) are left alone. Folders are listed one level at a time, never walked.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

RULE_SUFFIX = ".yaml"
LOOKALIKES = (".yml", ".json")


@dataclass(frozen=True)
class Layout:
    """The files the loader reads, in reading order, and the strays with the reason each is."""

    sources: Path
    parameters: tuple[Path, ...]
    rulebooks: tuple[Path, ...]
    strays: tuple[tuple[Path, str], ...]

    def files(self) -> tuple[Path, ...]:
        """Every file the loader reads."""
        return (self.sources, *self.parameters, *self.rulebooks)


def layout(directory: Path) -> Layout:
    """List the rules folder ``directory`` (one level at a time; nothing is opened)."""
    strays: list[tuple[Path, str]] = []
    parameters = _flat(directory / "parameters", strays, "parameters/")
    national = _flat(directory / "national", strays, "national/")
    regional: list[Path] = []
    for name, is_folder in _entries(directory / "regions"):
        path = directory / "regions" / name
        if is_folder:
            regional += _flat(path, strays, f"regions/{name}/")
        elif _looks_like_rules(name):
            strays.append((path, "a rulebook lies in a region's folder, regions/<region>/"))
    for name, is_folder in _entries(directory):
        if not is_folder and _looks_like_rules(name) and name != "sources.yaml":
            why = "only sources.yaml is read at the top; rulebooks lie in national/ or regions/"
            strays.append((directory / name, why))
    return Layout(directory / "sources.yaml", tuple(parameters), (*national, *regional),
                  tuple(strays))


def _flat(folder: Path, strays: list[tuple[Path, str]], where: str) -> list[Path]:
    """The ``*.yaml`` files of a folder that holds files only; the rest are strays."""
    files = []
    for name, is_folder in _entries(folder):
        path = folder / name
        if is_folder:
            why = f"folders inside {where} are not read; put its rule files directly in {where}"
            strays.append((path, why))
        elif name.endswith(RULE_SUFFIX):
            files.append(path)
        elif name.endswith(LOOKALIKES):
            why = f"only names ending in {RULE_SUFFIX} are read; rename it {Path(name).stem}.yaml"
            strays.append((path, why))
    return files


def _entries(folder: Path) -> list[tuple[str, bool]]:
    """A folder's visible entries in name order, each with whether it is a folder."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    found = []
    for name in names:
        if name.startswith("."):
            continue
        try:
            is_folder = stat.S_ISDIR(os.stat(folder / name).st_mode)
        except OSError:  # a broken link or a loop: the loader reports it when it reads it
            is_folder = False
        found.append((name, is_folder))
    return found


def _looks_like_rules(name: str) -> bool:
    return name.endswith((RULE_SUFFIX, *LOOKALIKES))

