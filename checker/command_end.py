"""Work a command leaves to its end, in the console script's own process.

Why: some work pays off only when it waits for the command to be done. The load cache stores
a corpus with the units its program compiled (``program.loader``), which are known at the end
only. The console script, whose process ends with the command, turns this on (``enable``) and
runs what was left (``finish``) once the command has written its output; anywhere else (tests
calling the commands, a server) nothing is left for later, and callers do the work at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

_ENABLED: list[bool] = []
_LEFT: list[Callable[[], None]] = []


def enable() -> None:
    """Let work be left to the end of the command (the console script calls this)."""
    _ENABLED[:] = [True]


def enabled() -> bool:
    return bool(_ENABLED)


def leave(work: Callable[[], None]) -> None:
    """Run ``work`` when the command ends (only when ``enabled``)."""
    _LEFT.append(work)


def finish() -> None:
    """Run what was left, in order, and leave nothing more for later."""
    _ENABLED.clear()
    while _LEFT:
        _LEFT.pop(0)()
