"""The compiled form of a rule corpus: one Python unit per rule, one per rulebook's definitions.

``build`` turns every rule version of a loaded ``RuleSet`` into a generated function
``v_<i>(D, Q, P, M) -> (status, unknown or None)`` deciding ``when`` and ``require`` as
``engine.decide`` does, sharing the rulebook's
definitions, which are compiled once per rulebook and memoised per submission in ``M``; the
placeholders of its messages become functions ``m_<version>_<language>_<place>``. Traced twins
(``<traced-definitions B>``, ``<traced-rule R>`` with ``e_<i>(D, Q, P, M, T)``) record what each
version reads, for evidence (``checker.engine.evidence``). A ``Program`` executes each unit when
first used, and pickles as its generated source and the marshalled bytecode of the units it
has, so the load cache (``checker.program.cache``) never stores functions.
"""

from __future__ import annotations

import marshal
import threading
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
    """The units of a corpus, each executed when first used: version functions (and their
    traced twins) by rule id, errors mapped to spans.

    Why on first use: compiling all of a corpus's units cost a cold load some 20 ms, yet a
    command decides the rules of the regions it meets, or one rule's cases (``vardval test
    RULE``). ``rules``, ``functions``, ``prepares``, ``traced`` and ``definitions`` are mappings
    by rule or book id that load a unit (first its book's definitions, whose functions it calls)
    when one of its functions is first asked for, from the bytecode the load cache kept for it
    or else compiled from its source (``fresh`` then says so, for the loader to keep it).
    Pickled as the generated units and the marshalled bytecode of those executed or kept
    (empty for the others); the bytecode is only a shortcut, compiled from the source again
    when it does not load.
    """

    def __init__(self, units: tuple[Generated, ...],
                 codes: tuple[bytes, ...] | None = None) -> None:
        self.units = units
        self.fresh = False  # a unit was compiled from its source since this program was made
        self._kept: list[bytes] = list(codes or (b"",) * len(units))
        self._loaded: dict[int, compiled.CompiledUnit] = {}
        self._lock = threading.Lock()
        self._by_file: dict[tuple[str, str], int] = {}
        self._uses: dict[int, int] = {}  # a unit -> the definitions unit whose functions it calls
        latest: dict[str, int] = {}
        for index, unit in enumerate(units):
            kind, _, name = unit.filename.strip("<>").partition(" ")
            self._by_file[kind, name] = index
            if kind in _USES.values():
                latest[kind] = index
            elif _USES.get(kind) in latest:
                self._uses[index] = latest[_USES[kind]]
        self.definitions: Mapping[str, Mapping[str, Callable[..., Any]]] = _Units(
            self, "definitions", _as_they_are)
        self.functions: Mapping[str, Mapping[str, Callable[..., Any]]] = _Units(
            self, "rule", _as_they_are)
        self.rules: Mapping[str, tuple[VersionFunction, ...]] = _Units(
            self, "rule", lambda found: _numbered(found, version_function))
        self.prepares: Mapping[str, tuple[Callable[..., Any] | None, ...]] = _Units(
            self, "rule", _prepares)
        self.traced: Mapping[str, tuple[TracedFunction, ...]] = _Units(
            self, "traced-rule", lambda found: _numbered(found, traced_function))
        self._by_version: dict[int, tuple[RuleVersion, str, int]] | None = None

    def traced_function(self, ruleset: RuleSet, version: RuleVersion) -> TracedFunction | None:
        """The traced twin of a version of ``ruleset`` (None for a version it does not have)."""
        if self._by_version is None:
            self._by_version = {id(version): (version, rule.id, index) for rule in ruleset.rules()
                                for index, version in enumerate(rule.versions)}
        found = self._by_version.get(id(version))
        if found is None or found[0] is not version:
            return None
        twins = self.traced.get(found[1], ())
        return twins[found[2]] if found[2] < len(twins) else None

    def unit_functions(self, kind: str, name: str) -> Mapping[str, Callable[..., Any]] | None:
        """The functions of the unit ``<kind name>``, executed now if not yet (None: no such
        unit)."""
        index = self._by_file.get((kind, name))
        return None if index is None else self._unit(index).functions

    def names(self, kind: str) -> list[str]:
        """The rule or book ids that have a unit of ``kind``, in corpus order."""
        return [name for (found, name) in self._by_file if found == kind]

    def load_all(self) -> None:
        """Execute every unit now (before a batch forks its workers, which would each compile
        the same units again, and keep none)."""
        for index in range(len(self.units)):
            self._unit(index)

    def _unit(self, index: int) -> compiled.CompiledUnit:
        loaded = self._loaded.get(index)
        if loaded is not None:
            return loaded
        uses = self._uses.get(index)
        extra = self._unit(uses).functions if uses is not None else None
        with self._lock:  # a server's threads may ask at once: each unit is executed once
            loaded = self._loaded.get(index)
            if loaded is None:
                code, moved = _codes(self._kept[index])
                self.fresh |= code is None
                loaded = self._loaded[index] = compiled.load(self.units[index], extra, code,
                                                             moved)
        return loaded

    def located(self, exc: Exception) -> EvaluationError:
        """The error a failure inside generated code becomes, at its rule-file span."""
        return compiled.located_error(exc, self.units)

    def __getstate__(self) -> tuple[tuple[Generated, ...], tuple[bytes, ...]]:
        blobs = tuple(marshal.dumps((self._loaded[i].code, self._loaded[i].moved))
                      if i in self._loaded else self._kept[i] for i in range(len(self.units)))
        return self.units, blobs

    def __setstate__(self, state: tuple[tuple[Generated, ...], tuple[bytes, ...]]) -> None:
        units, blobs = state
        self.__init__(units, blobs)  # type: ignore[misc]


class _Units(Mapping[str, Any]):
    """One kind of unit of a ``Program`` by rule or book id, each loaded when first asked for
    and ``shaped`` (its functions, or those numbered as versions)."""

    def __init__(self, program: Program, kind: str,
                 shaped: Callable[[Mapping[str, Callable[..., Any]]], Any]) -> None:
        self.program, self.kind, self.shaped = program, kind, shaped
        self.made: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        found = self.made.get(name)
        if found is None:
            functions = self.program.unit_functions(self.kind, name)
            if functions is None:
                raise KeyError(name)
            found = self.made[name] = self.shaped(functions)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self.program.names(self.kind))

    def __len__(self) -> int:
        return len(self.program.names(self.kind))


def _codes(kept: bytes) -> tuple[CodeType | None, tuple[CodeType, ...] | None]:
    """A unit's code and its aliases' as the load cache kept them, or None to compile it from
    the source (none kept, or bytes that do not load)."""
    if not kept:
        return None, None
    try:
        code, moved = marshal.loads(kept)  # noqa: S302 - our own cache, authenticated
    except (EOFError, ValueError, TypeError):
        return None, None
    if not isinstance(code, CodeType) or not isinstance(moved, tuple):
        return None, None
    return code, moved


def _as_they_are(functions: Mapping[str, Callable[..., Any]]) -> Mapping[str, Callable[..., Any]]:
    return functions


def _prepares(functions: Mapping[str, Callable[..., Any]]) -> tuple[Callable[..., Any] | None, ...]:
    return tuple(functions.get(prepare_function(index))
                 for index in range(len(_numbered(functions, version_function))))


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
