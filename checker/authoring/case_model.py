"""Reading a case file: every problem located and worded.

Why a module of its own: pydantic and the strict reader with marks cost a warm ``vardval test``
some 100 ms before a case ran (issue 21). A case folder read before comes from the store of
loaded case files (``case_store``); this reader runs for any file it does not hold, and so has
the last word on every file that has a problem. It reads a file one of two ways:

- quickly, without marks: ``fast_yaml.load_plain_lines`` gives the data and each case's line
  in one pass, the schema the load cache keeps (``case_schemas``) checks its form without
  pydantic, and a file with no problem (each rule known, names distinct, paths well formed, a
  valid base) is built from that alone, without importing the strict reader;
- strictly, for anything else (the quick reader declines, the schema refuses, any problem, no
  kept schema): ``strict_yaml`` reads it with marks, and a file the kept schema refuses goes
  to the pydantic models (``case_models``), which locate and word every problem as before.

The two give equal ``CaseFile``s (``tests/checker/test_case_model_paths.py``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, NamedTuple

from vardval.checker.authoring import case_schemas
from vardval.checker.authoring.cases import Case, CaseFile, CaseFileError
from vardval.checker.authoring.words import LintSaid, close_hint
from vardval.checker.reading import fast_yaml, yaml_core
from vardval.checker.reading import files as reading
from vardval.checker.submission import load_submission_plain
from vardval.dsl.errors import Diagnostic
from vardval.dsl.spans import Span

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from vardval.checker.reading import LoadedYaml
    from vardval.dsl.reasons import Reason

_PATH = re.compile(r"[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*")
# A case file as its model dumps it, and one case in it.
_Dump = dict[str, Any]


def load_case_file(path: Path, rule_ids: set[str], text: str | None = None,
                   reads: dict[str, bytes] | None = None, kept: Path | None = None,
                   bases: Bases | None = None) -> CaseFile:
    """Load one case file (or an editor's unsaved ``text`` of it); raise ``CaseFileError``
    with every located problem in it. ``reads`` gets the digest of each file's bytes read (the
    case file's and its base's), for the store of loaded case files (``case_store``).
    ``kept``: the cache folder whose kept schema checks the file first (None: the models).
    ``bases``: the valid bases a run has read so far, for the next file of the run."""
    filename = str(path)
    if text is None:
        text = _case_text(path, filename, reads)
    quick = None if kept is None else _quick_file(path, text, rule_ids, kept, reads, bases)
    return quick or _strict_file(path, text, rule_ids, reads, kept)


# The valid bases read in a run, by name and bytes: several case files share a base, and the
# same bytes give the same data, so a base is validated once (its bytes are still read, to
# record and compare). The files then share its data, which nothing changes (``apply_changes``
# copies it).
Bases = dict[tuple[str, bytes], dict[str, Any]]


def _quick_file(path: Path, text: str, rule_ids: set[str], kept: Path,
                reads: dict[str, bytes] | None, bases: Bases | None) -> CaseFile | None:
    """The file read without marks when it has no problem at all, else None: a problem is
    located and worded only by ``_strict_file``, which reads it again."""
    read = fast_yaml.load_plain_lines(text, str(path), "cases")
    if read is None:
        return None
    data, lines = read
    model = case_schemas.validated(kept, data)
    if model is None or len(lines) != len(model["cases"]):
        return None
    if next(_faults(model, rule_ids), None) is not None:
        return None
    base = _base(path.parent / model["base"], reads, bases)
    if not isinstance(base, dict):
        return None
    return _case_file(path, model, base, lines)


def _strict_file(path: Path, text: str, rule_ids: set[str], reads: dict[str, bytes] | None,
                 kept: Path | None) -> CaseFile:
    """The file read with marks: every problem found, located and worded, or the file."""
    from vardval.checker.reading import locate, strict_yaml  # noqa: PLC0415 - see the top

    filename = str(path)
    loaded = strict_yaml.load_yaml(text, filename)
    quick = case_schemas.validated(kept, loaded.data) if kept is not None else None
    model = quick or _by_model(loaded, filename, text)
    problems = [_worded(fault, loaded, filename, rule_ids) for fault in _faults(model, rule_ids)]
    base, base_problems = _load_base(path.parent / model["base"], loaded, filename, reads)
    if problems or base_problems:
        raise CaseFileError(_with_source([*problems, *base_problems], text))
    lines = [locate.span_at(loaded, ("cases", i), filename).line
             for i in range(len(model["cases"]))]
    return _case_file(path, model, base, lines)


def _case_file(path: Path, model: _Dump, base: dict[str, Any], lines: list[int]) -> CaseFile:
    filename = str(path)
    cases = tuple(_case(item, line, filename)
                  for item, line in zip(model["cases"], lines, strict=True))
    return CaseFile(filename, str(path.parent / model["base"]), base, cases)


def _by_model(loaded: LoadedYaml, filename: str, text: str) -> _Dump:
    """The file's dump by its models, which word every problem of a file the kept schema
    refused (and, should they accept it after all, have the last word)."""
    from vardval.checker.authoring import case_models  # noqa: PLC0415 - pydantic, when refused

    dump, problems = case_models.dump_or_problems(loaded, filename)
    if dump is None:
        raise CaseFileError(_with_source(problems, text))
    return dump


def _case_text(path: Path, filename: str, reads: dict[str, bytes] | None) -> str:
    """A case file's text, read bounded and only from a regular file (a FIFO would hang)."""
    try:
        raw = reading.read_bounded(path, reading.MAX_RULE_FILE_BYTES,
                                   advice=reading.RULE_FILE_ADVICE)
    except reading.ReadRefused as exc:
        said = LintSaid("case-file-unread", (exc.said,))
        raise CaseFileError([Diagnostic.worded("unreadable-file", said,
                                               Span(filename, 1, 1, 1, 2))]) from None
    _record(reads, filename, raw)
    return _decoded(raw, filename)


def _decoded(raw: bytes, filename: str) -> str:
    """UTF-8 text; bytes that are not are refused, located and worded, by the strict reader
    (imported only then)."""
    text = yaml_core.quick_text(raw)
    if text is not None:
        return text
    from vardval.checker.reading import strict_yaml  # noqa: PLC0415 - bytes it refuses

    return strict_yaml.decode_text(raw, filename)


def _record(reads: dict[str, bytes] | None, filename: str, raw: bytes) -> None:
    if reads is not None:
        reads[filename] = reading.digest(raw)


def _case(item: _Dump, line: int, filename: str) -> Case:
    return Case(item["name"], item["rule"], tuple(item["set"].items()), tuple(item["remove"]),
                item["expect"], item["boundary"], filename, line)


class _Fault(NamedTuple):
    """A problem of a case found in the dump, before it is located: its code, the node's
    path, the text it is about, and whether the key rather than the value is at fault."""

    code: str
    path: tuple[str | int, ...]
    value: str
    key: bool = False


_HINTS = {"duplicate-case": LintSaid("hint-duplicate-case"), "bad-path": LintSaid("hint-path")}


def _faults(model: _Dump, rule_ids: set[str]) -> Iterator[_Fault]:
    """The problems of the cases, in file order: one finder for both readings, so the quick
    reading never takes a file the strict one refuses."""
    names: set[str] = set()
    for index, item in enumerate(model["cases"]):
        where = ("cases", index)
        if item["rule"] not in rule_ids:
            yield _Fault("unknown-rule", (*where, "rule"), item["rule"])
        if item["name"] in names:
            yield _Fault("duplicate-case", (*where, "name"), item["name"])
        names.add(item["name"])
        yield from _path_faults(item, where)


def _path_faults(item: _Dump, where: tuple[str | int, ...]) -> Iterator[_Fault]:
    bad: list[tuple[tuple[str | int, ...], str]] = [
        (("set", p), p) for p in item["set"] if not _PATH.fullmatch(p)]
    bad += [(("remove", i), p) for i, p in enumerate(item["remove"]) if not _PATH.fullmatch(p)]
    for at, path in bad:
        yield _Fault("bad-path", (*where, *at), path, key=at[0] == "set")


def _worded(fault: _Fault, loaded: LoadedYaml, filename: str, rule_ids: set[str]) -> Diagnostic:
    """A fault located in the file and worded, with its hint."""
    if fault.code == "unknown-rule":
        import difflib  # noqa: PLC0415 - suggestions, for a file with a problem only

        close = difflib.get_close_matches(fault.value, sorted(rule_ids), n=1)
        hint = close_hint(close, LintSaid("hint-rule-ids"))
    else:
        hint = _HINTS[fault.code]
    return _diag(fault.code, LintSaid(fault.code, (fault.value,)), loaded, fault.path,
                 filename, hint, key=fault.key)


# Why a base cannot serve: the code, what is said and the hint, located at ``base`` once known.
_BaseFault = tuple[str, LintSaid, LintSaid]


def _load_base(path: Path, loaded: LoadedYaml, filename: str,
               reads: dict[str, bytes] | None) -> tuple[dict[str, Any], list[Diagnostic]]:
    """The base's data, or why it cannot be a base, located at the file's ``base``."""
    found = _base(path, reads)
    if isinstance(found, dict):
        return found, []
    code, said, hint = found
    return {}, [_diag(code, said, loaded, ("base",), filename, hint)]


def _base(path: Path, reads: dict[str, bytes] | None,
          bases: Bases | None = None) -> dict[str, Any] | _BaseFault:
    """The base submission's data as loaded (dates as text), or why it cannot be a base.

    It is read as a submission is: bounded, and only from a regular file (``/dev/zero`` or a
    FIFO is refused unread, saying what it is)."""
    try:
        raw = reading.read_bounded(path)
    except reading.ReadRefused as exc:
        missing = exc.said.code == "missing"
        said = LintSaid("no-base", (str(path),)) if missing else \
            LintSaid("base-unread", (str(path), exc.said))
        return "no-base", said, LintSaid("hint-base")
    _record(reads, str(path), raw)
    known = bases.get((str(path), raw)) if bases is not None else None
    if known is not None:
        return known
    found = _base_of(raw, str(path))
    if bases is not None and isinstance(found, dict):
        bases[str(path), raw] = found
    return found


def _base_of(raw: bytes, filename: str) -> dict[str, Any] | _BaseFault:
    """A base's data from its bytes, or why it is not a valid submission."""
    text = _decoded(raw, filename)
    intake, plain = load_submission_plain(text, filename)
    if not intake.valid:
        said = LintSaid("invalid-base", (filename, _joined(intake.problems[:3])))
        return "invalid-base", said, LintSaid("hint-invalid-base")
    return plain if plain is not None else _base_data(text, filename)


def _base_data(text: str, filename: str) -> dict[str, Any]:
    """The data of a valid base the quick reading did not validate: no marks are needed, and
    the quick reader gives the strict one's data where it reads at all."""
    plain = fast_yaml.load_plain(text, filename)
    if plain is not None:
        return plain
    from vardval.checker.reading import strict_yaml  # noqa: PLC0415 - what it declines

    data = strict_yaml.load_yaml(text, filename).data
    assert isinstance(data, dict)  # a valid submission is a mapping
    return data


def _joined(problems: Any) -> Reason | str:
    """A submission's problems, each ``$.path: what is wrong``, joined by ``;``."""
    said: list[Reason | str] = [LintSaid("problem-at", (p.json_path, p.said or p.message))
                                for p in problems]
    joined = said[0] if said else ""
    for more in said[1:]:
        joined = LintSaid("problems", (joined, more))
    return joined


def _diag(code: str, said: LintSaid, loaded: LoadedYaml,
          path: tuple[str | int, ...], filename: str, hint: LintSaid | None = None, *,
          key: bool = False) -> Diagnostic:
    from vardval.checker.reading import locate  # noqa: PLC0415 - a file with a problem only

    return Diagnostic.worded(code, said, locate.span_at(loaded, path, filename, key=key), hint)


def _with_source(problems: list[Diagnostic], text: str) -> list[Diagnostic]:
    return [p.with_source(text) for p in problems]
