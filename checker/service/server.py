"""Running the service under uvicorn: one process, loopback by default, graceful on SIGTERM.

uvicorn stops accepting on SIGTERM or SIGINT and lets requests already running finish (up to
``GRACE_SECONDS``) before the store is closed, so nothing accepted is lost.
"""

from __future__ import annotations

import signal
import socket
from typing import TYPE_CHECKING

import uvicorn
from vardval.checker.service.app import create_app

if TYPE_CHECKING:
    from vardval.checker.service.config import ServiceConfig

GRACE_SECONDS = 30


def bind(host: str, port: int) -> socket.socket:
    """A listening socket; port 0 picks a free one (``sock.getsockname()[1]`` says which)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(2048)
    return sock


def server_for(config: ServiceConfig, *, access_log: bool = True) -> uvicorn.Server:
    app = create_app(config)
    settings = uvicorn.Config(app, log_level="info", access_log=access_log,
                              timeout_graceful_shutdown=GRACE_SECONDS, server_header=False,
                              proxy_headers=False, lifespan="on")
    return uvicorn.Server(settings)


def serve(server: uvicorn.Server, sock: socket.socket) -> None:
    """Serve on ``sock`` until SIGTERM (then return) or SIGINT (``KeyboardInterrupt``).

    uvicorn re-raises the signal that stopped it once it has finished; SIGTERM is then caught
    here, so a service stopped as asked exits 0.
    """
    previous = signal.signal(signal.SIGTERM, lambda *_: None)
    try:
        server.run(sockets=[sock])
    finally:
        signal.signal(signal.SIGTERM, previous)
        sock.close()
