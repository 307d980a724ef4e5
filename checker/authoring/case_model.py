"""Reading a case file with its pydantic models: every problem located and worded.

Why a module of its own: pydantic and the strict reader with marks cost a warm ``vardval test``
some 100 ms before a case ran (issue 21). A case folder read before comes from the store of
loaded case files (``case_store``); this reader runs for any file it does not hold, and so has
the last word on every file that has a problem.
"""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from vardval.checker.authoring.cases import Case, CaseFile, CaseFileError
from vardval.checker.authoring.words import LintSaid, close_hint
from vardval.checker.corpus import RULE_ID
from vardval.checker.reading import FileSaid, Refused, locate, strict_yaml
from vardval.checker.reading import files as reading
from vardval.checker.submission import load_submission_text
from vardval.dsl.errors import Diagnostic
from vardval.dsl.spans import Span

if TYPE_CHECKING:
    from pathlib import Path

    from vardval.dsl.reasons import Reason

_PATH = re.compile(r"[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*")
_SENTENCE = re.compile(r"[A-ZÅÄÖ0-9].*[.!?]", re.DOTALL)


class _CaseModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    rule: str = Field(json_schema_extra={"pattern": RULE_ID}, description="A rule id: "
                      "upper-case words joined by '-', e.g. VG-KONTAKT.")
    set: dict[str, Any] = {}
    remove: list[str] = []
    expect: Literal["pass", "fail", "not_applicable", "indeterminate"]
    boundary: bool = False

    @field_validator("name")
    @classmethod
    def _sentence(cls, name: str) -> str:
        if not _SENTENCE.fullmatch(name.strip()):
            raise Refused(LintSaid("case-sentence"))
        return name

    @field_validator("rule")
    @classmethod
    def _rule_id(cls, rule: str) -> str:
        if not re.fullmatch(RULE_ID, rule):
            raise Refused(FileSaid("invalid-id", (rule, FileSaid("id-rule"))))
        return rule


class _FileModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    base: str = Field(min_length=1, description="A base submission, relative to the case file.")
    cases: list[_CaseModel] = Field(min_length=1)



def load_case_file(path: Path, rule_ids: set[str], text: str | None = None,
                   reads: dict[str, bytes] | None = None) -> CaseFile:
    """Load one case file (or an editor's unsaved ``text`` of it); raise ``CaseFileError``
    with every located problem in it. ``reads`` gets the digest of each file's bytes read (the
    case file's and its base's), for the store of loaded case files (``case_store``)."""
    filename = str(path)
    if text is None:
        text = _case_text(path, filename, reads)
    loaded = strict_yaml.load_yaml(text, filename)
    try:
        model = _FileModel.model_validate(loaded.data)
    except ValidationError as exc:
        errors = list(exc.errors(include_url=False))
        raise CaseFileError(_with_source(
            locate.pydantic_diagnostics(errors, loaded, filename, _FileModel), text)) from None
    problems = _case_problems(model, loaded, filename, rule_ids)
    base, base_problems = _load_base(path.parent / model.base, loaded, filename, reads)
    if problems or base_problems:
        raise CaseFileError(_with_source([*problems, *base_problems], text))
    cases = tuple(_case(item, i, loaded, filename) for i, item in enumerate(model.cases))
    return CaseFile(filename, str(path.parent / model.base), base, cases)


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


def _case(item: _CaseModel, index: int, loaded: strict_yaml.LoadedYaml, filename: str) -> Case:
    line = locate.span_at(loaded, ("cases", index), filename).line
    return Case(item.name, item.rule, tuple(item.set.items()), tuple(item.remove), item.expect,
                item.boundary, filename, line)


def _case_problems(model: _FileModel, loaded: strict_yaml.LoadedYaml, filename: str,
                   rule_ids: set[str]) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    names: set[str] = set()
    for index, item in enumerate(model.cases):
        where = ("cases", index)
        if item.rule not in rule_ids:
            problems.append(_unknown_rule(item.rule, rule_ids, loaded, (*where, "rule"),
                                          filename))
        if item.name in names:
            problems.append(_diag("duplicate-case", LintSaid("duplicate-case", (item.name,)),
                                  loaded, (*where, "name"), filename,
                                  LintSaid("hint-duplicate-case")))
        names.add(item.name)
        problems += _path_problems(item, loaded, where, filename)
    return problems


def _unknown_rule(rule: str, rule_ids: set[str], loaded: strict_yaml.LoadedYaml,
                  path: tuple[str | int, ...], filename: str) -> Diagnostic:
    close = difflib.get_close_matches(rule, sorted(rule_ids), n=1)
    hint = close_hint(close, LintSaid("hint-rule-ids"))
    return _diag("unknown-rule", LintSaid("unknown-rule", (rule,)), loaded, path, filename, hint)


def _path_problems(item: _CaseModel, loaded: strict_yaml.LoadedYaml,
                   where: tuple[str | int, ...], filename: str) -> list[Diagnostic]:
    bad: list[tuple[tuple[str | int, ...], str]] = [
        (("set", p), p) for p in item.set if not _PATH.fullmatch(p)]
    bad += [(("remove", i), p) for i, p in enumerate(item.remove) if not _PATH.fullmatch(p)]
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
    data = strict_yaml.load_yaml(text, str(path)).data
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
