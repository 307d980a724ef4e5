"""One call from a submission to its result, for code that embeds vardval (a portal, a notebook).

The CLI reads files through the same steps: ``submission.load_submission`` (or ``_text``), then
``check_intake`` against the cached corpus. A dict is checked by writing it as JSON text first,
so it meets exactly the validation (and the located problems) a file would.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from vardval.checker.corpus import RuleSet
from vardval.checker.engine.evaluate import check_intake
from vardval.checker.engine.findings import SubmissionResult
from vardval.checker.program import load_ruleset
from vardval.checker.submission import load_submission, load_submission_text
from vardval.checker.vocab import LANGS


def check_file(path: str | Path, ruleset: RuleSet | None = None, *,
               langs: Sequence[str] = LANGS, evidence: bool = True) -> SubmissionResult:
    """Check one submission file (YAML or JSON) against ``ruleset`` (the bundled rules if None).

    Example:
        >>> result = check_file("fixtures/submissions/halland-2018-Q2.yaml")
        >>> result.valid, result.period
        (True, '2018-Q2')
    """
    return check_intake(ruleset or load_ruleset(), load_submission(Path(path)),
                        langs=langs, evidence=evidence)


def check_text(text: str | bytes, filename: str = "submission.yaml",
               ruleset: RuleSet | None = None, *, langs: Sequence[str] = LANGS,
               evidence: bool = True) -> SubmissionResult:
    """Check a submission given as text; ``filename`` names it in problems and picks JSON/YAML.

    Example:
        >>> result = check_text("format: vardval/submission@1\\n", "inbox.yaml")
        >>> result.valid, result.problems[0].message
        (False, "missing required field 'clinic'")
    """
    return check_intake(ruleset or load_ruleset(), load_submission_text(text, filename),
                        langs=langs, evidence=evidence)


def check_data(data: Mapping[str, Any], name: str = "submission.json",
               ruleset: RuleSet | None = None, *, langs: Sequence[str] = LANGS,
               evidence: bool = True) -> SubmissionResult:
    """Check a submission given as plain data (dicts, lists, numbers, texts, dates).

    Example:
        >>> result = check_data({"format": "vardval/submission@1"})
        >>> [p.json_path for p in result.problems][:1]
        ['$']
    """
    return check_text(_json_text(data), name, ruleset, langs=langs, evidence=evidence)


def _json_text(value: Any) -> str:
    """JSON text with decimals written exactly and dates as ISO texts."""
    if isinstance(value, Mapping):
        items = (f"{json.dumps(str(k), ensure_ascii=False)}: {_json_text(v)}"
                 for k, v in value.items())
        return "{" + ", ".join(items) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_json_text(v) for v in value) + "]"
    if isinstance(value, Decimal) and value.is_finite():
        return str(value)
    if isinstance(value, dt.date):
        return json.dumps(value.isoformat())
    return json.dumps(value, ensure_ascii=False)
