"""Reading a case file: every problem located and worded.

Why a module of its own: pydantic and the strict reader with marks cost a warm ``vardval test``
some 100 ms before a case ran (issue 21). A case folder read before comes from the store of
loaded case files (``case_store``); this reader runs for any file it does not hold, and so has
the last word on every file that has a problem. The file's form is checked by the schema the
load cache keeps (``case_schemas``), without pydantic; a file it refuses goes to the pydantic
models (``case_models``), which locate and word every problem.
"""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING, Any

from vardval.checker.authoring import case_schemas
from vardval.checker.authoring.cases import Case, CaseFile, CaseFileError
from vardval.checker.authoring.words import LintSaid, close_hint
from vardval.checker.reading import fast_yaml, locate, strict_yaml
from vardval.checker.reading import files as reading
from vardval.checker.submission import load_submission_text
from vardval.dsl.errors import Diagnostic
from vardval.dsl.spans import Span

if TYPE_CHECKING:
    from pathlib import Path

    from vardval.dsl.reasons import Reason

_PATH = re.compile(r"[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*")
# A case file as its model dumps it, and one case in it.
_Dump = dict[str, Any]


def load_case_file(path: Path, rule_ids: set[str], text: str | None = None,
                   reads: dict[str, bytes] | None = None, kept: Path | None = None) -> CaseFile:
    """Load one case file (or an editor's unsaved ``text`` of it); raise ``CaseFileError``
    with every located problem in it. ``reads`` gets the digest of each file's bytes read (the
    case file's and its base's), for the store of loaded case files (``case_store``).
    ``kept``: the cache folder whose kept schema checks the file first (None: the models)."""
    filename = str(path)
    if text is None:
        text = _case_text(path, filename, reads)
    loaded = strict_yaml.load_yaml(text, filename)
    quick = case_schemas.validated(kept, loaded.data) if kept is not None else None
    model = quick or _by_model(loaded, filename, text)
    problems = _case_problems(model, loaded, filename, rule_ids)
    base, base_problems = _load_base(path.parent / model["base"], loaded, filename, reads)
    if problems or base_problems:
        raise CaseFileError(_with_source([*problems, *base_problems], text))
    cases = tuple(_case(item, i, loaded, filename) for i, item in enumerate(model["cases"]))
    return CaseFile(filename, str(path.parent / model["base"]), base, cases)


def _by_model(loaded: strict_yaml.LoadedYaml, filename: str, text: str) -> _Dump:
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
    return strict_yaml.decode_text(raw, filename)


def _record(reads: dict[str, bytes] | None, filename: str, raw: bytes) -> None:
    if reads is not None:
        reads[filename] = reading.digest(raw)


def _case(item: _Dump, index: int, loaded: strict_yaml.LoadedYaml, filename: str) -> Case:
    line = locate.span_at(loaded, ("cases", index), filename).line
    return Case(item["name"], item["rule"], tuple(item["set"].items()), tuple(item["remove"]),
                item["expect"], item["boundary"], filename, line)


def _case_problems(model: _Dump, loaded: strict_yaml.LoadedYaml, filename: str,
                   rule_ids: set[str]) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    names: set[str] = set()
    for index, item in enumerate(model["cases"]):
        where = ("cases", index)
        if item["rule"] not in rule_ids:
            problems.append(_unknown_rule(item["rule"], rule_ids, loaded, (*where, "rule"),
                                          filename))
        if item["name"] in names:
            problems.append(_diag("duplicate-case", LintSaid("duplicate-case", (item["name"],)),
                                  loaded, (*where, "name"), filename,
                                  LintSaid("hint-duplicate-case")))
        names.add(item["name"])
        problems += _path_problems(item, loaded, where, filename)
    return problems


def _unknown_rule(rule: str, rule_ids: set[str], loaded: strict_yaml.LoadedYaml,
                  path: tuple[str | int, ...], filename: str) -> Diagnostic:
    close = difflib.get_close_matches(rule, sorted(rule_ids), n=1)
    hint = close_hint(close, LintSaid("hint-rule-ids"))
    return _diag("unknown-rule", LintSaid("unknown-rule", (rule,)), loaded, path, filename, hint)


def _path_problems(item: _Dump, loaded: strict_yaml.LoadedYaml,
                   where: tuple[str | int, ...], filename: str) -> list[Diagnostic]:
    bad: list[tuple[tuple[str | int, ...], str]] = [
        (("set", p), p) for p in item["set"] if not _PATH.fullmatch(p)]
    bad += [(("remove", i), p) for i, p in enumerate(item["remove"]) if not _PATH.fullmatch(p)]
    return [_diag("bad-path", LintSaid("bad-path", (path,)), loaded, (*where, *at), filename,
                  LintSaid("hint-path"), key=at[0] == "set")
            for at, path in bad]


def _load_base(path: Path, loaded: strict_yaml.LoadedYaml, filename: str,
               reads: dict[str, bytes] | None) -> tuple[dict[str, Any], list[Diagnostic]]:
    """The base submission's data as loaded (dates as text), or why it cannot be a base.

    It is read as a submission is: bounded, and only from a regular file (``/dev/zero`` or a
    FIFO is refused unread, saying what it is)."""
    try:
        raw = reading.read_bounded(path)
    except reading.ReadRefused as exc:
        missing = exc.said.code == "missing"
        said = LintSaid("no-base", (str(path),)) if missing else \
            LintSaid("base-unread", (str(path), exc.said))
        return {}, [_diag("no-base", said, loaded, ("base",), filename, LintSaid("hint-base"))]
    _record(reads, str(path), raw)
    text = strict_yaml.decode_text(raw, str(path))
    intake = load_submission_text(text, str(path))
    if not intake.valid:
        said = LintSaid("invalid-base", (str(path), _joined(intake.problems[:3])))
        return {}, [_diag("invalid-base", said, loaded, ("base",), filename,
                          LintSaid("hint-invalid-base"))]
    # No marks are needed of a valid base: the quick reader gives the strict one's data.
    data = fast_yaml.load_plain(text, str(path)) or strict_yaml.load_yaml(text, str(path)).data
    assert isinstance(data, dict)  # a valid submission is a mapping
    return data, []


def _joined(problems: Any) -> Reason | str:
    """A submission's problems, each ``$.path: what is wrong``, joined by ``;``."""
    said: list[Reason | str] = [LintSaid("problem-at", (p.json_path, p.said or p.message))
                                for p in problems]
    joined = said[0] if said else ""
    for more in said[1:]:
        joined = LintSaid("problems", (joined, more))
    return joined


def _diag(code: str, said: LintSaid, loaded: strict_yaml.LoadedYaml,
          path: tuple[str | int, ...], filename: str, hint: LintSaid | None = None, *,
          key: bool = False) -> Diagnostic:
    return Diagnostic.worded(code, said, locate.span_at(loaded, path, filename, key=key), hint)


def _with_source(problems: list[Diagnostic], text: str) -> list[Diagnostic]:
    return [p.with_source(text) for p in problems]
