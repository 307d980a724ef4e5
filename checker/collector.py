"""The cyclic garbage collector paused while a block builds objects that will all stay alive.

Unpickling the cached corpus or importing pydantic-core makes tens of thousands of objects and
frees almost none; the collector's passes over them meanwhile are wasted. Whatever the block
leaves as garbage is collected once it is on again. The first collection after the pause still
walks all that was made; only ``gc.freeze`` spares that, and only the console script's own
process may freeze (``freeze_after_lasting``): a caller's objects are not ours to pin.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused(*, then_freeze: bool = False) -> Iterator[None]:
    """The collector off for the block, then on again if it was (a nested pause keeps it off).
    ``then_freeze``: freeze what is alive once the block is done, before the collector is on
    again (its next pass would walk it all); not after a failure, nor in a nested pause.

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
        if then_freeze and enabled:
            gc.freeze()
    finally:
        if enabled:
            gc.enable()


_FREEZING: list[bool] = []


def freeze_after_lasting() -> None:
    """From now on freeze what is alive after each ``lasting`` block: the console script calls
    this in its own process, which ends when the command does."""
    _FREEZING[:] = [True]


@contextlib.contextmanager
def lasting() -> Iterator[None]:
    """A block making objects that live as long as the process (the loaded corpus): the
    collector paused for it and, in the console script's process, all that is alive frozen
    after it, so that no later collection walks it again (issue 21: some 7 ms of a cold check,
    2 of a warm one). The little cyclic garbage the block left then stays until the end."""
    with paused(then_freeze=bool(_FREEZING)):
        yield
