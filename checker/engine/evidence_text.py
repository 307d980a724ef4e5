"""Evidence as every format shows it: exact values, shares as the percentage the message uses.

One path for text, HTML, JUnit, SARIF, GitHub annotations, ``vardval test`` and the rule pages,
so ``vat_extra = 0,5 %`` reads the same everywhere and never contradicts the message (the old
two-decimal rounding printed ``vat_rate = 0,02`` beside "högsta kompensation 2,5 %").
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from vardval.checker import formatting
from vardval.dsl import nodes

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from vardval.checker.corpus import Rule
    from vardval.checker.engine.findings import Evidence

_WORDS = {"sv": {"missing": "saknas", "present": "finns", "param": "param"},
          "en": {"missing": "missing", "present": "present", "param": "param"}}


def share_names(rule: Rule) -> frozenset[str]:
    """Names the rule's messages show as a percentage (``{vat_rate:%}``): their evidence does too.

    Example:
        >>> from vardval.checker.program import load_ruleset
        >>> rule = load_ruleset().rule("KRO-MOMS")
        >>> sorted(share_names(rule)) if rule else None
        ['kronoberg.moms.bas', 'vat_extra', 'vat_extra_limit', 'vat_rate']
    """
    names: set[str] = set()
    for version in rule.versions:
        for template in version.message.values():
            for part in template.parts:
                if isinstance(part, str) or part.spec != "%":
                    continue
                name = _reference(part.expr)
                if name is not None:
                    names.add(name)
    return frozenset(names)


def _reference(expr: nodes.Expr) -> str | None:
    if isinstance(expr, nodes.Field):
        return expr.dotted
    if isinstance(expr, nodes.DefRef | nodes.ParamRef):
        return expr.name
    return None


def evidence_value(item: Evidence, lang: str, unit: str | None = None, *,
                   share: bool = False) -> str:
    """The exact value of one item; a whole section read by ``exists`` shows as present.

    Example:
        >>> from vardval.checker.engine import Evidence
        >>> evidence_value(Evidence("vat_rate", "definition", Decimal("0.025"), True), "sv")
        '0,025'
        >>> evidence_value(Evidence("vat_rate", "definition", Decimal("0.025"), True), "sv",
        ...                share=True)
        '2,5\\xa0%'
    """
    if not item.present:
        return _WORDS[lang]["missing"]
    value: Any = item.value
    if isinstance(value, dict):
        return _WORDS[lang]["present"]
    if item.kind == "parameter":
        return formatting.unit_value(value, "percent" if share else unit, lang, precise=True)
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        return formatting.format_value(value, lang)
    if share:
        return formatting.exact_percent(value, lang)
    return formatting.exact(value, lang)


def evidence_texts(evidence: Iterable[Evidence], lang: str, units: Mapping[str, str],
                   reads: Mapping[str, frozenset[str]],
                   shares: frozenset[str] = frozenset()) -> list[str]:
    """One short text per item; a definition that just passes on one field names it.

    ``reads`` maps a definition name to the fields it reads. A field whose value a definition
    takes over unchanged is shown once, inside the definition's text. ``shares`` are the names
    the message shows as a percentage.
    """
    items = list(evidence)
    merged = _merged_fields(items, reads)
    out = []
    for item in items:
        if item.kind == "field" and item.name in merged.values():
            continue
        out.append(_evidence_text(item, lang, units.get(item.name), merged.get(item.name),
                                  share=item.name in shares))
    return out


def _merged_fields(items: list[Evidence], reads: Mapping[str, frozenset[str]]) -> dict[str, str]:
    fields = {i.name: i for i in items if i.kind == "field"}
    merged: dict[str, str] = {}
    for item in (i for i in items if i.kind == "definition"):
        same = [f for f in sorted(reads.get(item.name, ()))
                if f in fields and fields[f].present == item.present
                and fields[f].value == item.value and f not in merged.values()]
        if len(same) == 1:
            merged[item.name] = same[0]
    return merged


def _evidence_text(item: Evidence, lang: str, unit: str | None, source: str | None, *,
                   share: bool) -> str:
    text = f"{item.name} = {evidence_value(item, lang, unit, share=share)}"
    if item.kind == "parameter":
        text = f"{_WORDS[lang]['param']} {text}"
        return f"{text} ({item.citation})" if item.citation else text
    return f"{text} ({source})" if source else text
