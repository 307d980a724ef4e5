"""A semantic diff of two checked corpora: rules, parameters and sources, field by field.

Not a text diff: a moved rule or a reformatted file is no change, a rule's condition, severity,
scope, validity, citations or messages are; a parameter's changes are read off its timeline
(every date either side has a value from), each marked tightened or loosened where the rules
that read the parameter tell the direction (``direction``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from decimal import Decimal
from pathlib import Path

from vardval.checker.analysis import direction
from vardval.checker.corpus import Rule, RuleSet, RuleVersion, display_path
from vardval.checker.parameters import Parameter, ParameterSet
from vardval.checker.sources import records
from vardval.dsl.values import Duration

ADDED, REMOVED, CHANGED = "added", "removed", "changed"


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field's text before and after (None where the field is absent)."""

    field: str
    before: str | None
    after: str | None


@dataclass(frozen=True, slots=True)
class RuleChange:
    rule_id: str
    kind: str
    title: dict[str, str]
    severity: str
    fields: tuple[FieldChange, ...]
    where: str


@dataclass(frozen=True, slots=True)
class ValueChange:
    """The parameter's value in force from ``day`` on, before and after (None: no value)."""

    day: dt.date
    before: str | None
    after: str | None
    direction: str | None


@dataclass(frozen=True, slots=True)
class ParameterChange:
    name: str
    region: str | None
    kind: str
    unit: str
    values: tuple[ValueChange, ...]
    fields: tuple[FieldChange, ...]
    where: str


@dataclass(frozen=True, slots=True)
class SourceChange:
    source_id: str
    kind: str
    fields: tuple[FieldChange, ...]
    where: str


@dataclass(frozen=True, slots=True)
class CorpusDiff:
    """What changed from corpus ``before`` to corpus ``after``."""

    before: str
    after: str
    rules: tuple[RuleChange, ...]
    parameters: tuple[ParameterChange, ...]
    sources: tuple[SourceChange, ...]

    @property
    def empty(self) -> bool:
        return not (self.rules or self.parameters or self.sources)

    def counts(self) -> dict[str, int]:
        kinds = [*(c.kind for c in self.rules), *(c.kind for c in self.parameters),
                 *(c.kind for c in self.sources)]
        return {kind: kinds.count(kind) for kind in (ADDED, REMOVED, CHANGED)}


def diff(before: RuleSet, after: RuleSet, labels: tuple[str, str] = ("A", "B")) -> CorpusDiff:
    """Every semantic difference from ``before`` to ``after``."""
    return CorpusDiff(labels[0], labels[1], tuple(_rules(before, after)),
                      tuple(_parameters(before, after)), tuple(_sources(before, after)))


# --- rules ---------------------------------------------------------------------------------


def _rules(before: RuleSet, after: RuleSet) -> Iterator[RuleChange]:
    old = {rule.id: rule for rule in before.rules()}
    new = {rule.id: rule for rule in after.rules()}
    for rule_id in [*old, *(r for r in new if r not in old)]:
        was, now = old.get(rule_id), new.get(rule_id)
        if now is None:
            assert was is not None
            yield _rule_change(was, REMOVED, ())
        elif was is None:
            yield _rule_change(now, ADDED, ())
        else:
            fields = tuple(_rule_fields(was, now))
            if fields:
                yield _rule_change(now, CHANGED, fields)


def _rule_change(rule: Rule, kind: str, fields: tuple[FieldChange, ...]) -> RuleChange:
    return RuleChange(rule.id, kind, rule.title, rule.severity, fields, f"{rule.file}:{rule.line}")


def _rule_fields(was: Rule, now: Rule) -> Iterator[FieldChange]:
    yield from _compare("title", was.title, now.title)
    yield from _compare("description", was.description, now.description)
    yield from _compare("severity", was.severity, now.severity)
    yield from _compare("rulebook", was.rulebook, now.rulebook)
    yield from _compare("scope.region", was.region or "all", now.region or "all")
    yield from _compare("scope.vardval_system", was.vardval_system, now.vardval_system)
    yield from _compare("valid", _validity(was), _validity(now))
    olds, news = _by_start(was.versions), _by_start(now.versions)
    single = len(olds) == len(news) == 1
    pairs = zip(olds.values(), news.values(), strict=True) if single else (
        (olds.get(key), news.get(key)) for key in sorted({*olds, *news}, key=str))
    for old, new in pairs:
        prefix = "" if single else f"version {_start(old or new)}: "
        # a single version's validity is the rule's, already compared above
        same_span = single and old is not None and new is not None and (
            _validity(old), _validity(new)) == (_validity(was), _validity(now))
        fields = _version_fields(prefix, old, new)
        yield from (f for f in fields if not (same_span and f.field == "valid"))


def _by_start(versions: tuple[RuleVersion, ...]) -> dict[dt.date | None, RuleVersion]:
    return {version.valid_from: version for version in versions}


def _start(version: RuleVersion | None) -> str:
    return str(version.valid_from) if version and version.valid_from else "–"


def _validity(item: Rule | RuleVersion) -> str:
    return f"{item.valid_from or '…'} – {item.valid_to or '…'}"


def _version_fields(prefix: str, old: RuleVersion | None,
                    new: RuleVersion | None) -> Iterator[FieldChange]:
    if old is None or new is None:
        yield FieldChange(f"{prefix}version", _version_text(old), _version_text(new))
        return
    yield from _compare(f"{prefix}valid", _validity(old), _validity(new))
    yield from _compare(f"{prefix}when", old.when_text, new.when_text)
    yield from _compare(f"{prefix}require", old.require_text, new.require_text)
    yield from _compare(f"{prefix}cite", "; ".join(c.text for c in old.citations),
                        "; ".join(c.text for c in new.citations))
    for lang in sorted({*old.message, *new.message}):
        yield from _compare(f"{prefix}message.{lang}", _message(old, lang), _message(new, lang))


def _message(version: RuleVersion, lang: str) -> str | None:
    template = version.message.get(lang)
    return " ".join(template.source.split()) if template else None


def _version_text(version: RuleVersion | None) -> str | None:
    if version is None:
        return None
    when = f"when {version.when_text}; " if version.when_text else ""
    return f"{_validity(version)}: {when}require {version.require_text}"


def _compare(field: str, before: object, after: object) -> Iterator[FieldChange]:
    if before != after:
        yield FieldChange(field, _text(before), _text(after))


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    return " ".join(str(value).split())


# --- parameters ----------------------------------------------------------------------------


def _parameters(before: RuleSet, after: RuleSet) -> Iterator[ParameterChange]:
    old = {(p.name, p.region): p for p in before.parameters.definitions()}
    new = {(p.name, p.region): p for p in after.parameters.definitions()}
    for key in sorted({*old, *new}, key=lambda k: (k[0], k[1] or "")):
        was, now = old.get(key), new.get(key)
        if was is None or now is None:
            present = now or was
            assert present is not None
            kind = ADDED if was is None else REMOVED
            values = _timeline_changes(was, now, after, before)
            where = _where(present, (after if now else before).directory)
            yield ParameterChange(key[0], key[1], kind, present.unit, values, (), where)
            continue
        fields = (*_compare("unit", was.unit, now.unit),
                  *_compare("description", asdict(was.description), asdict(now.description)),
                  *_compare("cite", _cites(was), _cites(now)))
        values = _timeline_changes(was, now, after, before)
        if values or fields:
            yield ParameterChange(key[0], key[1], CHANGED, now.unit, values, fields,
                                  _where(now, after.directory))


def _where(parameter: Parameter, directory: Path) -> str:
    try:
        shown = display_path(Path(parameter.span.file), directory)
    except ValueError:  # an overlay file outside both the corpus and the working folder
        shown = parameter.span.file
    return f"{shown}:{parameter.span.line}"


def _cites(parameter: Parameter) -> str:
    """The citations of every value, once each: a value added under the same citation (as a
    ``--set`` is) changes the timeline, not what the parameter rests on."""
    return "; ".join(dict.fromkeys(cite for value in parameter.values for cite in value.cite))


def _timeline_changes(was: Parameter | None, now: Parameter | None, after: RuleSet,
                      before: RuleSet) -> tuple[ValueChange, ...]:
    """At each date either side starts a value: the values in force then, where they differ."""
    days = sorted({v.valid_from for p in (was, now) if p for v in p.values})
    present = now or was
    assert present is not None
    signs = _signs(present.name, after) or _signs(present.name, before)
    out = []
    for day in days:
        old, new = _in_force(was, day), _in_force(now, day)
        if old != new:
            growth = direction.grew(old, new) if old is not None and new is not None else None
            out.append(ValueChange(day, show_value(old, present.unit),
                                   show_value(new, present.unit),
                                   direction.verdict(growth, signs)))
    return tuple(out)


def _in_force(parameter: Parameter | None, day: dt.date) -> object:
    if parameter is None:
        return None
    found = [v.value for v in parameter.values if v.valid_from <= day]
    return found[-1] if found else None


def _signs(name: str, ruleset: RuleSet) -> list[direction.Sign]:
    """How each rule reading ``name`` moves toward passing as it grows (its latest version)."""
    out = []
    for book in ruleset.rulebooks:
        definitions = {key: checked.expr for key, checked in book.definitions.items()}
        for rule in book.rules:
            for version in rule.versions:
                when = version.when.expr if version.when else None
                sign = direction.holds_more(when, version.require.expr, name, definitions)
                if sign != 0:
                    out.append(sign)
    return out


def show_value(value: object, unit: str) -> str | None:
    """A value as a rule author writes it (``95%``, ``6 months``, ``3``).

    Example:
        >>> show_value(Decimal("0.95"), "percent"), show_value(Duration(months=6), "months")
        ('95%', '6 months')
    """
    if value is None:
        return None
    if unit == "percent" and isinstance(value, int | Decimal) and not isinstance(value, bool):
        return f"{_plain_number(Decimal(value) * 100)}%"
    if isinstance(value, Duration):
        parts = [(value.months, "month"), (value.days, "day")]
        shown = [f"{n} {word}{'s' if n != 1 else ''}" for n, word in parts if n]
        return " ".join(shown) or "0 days"
    if isinstance(value, Decimal):
        return _plain_number(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _plain_number(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def parameters_differ(before: ParameterSet, after: ParameterSet) -> bool:
    """Whether two parameter sets hold different definitions (a what-if's variant is real)."""
    return before.definitions() != after.definitions()


# --- sources -------------------------------------------------------------------------------


def _sources(before: RuleSet, after: RuleSet) -> Iterator[SourceChange]:
    old, new = set(before.registry.ids()), set(after.registry.ids())
    where = display_path(after.directory / "sources.yaml", after.directory)
    for source_id in sorted(old | new):
        if source_id not in new:
            yield SourceChange(source_id, REMOVED, (), where)
        elif source_id not in old:
            yield SourceChange(source_id, ADDED, (), where)
        else:
            was = records.as_json(before.registry.get(source_id))
            now = records.as_json(after.registry.get(source_id))
            fields = tuple(_source_fields(was, now))
            if fields:
                yield SourceChange(source_id, CHANGED, fields, where)


def _source_fields(was: dict[str, object], now: dict[str, object]) -> Iterator[FieldChange]:
    """Field by field; a provision's (or section's) own fields are ``provisions[PART].FIELD``."""
    for key in sorted({*was, *now}):
        old, new = was.get(key), now.get(key)
        if isinstance(old, dict) and isinstance(new, dict) and key in ("provisions", "sections"):
            for part in sorted({*old, *new}):
                yield from _part_fields(f"{key}[{part}]", old.get(part), new.get(part))
        else:
            yield from _compare(key, _json(old), _json(new))


def _part_fields(field: str, old: object, new: object) -> Iterator[FieldChange]:
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted({*old, *new}):
            yield from _compare(f"{field}.{key}", _json(old.get(key)), _json(new.get(key)))
    else:  # a provision added or dropped: its quoted text says which
        yield from _compare(field, _quoted(old), _quoted(new))


def _quoted(part: object) -> str | None:
    if isinstance(part, dict) and isinstance(part.get("text"), str):
        return str(part["text"])
    return _json(part)


def _json(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
