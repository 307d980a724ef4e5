"""The compiled form of a rule corpus: one Python unit per rule, one per rulebook's definitions.

``build`` turns every rule version of a loaded ``RuleSet`` into a generated function
``v_<i>(D, Q, P, M) -> (status, unknown or None)`` deciding ``when`` and ``require`` as
``engine.decide`` does, sharing the rulebook's
definitions, which are compiled once per rulebook and memoised per submission in ``M``; the
placeholders of its messages become functions ``m_<version>_<language>_<place>``. Traced twins
(``<traced-definitions B>``, ``<traced-rule R>`` with ``e_<i>(D, Q, P, M, T)``) record what each
version reads, for evidence (``checker.engine.evidence``). A ``Program`` pickles as its generated
source and marshalled bytecode, and re-executes it when unpickled, so the load cache
(``checker.program.cache``) never stores functions.
"""

from __future__ import annotations

import marshal
from collections.abc import Callable, Iterator, Mapping
from types import CodeType
from typing import TYPE_CHECKING, Any

from vardval.checker.corpus import Placeholder
from vardval.checker.vocab import Status
from vardval.dsl import codegen, compiled, nodes
from vardval.dsl.codegen import Function, Generated, Traced, Verdicts
from vardval.dsl.errors import EvaluationError
from vardval.dsl.values import Duration

if TYPE_CHECKING:
    from vardval.checker.corpus import Rule, Rulebook, RuleSet, RuleVersion, Template

VersionFunction = Callable[..., tuple[Status, Any]]
TracedFunction = Callable[..., None]
# The units whose functions the next units of a kind may call: the book's (traced) definitions.
_USES = {"rule": "definitions", "traced-rule": "traced-definitions"}
# A unit's code as the load cache keeps it: the module's, and its aliases' (``compiled.load``).
Codes = tuple[CodeType, tuple[CodeType, ...]]
VERDICTS = Verdicts(unknown="indeterminate", skipped="not_applicable", true="pass", false="fail")


def definitions_file(book_id: str) -> str:
    return f"<definitions {book_id}>"


def rule_file(rule_id: str) -> str:
    return f"<rule {rule_id}>"


def traced_definitions_file(book_id: str) -> str:
    return f"<traced-definitions {book_id}>"


def traced_rule_file(rule_id: str) -> str:
    return f"<traced-rule {rule_id}>"


def version_function(index: int) -> str:
    return f"v_{index}"


def traced_function(index: int) -> str:
    return f"e_{index}"


def generate(ruleset: RuleSet) -> tuple[Generated, ...]:
    """Every unit's source, in corpus order: a rulebook's definitions, then its rules, then
    the traced twins of both."""
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
    yield codegen.generate_definitions(traced_definitions_file(book.id), definitions,
                                       durations, traced=True)
    for rule in book.rules:
        yield codegen.generate_traced(traced_rule_file(rule.id), [
            Traced(traced_function(index), version.require.expr,
                   version.when.expr if version.when is not None else None)
            for index, version in enumerate(rule.versions)], definitions, durations)


def prepare_function(index: int) -> str:
    """The generated name of a version's per-plan preparation (``codegen.Function.prepare``);
    a version with nothing worth preparing has none."""
    return f"h_{index}"


def placeholder_function(version: int, language: int, index: int) -> str:
    """The generated name of a message placeholder: by version, language (sorted) and place."""
    return f"m_{version}_{language}_{index}"


def placeholders(template: Template) -> list[nodes.Expr]:
    return [part.expr for part in template.parts if isinstance(part, Placeholder)]


def _functions(rule: Rule) -> Iterator[Function]:
    for index, version in enumerate(rule.versions):
        guard = version.when.expr if version.when is not None else None
        yield Function(version_function(index), version.require.expr, guard, VERDICTS,
                       prepare=prepare_function(index))
    for index, version in enumerate(rule.versions):
        for language, lang in enumerate(sorted(version.message)):
            for place, expr in enumerate(placeholders(version.message[lang])):
                yield Function(placeholder_function(index, language, place), expr)


class Program:
    """The executed units of a corpus: version functions (and their traced twins) by rule id,
    errors mapped to spans.

    Pickled (by the load cache) as the generated units and their marshalled bytecode; the
    bytecode is only a shortcut, recompiled from the source when it does not load.
    """

    def __init__(self, units: tuple[Generated, ...],
                 codes: tuple[Codes, ...] | None = None) -> None:
        self.units = units
        self.rules: dict[str, tuple[VersionFunction, ...]] = {}
        self.functions: dict[str, Mapping[str, Callable[..., Any]]] = {}
        self.definitions: dict[str, Mapping[str, Callable[..., Any]]] = {}
        self.traced: dict[str, tuple[TracedFunction, ...]] = {}
        self.prepares: dict[str, tuple[Callable[..., Any] | None, ...]] = {}
        self._by_version: dict[int, tuple[RuleVersion, TracedFunction]] | None = None
        self._codes = self._load(codes or (None,) * len(units))

    def traced_function(self, ruleset: RuleSet, version: RuleVersion) -> TracedFunction | None:
        """The traced twin of a version of ``ruleset`` (None for a version it does not have)."""
        if self._by_version is None:
            self._by_version = {
                id(version): (version, function) for rule in ruleset.rules()
                for version, function in zip(rule.versions, self.traced.get(rule.id, ()),
                                             strict=False)}
        found = self._by_version.get(id(version))
        return found[1] if found is not None and found[0] is version else None

    def _load(self, codes: tuple[Codes | None, ...]) -> tuple[Codes, ...]:
        shared: dict[str, dict[str, Callable[..., Any]]] = {}
        loaded_codes = []
        for unit, kept in zip(self.units, codes, strict=True):
            kind, _, name = unit.filename.strip("<>").partition(" ")
            uses = _USES.get(kind)
            code, moved = kept if kept is not None else (None, None)
            loaded = compiled.load(unit, shared.get(uses) if uses else None, code, moved)
            loaded_codes.append((loaded.code, loaded.moved))
            if uses is None:
                shared[kind] = dict(loaded.functions)
            if kind == "definitions":
                self.definitions[name] = loaded.functions
            elif kind == "rule":
                self.functions[name] = loaded.functions
                self.rules[name] = _numbered(loaded.functions, version_function)
                self.prepares[name] = tuple(loaded.functions.get(prepare_function(index))
                                            for index in range(len(self.rules[name])))
            elif kind == "traced-rule":
                self.traced[name] = _numbered(loaded.functions, traced_function)
        return tuple(loaded_codes)

    def located(self, exc: Exception) -> EvaluationError:
        """The error a failure inside generated code becomes, at its rule-file span."""
        return compiled.located_error(exc, self.units)

    def __getstate__(self) -> tuple[tuple[Generated, ...], tuple[bytes, ...]]:
        return self.units, tuple(marshal.dumps(code) for code in self._codes)

    def __setstate__(self, state: tuple[tuple[Generated, ...], tuple[bytes, ...]]) -> None:
        units, blobs = state
        try:
            codes: tuple[Codes, ...] | None = tuple(marshal.loads(b) for b in blobs)  # noqa: S302 - our own cache
        except (EOFError, ValueError, TypeError):
            codes = None
        self.__init__(units, codes)  # type: ignore[misc]


def _numbered(functions: Mapping[str, Callable[..., Any]],
              name: Callable[[int], str]) -> tuple[Callable[..., Any], ...]:
    """``functions[name(0)]``, ``functions[name(1)]``… as far as they go."""
    found: list[Callable[..., Any]] = []
    while name(len(found)) in functions:
        found.append(functions[name(len(found))])
    return tuple(found)


def build(ruleset: RuleSet) -> Program:
    """Generate and execute the program of a loaded corpus.

    Example:
        >>> from vardval.checker.corpus import read_ruleset
        >>> from vardval.checker.program.units import build
        >>> program = build(read_ruleset())
        >>> all(len(fns) >= 1 for fns in program.rules.values())
        True
    """
    return Program(generate(ruleset))
