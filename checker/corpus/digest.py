"""The rule corpus's digest: what ``producer.rules_digest`` names, so a result can be reproduced.

SHA-256 over every file the corpus is read from (sources, parameters, rulebooks, decisions):
each file's path relative to the corpus folder, then its bytes, in path order.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

_GLOBS = ("sources.yaml", "parameters/*.yaml", "national/*.yaml", "regions/*/*.yaml",
          "decisions/*.yaml")


def corpus_files(directory: Path) -> list[Path]:
    """Every file a corpus is read from, in path order."""
    found = {path for pattern in _GLOBS for path in directory.glob(pattern) if path.is_file()}
    return sorted(found, key=lambda p: p.relative_to(directory).as_posix())


def corpus_digest(directory: Path) -> str:
    """``sha256:<hex>`` of the corpus in ``directory`` as it is on disk now."""
    digest = hashlib.sha256()
    for path in corpus_files(directory):
        name = path.relative_to(directory).as_posix().encode()
        data = path.read_bytes()
        digest.update(b"%d:%s%d:" % (len(name), name, len(data)))
        digest.update(data)
    return "sha256:" + digest.hexdigest()
