"""``vardval check --jobs N``: a task over a stream of items in worker processes, in order.

Results come back in the items' order whatever worker finishes first, and the stream is never
read far ahead: at most ``AHEAD`` chunks per worker are in flight, so memory stays flat however
many files a batch has, and the first results are written while later files are still being
found. Chunks grow from one item to ``MAX_CHUNK`` (a short batch still spreads over every
worker; a long one pays little for sending work back and forth).

The pool is ``os.fork`` and two pipes per worker, and no threads, so that every way a run can
end is this process's own: workers start with the parent's loaded rules and imports and need
nothing pickled but the items and their results. Each worker is forked with SIGINT, SIGTERM and
SIGHUP blocked and unblocks them only once it ignores Ctrl-C and dies on the other two, so a
signal at any moment, even while the pool starts, reaches either the parent's handlers or a
worker's defaults, never a half-made worker running the parent's. The parent turns SIGTERM and
SIGHUP into ``Terminated`` (as Ctrl-C is ``KeyboardInterrupt``), and however it leaves,
``_Pool.stop`` kills and reaps every worker with those signals blocked. A worker that dies
without its results (killed from outside, out of memory) ends the run with ``WorkerLost``.
Where ``fork`` is missing (Windows) ``can_fork`` says so and the caller checks in one process.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import selectors
import signal
import struct
import sys
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from typing import Any, NoReturn, TypeVar

try:
    import fcntl
except ImportError:  # Windows: no fork either, see ``can_fork``
    fcntl = None  # type: ignore[assignment]

from vardval.checker.report import destination

T = TypeVar("T")
R = TypeVar("R")

MAX_CHUNK = 16
AHEAD = 4
_SIGNALS = frozenset(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP")
                     if hasattr(signal, name))
_HEADER = struct.Struct("!Q")  # the length of the pickle that follows
_READ_SIZE = 1 << 18
_PIPE_SIZE = 1 << 20  # a JSON result is ~30 kB: a larger pipe means fewer wake-ups per chunk

_WORDS = {
    "sv": (("en arbetsprocess (pid {pid}) avslutades oväntat ({how}), kanske för att minnet tog "
            "slut; körningen avbröts och ingen rapport skrevs. Försök igen, eller med --jobs 1"),
           "dödad av {signal}", "slutstatus {code}"),
    "en": (("a worker process (pid {pid}) ended unexpectedly ({how}), perhaps out of memory; the "
            "run was stopped and no report was written. Try again, or with --jobs 1"),
           "killed by {signal}", "exit status {code}"),
}


class WorkerLost(Exception):
    """A worker ended before sending all its results: the run cannot be completed."""

    def __init__(self, pid: int, status: int | None) -> None:
        super().__init__(pid, status)
        self.pid, self.status = pid, status

    def shown(self, lang: str) -> str:
        words = _WORDS.get(lang, _WORDS["en"])
        status = self.status
        if status is not None and os.WIFSIGNALED(status):
            number = os.WTERMSIG(status)
            try:
                name = signal.Signals(number).name
            except ValueError:
                name = f"signal {number}"
            how = words[1].format(signal=name)
        else:
            code = os.WEXITSTATUS(status) if status is not None and os.WIFEXITED(status) else "?"
            how = words[2].format(code=code)
        return f"vardval check: {words[0].format(pid=self.pid, how=how)}"

    def __str__(self) -> str:
        return self.shown("en")


def cores() -> int:
    """The cores this process may run on (the default of ``--jobs``)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    return hasattr(os, "fork") and hasattr(signal, "pthread_sigmask")


def ordered(task: Callable[[T], R], items: Iterable[T], jobs: int) -> Generator[R, None, None]:
    """``task(item)`` for every item, in order, computed by ``jobs`` forked workers.

    Flush every buffered stream shared with the workers before the first item is asked for
    (a worker never writes to them, but a buffer copied into it is wasted memory). Close the
    iterator (or exhaust it) to stop the workers; an exception in the task is raised here.
    """
    pool = _Pool(task)
    with destination.terminations_unwind():  # also around ``stop``: what it held back is handled
        try:
            pool.start(jobs)
            order: deque[_Worker] = deque()  # the worker of each chunk in flight, in order
            for chunk in _chunks(items):
                worker = min(pool.workers, key=lambda w: w.in_flight)
                pool.send(worker, chunk)
                order.append(worker)
                while len(order) >= jobs * AHEAD:
                    yield from pool.receive(order.popleft())
            while order:
                yield from pool.receive(order.popleft())
        finally:
            pool.stop()


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


class _Raised:
    """What a worker sends back instead of results when its task raised anything at all."""

    def __init__(self, error: BaseException) -> None:
        self.error = error


class _Worker:
    """The parent's side of one worker: its pipes, what is still to be sent and received."""

    def __init__(self) -> None:
        self.pid = 0
        self.status: int | None = None  # set once reaped
        self.tasks = self.results = -1  # the parent's ends
        self.outbox = bytearray()
        self.inbox = bytearray()
        self.done: deque[Any] = deque()
        self.in_flight = 0

    def unpack(self) -> None:
        """Move every complete result from ``inbox`` to ``done``."""
        while len(self.inbox) >= _HEADER.size:
            (size,) = _HEADER.unpack_from(self.inbox)
            end = _HEADER.size + size
            if len(self.inbox) < end:
                return
            self.done.append(pickle.loads(self.inbox[_HEADER.size:end]))  # noqa: S301 - our child
            del self.inbox[:end]


class _Pool:
    def __init__(self, task: Callable[[Any], Any]) -> None:
        self.task = task
        self.workers: list[_Worker] = []
        self.selector: selectors.BaseSelector | None = None

    def start(self, jobs: int) -> None:
        for _ in range(jobs):
            self._fork()
        self.selector = selectors.DefaultSelector()
        for worker in self.workers:
            os.set_blocking(worker.tasks, False)
            self.selector.register(worker.results, selectors.EVENT_READ, worker)

    def _fork(self) -> None:
        worker = _Worker()
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
        try:
            self.workers.append(worker)  # from here on ``stop`` closes and reaps what it has
            tasks_read, worker.tasks = os.pipe()
            worker.results, results_write = os.pipe()
            _widen(worker.results)
            worker.pid = os.fork()
            if worker.pid == 0:
                _serve(self.task, tasks_read, results_write, blocked, self.workers)
            os.close(tasks_read)
            os.close(results_write)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)

    def send(self, worker: _Worker, chunk: list[Any]) -> None:
        data = pickle.dumps(chunk, pickle.HIGHEST_PROTOCOL)
        worker.outbox += _HEADER.pack(len(data)) + data
        worker.in_flight += 1
        assert self.selector is not None
        self.selector.register(worker.tasks, selectors.EVENT_WRITE, worker)
        self._pump(lambda: not worker.outbox)

    def receive(self, worker: _Worker) -> list[Any]:
        self._pump(lambda: bool(worker.done))
        worker.in_flight -= 1
        found = worker.done.popleft()
        if isinstance(found, _Raised):
            raise found.error
        return list(found)

    def _pump(self, until: Callable[[], bool]) -> None:
        """Write what waits to be sent and read what comes back until ``until()`` holds: the
        parent never blocks on one pipe while a worker waits on another."""
        assert self.selector is not None
        while not until():
            for key, _ in self.selector.select():
                worker: _Worker = key.data
                if key.fd == worker.results:
                    data = os.read(worker.results, _READ_SIZE)
                    if not data:
                        self._lost(worker)
                    worker.inbox += data
                    worker.unpack()
                    continue
                try:
                    written = os.write(worker.tasks, worker.outbox)
                except BrokenPipeError:
                    self._lost(worker)
                del worker.outbox[:written]
                if not worker.outbox:
                    self.selector.unregister(worker.tasks)

    def _lost(self, worker: _Worker) -> NoReturn:
        """A worker's results pipe closed: it died (a worker only ends when told to)."""
        with contextlib.suppress(ChildProcessError):
            _, worker.status = os.waitpid(worker.pid, 0)
        raise WorkerLost(worker.pid, worker.status)

    def stop(self) -> None:
        """Kill and reap every worker and close its pipes, uninterrupted by signals (they are
        handled, if they came, once this is done). Idle workers lose nothing by SIGKILL."""
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
        try:
            if self.selector is not None:
                self.selector.close()
            for worker in self.workers:
                if worker.pid > 0 and worker.status is None:
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(worker.pid, signal.SIGKILL)
                for fd in (worker.tasks, worker.results):
                    if fd >= 0:
                        with contextlib.suppress(OSError):
                            os.close(fd)
            for worker in self.workers:
                if worker.pid > 0 and worker.status is None:
                    with contextlib.suppress(ChildProcessError):
                        _, worker.status = os.waitpid(worker.pid, 0)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


def _widen(pipe: int) -> None:
    """Let ``pipe`` hold ``_PIPE_SIZE`` bytes where the system allows (Linux), else leave it."""
    setting = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl is not None else None
    if setting is not None:
        with contextlib.suppress(OSError):
            fcntl.fcntl(pipe, setting, _PIPE_SIZE)


def _serve(task: Callable[[Any], Any], tasks: int, results: int, blocked: set[int | signal.Signals],
           workers: list[_Worker]) -> NoReturn:
    """A worker's life: ignore Ctrl-C (the parent answers it), die on SIGTERM and SIGHUP, take
    chunks until the parent closes the pipe. It never returns into the parent's code: whatever
    happens, it ends with ``os._exit`` (no cleanup of the parent's, no flush of its streams)."""
    code = 1
    try:
        for signum in _SIGNALS:
            signal.signal(signum, signal.SIG_IGN if signum == signal.SIGINT else signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked - _SIGNALS)
        for other in workers:  # the parent's ends, so that each pipe closes when it should
            for fd in (other.tasks, other.results):
                if fd >= 0:
                    with contextlib.suppress(OSError):
                        os.close(fd)
        sys.stdout = sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
        with os.fdopen(tasks, "rb") as reader, os.fdopen(results, "wb") as writer:
            while (chunk := _read_frame(reader)) is not None:
                writer.write(_frame(_run(task, chunk)))
                writer.flush()
        code = 0
    finally:
        os._exit(code)


def _read_frame(reader: Any) -> Any:
    header = reader.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    (size,) = _HEADER.unpack(header)
    return pickle.loads(reader.read(size))  # noqa: S301 - from our parent


def _run(task: Callable[[Any], Any], chunk: list[Any]) -> list[Any] | _Raised:
    try:
        return [task(item) for item in chunk]
    except BaseException as exc:  # noqa: BLE001 - raised again in the parent, see _Raised
        return _Raised(exc)


def _frame(found: list[Any] | _Raised) -> bytes:
    try:
        data = pickle.dumps(found, pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # noqa: BLE001 - an error that cannot be pickled is still told
        error = found.error if isinstance(found, _Raised) else exc
        data = pickle.dumps(_Raised(RuntimeError(f"{type(error).__name__}: {error}")))
    return _HEADER.pack(len(data)) + data
