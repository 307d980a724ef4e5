"""The compiled form of a rule corpus: one Python unit per rule, one per rulebook's definitions.

``build`` turns every rule version of a loaded ``RuleSet`` into a generated function
``v_<i>(D, Q, P, M) -> (status, unknown or None)`` deciding ``when`` and ``require`` as
``engine.decide`` does, sharing the rulebook's
definitions, which are compiled once per rulebook and memoised per submission in ``M``; the
placeholders of its messages become functions ``m_<version>_<language>_<place>``. A
``Program`` pickles as its generated source only, and re-executes it when unpickled, so the
load cache (``checker.cache``) never stores code objects or functions.
"""

from __future__ import annotations

import marshal
from collections.abc import Callable, Iterator, Mapping
from types import CodeType
from typing import TYPE_CHECKING, Any

from vardval.checker.models import Placeholder
from vardval.checker.plan import Plans
from vardval.dsl import codegen, compiled, nodes
from vardval.dsl.codegen import Function, Generated, Verdicts
from vardval.dsl.errors import EvaluationError
from vardval.dsl.values import Duration

if TYPE_CHECKING:
    from vardval.checker.models import Rule, Rulebook, Template
    from vardval.checker.ruleset import RuleSet

VersionFunction = Callable[..., tuple[str, Any]]
VERDICTS = Verdicts(unknown="indeterminate", skipped="not_applicable", true="pass", false="fail")


def definitions_file(book_id: str) -> str:
    return f"<definitions {book_id}>"


def rule_file(rule_id: str) -> str:
    return f"<rule {rule_id}>"


def version_function(index: int) -> str:
    return f"v_{index}"


def generate(ruleset: RuleSet) -> tuple[Generated, ...]:
    """Every unit's source, in corpus order: a rulebook's definitions, then its rules."""
    parameters = ruleset.parameters
    durations = frozenset(n for n in parameters.names() if parameters.python_type(n) is Duration)
    units: list[Generated] = []
    for book in ruleset.rulebooks:
        units.extend(_book_units(book, durations))
    return tuple(units)


def _book_units(book: Rulebook, durations: frozenset[str]) -> Iterator[Generated]:
    definitions = [(name, checked.expr) for name, checked in book.definitions.items()]
    yield codegen.generate_definitions(definitions_file(book.id), definitions, durations)
    for rule in book.rules:
        yield codegen.generate(rule_file(rule.id), list(_functions(rule)), definitions,
                               durations)


def placeholder_function(version: int, language: int, index: int) -> str:
    """The generated name of a message placeholder: by version, language (sorted) and place."""
    return f"m_{version}_{language}_{index}"


def placeholders(template: Template) -> list[nodes.Expr]:
    return [part.expr for part in template.parts if isinstance(part, Placeholder)]


def _functions(rule: Rule) -> Iterator[Function]:
    for index, version in enumerate(rule.versions):
        guard = version.when.expr if version.when is not None else None
        yield Function(version_function(index), version.require.expr, guard, VERDICTS)
    for index, version in enumerate(rule.versions):
        for language, lang in enumerate(sorted(version.message)):
            for place, expr in enumerate(placeholders(version.message[lang])):
                yield Function(placeholder_function(index, language, place), expr)


class Program:
    """The executed units of a corpus: version functions by rule id, errors mapped to spans.

    Pickled (by the load cache) as the generated units and their marshalled bytecode; the
    bytecode is only a shortcut, recompiled from the source when it does not load.
    """

    def __init__(self, units: tuple[Generated, ...],
                 codes: tuple[CodeType, ...] | None = None) -> None:
        self.units = units
        self.rules: dict[str, tuple[VersionFunction, ...]] = {}
        self.functions: dict[str, Mapping[str, Callable[..., Any]]] = {}
        self.definitions: dict[str, Mapping[str, Callable[..., Any]]] = {}
        self._plans: Plans | None = None
        self._codes = self._load(codes or (None,) * len(units))

    def plans(self, ruleset: RuleSet) -> Plans:
        """The corpus's evaluation plans (kept here, so they live as long as the program)."""
        if self._plans is None:
            self._plans = Plans(ruleset, self)
        return self._plans

    def _load(self, codes: tuple[CodeType | None, ...]) -> tuple[CodeType, ...]:
        definitions: dict[str, Callable[..., Any]] = {}
        loaded_codes = []
        for unit, code in zip(self.units, codes, strict=True):
            kind, _, name = unit.filename.strip("<>").partition(" ")
            loaded = compiled.load(unit, definitions if kind == "rule" else None, code)
            loaded_codes.append(loaded.code)
            if kind == "definitions":
                definitions = dict(loaded.functions)
                self.definitions[name] = loaded.functions
            else:
                self.functions[name] = loaded.functions
                self.rules[name] = tuple(loaded[version_function(i)]
                                         for i in range(_count(loaded.functions, "v_")))
        return tuple(loaded_codes)

    def located(self, exc: Exception) -> EvaluationError:
        """The error a failure inside generated code becomes, at its rule-file span."""
        return compiled.located_error(exc, self.units)

    def __getstate__(self) -> tuple[tuple[Generated, ...], tuple[bytes, ...]]:
        return self.units, tuple(marshal.dumps(code) for code in self._codes)

    def __setstate__(self, state: tuple[tuple[Generated, ...], tuple[bytes, ...]]) -> None:
        units, blobs = state
        try:
            codes: tuple[CodeType, ...] | None = tuple(marshal.loads(b) for b in blobs)  # noqa: S302 - our own cache
        except (EOFError, ValueError, TypeError):
            codes = None
        self.__init__(units, codes)  # type: ignore[misc]


def _count(functions: Mapping[str, object], prefix: str) -> int:
    return sum(1 for name in functions if name.startswith(prefix))


def build(ruleset: RuleSet) -> Program:
    """Generate and execute the program of a loaded corpus.

    Example:
        >>> from vardval.checker.ruleset import load_ruleset
        >>> from vardval.checker.program import build
        >>> program = build(load_ruleset())
        >>> all(len(fns) >= 1 for fns in program.rules.values())
        True
    """
    return Program(generate(ruleset))
