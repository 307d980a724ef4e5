"""``vardval serve``: the HTTP API and web pages over the same corpus and store as the CLI.

The service's libraries (FastAPI, uvicorn) are imported only when this command runs, so
``vardval check`` never loads them. Listens on 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import argparse
import ipaddress
from pathlib import Path
from typing import Any, TextIO

from vardval.checker.cli.exits import EXIT_OK, EXIT_USAGE
from vardval.checker.submission import DEFAULT_MAX_BYTES
from vardval.checker.vocab import LANGS


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = ("Serve API v1 (/openapi.json) and the web pages in Swedish (English "
                          "selectable). Users and tokens are kept in --store (see `vardval "
                          "users`).")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1, this machine only)")
    parser.add_argument("--port", type=int, default=8080)
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
        msg = f"expected an IP address or network, e.g. 10.0.0.5 or 10.0.0.0/24; not '{text}'"
        raise argparse.ArgumentTypeError(msg) from None


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
        try:
            settings["secret"] = args.secret_file.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            stderr.write(f"vardval serve: --secret-file {args.secret_file}: {exc}\n")
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
        stderr.write(f"vardval serve: cannot listen on {args.host}:{args.port}: "
                     f"{exc.strerror}\n")
        return EXIT_USAGE
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    stdout.write(f"vardval serve: http://{shown}:{port}/ (Ctrl-C stops)\n")
    stdout.flush()
    serve(server, sock)
    return EXIT_OK
