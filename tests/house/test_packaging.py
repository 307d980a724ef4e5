"""The wheel holds every part: built, installed into a fresh venv outside the checkout, and run.

setuptools' ``packages`` is an explicit list, and a subpackage left out of it is left out of the
wheel without a word while the editable install and the rest of the suite keep working. So the
list is compared with the folders, and a real wheel is installed and its commands run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = CONFIG["tool"]["setuptools"]
DATA_SUFFIXES = {".yaml", ".json", ".lark", ".css", ".js", ".html"}


def _folders(suffixes: set[str]) -> set[str]:
    """Dotted names, as installed, of every folder holding files with these suffixes (and of
    the folders above it, up to the mapped package)."""
    names = set()
    for dotted, folder in SETUPTOOLS["package-dir"].items():
        for path in (ROOT / folder).rglob("*"):
            if "__pycache__" in path.parts or not path.is_file() or path.suffix not in suffixes:
                continue
            relative = path.parent.relative_to(ROOT / folder).parts
            names.update(".".join((dotted, *relative[:i])) for i in range(len(relative) + 1))
    return names


def test_every_folder_of_python_code_is_a_listed_package() -> None:
    missing = _folders({".py"}) - set(SETUPTOOLS["packages"])
    assert missing == set(), "add these to [tool.setuptools] packages in pyproject.toml"


def test_every_folder_of_data_is_a_listed_package() -> None:
    """A data folder left out still ships (package-data), but pip warns about it on every
    install; rules/decisions/ was one."""
    missing = _folders(DATA_SUFFIXES) - set(SETUPTOOLS["packages"])
    assert missing == set(), "add these to [tool.setuptools] packages in pyproject.toml"


def test_every_listed_package_holds_code_or_data() -> None:
    empty = set(SETUPTOOLS["packages"]) - _folders({".py"} | DATA_SUFFIXES)
    assert empty == set(), "these are listed in pyproject.toml but hold nothing"


def _data_files() -> set[str]:
    """Every data file the wheel must carry, by its installed path."""
    out = set()
    for dotted, folder in SETUPTOOLS["package-dir"].items():
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and path.suffix in DATA_SUFFIXES and "__pycache__" not in path.parts:
                out.add("/".join((*dotted.split("."), *path.relative_to(ROOT / folder).parts)))
    return out


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv, outside the checkout, with the built wheel installed (dependencies come
    from the running interpreter's site-packages, so the test needs no network for them)."""
    base = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(base / "dist"),
         str(ROOT)], capture_output=True, text=True, check=False)
    assert built.returncode == 0, built.stderr
    # A rule author's new data folder (rules/regions/<region>/) may draw setuptools' note
    # that it is not listed; its files still ship (checked below). A Python package may not.
    assert "Warning" not in built.stderr or all(
        name in {*_folders(DATA_SUFFIXES)} - _folders({".py"})
        for name in re.findall(r"Package '([^']+)' is absent", built.stderr)), built.stderr
    env_dir = base / "venv"
    venv.create(env_dir, with_pip=False)
    site = next((env_dir / "lib").glob("python3*/site-packages"))
    here = [p for p in sys.path if p.endswith("site-packages")]
    (site / "deps.pth").write_text("\n".join(here) + "\n", encoding="utf-8")
    wheel = next((base / "dist").glob("vardval-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        assert _data_files() - set(archive.namelist()) == set(), "data files left out"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(site),
         str(wheel)], capture_output=True, text=True, check=False)
    assert install.returncode == 0, install.stderr
    work = base / "work"
    shutil.copytree(ROOT / "fixtures", work / "fixtures")
    return env_dir


def _run(env_dir: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    python = env_dir / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["VARDVAL_NO_CACHE"] = "1"
    return subprocess.run([str(python), *argv], cwd=env_dir.parent / "work", env=env,
                          capture_output=True, text=True, check=False, timeout=120)


def test_the_installed_wheel_is_the_one_imported(installed: Path) -> None:
    done = _run(installed, "-c", "import vardval.checker, vardval.rules; "
                "print(vardval.checker.__file__); print(vardval.rules.__file__)")
    assert done.returncode == 0, done.stderr
    assert all(str(installed) in line for line in done.stdout.splitlines()), done.stdout


@pytest.mark.parametrize(("argv", "codes"), [
    (("check", "fixtures/submissions/"), (1,)),
    (("check", "fixtures/submissions/halland-2018-Q2.yaml", "--format", "html", "-o",
      "report.html"), (0, 1)),
    (("lint",), (0,)),
    (("test",), (0,)),
    (("explain", "VG-KONTAKT", "fixtures/submissions/halland-2018-Q2.yaml"), (0,)),
    (("docs", "--out", "site-md"), (0,)),
    (("schema",), (0,)),
    (("--version",), (0,)),
])
def test_every_command_runs_from_the_wheel(installed: Path, argv: tuple[str, ...],
                                           codes: tuple[int, ...]) -> None:
    done = _run(installed, "-m", "vardval", *argv)
    assert done.returncode in codes, done.stdout[-2000:] + done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    assert done.stdout or (installed.parent / "work" / "report.html").is_file()
