"""The spreadsheet tests share the in-process CLI runner of the hostile tests (tests/cli_runs.py)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
