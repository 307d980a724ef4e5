"""The cyclic garbage collector paused while a block builds objects that will all stay alive.

Unpickling the cached corpus or importing pydantic-core makes tens of thousands of objects and
frees almost none; the collector's passes over them meanwhile are wasted. Whatever the block
leaves as garbage is collected once it is on again. (Around reading a corpus it gained nothing:
the first collection after the pause walks all that was made, and only ``gc.freeze``, which
the console script alone may use, would spare that.)
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """The collector off for the block, then on again if it was (a nested pause keeps it off).

    Example:
        >>> import gc
        >>> from vardval.checker.collector import paused
        >>> with paused():
        ...     gc.isenabled()
        False
        >>> gc.isenabled()
        True
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
