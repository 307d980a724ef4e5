"""``-o FILE`` is atomic: an interrupted run leaves the old report and no temporary file."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import pytest
from reports_support import EXAMPLE, vardval
from vardval.checker.cli import check as cmd_check
from vardval.checker.report import FORMATS
from vardval.checker.report.outputs import Renderer, ReportView, atomic_output


def test_a_failure_mid_write_keeps_the_old_content(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    target.write_text("old report\n", encoding="utf-8")
    def write_half_then_fail() -> None:
        with atomic_output(target) as out:
            out.write("half a new rep")
            raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError, match="disk on fire"):
        write_half_then_fail()
    assert target.read_text(encoding="utf-8") == "old report\n"
    assert sorted(os.listdir(tmp_path)) == ["report.txt"]


def test_a_complete_write_replaces_and_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    with atomic_output(target) as out:
        out.write("new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(os.listdir(tmp_path)) == ["report.txt"]


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_an_interrupted_check_leaves_no_half_written_report(
        fmt: str, batch: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / f"report.{fmt}"
    target.write_text("previous run\n", encoding="utf-8")
    real, calls = cmd_check.check_intake, []

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(cmd_check, "check_intake", interrupted)
    code, _, err = vardval("check", str(batch), "--format", fmt, "-o", str(target))
    assert code == 130, err
    assert target.read_text(encoding="utf-8") == "previous run\n"
    assert sorted(os.listdir(tmp_path)) == ["batch", target.name]


def test_o_writes_the_same_report_as_stdout(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    code_file, out_file, _ = vardval("check", str(EXAMPLE), "-o", str(target))
    code_std, out_std, _ = vardval("check", str(EXAMPLE))
    assert (code_file, out_file) == (code_std, "")
    assert target.read_text(encoding="utf-8") == out_std


def test_every_format_is_a_renderer_named_as_registered() -> None:
    for name, fmt in FORMATS.items():
        assert isinstance(fmt.renderer(io.StringIO(), ReportView()), Renderer)
        assert fmt.name == name
        assert fmt.help
        assert "\n" not in fmt.help
