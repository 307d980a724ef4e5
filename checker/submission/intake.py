"""Reading one submission file: bytes → strict YAML/JSON → schema check → ``Submission``.

Owns turning whatever a clinic sent into either a validated ``Submission`` with its evaluation
view, or a list of located, plainly worded problems. It never raises for bad input: a missing,
huge, binary, malformed or invalid file yields an ``Intake`` whose ``problems`` say why.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from vardval.checker.formatting import printable
from vardval.checker.reading import files as reading
from vardval.checker.submission import quick_validator
from vardval.dsl import reasons

if TYPE_CHECKING:
    import pathlib
    from collections.abc import Iterable, Iterator

    from vardval.checker.reading import NodePath, Refusal, strict_yaml
    from vardval.checker.submission.model import Submission
    from vardval.dsl import errors

DEFAULT_MAX_BYTES = reading.DEFAULT_MAX_BYTES
# Problems listed per file: a file with thousands (a wrong file, say) is shown by its first
# ones, and no time goes on "did you mean" suggestions nobody reads.
MAX_PROBLEMS = 100


@dataclass(frozen=True, slots=True)
class Problem:
    """One format problem: where (JSON path, line, column) and what is wrong.

    ``file`` comes last and may be left out where the file is named elsewhere. A problem in a
    workbook names its ``cell`` (``Blad1!C14``) instead of a line and column. ``said`` words
    the problem in each language (``message`` is its English words); a problem made without
    it shows ``message`` in every language.

    Example:
        >>> print(Problem("$.clinic.region", 5, 11, "unknown region", "a.yaml"))
        a.yaml:5:11: $.clinic.region: unknown region
        >>> print(Problem("$.period", 7, 3, "not a quarter", "export.xlsx", "Blad1!C7"))
        export.xlsx:Blad1!C7: $.period: not a quarter
    """

    json_path: str
    line: int | None
    column: int | None
    message: str
    file: str = ""
    cell: str = ""
    said: reasons.Reason | None = None

    @classmethod
    def of(cls, json_path: str, line: int | None, column: int | None, said: reasons.Reason,
           file: str = "") -> Problem:
        """A problem worded in every language by ``said``."""
        return cls(json_path, line, column, said.words("en"), file, said=said)

    def words(self, lang: str) -> str:
        """What is wrong, in ``lang`` (``sv`` or ``en``)."""
        return printable(self.said.words(lang)) if self.said is not None else self.message

    def as_json(self, lang: str = "en") -> dict[str, object]:
        """The problem as the results format lists it (the file is named once per result)."""
        return {
            "path": self.json_path,
            "line": self.line,
            "column": self.column,
            "message": self.words(lang),
        }

    def shown(self, lang: str) -> str:
        """The problem on one line, worded in ``lang``: where, the JSON path, what is wrong."""
        places = (self.file, self.cell) if self.cell else (self.file, self.line, self.column)
        where = ":".join(str(n) for n in places if n)
        prefix = f"{where}: " if where else ""
        return f"{prefix}{self.json_path}: {self.words(lang)}"

    def __str__(self) -> str:
        return self.shown("en")


@dataclass(frozen=True)
class Intake:
    """The outcome of reading one file: a submission and its evaluation view, or problems.

    ``data`` is the evaluation view: plain dicts and lists, absent optional fields absent,
    dates as ``datetime.date``, money as ``Decimal``, counts as ``int``, the period as text.
    """

    file: str
    data: dict[str, Any] | None
    problems: tuple[Problem, ...]

    @property
    def valid(self) -> bool:
        return self.data is not None and not self.problems

    @functools.cached_property
    def submission(self) -> Submission | None:
        """The data as the pydantic model, made when asked: a check works from ``data`` alone
        (``quick_validator``), so a plain check never imports pydantic."""
        if not self.valid:
            return None
        from vardval.checker.submission.model import Submission  # noqa: PLC0415 - on demand

        return Submission.model_validate(self.data)


def load_submission(path: pathlib.Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Intake:
    """Read and validate one submission file of at most ``max_bytes`` bytes.

    Only a regular file is ever opened (``reading.read_bounded``): a FIFO, a device, a link
    loop or an unreadable file is a whole-file problem, like one over the size limit.

    Example:
        >>> import pathlib
        >>> intake = load_submission(pathlib.Path("no/such/file.yaml"))
        >>> intake.valid, intake.problems[0].message
        (False, 'no such file or folder')
    """
    file = printable(str(path))  # a name with a newline or undecodable bytes, shown safely
    try:
        raw = reading.read_bounded(path, max_bytes)
    except reading.ReadRefused as exc:
        return _refused(file, exc.said)
    return load_submission_text(raw, file)


def load_submission_text(raw: bytes | str, filename: str) -> Intake:
    """Validate a submission given as bytes or text; ``filename`` names it and picks JSON/YAML.

    Example:
        >>> intake = load_submission_text(b"format: vardval/submission@1\\n", "a.yaml")
        >>> print(intake.problems[0])
        a.yaml:1:1: $: missing required field 'clinic'
    """
    from vardval.checker.reading import yaml_core  # noqa: PLC0415 - see _quick_read

    filename = printable(filename)  # as every report format and the store can hold it
    text = raw if isinstance(raw, str) else yaml_core.quick_text(raw)
    quick = None if text is None else _quick_read(text, filename)
    if quick is not None:
        return quick[0]
    return _strict_intake(raw if text is None else text, filename)


def load_submission_plain(text: str, filename: str) -> tuple[Intake, dict[str, Any] | None]:
    """``load_submission_text(text, filename)``, and the plain data (dates as text) its quick
    reading validated, else None: a caller that needs that data too (a rule test case's base,
    ``authoring.case_model``) then need not read the file again.

    Example:
        >>> intake, plain = load_submission_plain("format: vardval/submission@1\\n", "a.yaml")
        >>> intake.valid, plain
        (False, None)
    """
    file = printable(filename)  # as load_submission_text names it (the same suffix, .json or not)
    quick = _quick_read(text, file)
    if quick is not None:
        return quick
    return _strict_intake(text, file), None


def _strict_intake(raw: bytes | str, filename: str) -> Intake:
    """Read with marks, every problem located and worded: what the quick reading declined."""
    from vardval.checker.reading import strict_yaml  # noqa: PLC0415 - declined files only

    try:
        text = raw if isinstance(raw, str) else strict_yaml.decode_text(raw, filename)
        loaded = strict_yaml.load_yaml(text, filename)
    except strict_yaml.YamlError as exc:
        return Intake(filename, None, tuple(_load_problems(filename, exc.diagnostics)))
    return _validate(filename, loaded)


def check_loaded(file: str, loaded: strict_yaml.LoadedYaml) -> Intake:
    """Validate data read by other means (a spreadsheet row) with its marks, as a file is."""
    return _validate(file, loaded)


def _quick_read(text: str, file: str) -> tuple[Intake, dict[str, Any]] | None:
    """A valid submission read without marks, and the plain data read (validating leaves it
    as it was), or None for the full reading.

    Marks serve only to locate problems, and most files have none: the quick reader declines
    anything unusual and the model refuses anything invalid, and both send the file through
    ``load_yaml`` and ``_validate`` as if this had never run, so problems read the same.
    """
    # Imported here, not at the top: a submission kept already validated (a rule test case's,
    # ``authoring.case_store``) needs no YAML library (some 12 ms to import).
    from vardval.checker.reading import fast_yaml  # noqa: PLC0415

    data = fast_yaml.load_plain(text, file)
    if data is None:
        return None
    quick = _valid(file, data)
    return None if quick is None else (quick, data)


def _valid(file: str, data: object) -> Intake | None:
    """The intake of data the model accepts (in a quarter of the calendar), else None."""
    if outside_calendar(data):
        return None
    plain = quick_validator.validated(data)
    return None if plain is None else Intake(file, plain, ())


def outside_calendar(instance: object) -> bool:
    """Whether the period is in year 0000, which its pattern lets through but no calendar has."""
    period = instance.get("period") if isinstance(instance, dict) else None
    return isinstance(period, str) and period.startswith("0000-")


def _refused(file: str, said: Refusal) -> Intake:
    return Intake(file, None, (Problem.of("$", None, None, said, file),))


def _load_problems(file: str, diagnostics: Iterable[errors.Diagnostic]) -> Iterator[Problem]:
    for diagnostic in diagnostics:
        span = diagnostic.span
        message = diagnostic.message
        if diagnostic.hint:
            message = f"{message} ({diagnostic.hint})"
        line, column = (span.line, span.column) if span else (None, None)
        said = diagnostic.said
        if said is None:
            yield Problem("$", line, column, message, file)
            continue
        if diagnostic.hint_said is not None:
            from vardval.checker.reading import Worded  # noqa: PLC0415 - problems only

            said = Worded("with-hint", (said, diagnostic.hint_said))
        yield Problem.of("$", line, column, said, file)


def _validate(file: str, loaded: strict_yaml.LoadedYaml) -> Intake:
    """The model decides validity; the schema explains an invalid file, every problem at once.

    The schema is generated from the model and a property test holds that both accept the
    same documents, so the fast compiled model check comes first and the slower, thorough
    ``jsonschema`` pass runs only when there is something to report.
    """
    valid = _valid(file, loaded.data)
    if valid is not None:
        return valid
    from vardval.checker.submission import explain  # noqa: PLC0415 - invalid files only

    return explain.invalid(file, loaded)


# ---------------------------------------------------------------------------------------------
# Locating problems

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def json_path(path: NodePath) -> str:
    """The JSONPath of a node, as jsonschema writes it.

    Example:
        >>> json_path(("listing", "cap", "grounds", 1)), json_path(("a b",))
        ('$.listing.cap.grounds[1]', "$['a b']")
    """
    parts = []
    for part in path:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        elif _IDENTIFIER.fullmatch(part):
            parts.append(f".{part}")
        else:
            parts.append("['" + part.replace("\\", "\\\\").replace("'", "\\'") + "']")
    return "$" + "".join(parts)
