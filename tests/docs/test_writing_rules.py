"""The walkthrough in docs/writing-rules.md works as written, on a copy of the project.

The page marks its steps for this test with HTML comments (invisible on the site):
``<!-- file: PATH -->`` before a code block to write, ``<!-- run: exit N -->`` before a shell
command and its exit status, ``<!-- output -->`` before lines its output must contain (spaces
collapsed, since table widths follow the longest rule id).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "writing-rules.md"
_STEP = re.compile(r"<!-- (file|run|output)(?:: ([^>]*?))? -->\n(`{3,})[a-z]*\n(.*?)\n\3",
                   re.DOTALL)


def steps(text: str) -> list[tuple[str, str, str]]:
    return [(kind, arg, body) for kind, arg, _, body in _STEP.findall(text)]


def squeeze(text: str) -> str:
    return " ".join(text.split())


def test_the_page_marks_its_steps() -> None:
    found = steps(PAGE.read_text(encoding="utf-8"))
    kinds = [kind for kind, _, _ in found]
    assert kinds.count("file") >= 4
    assert kinds.count("run") >= 4
    assert kinds.count("output") >= 3
    marked = re.findall(r"<!-- (?:file|run|output)\b", PAGE.read_text(encoding="utf-8"))
    assert len(marked) == len(found), "a step marker is not followed by a code block"


def test_every_step_of_the_walkthrough_works(tmp_path: Path) -> None:
    for folder in ("rules", "fixtures", "docs"):
        shutil.copytree(ROOT / folder, tmp_path / folder,
                        ignore=shutil.ignore_patterns("generated", "__pycache__"))
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    output = ""
    for kind, arg, body in steps(PAGE.read_text(encoding="utf-8")):
        if kind == "file":
            target = tmp_path / arg
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(body + "\n", encoding="utf-8")
        elif kind == "run":
            done = subprocess.run(["bash", "-c", body], cwd=tmp_path, env=env, text=True,
                                  capture_output=True, timeout=120, check=False)
            output = done.stdout
            assert f"exit {done.returncode}" == arg, (body, done.stdout[-3000:], done.stderr)
        else:
            lines = [squeeze(line) for line in output.splitlines()]
            for expected in body.splitlines():
                assert any(squeeze(expected) in line for line in lines), (expected, output)
    page = (tmp_path / "docs" / "generated" / "rules" / "got-vantetidsdata.md").read_text()
    assert "[HSL 9 kap. 3 §](https://lagen.nu/2017:30#K9P3)" in page
    assert page.count("Case `fixtures/cases/gotland-vantetider.yaml:") == 5
