"""Values as a reader expects them: ``96,5 %`` and ``10 640`` in Swedish, ``96.5%`` in English."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from vardval.dsl.values import Duration, Quarter, Unknown

_UNITS = {"sv": {"day": ("dag", "dagar"), "month": ("månad", "månader")},
          "en": {"day": ("day", "days"), "month": ("month", "months")}}
_BOOL = {"sv": ("ja", "nej"), "en": ("yes", "no")}
NBSP = "\u00a0"


def format_value(value: Any, lang: str = "sv", spec: str = "") -> str:
    """Format a DSL value for a message.

    Example:
        >>> format_value(Decimal("0.965"), "sv", "%")
        '96,5\\xa0%'
        >>> format_value(Decimal("0.965"), "en", "%")
        '96.5%'
        >>> format_value(10640, "sv")
        '10\\xa0640'
    """
    if isinstance(value, Unknown):
        return "–"
    if isinstance(value, bool):
        return _BOOL[lang][0 if value else 1]
    if spec == "%" and isinstance(value, int | Decimal):
        return percent(Decimal(value), lang)
    if isinstance(value, int | Decimal):
        return number(value, lang)
    if isinstance(value, Duration):
        return duration(value, lang)
    if isinstance(value, list | tuple):
        return ", ".join(format_value(v, lang, spec) for v in value) or "–"
    if isinstance(value, dt.date | Quarter):
        return str(value)
    return str(value)


def percent(share: Decimal, lang: str) -> str:
    text = number(share * 100, lang, places=1)
    return f"{text}{NBSP}%" if lang == "sv" else f"{text}%"


def number(value: int | Decimal, lang: str, places: int = 2) -> str:
    """Grouped thousands; at most ``places`` decimals, trailing zeros dropped."""
    quantum = Decimal(1).scaleb(-places)
    rounded = Decimal(value).quantize(quantum) if not isinstance(value, int) else value
    text = f"{rounded:,}" if isinstance(rounded, int) else f"{rounded:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if lang == "sv":
        text = text.replace(",", NBSP).replace(".", ",")
    return text


def duration(value: Duration, lang: str) -> str:
    parts = []
    for count, unit in ((value.months, "month"), (value.days, "day")):
        if count:
            singular, plural = _UNITS[lang][unit]
            parts.append(f"{count} {singular if abs(count) == 1 else plural}")
    return " ".join(parts) or f"0 {_UNITS[lang]['day'][1]}"


def plain(value: Any) -> Any:
    """A JSON-safe form: exact numbers stay numbers where a float represents them exactly."""
    if isinstance(value, Unknown):
        return None
    if isinstance(value, bool | int | str) or value is None:
        return value
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return int(value)
        as_float = float(value)
        return as_float if Decimal(repr(as_float)) == value else str(value)
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return str(value)
