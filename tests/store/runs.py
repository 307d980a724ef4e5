"""Running ``vardval check --store`` as a separate process, and reading a store's contents."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select
from vardval.checker.cli import run
from vardval.checker.store import Store
from vardval.checker.store.schema import findings, submissions


def vardval(*argv: str) -> tuple[int, str, str]:
    """Run the CLI in-process: ``code, stdout, stderr = vardval("history", …)``."""
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def start_check(folder: Path, url: str, cache: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "VARDVAL_CACHE_DIR": str(cache)}
    return subprocess.Popen([sys.executable, "-m", "vardval", "check", str(folder), "--store",
                             url, "--format", "json"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def recorded(url: str) -> int:
    store = Store(url)
    try:
        with store.reading() as connection:
            return int(connection.execute(select(func.count())
                                          .select_from(submissions)).scalar_one())
    finally:
        store.close()


def findings_per_submission(url: str) -> dict[int, int]:
    """``{submission id: number of findings}``, submissions without findings included."""
    store = Store(url)
    try:
        with store.reading() as connection:
            ids = connection.execute(select(submissions.c.id)).scalars().all()
            counts = dict(connection.execute(select(findings.c.submission_id, func.count())
                                             .group_by(findings.c.submission_id)).all())
        return {i: int(counts.get(i, 0)) for i in ids}
    finally:
        store.close()
