"""One rulebook file -> a checked ``models.Rulebook``, with every problem in it reported at once.

Steps: strict YAML -> file model (pydantic) -> definitions (in dependency order, cycles
refused) -> each rule's versions: parse and type-check ``when``/``require``, resolve
citations, compile message templates. Expressions are parsed with their true file positions.

A structural mistake does not stop the check: the rest of the file (the definitions and every
rule that is well formed) is still checked, so an author sees all problems in one run. Each
expression is checked once, even when several versions inherit it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from vardval.checker.corpus import messages as templates
from vardval.checker.corpus import nesting, rule_records, validity
from vardval.checker.corpus.models import Rule, Rulebook, RuleVersion, Template
from vardval.checker.corpus.words import BookSaid
from vardval.checker.errors import RuleLoadError
from vardval.checker.reading import Refused, locate, quick_files, strict_yaml
from vardval.checker.reading import files as reading
from vardval.checker.sources import ResolvedCitation, SourceRegistry
from vardval.dsl import nodes, schema_types, walk
from vardval.dsl import typesys as ts
from vardval.dsl.errors import Diagnostic, DslError, RuleSyntaxError
from vardval.dsl.spans import Origin
from vardval.dsl.typecheck import FUNCTIONS, Checked, Environment, check

if TYPE_CHECKING:
    from pydantic import BaseModel
    from vardval.dsl.reasons import Reason

KEYWORDS = frozenset({"if", "then", "else", "and", "or", "not", "in", "all", "any", "true",
                      "false", "period"})
Texts = dict[str, str]


@dataclass(frozen=True)
class LoadContext:
    """What rule files are checked against: the submission's fields, parameters and sources."""

    root: ts.Type
    param_types: Mapping[str, ts.Type]
    registry: SourceRegistry
    regions: tuple[str, ...]
    # The submission format's enumerated texts, so `clinic.operator == "privat"` is an error.
    choices: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: schema_types.choices(
        submission_schema()))


def submission_schema() -> dict[str, Any]:
    """The submission format's JSON Schema: as the load cache keeps it, else from the model.

    Its field types and enumerated texts are what rules are checked against; keeping it spares
    a cold load pydantic and the schema's generation (issue 21).
    """
    kept = quick_files.submission_schema()
    if kept is not None:
        return kept
    from vardval.checker.submission import model  # noqa: PLC0415 - without a load cache only

    return model.submission_schema()


def load_rulebook(path: Path, ctx: LoadContext, display: str | None = None) -> Rulebook:
    """Load and check one rulebook; raise RuleLoadError/YamlError carrying all diagnostics."""
    filename = display or str(path)
    return load_rulebook_text(reading.rule_text(path, filename), ctx, filename)


def load_rulebook_text(text: str, ctx: LoadContext, filename: str) -> Rulebook:
    """``load_rulebook`` of text already read: an editor's unsaved buffer."""
    loaded = strict_yaml.load_yaml(text, filename)
    builder = _Builder(filename, text, loaded, ctx)
    book = builder.build()
    if builder.diagnostics or book is None:
        raise RuleLoadError([d.with_source(text) for d in builder.diagnostics])
    return book


class _Parts(NamedTuple):
    """What could be read of a file: all of it, or (after a structural error) the good parts."""

    head: rule_records.Head | None
    definitions: Texts
    region: Any
    entries: list[tuple[int, rule_records.RuleEntry]]


class _Builder:
    def __init__(self, filename: str, text: str, loaded: Any, ctx: LoadContext) -> None:
        self.filename, self.lines, self.loaded, self.ctx = filename, text.splitlines(), loaded, ctx
        self.diagnostics: list[Diagnostic] = []
        self.done: dict[locate.PathKey, Any] = {}
        self.depths: dict[str, nesting.Nesting] = {}  # definitions, counting those they use

    def build(self) -> Rulebook | None:
        parts = self._read()
        region = self._region(parts.region)
        definitions = self._definitions(parts.definitions)
        types = {name: c.type if c else ts.ERROR for name, c in definitions.items()}
        env = Environment(self.ctx.root, self.ctx.param_types, types, self.ctx.choices)
        self._unique_ids(parts.entries)
        rules = [self._rule(entry, i, env, parts.head, region) for i, entry in parts.entries]
        if self.diagnostics or parts.head is None:
            return None
        head = parts.head
        return Rulebook(head.rulebook, dict(head.title), _text(head.description),
                        region, head.vardval_system,
                        {n: c for n, c in definitions.items() if c is not None},
                        dict(head.definitions), tuple(r for r in rules if r is not None),
                        self.filename)

    # --- reading the structure ---------------------------------------------------------

    def _read(self) -> _Parts:
        dump = quick_files.dumped("rulebook", self.loaded.data, _rulebook_model)
        if isinstance(dump, quick_files.ModelRefused):  # it reports every structural problem
            self.diagnostics += locate.pydantic_diagnostics(
                [dict(e) for e in dump.error.errors(include_url=False)], self.loaded,
                self.filename, dump.model)
            return self._salvage(self.loaded.data)
        head = rule_records.head(dump)
        return _Parts(head, dict(head.definitions), head.region,
                      [(i, rule_records.entry(rule)) for i, rule in enumerate(dump["rules"])])

    def _salvage(self, data: Any) -> _Parts:
        """The parts of a malformed file that are well formed, checked quietly (the
        structural errors are already reported)."""
        data = data if isinstance(data, dict) else {}
        raw_defs = data.get("definitions")
        definitions = {k: v for k, v in raw_defs.items() if isinstance(v, str)} \
            if isinstance(raw_defs, dict) else {}
        scope = data.get("scope")
        region = scope.get("region", "all") if isinstance(scope, dict) else "all"
        rules = data.get("rules") if isinstance(data.get("rules"), list) else []
        from vardval.checker.corpus import rulefile  # noqa: PLC0415 - see _by_model

        entries = [(i, e) for i, raw in enumerate(rules)
                   if (e := rulefile.loose_rule(raw)) is not None]
        return _Parts(None, definitions, region if isinstance(region, str) else "all", entries)

    # --- helpers -----------------------------------------------------------------------

    def _mark(self, path: locate.PathKey) -> Any:
        return self.loaded.marks.get(path)

    def _error(self, code: str, said: Reason, path: locate.PathKey, hint: Reason | None = None,
               *, key: bool = False) -> None:
        span = locate.span_at(self.loaded, path, self.filename, key=key)
        self.diagnostics.append(Diagnostic.worded(code, said, span, hint))

    def _written(self, path: locate.PathKey, text: str) -> tuple[str, Origin]:
        mark = self._mark(path)
        if mark is None:
            return text, Origin(self.filename)
        return locate.expression_source(self.lines, mark, text, self.filename)

    def _once(self, path: locate.PathKey, make: Any) -> Any:
        """Check the text at ``path`` once, however many versions inherit it."""
        if path not in self.done:
            self.done[path] = make()
        return self.done[path]

    def _expression(self, path: locate.PathKey, text: str, env: Environment,
                    role: str) -> Checked | None:
        found: Checked | None = self._once(path, lambda: self._check(path, text, env, role))
        return found

    def _check(self, path: locate.PathKey, text: str, env: Environment,
               role: str) -> Checked | None:
        try:
            return check(self._bounded(self._parse(path, text)), env, ts.BOOL, role)
        except DslError as exc:
            self.diagnostics.extend(exc.diagnostics)
            return None

    def _region(self, region: str) -> str | None:
        if region == "all":
            return None
        if region not in self.ctx.regions:
            import difflib  # noqa: PLC0415 - only to suggest a region

            close = difflib.get_close_matches(region, list(self.ctx.regions), n=1, cutoff=0.6)
            hint = BookSaid("hint-did-you-mean", (close[0],)) if close else \
                BookSaid("hint-regions", (", ".join(self.ctx.regions),))
            self._error("unknown-region", BookSaid("unknown-region", (region,)),
                        ("scope", "region"), hint)
        return region

    # --- definitions -------------------------------------------------------------------

    def _definitions(self, raw: Texts) -> dict[str, Checked | None]:
        """Every definition, checked in dependency order; a failed one is None."""
        raw = {name: text for name, text in raw.items() if self._definition_name(name)}
        parsed = {n: self._parse_only(("definitions", n), t) for n, t in raw.items()}
        parsed = self._bounded_definitions(parsed)
        cyclic = self._cycles({n: e for n, e in parsed.items() if e is not None})
        done: dict[str, Checked | None] = dict.fromkeys(raw)
        for name in self._order(parsed):
            expr = parsed[name]
            if expr is None or name in cyclic:
                continue
            types = {n: c.type if c else ts.ERROR for n, c in done.items()}
            env = Environment(self.ctx.root, self.ctx.param_types, types, self.ctx.choices)
            done[name] = self._type(expr, env, f"definition '{name}'")
        return done

    def _definition_name(self, name: str) -> bool:
        """Whether ``name`` can name a definition; a bad one is reported and left out."""
        bad = name in KEYWORDS or name in FUNCTIONS or self.ctx.root.field(name) is not None
        if bad or not name.isidentifier() or not name.isascii():
            what = ("name-keyword" if name in KEYWORDS | set(FUNCTIONS)
                    else "name-field" if self.ctx.root.field(name) is not None
                    else "name-not-a-name")
            self._error("invalid-name", BookSaid("invalid-name", (name, BookSaid(what))),
                        ("definitions", name), BookSaid("hint-name"), key=True)
        return not (bad or not name.isidentifier() or not name.isascii())

    def _bounded(self, expr: nodes.Expr) -> nodes.Expr:
        """The expression, unless it nests too deep counting the definitions it uses."""
        problem = nesting.too_deep(nesting.depth(expr, self.depths))
        if problem is not None:
            raise RuleSyntaxError([Diagnostic.worded(
                "nesting-too-deep", BookSaid("expression-too-deep", (problem,)), expr.span,
                BookSaid("hint-nesting"))])
        return expr

    def _bounded_definitions(self, parsed: dict[str, nodes.Expr | None]
                             ) -> dict[str, nodes.Expr | None]:
        """Drop definitions nesting too deep (the evaluators recurse over them); report each
        one whose own definitions are within the limit, so a long chain gives one message."""
        self.depths = nesting.definition_depths(parsed)
        deep = {name for name, found in self.depths.items() if nesting.too_deep(found)}
        for name in deep:
            expr = parsed[name]
            if expr is not None and not walk.surface_names(expr) & deep:
                self._error("nesting-too-deep", BookSaid("definition-too-deep", (
                    name, nesting.too_deep(self.depths[name]))), ("definitions", name),
                    BookSaid("hint-nesting"))
            parsed[name] = None
        self.depths = {n: d for n, d in self.depths.items() if n not in deep}
        return parsed

    def _parse(self, path: locate.PathKey, text: str) -> nodes.Expr:
        """The parsed expression; Lark is imported here, on the first rule read, so that a
        corpus from the load cache never imports it."""
        from vardval.dsl.parser import parse  # noqa: PLC0415 - see the docstring

        return parse(*self._written(path, text))

    def _parse_only(self, path: locate.PathKey, text: str) -> nodes.Expr | None:
        try:
            return self._parse(path, text)
        except DslError as exc:
            self.diagnostics.extend(exc.diagnostics)
            return None

    def _type(self, expr: nodes.Expr, env: Environment, role: str) -> Checked | None:
        try:
            return check(expr, env, None, role)
        except DslError as exc:
            self.diagnostics.extend(exc.diagnostics)
            return None

    def _order(self, parsed: Mapping[str, nodes.Expr | None]) -> list[str]:
        deps = _dependencies(parsed)
        order: list[str] = []
        for name in parsed:
            _post_order(name, deps, order, set())
        return order

    def _cycles(self, parsed: Mapping[str, nodes.Expr]) -> set[str]:
        """Names on a cycle of definitions; each cycle is reported once, at its first name."""
        deps = _dependencies(parsed)
        cyclic: set[str] = set()
        for name in parsed:
            trail = _cycle_from(name, deps)
            if trail and name not in cyclic:
                cyclic.update(trail)
                self._error("definition-cycle", BookSaid("definition-cycle", (
                    " -> ".join([*trail, name]),)), ("definitions", name),
                    BookSaid("hint-cycle"), key=True)
        return cyclic

    # --- rules -------------------------------------------------------------------------

    def _unique_ids(self, entries: list[tuple[int, rule_records.RuleEntry]]) -> None:
        first: dict[str, int] = {}
        for index, entry in entries:
            if entry.id in first:
                line = locate.span_at(self.loaded, ("rules", first[entry.id], "id"),
                                      self.filename).line
                self._error("duplicate-rule-id", BookSaid("duplicate-rule-id-line", (
                    entry.id, str(line))), ("rules", index, "id"),
                    BookSaid("hint-own-id-suffix", (entry.id,)))
            first.setdefault(entry.id, index)

    def _rule(self, entry: rule_records.RuleEntry, index: int, env: Environment,
              head: rule_records.Head | None, region: str | None) -> Rule | None:
        base: locate.PathKey = ("rules", index)
        for problem in validity.problems(entry, base):
            self._error(problem.code, problem.said, problem.path, problem.hint)
        versions = [self._version(entry, base, i, env, span)
                    for i, span in enumerate(validity.ranges(entry))]
        if head is None or any(v is None for v in versions):
            return None
        mark = self._mark(base)
        return Rule(entry.id, dict(entry.title), _text(entry.description), entry.severity,
                    tuple(v for v in versions if v is not None), entry.valid.from_,
                    entry.valid.to, head.rulebook, region, head.vardval_system,
                    self.filename, mark.line if mark else 1)

    def _version(self, entry: rule_records.RuleEntry, base: locate.PathKey, index: int,
                 env: Environment, span: tuple[dt.date | None, dt.date | None]
                 ) -> RuleVersion | None:
        """Version 0 is the rule's own wording; version i restates parts of it."""
        own = entry.versions[index - 1] if index else None
        here: locate.PathKey = (*base, "versions", index - 1) if own else base

        def part(name: str) -> tuple[Any, locate.PathKey]:
            value = getattr(own, name) if own is not None else None
            return (value, here) if value is not None else (getattr(entry, name), base)

        (when, when_at), (require, req_at) = part("when"), part("require")
        (cite, cite_at), (message, msg_at) = part("cite"), part("message")
        checked_when = (self._expression((*when_at, "when"), when, env, "'when'")
                        if when is not None else None)
        checked = (self._expression((*req_at, "require"), require, env, "'require'")
                   if require is not None else None)
        citations = self._once((*cite_at, "cite"), lambda: self._citations(cite, cite_at))
        texts = self._messages(message, msg_at, env)
        if checked is None or texts is None or (when is not None and checked_when is None):
            return None
        mark = self._mark(here)
        return RuleVersion(span[0], span[1], checked_when, checked, when, require, citations,
                           texts, mark.line if mark else 1)

    def _messages(self, message: Texts | None, at: locate.PathKey,
                  env: Environment) -> dict[str, Template] | None:
        if message is None:
            return None
        return {lang: self._once((*at, "message", lang), lambda lang=lang: self._template(
            message[lang], (*at, "message", lang), env)) for lang in ("sv", "en")}

    def _citations(self, cite: list[str], at: locate.PathKey) -> tuple[ResolvedCitation, ...]:
        out = []
        for i, text in enumerate(cite):
            try:
                out.append(self.ctx.registry.resolve_text(text))
            except ValueError as exc:
                said = exc.said if isinstance(exc, Refused) else str(exc)
                self._error("bad-citation", BookSaid("as-said", (said,)), (*at, "cite", i),
                            BookSaid("hint-cite"))
        return tuple(out)

    def _template(self, text: str, path: locate.PathKey, env: Environment) -> Template:
        return templates.compile_template(text, env, self.diagnostics, self._written(path, text))


def _rulebook_model() -> type[BaseModel]:
    from vardval.checker.corpus import rulefile  # noqa: PLC0415 - pydantic, when refused

    return rulefile.RulebookFile


def _dependencies(parsed: Mapping[str, nodes.Expr | None]) -> dict[str, set[str]]:
    return {n: (walk.surface_names(e) & parsed.keys()) if e is not None else set()
            for n, e in parsed.items()}


def _post_order(name: str, deps: dict[str, set[str]], order: list[str], active: set[str]) -> None:
    if name in order or name in active:
        return
    active.add(name)
    for dep in sorted(deps[name]):
        _post_order(dep, deps, order, active)
    order.append(name)


def _cycle_from(start: str, deps: dict[str, set[str]]) -> list[str] | None:
    """A path start -> … -> start through the dependencies, or None (no recursion)."""
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    seen: set[str] = set()
    while stack:
        name, trail = stack.pop()
        for dep in sorted(deps[name], reverse=True):
            if dep == start:
                return trail
            if dep not in seen:
                seen.add(dep)
                stack.append((dep, [*trail, dep]))
    return None


def _text(texts: Texts | None) -> dict[str, str] | None:
    return dict(texts) if texts is not None else None
