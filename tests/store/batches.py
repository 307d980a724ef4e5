"""Batches of valid submissions for the store tests: the bundled fixtures under new HSA-ids."""

from __future__ import annotations

import re
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "submissions"
_HSA = re.compile(r"(?m)^(  hsa_id: )(\S+)$")


def write_batch(folder: Path, count: int, *, note: str = "") -> list[Path]:
    """``count`` YAML files, clinic *i* a copy of fixture *i mod 8* with its own HSA-id;
    ``note`` changes the bytes (a comment) but not the data, as a resubmission might."""
    sources = sorted(FIXTURES.glob("*.yaml"))
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        text = sources[index % len(sources)].read_text(encoding="utf-8")
        text = _HSA.sub(lambda m, i=index: f"{m.group(1)}SE9000000000-T{i:06d}", text, count=1)
        path = folder / f"s{index:06d}.yaml"
        path.write_text(text + (f"# {note}\n" if note else ""), encoding="utf-8")
        paths.append(path)
    return paths
