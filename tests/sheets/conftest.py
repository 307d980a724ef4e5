"""The spreadsheet tests share the hostile tests' in-process CLI runner (tests/cli_runs.py)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
