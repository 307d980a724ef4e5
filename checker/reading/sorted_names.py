"""A folder's names in sorted order without holding all of them: an external merge sort.

A folder of 100,000 submissions has 100,000 names; sorting them in memory (``sorted(listdir)``)
keeps every one of them, and the memory of a run would grow with the folder. Here at most
``CHUNK`` names are in memory: each full chunk is sorted and spilled to an anonymous temporary
file (deleted by the system when closed, even if the process is killed), and the sorted runs are
merged lazily (``heapq.merge``). A folder of at most ``CHUNK`` names never touches the disk.
Names are compared as ``str``, exactly as ``sorted(os.listdir(folder))`` compares them, so the
order is the same as before; they are spilled as bytes (``surrogateescape`` keeps names that
are not UTF-8), separated by NUL, which no file name contains.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator
from typing import IO

CHUNK = 4096  # names held at once: about 0.3 MiB of typical names
MAX_RUNS = 64  # spilled runs merged at once; more are first merged into one (open files)
_READ = 1 << 12  # bytes of a run read at once: a few hundred names, however long the run


def sorted_names(names: Iterable[str], chunk: int | None = None) -> Iterator[str]:
    """``names`` in sorted order, holding at most about ``chunk`` (default ``CHUNK``) of them in
    memory.

    Example:
        >>> list(sorted_names(["b.yaml", "c.yaml", "a.yaml", "d.json"], chunk=2))
        ['a.yaml', 'b.yaml', 'c.yaml', 'd.json']
    """
    chunk = chunk or CHUNK
    runs: list[IO[bytes]] = []
    try:
        batch: list[str] = []
        for name in names:
            batch.append(name)
            if len(batch) >= chunk:
                runs.append(_spill(sorted(batch)))
                batch = []
                if len(runs) >= MAX_RUNS:
                    runs = [_merged_into_one(runs)]
        batch.sort()
        if not runs:
            yield from batch
            return
        runs.append(_spill(batch))
        del batch
        yield from heapq.merge(*(_read(run) for run in runs))
    finally:
        for run in runs:
            run.close()


def _merged_into_one(runs: list[IO[bytes]]) -> IO[bytes]:
    try:
        return _spill(heapq.merge(*(_read(run) for run in runs)))
    finally:
        for run in runs:
            run.close()


def _spill(names: Iterable[str]) -> IO[bytes]:
    import tempfile  # noqa: PLC0415 - only for a folder of more than a chunk of names

    run = tempfile.TemporaryFile()  # noqa: SIM115 - closed by sorted_names
    for name in names:
        run.write(name.encode("utf-8", "surrogateescape") + b"\0")
    run.flush()
    return run


def _read(run: IO[bytes]) -> Iterator[str]:
    run.seek(0)
    rest = b""
    while block := run.read(_READ):
        *names, rest = (rest + block).split(b"\0")
        for name in names:
            yield name.decode("utf-8", "surrogateescape")
