"""Quarters written ``2025-Q1``: parsing a user's, and the range between two."""

from __future__ import annotations

import re

from vardval.checker.store.errors import StoreError

_QUARTER = re.compile(r"(\d{4})-Q([1-4])")


def parse_quarter(text: str, option: str) -> str:
    """A quarter as the store keeps it; a clear message for anything else.

    Example:
        >>> parse_quarter("2025-q2", "--from")
        '2025-Q2'
    """
    match = _QUARTER.fullmatch(text.strip().upper())
    if match is None:
        raise StoreError.about(option, f"'{text}' är inget kvartal; skriv t.ex. 2025-Q1.",
                               f"'{text}' is not a quarter; write e.g. 2025-Q1.")
    return f"{match.group(1)}-Q{match.group(2)}"


def quarter_range(first: str, last: str) -> list[str]:
    """Every quarter from ``first`` to ``last``, both included.

    Example:
        >>> quarter_range("2024-Q3", "2025-Q2")
        ['2024-Q3', '2024-Q4', '2025-Q1', '2025-Q2']
    """
    year, quarter = int(first[:4]), int(first[-1])
    out = []
    while f"{year}-Q{quarter}" <= last:
        out.append(f"{year}-Q{quarter}")
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return out
