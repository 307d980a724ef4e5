"""The whole suite runs with a home folder of its own, made fresh and removed at the end.

Tests must never write to the user's home: the load cache and its key (``~/.cache/vardval``),
Chromium's profile leftovers and crash reports (``~/.config/chromium``), GLib's settings cache
(``~/.cache/dconf``) all follow ``HOME`` and the XDG folders, so these point into a temporary
folder for every test and every process a test starts. A test that needs another home sets
its own (``monkeypatch``), as the no-home and cache-location tests do.
"""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

_HOME_VARIABLES = {"HOME": "", "XDG_CACHE_HOME": ".cache", "XDG_CONFIG_HOME": ".config",
                   "XDG_DATA_HOME": ".local/share", "XDG_STATE_HOME": ".local/state"}
_saved: dict[str, str | None] = {}
_home: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    del config
    home = tempfile.mkdtemp(prefix="vardval-test-home-")
    _home.append(home)
    for name, below in _HOME_VARIABLES.items():
        _saved[name] = os.environ.get(name)
        os.environ[name] = os.path.join(home, below) if below else home


def pytest_unconfigure(config: pytest.Config) -> None:
    del config
    for name, value in _saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    for home in _home:
        shutil.rmtree(home, ignore_errors=True)
