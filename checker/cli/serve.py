"""``vardval serve``: the HTTP API and web pages over the same corpus and store as the CLI.

The service's libraries (FastAPI, uvicorn) are imported only when this command runs, so
``vardval check`` never loads them. Listens on 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import argparse
import errno
import ipaddress
import socket
from pathlib import Path
from typing import Any, TextIO

from vardval.checker.cli import words
from vardval.checker.cli.exits import EXIT_OK, EXIT_USAGE
from vardval.checker.formatting import printable
from vardval.checker.reading import ReadRefused, read_bounded
from vardval.checker.submission import DEFAULT_MAX_BYTES
from vardval.checker.vocab import LANGS

_SECRET_BYTES = 65_536  # a signing key is some dozens of bytes


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = ("Serve API v1 (/openapi.json) and the web pages in Swedish (English "
                          "selectable). Users and tokens are kept in --store (see `vardval "
                          "users`).")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1, this machine only)")
    parser.add_argument("--port", type=_port, default=8080,
                        help="port to listen on, 0 to 65535 (0: any free port)")
    parser.add_argument("--rules", type=Path, default=None, help="rule corpus folder")
    parser.add_argument("--store", metavar="URL", default=None,
                        help="results store (SQLite file or postgresql:// URL): users, "
                        "tokens, recorded submissions, history")
    parser.add_argument("--lang", choices=LANGS, default="sv",
                        help="language of pages and problems unless a request asks otherwise")
    parser.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, metavar="N",
                        help="refuse bodies over N bytes before reading them")
    parser.add_argument("--public-check", action="store_true",
                        help="let anyone check a submission without a token (off by default)")
    parser.add_argument("--trust-proxy", action="append", default=[], metavar="ADDRESS",
                        type=_network, help="believe the identity header only from this "
                        "proxy address or network (repeatable)")
    parser.add_argument("--identity-header", default=None, metavar="NAME",
                        help="header a trusted proxy names its signed-in user in")
    parser.add_argument("--secret-file", type=Path, default=None,
                        help="file holding the key that signs session cookies (default: a new "
                        "key each start, which signs everyone out)")
    parser.add_argument("--no-access-log", action="store_true",
                        help="do not log each request (uvicorn's access log)")
    parser.add_argument("--secure-cookies", action="store_true",
                        help="send cookies over HTTPS only (behind a TLS proxy)")
    parser.set_defaults(handler=run)


def _network(text: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network:
    try:
        return ipaddress.ip_network(text, strict=False)
    except ValueError:
        raise words.WordedTypeError("network", text[:60]) from None


def _port(text: str) -> int:
    """``--port``: what ``bind`` accepts, so a port out of range is a usage error, not a crash."""
    if not (text.isascii() and text.isdigit() and len(text) <= 5 and int(text) <= 65535):
        raise words.WordedTypeError("port", text[:20])
    return int(text)


# Why an address cannot be listened on, in words (the system's own are English).
_LISTEN = {errno.EADDRINUSE: "address-in-use", errno.EADDRNOTAVAIL: "address-not-here",
           errno.EACCES: "address-denied", errno.EPERM: "address-denied"}


def _why_not(exc: OSError, lang: str) -> str:
    if isinstance(exc, socket.gaierror):
        return words.said("address-unknown", lang)
    code = _LISTEN.get(exc.errno or 0)
    return words.said(code, lang) if code else (exc.strerror or type(exc).__name__)


def run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from vardval.checker.service import (  # noqa: PLC0415 - only `serve` pays for the server
        DEFAULT_IDENTITY_HEADER,
        ServiceConfig,
        bind,
        serve,
        server_for,
    )

    settings: dict[str, Any] = {}
    if args.secret_file is not None:
        try:  # bounded, a regular file only: a FIFO or /dev/zero must not hang or eat memory
            raw = read_bounded(args.secret_file, _SECRET_BYTES)
            settings["secret"] = raw.decode("utf-8").strip()
        except (ReadRefused, UnicodeDecodeError) as exc:
            why = (exc.said.words(args.lang) if isinstance(exc, ReadRefused)
                   else words.said("secret-text", args.lang))
            shown = printable(str(args.secret_file))
            stderr.write(f"vardval serve: {words.said('secret-file', args.lang, shown, why)}\n")
            return EXIT_USAGE
    config = ServiceConfig(
        rules=args.rules, store=args.store, lang=args.lang, max_bytes=args.max_bytes,
        public_check=args.public_check, trusted_proxies=tuple(args.trust_proxy),
        identity_header=args.identity_header or DEFAULT_IDENTITY_HEADER,
        secure_cookies=args.secure_cookies, **settings)
    server = server_for(config, access_log=not args.no_access_log)  # the corpus is read here
    try:
        sock = bind(args.host, args.port)
    except OSError as exc:
        why = _why_not(exc, args.lang)
        stderr.write(f"vardval serve: "
                     f"{words.said('listen', args.lang, printable(args.host), args.port, why)}\n")
        return EXIT_USAGE
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    stdout.write(f"vardval serve: {words.said('serving', args.lang, shown, port)}\n")
    stdout.flush()
    serve(server, sock)
    return EXIT_OK
