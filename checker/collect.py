"""Which files a ``vardval check PATH…`` call means: files as given, folders walked safely."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

SUFFIXES = (".yaml", ".yml", ".json")


def submission_files(paths: Iterable[str]) -> Iterator[tuple[str, str | None]]:
    """Yield ``(path, None)`` for each submission file, or ``(path, why)`` when unusable.

    Folders are walked in name order without following symbolic links (no loops); files with
    other endings inside folders are skipped, while a file named explicitly is always tried.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path)
        elif path.exists() or path.is_symlink():
            yield raw, None
        else:
            yield raw, "no such file or folder"


def _walk(folder: Path) -> Iterator[tuple[str, str | None]]:
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(SUFFIXES) and not name.startswith("."):
                yield os.path.join(root, name), None
