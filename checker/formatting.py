"""Values as a reader expects them: ``96,5 %`` and ``10 640`` in Swedish, ``96.5%`` in English."""

from __future__ import annotations

import datetime as dt
import decimal
import re
from decimal import Decimal
from typing import Any, cast

from vardval.dsl.numbers import MAX_DIGITS, code_text, too_long_for_text
from vardval.dsl.values import Duration, Quarter, Unknown

_UNITS = {"sv": {"day": ("dag", "dagar"), "month": ("månad", "månader")},
          "en": {"day": ("day", "days"), "month": ("month", "months")}}
_BOOL = {"sv": ("ja", "nej"), "en": ("yes", "no")}
NBSP = "\u00a0"
#: Decimals shown in full; a longer value (a quotient such as 2/3) is rounded and marked ``≈``.
EXACT_PLACES = 6


def format_value(value: Any, lang: str = "sv", spec: str = "") -> str:  # noqa: PLR0911 - a case per kind
    """Format a DSL value for a message.

    Example:
        >>> format_value(Decimal("0.965"), "sv", "%")
        '96,5\\xa0%'
        >>> format_value(Decimal("0.965"), "en", "%")
        '96.5%'
        >>> format_value(10640, "sv")
        '10\\xa0640'
    """
    kind = type(value)
    if kind is int and spec != "%":  # the common cases first
        return number(value, lang)
    if kind is str:
        return cast("str", value)
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
    if type(value) is int:  # most values are counts: no rounding, no decimal context
        # a product of counts may pass Python's limit on turning ints into text: rounded
        text = code_text(value) if too_long_for_text(value) else f"{value:,}"
        return text.replace(",", NBSP) if lang == "sv" else text
    quantum = Decimal(1).scaleb(-places)
    exact = Decimal(value)
    if exact.is_finite() and exact.adjusted() > MAX_DIGITS:  # a product of amounts
        text = f"{exact:.3E}"
        return text.replace(".", ",") if lang == "sv" else text
    # Enough digits for any count a file can hold (the default 28 fail on 1 000-digit numbers).
    context = decimal.Context(prec=max(28, exact.adjusted() + places + 2))
    rounded = exact.quantize(quantum, context=context) if not isinstance(value, int) else value
    text = f"{rounded:,}" if isinstance(rounded, int) else f"{rounded:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if lang == "sv":
        text = text.replace(",", NBSP).replace(".", ",")
    return text


def exact(value: int | Decimal, lang: str) -> str:
    """A number with every decimal it has (up to ``EXACT_PLACES``; beyond, ``≈`` and rounded).

    Evidence uses it: a report must never show ``0,02`` for 0.025.

    Example:
        >>> exact(Decimal("0.025"), "sv"), exact(Decimal("0.005"), "en"), exact(1, "sv")
        ('0,025', '0.005', '1')
        >>> exact(Decimal(2) / 3, "sv")
        '≈0,666667'
    """
    if type(value) is int:
        return number(value, lang)
    dec = Decimal(value)
    exponent = dec.normalize().as_tuple().exponent
    places = -exponent if isinstance(exponent, int) else 0
    if places > EXACT_PLACES:
        return "≈" + number(dec, lang, places=EXACT_PLACES)
    return number(dec, lang, places=max(0, places))


def exact_percent(share: int | Decimal, lang: str) -> str:
    """A share as a percentage with every decimal it has (``exact`` of share × 100).

    Example:
        >>> exact_percent(Decimal("0.005"), "sv"), exact_percent(Decimal("0.0125"), "en")
        ('0,5\xa0%', '1.25%')
    """
    text = exact(Decimal(share) * 100, lang)
    return f"{text}{NBSP}%" if lang == "sv" else f"{text}%"


def duration(value: Duration, lang: str) -> str:
    parts = []
    for count, unit in ((value.months, "month"), (value.days, "day")):
        if count:
            singular, plural = _UNITS[lang][unit]
            parts.append(f"{code_text(count)} {singular if abs(count) == 1 else plural}")
    return " ".join(parts) or f"0 {_UNITS[lang]['day'][1]}"


_AS_IS = frozenset({bool, int, str, type(None)})



def plain(value: Any) -> Any:
    """A JSON-safe form: exact numbers stay numbers where a float represents them exactly."""
    if type(value) in _AS_IS:  # the common case, before the isinstance chain
        return code_text(value) if type(value) is int and too_long_for_text(value) else value
    if isinstance(value, Unknown):
        return None
    if isinstance(value, bool | int | str) or value is None:
        return value
    if isinstance(value, Decimal):
        if value == value.to_integral_value() and value.adjusted() <= MAX_DIGITS:
            return int(value)
        as_float = float(value)
        return as_float if Decimal(repr(as_float)) == value else str(value)
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return str(value)


def unit_value(value: Any, unit: str | None, lang: str, *, precise: bool = False) -> str:
    """A parameter value in its unit (``percent``, ``days``, ``months``, ``sek``, ``count``).

    Example:
        >>> unit_value(Decimal(1), "percent", "sv"), unit_value(3, "days", "en")
        ('100\xa0%', '3 days')
        >>> unit_value(Decimal(25000000), "sek", "sv"), unit_value(25000000, "sek", "en")
        ('25\xa0000\xa0000 kr', 'SEK 25,000,000')
        >>> unit_value(Decimal("0.0125"), "percent", "sv", precise=True)
        '1,25\xa0%'

    ``precise`` shows every decimal (``exact``), as evidence must.
    """
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        return format_value(value, lang)
    if precise and unit != "percent" and unit not in ("days", "months"):
        shown = exact(value, lang)
        if unit == "sek":
            return f"{shown} kr" if lang == "sv" else f"SEK {shown}"
        return shown
    if unit == "percent":
        return exact_percent(value, lang) if precise else percent(Decimal(value), lang)
    if unit in ("days", "months"):
        return duration(Duration(days=int(value)) if unit == "days"
                        else Duration(months=int(value)), lang)
    if unit == "sek":
        return f"{number(value, lang)} kr" if lang == "sv" else f"SEK {number(value, lang)}"
    return number(value, lang)


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def printable(text: str) -> str:
    """Text from a file or a file name, safe on one line of any report: control characters
    (newlines, escapes, NUL, BEL) and bytes that are not UTF-8 shown as ``\\xNN``.

    A name with a newline could otherwise forge a report line, an escape recolour a terminal,
    and an undecodable byte (kept by Python as a lone surrogate) break UTF-8, JSON and XML.

    Example:
        >>> printable("a\\nPASS\\x1b[0m.yaml")
        'a\\\\x0aPASS\\\\x1b[0m.yaml'
        >>> printable("caf\\udce9.yaml")
        'caf\\\\xe9.yaml'
    """
    return _UNPRINTABLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = ord(match.group(0))
    if 0xDC80 <= char <= 0xDCFF:  # a byte that was not UTF-8 (os.fsdecode's surrogateescape)
        return f"\\x{char - 0xDC00:02x}"
    return f"\\x{char:02x}" if char < 0x100 else f"\\u{char:04x}"
