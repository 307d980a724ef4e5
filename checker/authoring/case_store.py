"""Case files loaded before, kept in the load cache folder, so that a warm ``vardval test``
reads its case folder without pydantic, pydantic-core or a YAML library.

Why: ``case_model`` validates case files with pydantic models and reads them with marks, and
each case's changed submission is then read and validated like a file; imported and run, that
cost a warm ``vardval test RULE`` some 120 ms of its 250 (issue 21), although case files are
run far more often than they change. What it gives (each ``CaseFile``: the cases with their
lines, the base's data, and each case's changed submission, ``Case.kept``) follows from the
case file's bytes and name, its base's bytes, vardval's code and pydantic's version. So the
files of a run that all loaded without a problem are kept as one pickle, sealed with this
user's key like the load cache's entries (``program.cache``), named after the case files,
vardval's version and code, Python's version and the working directory (``cache.entry_for``),
with the digests of each case file and its base and of pydantic's ``version.py``, checked on
every use. A file that changed, cannot be read or names a rule the corpus lacks is read by
``case_model``, which finds and words every problem as before, and the others still come from
the store (an author who edits one file waits for that one). A changed submission that is not
valid is not kept, so its case is run and told about again each time.
"""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path
from typing import TYPE_CHECKING

from vardval.checker.authoring import cases as cases_module
from vardval.checker.authoring.cases import Case, CaseFile, CaseFileError
from vardval.checker.core_engine import pydantic_digest
from vardval.checker.program import cache, pickling
from vardval.checker.reading import files as reading
from vardval.dsl.errors import VardvalError

if TYPE_CHECKING:
    from vardval.checker.authoring import case_model
    from vardval.checker.reading import Refusal

MAGIC = b"vardval-case-files-3\n"


# What the entry holds of each case file: the file as loaded, its digest and its base's.
_Held = tuple[CaseFile, bytes, bytes]


def load(paths: list[Path], directory: Path | None, rule_ids: set[str], *,
         every: bool, wanted: frozenset[str] | None = None) -> list[CaseFile]:
    """The case files at ``paths`` (in ``directory``, None for files named one by one): each
    from the store when it holds it as it is, else read by ``case_model``; then stored.

    ``every``: gather the problems of all files into one ``CaseFileError``; otherwise the
    first file with a problem raises its own error. A file the store holds had none.
    ``wanted``: the rules whose cases will run (None: all); their changed submissions are
    validated and kept now, any other's when a run first wants it (a first ``vardval test
    RULE`` validates that rule's cases, not all of them).
    """
    folder = cache.active_folder()
    where = None if folder is None else cache.entry_for(
        folder, directory or Path(), dict.fromkeys(map(str, paths), b""), kind="cases")
    held = _recall(where) if where is not None else {}
    loaded, problems, reads, read_again = [], [], {}, False
    bases: case_model.Bases = {}
    for path in paths:
        found = _unchanged(held.get(str(path)), path, rule_ids)
        if found is not None:
            file, digest, base = found
            reads[file.file], reads[file.base] = digest, base
            filled = _with_intakes(file, wanted)
            read_again |= filled is not file
            loaded.append(filled)
            continue
        read_again = True
        try:
            loaded.append(_read(path, rule_ids, reads, bases,
                                wanted if where is not None else _NONE, folder))
        except VardvalError as exc:
            if not every:
                raise
            problems.extend(exc.diagnostics)
    if problems:
        raise CaseFileError(problems)
    if where is not None and read_again:
        _keep(where, loaded, reads)
    return loaded


_NONE: frozenset[str] = frozenset()  # ``wanted`` when nothing is kept (no cache)


def _read(path: Path, rule_ids: set[str], reads: dict[str, bytes], bases: case_model.Bases,
          wanted: frozenset[str] | None, folder: Path | None) -> CaseFile:
    """A case file read by ``case_model`` (with the schema kept in ``folder``, the cache, and
    the bases the run has read), with the ``wanted`` cases' changed submissions."""
    from vardval.checker.authoring import case_model  # noqa: PLC0415 - a YAML reader, on a miss

    return _with_intakes(case_model.load_case_file(path, rule_ids, reads=reads, kept=folder,
                                                   bases=bases), wanted)


def _recall(where: Path) -> dict[str, _Held]:
    """The files the entry holds, by name, when it is this user's and pydantic is as it was;
    else none."""
    body = cache.read_sealed(where, MAGIC)
    if body is None:
        return {}
    try:
        library, held = pickle.loads(body)  # noqa: S301 - authenticated with this user's key
    except Exception:  # noqa: BLE001 - a bad entry is a miss, never an error
        return {}
    if library != _library():
        return {}
    return {file.file: (file, digest, base) for file, digest, base in held}


def _unchanged(held: _Held | None, path: Path, rule_ids: set[str]) -> _Held | None:
    """``held`` when the case file and its base are still the bytes it was read from and the
    corpus has each rule it names (else ``case_model`` reads it, and says what is wrong)."""
    if held is None:
        return None
    file, digest, base = held
    if any(case.rule not in rule_ids for case in file.cases):
        return None
    now = _digest(path, reading.MAX_RULE_FILE_BYTES, reading.RULE_FILE_ADVICE)
    if now != digest or _digest(Path(file.base)) != base:
        return None
    return held


def _keep(where: Path, files: list[CaseFile], reads: dict[str, bytes]) -> None:
    """Store ``files`` with the digests of the very bytes they were read from (``reads``)."""
    library = _library()
    if library is None:
        return
    held = [(file, reads[file.file], reads[file.base]) for file in files]
    body = pickling.dumps((library, held))
    cache.write_sealed(where, MAGIC, body)


def _with_intakes(file: CaseFile, wanted: frozenset[str] | None) -> CaseFile:
    """``file`` with the changed submission of each ``wanted`` case not validated yet kept
    (``Case.kept``) where it is valid, else marked ``NOT_KEPT``: a case that cannot run is
    run, and told about, again each time. ``file`` itself when there was none to validate."""
    due = [case.kept is None and (wanted is None or case.rule in wanted) for case in file.cases]
    if not any(due):
        return file
    return dataclasses.replace(file, cases=tuple(
        dataclasses.replace(case, kept=_kept(file, case)) if now else case
        for case, now in zip(file.cases, due, strict=True)))


def _kept(file: CaseFile, case: Case) -> bytes:
    try:
        intake = cases_module.changed_intake(file, case)
    except cases_module.ChangeError:
        return cases_module.NOT_KEPT
    return pickling.dumps(intake) if intake.valid else cases_module.NOT_KEPT


def _digest(path: Path, max_bytes: int = reading.DEFAULT_MAX_BYTES,
            advice: Refusal = reading.SUBMISSION_ADVICE) -> bytes | None:
    """The digest of a file read as ``case_model`` reads it (a case file with the rule files'
    limit, a base as a submission), or None if it cannot be read."""
    try:
        return reading.digest(reading.read_bounded(path, max_bytes, advice=advice))
    except reading.ReadRefused:
        return None


def _library() -> bytes | None:
    """pydantic's version (``core_engine.pydantic_digest``), which with the pydantic-core it
    needs decides which case files are valid."""
    return pydantic_digest()
