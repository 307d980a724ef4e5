"""The rulebook files' own readings of expressions and ids, as plain functions.

Why apart from ``rulefile``: the validator kept in the load cache names them, and a cold load
of valid rule files runs them without importing pydantic (issue 21); the models attach the very
same functions.
"""

from __future__ import annotations

import re
from decimal import Decimal

from vardval.checker.corpus.models import RULE_ID
from vardval.checker.reading import FileSaid, Refused

BOOK_ID = r"^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)*$"


def expression_text(value: object) -> object:
    """YAML reads ``require: true`` or ``when: 1`` as a value; the DSL wants their text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return str(value)
    return value


def _matching(pattern: str, value: str, expected: str) -> str:
    """``value`` when it matches ``pattern``, else a refusal that says what valid looks like
    (not a regular expression); ``expected`` is a ``file_words`` code."""
    if re.fullmatch(pattern, value) is None:
        raise Refused(FileSaid("invalid-id", (value, FileSaid(expected))))
    return value


def rule_id(value: str) -> str:
    """Upper case words joined by '-', e.g. VG-KONTAKT."""
    return _matching(RULE_ID, value, "id-rule")


def book_id(value: str) -> str:
    """A dotted lower-case id, e.g. national.vardgaranti."""
    return _matching(BOOK_ID, value, "id-book")


# The functions a kept validator schema may name (``reading.typed_dicts``).
BY_NAME = {"expression_text": expression_text, "rule_id": rule_id, "book_id": book_id}
