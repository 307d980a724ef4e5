"""Example cases for the rule pages: the cases of ``fixtures/cases/`` run through the engine.

Loading and running are ``casetest``'s (the same as ``vardval test``); this module only groups
the outcomes by rule and turns a case file that names an unknown rule into a generator error.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vardval.checker.authoring import Outcome as Example
from vardval.checker.authoring import cases as casetest
from vardval.checker.errors import RuleLoadError

if TYPE_CHECKING:
    from pathlib import Path

    from vardval.checker.corpus import RuleSet

__all__ = ["DocgenError", "Example", "load_examples"]


class DocgenError(RuleLoadError):
    """The docs cannot be generated: a reference in the corpus or its cases leads nowhere."""


def load_examples(ruleset: RuleSet, cases_dir: Path | None) -> dict[str, list[Example]]:
    """Every case under ``cases_dir``, run, by rule id; none when the folder has no cases.

    A malformed case file or one naming an unknown rule raises ``DocgenError`` with the
    located problems.
    """
    if cases_dir is None or not casetest.case_files(cases_dir):
        return {}
    rule_ids = {rule.id for rule in ruleset.rules()}
    try:
        files = casetest.load_case_files(cases_dir, rule_ids)
    except casetest.CaseFileError as exc:
        raise DocgenError(exc.diagnostics) from None
    found: dict[str, list[Example]] = {}
    for outcome in casetest.run_all(ruleset, files):
        found.setdefault(outcome.case.rule, []).append(outcome)
    return found
