"""Rule test cases: a base submission, changes to it, and the status one rule must give.

A case file (``fixtures/cases/*.yaml``) names a base submission, relative to the case file, and
its cases::

    base: bases/kronoberg-privat-tak-2025-Q1.yaml
    cases:
      - name: A clinic whose listed patients all got contact the same day passes.
        rule: VG-KONTAKT
        set: {accessibility.contacts.listed_same_day: 10300}
        remove: [accessibility.assessments]
        expect: pass            # pass | fail | not_applicable | indeterminate
        boundary: true          # the case sits exactly at a limit of the rule

``set`` is applied first (missing mappings on the way are created), then ``remove``. The
changed submission must still be valid; a case whose changes break the format fails and says
why. Everything here is a pure function of its inputs; ``cmd_test`` prints and sets the exit
code. Case files are read by ``case_model`` (without marks or pydantic where they have no
problem); ``case_store`` keeps what a run loaded, so the next run need not read them (issue 21).
"""

from __future__ import annotations

import copy
import json
import pickle
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from vardval.checker.authoring.words import LintSaid
from vardval.checker.engine import Finding, check_intake
from vardval.checker.reading import Refused
from vardval.checker.submission import Intake, load_submission_text
from vardval.checker.vocab import STATUSES
from vardval.dsl import nodes, walk
from vardval.dsl.errors import Diagnostic, VardvalError
from vardval.dsl.spans import Span

if TYPE_CHECKING:
    from pathlib import Path

    from vardval.checker.corpus import RuleSet
    from vardval.dsl.reasons import Reason

ORDERING = frozenset({"<", "<=", ">", ">="})


class CaseFileError(VardvalError):
    """A case file is unreadable or malformed, or names an unknown rule or a bad base."""


@dataclass(frozen=True)
class Case:
    """One case, with the file and line where it is written."""

    name: str
    rule: str
    set: tuple[tuple[str, Any], ...]
    remove: tuple[str, ...]
    expect: str
    boundary: bool
    file: str
    line: int
    #: the changed submission's ``Intake``, pickled, as the store of loaded case files kept it
    #: (``case_store``): a run reads it instead of validating the submission again; ``NOT_KEPT``
    #: when it was validated and cannot be kept, None when not yet validated. Left out of
    #: comparisons: it follows from the fields above.
    kept: bytes | None = field(default=None, compare=False, repr=False)

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class CaseFile:
    """A loaded case file: its base submission's data and its cases."""

    file: str
    base: str
    base_data: dict[str, Any]
    cases: tuple[Case, ...]


@dataclass(frozen=True)
class Outcome:
    """What running a case gave: the rule's status and finding, or why it could not run."""

    case: Case
    actual: str | None
    finding: Finding | None = None
    problems: tuple[str, ...] = ()
    #: the ``problems`` worded in each language (``problems`` holds their English)
    said: tuple[Reason, ...] = ()

    @classmethod
    def refused(cls, case: Case, said: tuple[Reason, ...]) -> Outcome:
        """A case that could not run, for the reasons ``said``."""
        return cls(case, None, problems=tuple(s.words("en") for s in said), said=said)

    @property
    def ok(self) -> bool:
        return not self.problems and self.actual == self.case.expect

    def problem_words(self, lang: str) -> tuple[str, ...]:
        """Why the case could not run, in ``lang``."""
        return tuple(s.words(lang) for s in self.said) if self.said else self.problems


@dataclass(frozen=True)
class Coverage:
    """How well one rule is tested by the cases that ran as expected."""

    rule: str
    counts: dict[str, int]
    boundary: int
    needs_boundary: bool

    @property
    def gaps(self) -> tuple[str, ...]:
        """What the rule still lacks: a passing case, a failing case, a boundary case."""
        missing = [f"a {label} case" for status, label in (("pass", "passing"),
                                                           ("fail", "failing"))
                   if not self.counts[status]]
        if self.needs_boundary and not self.boundary:
            missing.append("a boundary case (it compares with <, <=, > or >=)")
        return tuple(missing)


# --- loading ---------------------------------------------------------------------------------


def case_files(directory: Path) -> list[Path]:
    """The case files of a folder: its ``*.yaml`` files (bases live in a subfolder)."""
    return sorted(p for p in directory.glob("*.y*ml") if p.is_file())


# ``Case.kept`` of a case whose changed submission was validated and is not kept: it cannot
# run (its changes do not fit the base, or the result is not valid), so each run tells why.
NOT_KEPT = b""


def load_case_files(directory: Path, rule_ids: set[str],
                    wanted: frozenset[str] | None = None) -> list[CaseFile]:
    """Load every case file of ``directory``; all problems of all files in one error.

    ``wanted``: the rules whose cases will run (None: all), whose changed submissions the
    store of loaded case files keeps now; the others' are kept when they first run.
    """
    paths = case_files(directory)
    if not paths:
        code = ("no-cases" if directory.is_dir() else
                "cases-not-folder" if directory.exists() else "no-cases-folder")
        span = Span(str(directory), 1, 1, 1, 2)
        raise CaseFileError([Diagnostic.worded("no-cases", LintSaid(code, (str(directory),)),
                                               span, LintSaid("hint-cases"))])
    from vardval.checker.authoring import case_store  # noqa: PLC0415 - it imports this module

    return case_store.load(paths, directory, rule_ids, every=True, wanted=wanted)


def load_named_case_files(paths: list[Path], rule_ids: set[str],
                          wanted: frozenset[str] | None = None) -> list[CaseFile]:
    """Load the case files named, in order; the first with a problem raises its error.
    ``wanted`` as for ``load_case_files``."""
    from vardval.checker.authoring import case_store  # noqa: PLC0415 - see load_case_files

    return case_store.load(paths, None, rule_ids, every=False, wanted=wanted)


def load_case_file(path: Path, rule_ids: set[str], text: str | None = None) -> CaseFile:
    """Load one case file (or an editor's unsaved ``text`` of it); raise ``CaseFileError``
    with every located problem in it."""
    from vardval.checker.authoring import case_model  # noqa: PLC0415 - pydantic, when needed

    return case_model.load_case_file(path, rule_ids, text)


# --- changing a submission ---------------------------------------------------------------------


class ChangeError(Refused):
    """A case's change does not fit the base submission; ``said`` words why."""


def apply_changes(base: dict[str, Any], sets: tuple[tuple[str, Any], ...],
                  removes: tuple[str, ...]) -> dict[str, Any]:
    """A copy of ``base`` with ``sets`` applied, then ``removes``.

    Example:
        >>> from vardval.checker.authoring.cases import apply_changes
        >>> apply_changes({"a": {"b": 1, "c": 2}}, (("a.b", 5), ("d.e", True)), ("a.c",))
        {'a': {'b': 5}, 'd': {'e': True}}
    """
    data = copy.deepcopy(base)
    for path, value in sets:
        parent, key = _parent(data, path, create=True)
        parent[key] = copy.deepcopy(value)
    for path in removes:
        parent, key = _parent(data, path, create=False)
        if key not in parent:
            raise ChangeError(LintSaid("cannot-remove", (path,)))
        del parent[key]
    return data


def _parent(data: dict[str, Any], path: str, *, create: bool) -> tuple[dict[str, Any], str]:
    *steps, last = path.split(".")
    current = data
    for depth, step in enumerate(steps):
        if step not in current and create:
            current[step] = {}
        found = current.get(step)
        if not isinstance(found, dict):
            where = ".".join(steps[: depth + 1])
            code = "cannot-set-under" if create else "cannot-remove-under"
            raise ChangeError(LintSaid(code, (path, where)))
        current = found
    return current, last


def to_json(value: Any) -> str:
    """JSON text for loaded data, with exact decimals written as they are.

    Example:
        >>> from decimal import Decimal
        >>> from vardval.checker.authoring.cases import to_json
        >>> to_json({"a": [Decimal("0.5"), "2025-01-01", True, None]})
        '{"a": [0.5, "2025-01-01", true, null]}'
    """
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)}: {to_json(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(to_json(v) for v in value) + "]"
    if isinstance(value, Decimal):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


# --- running -------------------------------------------------------------------------------------


def run_case(ruleset: RuleSet, case_file: CaseFile, case: Case) -> Outcome:
    """Apply the case's changes to its base, check the result, and read the rule's status."""
    try:
        intake = kept_intake(case) or changed_intake(case_file, case)
    except ChangeError as exc:
        return Outcome.refused(case, (exc.said,))
    if not intake.valid:
        return Outcome.refused(case, tuple(LintSaid("changed-invalid", (
            p.json_path, p.said or p.message)) for p in intake.problems))
    # Evidence for the case's rule only: the outcome shows no other finding's, and gathering
    # it runs (and first compiles) each other rule's traced twin.
    result = check_intake(ruleset, intake, evidence_rules=(case.rule,))
    finding = next(f for f in result.findings if f.rule.id == case.rule)
    return Outcome(case, finding.status, finding)


def changed_intake(case_file: CaseFile, case: Case) -> Intake:
    """The case's changed submission, read and validated as a file of it would be;
    ``ChangeError`` when the changes do not fit the base."""
    data = apply_changes(case_file.base_data, case.set, case.remove)
    return load_submission_text(to_json(data), f"{case.where}.json")


def kept_intake(case: Case) -> Intake | None:
    """The changed submission the store kept for ``case`` (``Case.kept``), else None."""
    if not case.kept:  # not validated yet, or NOT_KEPT
        return None
    intake = pickle.loads(case.kept)  # noqa: S301 - from an entry sealed with this user's key
    return intake if isinstance(intake, Intake) else None


def run_all(ruleset: RuleSet, files: list[CaseFile]) -> list[Outcome]:
    """Every case of every file, in file order."""
    return [run_case(ruleset, f, case) for f in files for case in f.cases]


# --- coverage ------------------------------------------------------------------------------


def coverage(ruleset: RuleSet, outcomes: list[Outcome]) -> list[Coverage]:
    """Per rule, in rulebook order: cases that ran as expected, by status and at a boundary."""
    out = []
    for rule in ruleset.rules():
        good = [o.case for o in outcomes if o.ok and o.case.rule == rule.id]
        counts: dict[str, int] = {status: sum(c.expect == status for c in good)
                                  for status in STATUSES}
        out.append(Coverage(rule.id, counts, sum(c.boundary for c in good),
                            uses_ordering(ruleset, rule.id)))
    return out


def uses_ordering(ruleset: RuleSet, rule_id: str) -> bool:
    """Whether a rule's ``when`` or ``require`` (or a definition they use) orders values."""
    rule = ruleset.rule(rule_id)
    assert rule is not None  # callers pass loaded ids
    book = next(b for b in ruleset.rulebooks if b.id == rule.rulebook)
    definitions = {name: checked.expr for name, checked in book.definitions.items()}
    exprs = [c.expr for v in rule.versions for c in (v.when, v.require) if c is not None]
    seen: set[str] = set()
    return any(_orders(expr, definitions, seen) for expr in exprs)


def _orders(expr: nodes.Expr, definitions: dict[str, nodes.Expr], seen: set[str]) -> bool:
    for node in walk.descendants(expr):
        if isinstance(node, nodes.Compare) and node.op in ORDERING:
            return True
        if isinstance(node, nodes.DefRef) and node.name not in seen:
            seen.add(node.name)
            if _orders(definitions[node.name], definitions, seen):
                return True
    return False
