"""Service fixtures: a live server over the bundled rules, with and without a store."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.append(str(Path(__file__).resolve().parent))
from service_support import Live, running
from vardval.checker.service import ServiceConfig


@pytest.fixture(scope="module")
def public() -> Iterator[Live]:
    """The service with the public self-check on and no store."""
    with running(ServiceConfig(public_check=True, max_bytes=200_000)) as live:
        yield live
