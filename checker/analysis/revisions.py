"""A corpus named on the command line: a rules folder, or a git revision of one (``v2025``).

A revision is read with real git: ``git archive REV -- <rules folder>`` unpacked into a
temporary folder and read there like any folder, so the user's work tree and index are never
touched. ``REV:path`` names another folder of that revision.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from vardval.checker.analysis.refusals import Said
from vardval.checker.corpus import BUNDLED_RULES, RuleSet, read_ruleset
from vardval.checker.errors import RuleLoadError
from vardval.checker.program import load_ruleset
from vardval.dsl.errors import Diagnostic

_GIT_TIMEOUT = 60


@dataclass(frozen=True, slots=True)
class Corpus:
    """A checked corpus and how the user named it (a folder or ``rev:path``)."""

    label: str
    ruleset: RuleSet


def corpus_of(spec: str, rules: Path | None = None) -> Corpus:
    """The corpus ``spec`` names: an existing folder, else a revision of ``rules``'s repository."""
    folder = Path(spec)
    if folder.is_dir():
        return Corpus(spec, load_ruleset(folder))
    return revision(spec, rules)


def folder(rules: Path | None) -> Corpus:
    """The corpus of a folder (the bundled rules when None)."""
    directory = rules or BUNDLED_RULES
    return Corpus(str(rules) if rules else "rules/", load_ruleset(directory))


def revision(spec: str, rules: Path | None = None) -> Corpus:
    """``REV`` or ``REV:path`` of the git repository holding ``rules`` (or the working folder)."""
    rev, _, path = spec.partition(":")
    root, prefix = _repository(rules or BUNDLED_RULES)
    inside = path or prefix
    tar = _archive(root, rev, inside, spec)
    with tempfile.TemporaryDirectory(prefix="vardval-rev-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(tar)) as archive:
            archive.extractall(tmp, filter="data")
        ruleset = read_ruleset(Path(tmp) / inside)
    return Corpus(f"{rev}:{inside}", ruleset)


def has_history(folder: Path) -> bool:
    """Whether ``folder`` is inside a git work tree (a copy or an unpacked release is not)."""
    return folder.is_dir() and _git(folder, "rev-parse", "--is-inside-work-tree").returncode == 0


def _repository(rules: Path) -> tuple[Path, str]:
    """The repository's top folder and the rules folder inside it ("rules" outside a repository)."""
    found = _git(rules if rules.is_dir() else Path.cwd(), "rev-parse", "--show-toplevel")
    if found.returncode != 0:
        found = _git(Path.cwd(), "rev-parse", "--show-toplevel")
        if found.returncode != 0:
            raise _not_found("", Said("no-repository"), Said("no-repository-hint"))
        return Path(found.stdout.decode().strip()), "rules"
    root = Path(found.stdout.decode().strip())
    try:
        prefix = rules.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        prefix = "rules"
    return root, prefix


def _archive(root: Path, rev: str, inside: str, spec: str) -> bytes:
    if not rev or rev.startswith("-"):
        raise _not_found(spec, Said("no-folder-no-revision", (spec,)),
                         Said("no-folder-no-revision-hint"))
    known = _git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    if known.returncode != 0:
        raise _not_found(spec, Said("no-revision", (rev, str(root))), Said("no-revision-hint"))
    made = _git(root, "archive", "--format=tar", rev, "--", inside)
    if made.returncode != 0:
        raise _not_found(spec, Said("not-in-revision", (inside, rev)),
                         Said("not-in-revision-hint"))
    return made.stdout


def _git(where: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        # git from PATH as the user runs it; the arguments are ours or a revision name
        # checked by ``rev-parse --verify`` and put after ``--`` where it could be a path.
        return subprocess.run(["git", "-C", str(where), *args],  # noqa: S603, S607
                              capture_output=True, check=False, timeout=_GIT_TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise _not_found("", Said("no-git", (str(error),)), Said("no-git-hint")) from None


def _not_found(spec: str, message: Said, hint: Said) -> RuleLoadError:
    said = Said("located", (spec, message)) if spec else message
    return RuleLoadError([Diagnostic.worded("no-revision", said, None, hint)])
