"""One rulebook file -> a checked ``models.Rulebook``, with every problem in it reported at once.

Steps: strict YAML -> file model (pydantic) -> definitions (in dependency order, cycles
refused) -> each rule's versions: parse and type-check ``when``/``require``, resolve
citations, compile message templates. Expressions are parsed with their true file positions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from vardval.checker import locate, rulefile, strict_yaml, templates
from vardval.checker.citations import ResolvedCitation, SourceRegistry
from vardval.checker.errors import RuleLoadError
from vardval.checker.models import Rule, Rulebook, RuleVersion, Template
from vardval.dsl import nodes, walk
from vardval.dsl import typesys as ts
from vardval.dsl.errors import Diagnostic, DslError, VardvalError
from vardval.dsl.parser import parse
from vardval.dsl.spans import Origin
from vardval.dsl.typecheck import Checked, Environment, check

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class LoadContext:
    """What rule files are checked against: the submission's fields, parameters and sources."""

    root: ts.Type
    param_types: Mapping[str, ts.Type]
    registry: SourceRegistry
    regions: tuple[str, ...]


def load_rulebook(path: Path, ctx: LoadContext, display: str | None = None) -> Rulebook:
    """Load and check one rulebook; raise RuleLoadError/DslError carrying all diagnostics."""
    filename = display or str(path)
    text = strict_yaml.decode_text(path.read_bytes(), filename)
    loaded = strict_yaml.load_yaml(text, filename)
    builder = _Builder(filename, text, loaded, ctx)
    book = builder.build()
    if builder.diagnostics or book is None:
        raise RuleLoadError([d.with_source(text) for d in builder.diagnostics])
    return book


class _Builder:
    def __init__(self, filename: str, text: str, loaded: Any, ctx: LoadContext) -> None:
        self.filename, self.lines, self.loaded, self.ctx = filename, text.splitlines(), loaded, ctx
        self.diagnostics: list[Diagnostic] = []

    def build(self) -> Rulebook | None:
        try:
            model = rulefile.RulebookFile.model_validate(self.loaded.data)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
            self.diagnostics += locate.pydantic_diagnostics(list(errors), self.loaded,
                                                            self.filename)
            return None
        region = self._region(model.scope.region)
        definitions = self._definitions(model.definitions)
        env = Environment(self.ctx.root, self.ctx.param_types,
                          {name: c.type for name, c in definitions.items()})
        rules = tuple(r for i, entry in enumerate(model.rules)
                      if (r := self._rule(entry, i, env, model, region)) is not None)
        return Rulebook(model.rulebook, model.title.model_dump(), _text(model.description),
                        region, model.scope.vardval_system, definitions,
                        dict(model.definitions), rules, self.filename)

    # --- helpers -----------------------------------------------------------------------

    def _mark(self, path: locate.PathKey) -> Any:
        return self.loaded.marks.get(path)

    def _span(self, path: locate.PathKey, *, key: bool = False) -> Any:
        return locate.span_at(self.loaded, path, self.filename, key=key)

    def _error(self, code: str, message: str, path: locate.PathKey, hint: str | None = None,
               *, key: bool = False) -> None:
        self.diagnostics.append(Diagnostic(code, message, self._span(path, key=key), hint))

    def _parse(self, path: locate.PathKey, text: str) -> nodes.Expr | None:
        mark = self._mark(path)
        source, origin = (locate.expression_source(self.lines, mark, text, self.filename)
                          if mark else (text, Origin(self.filename)))
        try:
            return parse(source, origin)
        except DslError as exc:
            self.diagnostics.extend(exc.diagnostics)
            return None

    def _check(self, expr: nodes.Expr | None, env: Environment, expect: ts.Type | None,
               role: str) -> Checked | None:
        if expr is None:
            return None
        try:
            return check(expr, env, expect, role)
        except DslError as exc:
            self.diagnostics.extend(exc.diagnostics)
            return None

    def _region(self, region: str) -> str | None:
        if region == "all":
            return None
        if region not in self.ctx.regions:
            hint = templates_hint(region, self.ctx.regions)
            self._error("unknown-region", f"unknown region '{region}'", ("scope", "region"), hint)
        return region

    # --- definitions -------------------------------------------------------------------

    def _definitions(self, raw: dict[str, str]) -> dict[str, Checked]:
        parsed = {n: e for n, t in raw.items() if (e := self._parse(("definitions", n), t))}
        order = self._order(parsed)
        done: dict[str, Checked] = {}
        for name in order:
            env = Environment(self.ctx.root, self.ctx.param_types,
                              {n: c.type for n, c in done.items()})
            checked = self._check(parsed[name], env, None, f"definition '{name}'")
            if checked is not None:
                done[name] = checked
        return done

    def _order(self, parsed: dict[str, nodes.Expr]) -> list[str]:
        deps = {n: walk.surface_names(e) & parsed.keys() for n, e in parsed.items()}
        order: list[str] = []
        state: dict[str, str] = {}
        for name in parsed:
            self._visit(name, deps, state, order, [])
        return order

    def _visit(self, name: str, deps: dict[str, set[str]], state: dict[str, str],
               order: list[str], trail: list[str]) -> None:
        if state.get(name) == "done":
            return
        if state.get(name) == "active":
            cycle = " -> ".join([*trail[trail.index(name):], name])
            self._error("definition-cycle", f"definitions refer to each other in a circle: "
                        f"{cycle}", ("definitions", name), "break the circle: a definition may "
                        "use only definitions that do not use it", key=True)
            return
        state[name] = "active"
        for dep in sorted(deps[name]):
            self._visit(dep, deps, state, order, [*trail, name])
        state[name] = "done"
        if name not in order:
            order.append(name)

    # --- rules -------------------------------------------------------------------------

    def _rule(self, entry: rulefile.RuleEntry, index: int, env: Environment,
              book: rulefile.RulebookFile, region: str | None) -> Rule | None:
        base: locate.PathKey = ("rules", index)
        versions = self._versions(entry, base, env)
        mark = self._mark(base)
        line = mark.line if mark else 1
        if versions is None:
            return None
        return Rule(entry.id, entry.title.model_dump(), _text(entry.description), entry.severity,
                    versions, entry.valid.from_, entry.valid.to, book.rulebook, region,
                    book.scope.vardval_system, self.filename, line)

    def _versions(self, entry: rulefile.RuleEntry, base: locate.PathKey,
                  env: Environment) -> tuple[RuleVersion, ...] | None:
        starts = [v.from_ for v in entry.versions]
        if starts != sorted(set(starts)):
            self._error("version-order", "versions must be in date order, each date once",
                        (*base, "versions"), "sort the versions by 'from'")
        for i, start in enumerate(starts):
            if entry.valid.from_ and start <= entry.valid.from_ or (
                    entry.valid.to and start > entry.valid.to):
                self._error("version-outside-validity", f"version from {start} lies outside "
                            f"the rule's validity", (*base, "versions", i, "from"),
                            "a version must start after 'valid.from' and on or before "
                            "'valid.to'")
        built = [self._base_version(entry, base, env, starts)]
        for i, version in enumerate(entry.versions):
            end = starts[i + 1] - ONE_DAY if i + 1 < len(starts) else entry.valid.to
            built.append(self._version(entry, version, (*base, "versions", i), env, end))
        if any(v is None for v in built):
            return None
        return tuple(v for v in built if v is not None)

    def _base_version(self, entry: rulefile.RuleEntry, base: locate.PathKey, env: Environment,
                      starts: list[dt.date]) -> RuleVersion | None:
        end = starts[0] - ONE_DAY if starts else entry.valid.to
        return self._make(base, base, entry.valid.from_, end, entry.when, entry.require,
                          entry.cite, entry.message.model_dump(), env)

    def _version(self, entry: rulefile.RuleEntry, version: rulefile.Version,
                 path: locate.PathKey, env: Environment, end: dt.date | None) -> RuleVersion | None:
        base = path[:2]
        when, when_at = (version.when, path) if version.when is not None else (entry.when, base)
        require, req_at = ((version.require, path) if version.require is not None
                           else (entry.require, base))
        cite, cite_at = (version.cite, path) if version.cite is not None else (entry.cite, base)
        message, msg_at = ((version.message, path) if version.message is not None
                           else (entry.message, base))
        sources = {"when": when_at, "require": req_at, "cite": cite_at, "message": msg_at}
        return self._make(base, sources, version.from_, end, when, require, cite,
                          message.model_dump(), env)

    def _make(self, base: locate.PathKey, at: locate.PathKey | dict[str, locate.PathKey],
              start: dt.date | None, end: dt.date | None, when: str | None, require: str,
              cite: list[str], message: dict[str, str], env: Environment) -> RuleVersion | None:
        where = at if isinstance(at, dict) else dict.fromkeys(
            ("when", "require", "cite", "message"), at)
        checked_when = self._check(self._parse((*where["when"], "when"), when), env, ts.BOOL,
                                   "'when'") if when is not None else None
        checked_require = self._check(self._parse((*where["require"], "require"), require), env,
                                      ts.BOOL, "'require'")
        citations = self._citations(cite, (*where["cite"], "cite"))
        texts = {lang: self._template(message[lang], (*where["message"], "message", lang), env)
                 for lang in ("sv", "en")}
        if checked_require is None or (when is not None and checked_when is None):
            return None
        mark = self._mark(base)
        return RuleVersion(start, end, checked_when, checked_require, when, require,
                           citations, texts, mark.line if mark else 1)

    def _citations(self, cite: list[str], path: locate.PathKey) -> tuple[ResolvedCitation, ...]:
        out = []
        for i, text in enumerate(cite):
            try:
                out.append(self.ctx.registry.resolve_text(text))
            except ValueError as exc:
                self._error("bad-citation", str(exc), (*path, i),
                            "cite as e.g. 'HSL 9 kap. 1 § 1 st. 1 p.'; sources are listed in "
                            "rules/sources.yaml")
        return tuple(out)

    def _template(self, text: str, path: locate.PathKey, env: Environment) -> Template:
        mark = self._mark(path)

        def where(offset: int, inner: str) -> Origin:
            if mark is None:
                return Origin(self.filename)
            return locate.placeholder_origin(self.lines, mark, offset, inner, self.filename)

        return templates.compile_template(text, env, where, self.diagnostics)


def _text(model: rulefile.Text | None) -> dict[str, str] | None:
    return model.model_dump() if model is not None else None


def templates_hint(value: str, options: tuple[str, ...]) -> str:
    from vardval.dsl.typecheck import suggest

    return suggest(value, list(options)) or "regions: all, " + ", ".join(options)


def load_errors(exc: VardvalError) -> list[Diagnostic]:
    return list(exc.diagnostics)
