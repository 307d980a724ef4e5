"""A real ``vardval serve`` for tests: uvicorn in a thread on a free 127.0.0.1 port, stopped
at the end, every wait bounded."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
from vardval.checker.service import ServiceConfig, bind, server_for

START_SECONDS = 30
ROOT = Path(__file__).resolve().parents[2]
SUBMISSIONS = ROOT / "fixtures" / "submissions"
BROKEN = ROOT / "fixtures" / "broken"


@dataclass
class Live:
    url: str
    config: ServiceConfig

    def client(self, **kwargs: object) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30, **kwargs)  # type: ignore[arg-type]


@contextlib.contextmanager
def running(config: ServiceConfig) -> Iterator[Live]:
    """The service for ``config``, listening until the block ends."""
    sock = bind("127.0.0.1", 0)
    port = sock.getsockname()[1]
    server = server_for(config, access_log=False)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + START_SECONDS
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            msg = "vardval serve did not start"
            raise RuntimeError(msg)
        time.sleep(0.02)
    try:
        yield Live(f"http://127.0.0.1:{port}", config)
    finally:
        server.should_exit = True
        thread.join(timeout=START_SECONDS)
        sock.close()
