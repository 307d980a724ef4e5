"""Case files loaded before, kept in the load cache folder, so that a warm ``vardval test``
reads its case folder without pydantic, pydantic-core or a YAML library.

Why: ``case_model`` validates case files with pydantic models and reads them with marks, and
each case's changed submission is then read and validated like a file; imported and run, that
cost a warm ``vardval test RULE`` some 120 ms of its 250 (issue 21), although case files are
run far more often than they change. What it gives (each ``CaseFile``: the cases with their
lines, the base's data, and each case's changed submission, ``Case.kept``) follows from the
case files' bytes and names, their bases' bytes, vardval's code and pydantic's version. So the
files of a run that all loaded without a problem are kept as one pickle, sealed with this
user's key like the load cache's entries (``program.cache``), under the digest of the case
files and their names, vardval's version and code, Python's version and the working directory
(``cache.entry_for``). The entry holds what else decides the result, each base's digest and
pydantic's, and they are checked on every use. Anything else (a changed or unreadable file, a
rule the corpus lacks, no cache) is read by ``case_model``, which finds and words every problem
as before; a changed submission that is not valid is not kept, so its case is run and told
about again each time.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import pickle
from pathlib import Path
from typing import Any

from vardval.checker.authoring import cases as cases_module
from vardval.checker.authoring.cases import CaseFile, CaseFileError
from vardval.checker.program import cache
from vardval.checker.reading import files as reading
from vardval.dsl.errors import VardvalError

MAGIC = b"vardval-case-files-1\n"


def load(paths: list[Path], directory: Path | None, rule_ids: set[str], *,
         every: bool) -> list[CaseFile]:
    """The case files at ``paths`` (in ``directory``, None for files named one by one): from
    the store when it holds them as they are, else read by ``case_model`` and then stored.

    ``every``: gather the problems of all files into one ``CaseFileError``; otherwise the
    first file with a problem raises its own error.
    """
    where = _entry(paths, directory or Path())
    stored = _recall(where, paths, rule_ids) if where is not None else None
    if stored is not None:
        return stored
    from vardval.checker.authoring import case_model  # noqa: PLC0415 - pydantic, on a miss

    loaded, problems = [], []
    reads: dict[str, bytes] = {}
    for path in paths:
        try:
            loaded.append(case_model.load_case_file(path, rule_ids, reads=reads))
        except VardvalError as exc:
            if not every:
                raise
            problems.extend(exc.diagnostics)
    if problems:
        raise CaseFileError(problems)
    if where is None:
        return loaded
    kept = [_with_intakes(file) for file in loaded]
    _keep(where.parent, directory or Path(), kept, reads)
    return kept


def _entry(paths: list[Path], directory: Path) -> Path | None:
    """Where the entry of the case files as they are now lives; None when not caching or when
    one cannot be read (``case_model`` then says why)."""
    folder = cache.active_folder()
    if folder is None:
        return None
    digests = {}
    for path in paths:
        try:
            raw = reading.read_bounded(path, reading.MAX_RULE_FILE_BYTES,
                                       advice=reading.RULE_FILE_ADVICE)
        except reading.ReadRefused:
            return None
        digests[str(path)] = reading.digest(raw)
    return cache.entry_for(folder, directory, digests, kind="cases")


def _recall(where: Path, paths: list[Path], rule_ids: set[str]) -> list[CaseFile] | None:
    """The stored case files, when the entry is this user's and still holds for the bases,
    pydantic and the corpus's rule ids; else None."""
    body = cache.read_sealed(where, MAGIC)
    if body is None:
        return None
    try:
        library, stored = pickle.loads(body)  # noqa: S301 - authenticated with this user's key
    except Exception:  # noqa: BLE001 - a bad entry is a miss, never an error
        return None
    files = [file for file, _ in stored]
    if (library != _library() or [f.file for f in files] != [str(p) for p in paths]
            or any(case.rule not in rule_ids for f in files for case in f.cases)):
        return None
    if any(_base_digest(file.base) != digest for file, digest in stored):
        return None
    return files


def _keep(folder: Path, directory: Path, files: list[CaseFile], reads: dict[str, bytes]) -> None:
    """Store ``files`` under the digests of the very bytes they were read from (``reads``)."""
    library = _library()
    if library is None:
        return
    digests = {file.file: reads[file.file] for file in files}
    stored: list[tuple[CaseFile, Any]] = [(file, reads[file.base]) for file in files]
    body = pickle.dumps((library, stored), protocol=pickle.HIGHEST_PROTOCOL)
    cache.write_sealed(cache.entry_for(folder, directory, digests, kind="cases"), MAGIC, body)


def _with_intakes(file: CaseFile) -> CaseFile:
    """``file`` with each case's changed submission kept (``Case.kept``) where it is valid: a
    case that cannot run is run, and told about, again each time."""
    cases = []
    for case in file.cases:
        try:
            intake = cases_module.changed_intake(file, case)
        except cases_module.ChangeError:
            intake = None
        kept = (pickle.dumps(intake, protocol=pickle.HIGHEST_PROTOCOL)
                if intake is not None and intake.valid else None)
        cases.append(dataclasses.replace(case, kept=kept))
    return dataclasses.replace(file, cases=tuple(cases))


def _base_digest(base: str) -> bytes | None:
    """The digest of a base submission as ``case_model`` reads it, or None if it cannot."""
    try:
        return reading.digest(reading.read_bounded(Path(base)))
    except reading.ReadRefused:
        return None


def _library() -> bytes | None:
    """The digest of pydantic's ``version.py``, which names pydantic's version and the
    pydantic-core it needs: the libraries that decide which case files are valid. Read without
    importing pydantic (that would cost most of what the store saves)."""
    spec = importlib.util.find_spec("pydantic")
    if spec is None or spec.origin is None:
        return None
    try:
        return hashlib.sha256(Path(spec.origin).with_name("version.py").read_bytes()).digest()
    except OSError:
        return None
