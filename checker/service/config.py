"""What ``vardval serve`` was started with: the corpus, the store and who may do what.

One frozen value built by the CLI and handed to ``app.create_app``; nothing is read from the
environment behind the operator's back.
"""

from __future__ import annotations

import ipaddress
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from vardval.checker.submission import DEFAULT_MAX_BYTES

#: the header a reverse proxy that did the region's single sign-on names its user in
DEFAULT_IDENTITY_HEADER = "X-Vardval-User"


@dataclass(frozen=True)
class ServiceConfig:
    """The service's settings; ``secret`` signs the session cookies of the web pages."""

    rules: Path | None = None
    store: str | None = None
    lang: str = "sv"
    max_bytes: int = DEFAULT_MAX_BYTES
    #: the page and API that check without a token (off unless the operator turns it on)
    public_check: bool = False
    #: addresses whose identity header is believed; empty: the header is ignored
    trusted_proxies: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()
    identity_header: str = DEFAULT_IDENTITY_HEADER
    secret: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    #: cookies only over HTTPS; off for plain http://127.0.0.1 in development and tests
    secure_cookies: bool = False

    def trusts(self, address: str | None) -> bool:
        """Whether ``address`` (the peer of the connection) is a configured proxy."""
        if address is None:
            return False
        try:
            peer = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(peer in network for network in self.trusted_proxies)
