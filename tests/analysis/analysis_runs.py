"""The in-process CLI runner of ``tests/cli_runs.py`` for the analysis tests.

A module of its own rather than a ``conftest.py``: two conftest modules outside packages clash
by name when pytest collects their folders together (``tests/store`` has one).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cli_runs import vardval  # found through the path entry above

__all__ = ["vardval"]
