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


def follow(copy: Path, **extra: str) -> None:
    """Do every step of the page in ``copy``, a copy of the project, checking each as it goes
    (``extra``: more environment for the commands)."""
    env = {**os.environ, **extra,
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    output = ""
    for kind, arg, body in steps(PAGE.read_text(encoding="utf-8")):
        if kind == "file":
            target = copy / arg
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(body + "\n", encoding="utf-8")
        elif kind == "run":
            done = subprocess.run(["bash", "-c", body], cwd=copy, env=env, text=True,
                                  capture_output=True, timeout=120, check=False)
            output = done.stdout
            assert f"exit {done.returncode}" == arg, (body, done.stdout[-3000:], done.stderr)
        else:
            lines = [squeeze(line) for line in output.splitlines()]
            for expected in body.splitlines():
                assert any(squeeze(expected) in line for line in lines), (expected, output)


def copy_of_project(target: Path, folders: tuple[str, ...]) -> Path:
    for folder in folders:
        shutil.copytree(ROOT / folder, target / folder,
                        ignore=shutil.ignore_patterns("generated", "__pycache__"))
    return target


def test_every_step_of_the_walkthrough_works(tmp_path: Path) -> None:
    follow(copy_of_project(tmp_path, ("rules", "fixtures", "docs")))
    page = (tmp_path / "docs" / "generated" / "rules" / "got-vantetidsdata.md").read_text()
    assert "[HSL 9 kap. 3 §](https://lagen.nu/2017:30#K9P3)" in page
    assert page.count("Case `fixtures/cases/gotland-vantetider.yaml:") == 5


# The tests that read the live rules, cases and docs: those a new rule could turn red.
CORPUS_TESTS = ("tests/checker/test_cases.py", "tests/reports/test_text.py",
                "tests/docs/test_docgen.py", "tests/docs/test_committed_docs.py",
                "tests/reports/test_html.py", "tests/reports/test_junit.py")


def test_the_guides_example_leaves_the_project_tests_green(tmp_path: Path) -> None:
    """The page ends with "run make test": in a copy with the guide's rule added, the tests
    that read the rule corpus pass, importing vardval (and its bundled rules) from the copy."""
    copy = copy_of_project(tmp_path / "project",
                           ("rules", "fixtures", "docs", "tests", "checker", "dsl", "entry"))
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    package = tmp_path / "path" / "vardval"  # the installed layout, made of links into the copy
    package.mkdir(parents=True)
    for name in ("__init__.py", "__main__.py"):
        (package / name).symlink_to(copy / "entry" / name)
    for name in ("dsl", "checker", "rules"):
        (package / name).symlink_to(copy / name, target_is_directory=True)
    extra = {"PYTHONPATH": str(package.parent), "VARDVAL_CACHE_DIR": str(tmp_path / "cache")}
    follow(copy, **extra)  # as in a clone: `vardval` runs the copy's code and bundled rules
    env = {**os.environ, **extra}
    where = "import vardval.rules; print(vardval.rules.__file__)"
    probe = subprocess.run([sys.executable, "-c", where], env=env, capture_output=True,
                           text=True, check=True)
    assert probe.stdout.startswith(str(package)), probe.stdout
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "--basetemp", str(tmp_path / "pt"), *CORPUS_TESTS], cwd=copy, env=env,
                          capture_output=True, text=True, timeout=900, check=False)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
