"""How large a number a rule may compute, and how any number is written as text.

Python refuses to turn an int of more than 4,300 digits into text (``sys.set_int_max_str_digits``),
so a number past ``MAX_DIGITS`` is never computed (the runtime makes it unknown) and never
printed in full (``code_text`` rounds it).
"""

from __future__ import annotations

from decimal import Decimal

#: The most digits a number computed by a rule may have: a product beyond it is unknown ("too
#: large"), never a hang. A submission's counts have at most 1,000.
MAX_DIGITS = 4000
_MAX_BITS = MAX_DIGITS * 10 // 3  # a digit is 3.32 bits: about MAX_DIGITS, under 4,300


def too_long_for_text(number: int) -> bool:
    """Whether ``number`` may have more than ``MAX_DIGITS`` digits."""
    return number.bit_length() > _MAX_BITS


def code_text(value: object) -> str:
    """A value as rule text writes it (``2025``, ``1.5``), safe for numbers of any size.

    Example:
        >>> code_text(2025), code_text(10 ** 5000)
        ('2025', '1.000E+5000')
    """
    if isinstance(value, int) and too_long_for_text(value):
        return f"{Decimal(value):.3E}"
    return str(value)
