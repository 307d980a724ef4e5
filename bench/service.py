"""Load on ``vardval serve``: ``python bench/service.py [--n N]``; ``section()`` for run.py.

On the loopback address only, bounded in count and time:

(a) 50 concurrent clients post N checks (``POST /v1/check``) of synthetic submissions: errors,
    p50/p99 latency, throughput, and the server's memory (RSS) after each tenth of the run;
(b) with a store, N/10 distinct submissions posted to ``POST /v1/submissions``: every one
    answered 201 is recorded, exactly once (the store's rows are counted);
(c) SIGTERM while 50 submissions are in flight: the server finishes them and exits 0, and
    every submission answered 201 is in the store.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import Generator, yaml_text
from vardval.checker import load_ruleset

CLIENTS = 50
DISTINCT = 300  # bodies generated; (a) cycles through them
DEADLINE_SECONDS = 900  # a run stops by itself after this, whatever N
YAML = {"content-type": "application/yaml"}


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    rss: list[int] = field(default_factory=list)


class Server:
    """``vardval serve`` in a subprocess on a free loopback port."""

    def __init__(self, *options: str) -> None:
        command = [sys.executable, "-m", "vardval", "serve", "--port", "0", "--public-check",
                   "--no-access-log", *options]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, text=True)
        assert self.process.stdout is not None
        line = self.process.stdout.readline()  # "vardval serve: http://127.0.0.1:PORT/ …"
        self.url = line.split()[2].rstrip("/")
        # anything more it prints is read and dropped, so a full pipe never stalls it
        threading.Thread(target=self.process.stdout.read, daemon=True).start()
        self._wait_ready()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "/healthz", timeout=5).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.1)
        msg = "vardval serve did not answer"
        raise RuntimeError(msg)

    def rss_kib(self) -> int:
        status = Path(f"/proc/{self.process.pid}/status").read_text(encoding="ascii")
        return int(next(line.split()[1] for line in status.splitlines()
                        if line.startswith("VmRSS:")))

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=60)


def bodies(count: int) -> list[bytes]:
    generator = Generator(load_ruleset())
    return [yaml_text(d).encode() for d in generator.submissions(count)]


async def load(url: str, path: str, payloads: Sequence[bytes], total: int,
               server: Server | None = None, headers: dict[str, str] | None = None,
               answered: asyncio.Event | None = None) -> Tally:
    """``total`` posts by CLIENTS concurrent clients, payloads taken in turn; ``answered`` is
    set at the first answer."""
    tally, sent = Tally(), iter(range(total))
    step = max(1, total // 10)
    stop_at = time.monotonic() + DEADLINE_SECONDS

    async def client() -> None:
        async with httpx.AsyncClient(base_url=url, timeout=120,
                                     headers={**YAML, **(headers or {})}) as http:
            for index in sent:
                if time.monotonic() > stop_at:
                    return
                started = time.perf_counter()
                try:
                    answer = await http.post(path, content=payloads[index % len(payloads)])
                except httpx.HTTPError as exc:
                    tally.errors.append(type(exc).__name__)
                    continue
                tally.latencies.append(time.perf_counter() - started)
                if answered is not None:
                    answered.set()
                tally.statuses[answer.status_code] = tally.statuses.get(answer.status_code,
                                                                        0) + 1
                if server is not None and index % step == 0:
                    tally.rss.append(server.rss_kib())

    await asyncio.gather(*(client() for _ in range(CLIENTS)))
    return tally


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def measure_checks(n: int, payloads: list[bytes]) -> dict[str, object]:
    server = Server()
    try:
        asyncio.run(load(server.url, "/v1/check", payloads, CLIENTS * 2))  # warm-up
        started = time.perf_counter()
        tally = asyncio.run(load(server.url, "/v1/check", payloads, n, server))
        elapsed = time.perf_counter() - started
    finally:
        code = server.stop()
    bad = sum(v for k, v in tally.statuses.items() if k not in (200, 422))
    return {"n": len(tally.latencies), "errors": len(tally.errors) + bad,
            "p50": _pct(tally.latencies, 0.5), "p99": _pct(tally.latencies, 0.99),
            "mean": statistics.fmean(tally.latencies) * 1000, "rate": n / elapsed,
            "rss": tally.rss, "exit": code, "statuses": tally.statuses}


def _user(store: Path) -> str:
    out = subprocess.run([sys.executable, "-m", "vardval", "users", "add", "bench",
                          "--role", "admin", "--store", str(store)],
                         capture_output=True, text=True, check=True).stdout
    return out.strip()


def _unique(payloads: list[bytes], count: int) -> list[bytes]:
    """``count`` distinct bodies: the same submissions, each with its own closing comment."""
    return [payloads[i % len(payloads)] + f"\n# bench {i}\n".encode() for i in range(count)]


def _rows(store: Path) -> tuple[int, int]:
    with sqlite3.connect(store) as db:
        rows, distinct = db.execute("SELECT count(*), count(DISTINCT sha256) FROM "
                                    "submissions").fetchone()
    return int(rows), int(distinct)


def measure_store(n: int, payloads: list[bytes], folder: Path) -> dict[str, object]:
    store = folder / "bench.db"
    token = _user(store)
    auth = {"authorization": f"Bearer {token}"}
    unique = _unique(payloads, n)
    server = Server("--store", str(store))
    try:
        started = time.perf_counter()
        tally = asyncio.run(load(server.url, "/v1/submissions", unique, n, headers=auth))
        elapsed = time.perf_counter() - started
    finally:
        server.stop()
    rows, distinct = _rows(store)
    return {"n": n, "accepted": tally.statuses.get(201, 0), "rows": rows,
            "distinct": distinct, "errors": len(tally.errors), "rate": n / elapsed,
            "p50": _pct(tally.latencies, 0.5), "p99": _pct(tally.latencies, 0.99)}


def measure_sigterm(payloads: list[bytes], folder: Path) -> dict[str, object]:
    """SIGTERM at the first answer, the other submissions in flight; what was answered 201 is
    stored, and nothing else."""
    store = folder / "sigterm.db"
    auth = {"authorization": f"Bearer {_user(store)}"}
    unique = _unique(payloads, CLIENTS)
    server = Server("--store", str(store))

    async def run() -> Tally:
        answered = asyncio.Event()
        task = asyncio.create_task(load(server.url, "/v1/submissions", unique, CLIENTS,
                                        headers=auth, answered=answered))
        await asyncio.wait_for(answered.wait(), timeout=120)
        server.process.send_signal(signal.SIGTERM)
        return await task

    tally = asyncio.run(run())
    code = server.process.wait(timeout=60)
    rows, _ = _rows(store)
    return {"accepted": tally.statuses.get(201, 0), "rows": rows, "exit": code,
            "refused": len(tally.errors)}


def section(n: int = 10_000) -> str:
    """The Markdown section for docs/benchmarks.md."""
    payloads = bodies(DISTINCT)
    checks = measure_checks(n, payloads)
    with tempfile.TemporaryDirectory(prefix="vardval-bench-serve-") as tmp:
        stored = measure_store(max(CLIENTS, n // 10), payloads, Path(tmp))
        term = measure_sigterm(payloads, Path(tmp))
    rss = checks["rss"]
    assert isinstance(rss, list)
    rows = [
        (f"{checks['n']:,} checks, {CLIENTS} clients", f"{checks['errors']} errors",
         "target 0: " + ("met" if checks["errors"] == 0 else "NOT met")),
        ("latency p50 / p99", f"{checks['p50']:.0f} / {checks['p99']:.0f} ms",
         f"mean {checks['mean']:.0f} ms, one server process"),
        ("throughput", f"{checks['rate']:,.0f} checks/s", "POST /v1/check, loopback"),
        ("server RSS, first → last tenth", f"{rss[0] / 1024:.0f} → {rss[-1] / 1024:.0f} MiB",
         "flat: " + ("met" if rss[-1] <= 1.25 * rss[0] else "NOT met")),
        (f"{stored['n']:,} distinct submissions recorded",
         (f"{stored['accepted']} answered 201, {stored['rows']} rows, {stored['distinct']} "
         "distinct"), "exactly once: " + ("met" if stored["accepted"] == stored["rows"]
                                        == stored["distinct"] == stored["n"] else "NOT met")),
        ("recording p50 / p99, throughput",
         f"{stored['p50']:.0f} / {stored['p99']:.0f} ms, {stored['rate']:,.0f}/s",
         "SQLite store, one transaction each"),
        (f"SIGTERM at the first of {CLIENTS} concurrent submissions",
         f"{term['accepted']} answered 201, {term['rows']} rows, exit {term['exit']}",
         f"{term['refused']} not accepted (connection closed or refused); nothing lost: "
         + ("met" if term["accepted"] == term["rows"] and term["exit"] == 0 else "NOT met")),
    ]
    lines = ["## Service (`vardval serve`)", "",
             (f"`python bench/service.py --n {n}`: one `vardval serve` process on 127.0.0.1, "
             f"{CLIENTS} concurrent HTTP clients (httpx), {DISTINCT} distinct synthetic "
             "submissions taken in turn. 422 answers (a drawn submission that is invalid) "
             "count as answered, not as errors."), "",
             "| measure | value | target / note |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="checks to post")
    args = parser.parse_args(argv)
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    print(section(args.n))
    return 0


if __name__ == "__main__":
    sys.exit(main())
