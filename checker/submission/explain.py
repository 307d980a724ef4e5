"""Why a submission is invalid: the schema's and the model's errors, located and in plain words.

Split from ``intake`` because only an invalid file (or one the quick reader declined) comes
here: a check of valid files never imports the wording, jsonschema or pydantic (issue 21).
"""

from __future__ import annotations

import calendar
import difflib
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from vardval.checker.formatting import printable
from vardval.checker.submission import facts
from vardval.checker.submission.intake import (
    MAX_PROBLEMS,
    Intake,
    Problem,
    json_path,
    outside_calendar,
)
from vardval.checker.submission.wording import Said, verbatim
from vardval.dsl import literals

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    import jsonschema
    from pydantic_core import ErrorDetails
    from vardval.checker.reading import NodePath, strict_yaml


def invalid(file: str, loaded: strict_yaml.LoadedYaml) -> Intake:
    """Every problem of data the quick validator refused; the model has the last word."""
    where = _Locator(file, loaded)
    instance: Any = loaded.data
    if _foreign(instance):
        return Intake(file, None, (where.value((), Said("not-a-submission")),))
    problems = _schema_problems(_validator().iter_errors(instance), where)
    problems += _period_problems(instance, where)
    if not problems:  # the model has the last word
        import pydantic  # noqa: PLC0415 - only for a file the quick validator refused
        from vardval.checker.submission.model import Submission  # noqa: PLC0415

        try:
            model = Submission.model_validate(loaded.data)
        except pydantic.ValidationError as exc:
            problems = [_model_problem(error, where) for error in exc.errors()]
        else:
            return Intake(file, model.model_dump(exclude_unset=True), ())
    problems.sort(key=lambda p: (p.line or 0, p.column or 0, p.json_path))
    return Intake(file, None, _at_most(problems, file))


def _foreign(instance: object) -> bool:
    """A mapping with none of a submission's fields: some other file (settings, secrets).

    Its problems would quote its keys and values, so it gets one sentence and nothing of its
    content. A file with one submission field or more is taken for a submission and every
    problem is shown, a missing ``format`` line among them.
    """
    return isinstance(instance, dict) and not instance.keys() & _top_fields()


@functools.cache
def _top_fields() -> frozenset[str]:
    from vardval.checker.submission.model import Submission  # noqa: PLC0415 - invalid files only

    return frozenset(Submission.model_fields)
NOT_A_SUBMISSION = Said("not-a-submission").words("en")


def _at_most(problems: list[Problem], file: str) -> tuple[Problem, ...]:
    """The first ``MAX_PROBLEMS``, then a note that there are more."""
    if len(problems) <= MAX_PROBLEMS:
        return tuple(problems)
    note = Said("more-problems", (MAX_PROBLEMS,))
    return (*problems[:MAX_PROBLEMS], Problem.of("$", None, None, note, file))


def _period_problems(instance: object, where: _Locator) -> list[Problem]:
    """The period's pattern lets year 0000 through, but the calendar starts at year 1."""
    if not outside_calendar(instance):
        return []
    period = instance["period"]  # type: ignore[index]
    return [where.value(("period",), Said("outside-calendar", (period,)))]


def _is_integer(_checker: object, instance: object) -> bool:
    """JSON Schema's integer is any number with no fraction, so ``3.0`` (a Decimal) counts."""
    if isinstance(instance, bool):
        return False
    if isinstance(instance, Decimal):
        return instance.is_finite() and instance == instance.to_integral_value()
    return isinstance(instance, int)


def _ecma_pattern(validator: Any, pattern: str, instance: object,
                  _schema: object) -> Iterator[jsonschema.ValidationError]:
    """``pattern`` as JSON Schema means it (ECMA-262): ``$`` ends the text.

    Python's ``$`` also matches before a final newline, so ``"2025-Q2\\n"`` would pass the
    schema, fail the model, and be explained in pydantic's words instead of ours.
    """
    import jsonschema  # noqa: PLC0415 - imported already: this runs inside its validator

    if validator.is_type(instance, "string") and not _ecma(pattern).search(str(instance)):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


@functools.cache
def _ecma(pattern: str) -> re.Pattern[str]:
    """Our patterns end in ``$`` and hold no other; ``\\Z`` is ECMA's end of input."""
    return re.compile(pattern[:-1] + r"\Z" if pattern.endswith("$") else pattern)


@functools.cache
def _validator() -> jsonschema.protocols.Validator:
    """The schema's validator, made (and jsonschema imported) at the first invalid file: a
    batch of valid files never needs it."""
    import jsonschema  # noqa: PLC0415 - see the docstring
    from vardval.checker.submission.model import submission_schema  # noqa: PLC0415

    base = jsonschema.Draft202012Validator
    types = base.TYPE_CHECKER.redefine("integer", _is_integer)
    extend: Any = jsonschema.validators.extend  # untyped in types-jsonschema
    validator: jsonschema.protocols.Validator = extend(
        base, validators={"pattern": _ecma_pattern}, type_checker=types)(
        submission_schema(), format_checker=jsonschema.FormatChecker()
    )
    return validator


@dataclass(frozen=True)
class _Locator:
    """Turns node paths into located ``Problem``s using the loader's marks."""

    file: str
    loaded: strict_yaml.LoadedYaml

    def value(self, path: NodePath, message: Said) -> Problem:
        return self._at(path, self._value_mark(path), message)

    def key(self, path: NodePath, message: Said) -> Problem:
        """At the key that names ``path`` (an unknown field, an incomplete object)."""
        mark = self.loaded.key_marks.get(path) or self._value_mark(path)
        return self._at(path, mark, message)

    def _value_mark(self, path: NodePath) -> strict_yaml.NodeMark | None:
        while path not in self.loaded.marks and path:
            path = path[:-1]
        return self.loaded.marks.get(path)

    def _at(self, path: NodePath, mark: strict_yaml.NodeMark | None, message: Said) -> Problem:
        line, column = (mark.line, mark.column) if mark else (None, None)
        return Problem.of(json_path(path), line, column, message, self.file)


# ---------------------------------------------------------------------------------------------
# Schema errors in plain words

_KINDS = ("integer", "number", "string", "boolean", "object", "array")
_RANK = {"type": 0, "const": 1, "enum": 2, "pattern": 3, "format": 4}
_PATTERNS = {
    facts.HSA_ID_PATTERN: Said("hsa-id"),
    facts.PERIOD_PATTERN: Said("quarter"),
    facts.SLUG_PATTERN: Said("slug"),
}


def _schema_problems(
    errors_found: Iterable[jsonschema.ValidationError], where: _Locator
) -> list[Problem]:
    """One problem per bad value (the most basic error wins), each missing or unknown field."""
    problems: dict[tuple[str, str], Problem] = {}
    bad_values: set[NodePath] = set()
    for error in sorted(errors_found, key=lambda e: _RANK.get(str(e.validator), 9)):
        path = tuple(error.absolute_path)
        if error.validator not in ("required", "additionalProperties"):
            if path in bad_values:
                continue
            bad_values.add(path)
        for problem in _problems_for(error, path, where):
            problems.setdefault((problem.json_path, problem.message), problem)
            if len(problems) > MAX_PROBLEMS:  # enough to know there are more
                return list(problems.values())
    return list(problems.values())


def _problems_for(
    error: jsonschema.ValidationError, path: NodePath, where: _Locator
) -> Iterator[Problem]:
    instance: Any = error.instance
    if error.validator == "required":
        for name in _keyword_value(error):
            if name not in instance:
                yield where.key(path, Said("missing-field", (name,)))
    elif error.validator == "additionalProperties":
        known = list(_schema(error).get("properties", {}))
        for name in instance:
            if name not in known:
                yield where.key((*path, name), _unknown_field(name, known))
    else:
        describe = _MESSAGES.get(str(error.validator), _fallback_message)
        yield where.value(path, describe(error))


def _schema(error: jsonschema.ValidationError) -> Mapping[str, Any]:
    """The (sub)schema that failed; ours is always an object schema."""
    return error.schema if isinstance(error.schema, Mapping) else {}


def _keyword_value(error: jsonschema.ValidationError) -> Any:
    """The value of the failing keyword, e.g. the ``enum`` list or the ``minimum``."""
    return error.validator_value


def _fallback_message(error: jsonschema.ValidationError) -> Said:
    return verbatim(str(error.message))


def _unknown_field(name: str, known: list[str]) -> Said:
    close = difflib.get_close_matches(name, known, n=1)
    if close:
        return Said("unknown-field-close", (name, close[0]))
    return Said("unknown-field", (name, ", ".join(known)))


def _describe(value: object) -> Said:
    if value is None or isinstance(value, bool):
        return verbatim("null" if value is None else str(value).lower())
    if isinstance(value, int | Decimal):
        return Said("the-number", (str(value),))
    if isinstance(value, str):
        return Said("the-text", (_quoted(value),))
    return Said("kind-array" if isinstance(value, list) else "kind-mapping")


def _quoted(value: object) -> str:
    """A value from the file in quotes: at most 60 characters, control characters escaped."""
    return f"'{printable(str(value)[:60])}'"


def _type_message(error: jsonschema.ValidationError) -> Said:
    expected = str(_keyword_value(error))
    kind = Said(f"kind-{expected}") if expected in _KINDS else verbatim(expected)
    if "minimum" in _schema(error):
        kind = Said("at-least", (kind, str(_schema(error)["minimum"])))
    if not error.absolute_path:  # the whole file is no mapping: not a submission, so its
        # content (a secrets file, say, reached through a link) is never echoed
        return Said("type-root", (kind, _kind_of(error.instance)))
    return Said("type", (kind, _describe(error.instance), _type_hint(expected, error.instance)))


def _kind_of(value: object) -> Said:
    """What a value is, without any of its content."""
    if isinstance(value, str):
        return Said("kind-line")
    if isinstance(value, bool) or value is None:
        return Said("kind-word")
    return Said("kind-number" if isinstance(value, int | Decimal) else "kind-array")


def _type_hint(expected: str, instance: object) -> Said | str:
    if instance is None:
        return Said("hint-null")
    if isinstance(instance, str) and expected in ("integer", "number"):
        return Said("hint-unquote") if _looks_numeric(instance) else ""
    if isinstance(instance, str) and expected == "boolean":
        return Said("hint-boolean")
    return ""


def _looks_numeric(text: str) -> bool:
    try:
        Decimal(text.strip())
    except InvalidOperation:
        return False
    return True


def _bound_message(error: jsonschema.ValidationError) -> Said:
    bound = _keyword_value(error)
    if error.validator != "minimum":
        return Said("above", (str(error.instance), str(bound)))
    hint = Said("hint-negative") if bound == 0 else ""
    return Said("below", (str(error.instance), str(bound), hint))


def _enum_message(error: jsonschema.ValidationError) -> Said:
    allowed = [str(v) for v in _keyword_value(error)]
    field: Said | str = next((p for p in reversed(error.absolute_path) if isinstance(p, str)),
                             Said("this-field"))
    close = difflib.get_close_matches(str(error.instance), allowed, n=1)
    suggestion = Said("did-you-mean", (close[0],)) if close else ""
    return Said("not-allowed", (_quoted(error.instance), field, ", ".join(allowed), suggestion))


def _pattern_message(error: jsonschema.ValidationError) -> Said:
    pattern = str(_keyword_value(error))
    wanted = _PATTERNS.get(pattern, Said("matching", (pattern,)))
    examples = _schema(error).get("examples", [])
    suffix = Said("e-g", (str(examples[0]),)) if examples else ""
    return Said("is-not", (_quoted(error.instance), wanted, suffix))


def _format_message(error: jsonschema.ValidationError) -> Said:
    if _keyword_value(error) != "date":
        return verbatim(str(error.message))
    return Said("bad-date", (_quoted(error.instance), _date_problem(str(error.instance))))


def _date_problem(text: str) -> Said:
    """Why ISO date text is not a calendar date, in words a person can act on."""
    parts = re.fullmatch(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", text, flags=re.ASCII)
    if not parts:
        return Said("date-form")
    year, month, day = (int(p) for p in parts.groups())
    if not 1 <= month <= 12:
        return Said("and-form", (Said("no-month", (f"{month:02d}",)), Said("date-form")))
    if literals.calendar_problem(year, month, day).endswith(" days"):
        days = calendar.monthrange(year, month)[1]
        return Said("month-days", (Said(f"month-{month}"), str(year), str(days)))
    return Said("year-day")


def _const_message(error: jsonschema.ValidationError) -> Said:
    return Said("expected-const", (_keyword_value(error), _describe(error.instance)))


_MESSAGES: dict[str, Callable[[jsonschema.ValidationError], Said]] = {
    "type": _type_message,
    "minimum": _bound_message,
    "maximum": _bound_message,
    "enum": _enum_message,
    "const": _const_message,
    "pattern": _pattern_message,
    "format": _format_message,
    "minLength": lambda _: Said("empty"),
}


def _model_problem(error: ErrorDetails, where: _Locator) -> Problem:
    """A pydantic error (only reached if the schema let something through) as a problem."""
    path: NodePath = ()
    for part in error["loc"]:  # the data path, then possibly validator names
        if (*path, part) not in where.loaded.marks:
            break
        path = (*path, part)
    return where.value(path, _model_message(error))


def _model_message(error: ErrorDetails) -> Said:
    """Our own words for what the model refused; pydantic's ("String should match …") never."""
    if error["type"] == "value_error" and "error" in error.get("ctx", {}):
        return verbatim(str(error["ctx"]["error"]))  # raised by the model's validators
    if error["type"] == "string_pattern_mismatch":
        pattern = str(error.get("ctx", {}).get("pattern", ""))
        wanted = _PATTERNS.get(pattern, Said("valid-here"))
        return Said("is-not", (_describe(error["input"]), wanted, ""))
    return Said("not-valid")
