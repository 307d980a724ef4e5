"""``vardval check --jobs N``: a task over a stream of items in worker processes, in order.

Results come back in the items' order whatever worker finishes first, and the stream is never
read far ahead: at most ``AHEAD`` chunks per worker are in flight, so memory stays flat however
many files a batch has, and the first results are written while later files are still being
found. Chunks grow from one item to ``MAX_CHUNK`` (a short batch still spreads over every
worker; a long one pays little for sending work back and forth).

Workers are forked (POSIX): they start with the parent's loaded rules and imports, and need
nothing pickled but the items and their results. They ignore Ctrl-C and die on SIGTERM or
SIGHUP: the parent, which gets the same Ctrl-C, stops them (``Pool.terminate``) and unwinds as
a one-process run does, so an interrupted report is never left half written. Where ``fork``
is missing (Windows) ``can_fork`` says so and the caller checks in one process.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from multiprocessing.pool import AsyncResult

T = TypeVar("T")
R = TypeVar("R")

MAX_CHUNK = 16
AHEAD = 4
_TASK: list[Callable[[Any], Any]] = []  # the worker's task, set when it starts


def cores() -> int:
    """The cores this process may run on (the default of ``--jobs``)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def ordered(task: Callable[[T], R], items: Iterable[T], jobs: int) -> Generator[R, None, None]:
    """``task(item)`` for every item, in order, computed by ``jobs`` forked workers.

    Flush every stream shared with the workers before the first item is asked for: a worker
    flushes the standard streams it inherited when it ends. Close the iterator (or exhaust
    it) to stop the workers; an exception in the task is raised here.
    """
    context = multiprocessing.get_context("fork")
    pool = context.Pool(jobs, initializer=_start, initargs=(task,))
    pending: deque[AsyncResult[list[R] | _Raised]] = deque()
    try:
        for chunk in _chunks(items):
            pending.append(pool.apply_async(_run, (chunk,)))
            while len(pending) >= jobs * AHEAD:
                yield from _results(pending.popleft())
        while pending:
            yield from _results(pending.popleft())
    except BaseException:  # Ctrl-C, SIGTERM, a closed pipe, a bug: stop the workers now
        pool.terminate()
        raise
    else:
        pool.close()
    finally:
        pool.join()


def _chunks(items: Iterable[T]) -> Iterator[list[T]]:
    chunk: list[T] = []
    size = 1
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk, size = [], min(size * 2, MAX_CHUNK)
    if chunk:
        yield chunk


def _start(task: Callable[[Any], Any]) -> None:
    """In a new worker: the parent answers Ctrl-C; SIGTERM and SIGHUP just end the worker;
    nothing it might print reaches the parent's output."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    sys.stdout = sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    _TASK[:] = [task]


class _Raised:
    """What a worker sends back instead of results when its task raised anything at all:
    Pool hands back an ``Exception`` itself, but a ``BaseException`` (KeyboardInterrupt,
    SystemExit) would end the worker and leave the parent waiting for ever."""

    def __init__(self, error: BaseException) -> None:
        self.error = error


def _run(chunk: list[Any]) -> list[Any] | _Raised:
    task = _TASK[0]
    try:
        return [task(item) for item in chunk]
    except BaseException as exc:  # noqa: BLE001 - raised again in the parent, see _Raised
        return _Raised(exc)


def _results(pending: AsyncResult[list[R] | _Raised]) -> list[R]:
    found = pending.get()
    if isinstance(found, _Raised):
        raise found.error
    return found
