"""The rule corpus's digest: what ``producer.rules_digest`` names, so a result can be reproduced.

SHA-256 over every file the corpus is read from (sources, parameters, rulebooks, decisions, as
``corpus.layout`` lists them): each file's path relative to the corpus folder, then its bytes.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from vardval.checker.corpus.layout import layout
from vardval.checker.reading import MAX_RULE_FILE_BYTES, ReadRefused, read_bounded


def corpus_files(directory: Path) -> list[Path]:
    """Every file a corpus is read from, in path order."""
    return sorted(layout(directory).files(), key=lambda p: os.fsencode(p.relative_to(directory)))


def corpus_digest(directory: Path) -> str:
    """``sha256:<hex>`` of the corpus in ``directory`` as it is on disk now."""
    digest = hashlib.sha256()
    for path in corpus_files(directory):
        name = os.fsencode(path.relative_to(directory).as_posix())  # any file name, as bytes
        try:
            data = read_bounded(path, MAX_RULE_FILE_BYTES)
        except ReadRefused:  # the loader has reported it already; keep the digest defined
            data = b""
        digest.update(b"%d:%s%d:" % (len(name), name, len(data)))
        digest.update(data)
    return "sha256:" + digest.hexdigest()
