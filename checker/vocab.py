"""The product's fixed words, declared once: statuses, severities, languages.

Every other spelling (argparse choices, help texts, report columns, the results contract's
keys, test parametrisation) is derived from these. The status field of a finding is typed
``Status``, so mypy catches a misspelt status literal anywhere it is compared.
"""

from __future__ import annotations

from typing import Literal, get_args

Status = Literal["pass", "fail", "not_applicable", "indeterminate"]
#: The results contract's order (``summary.by_status``, report columns).
STATUSES: tuple[Status, ...] = get_args(Status)
#: Worst first, as a clinic's row in a batch report is ranked; ``invalid`` is a submission
#: that broke the format and has no findings.
WORST_FIRST = ("invalid", "fail", "indeterminate", "pass", "not_applicable")

Severity = Literal["error", "warning", "info"]
#: Most severe first (``--fail-on`` choices, rule files).
SEVERITIES: tuple[Severity, ...] = get_args(Severity)
#: A larger rank is more severe.
SEVERITY_RANK: dict[str, int] = {name: rank for rank, name in enumerate(reversed(SEVERITIES))}

Lang = Literal["sv", "en"]
#: The languages every message is written in, Swedish first.
LANGS: tuple[Lang, ...] = get_args(Lang)

__all__ = ["LANGS", "SEVERITIES", "SEVERITY_RANK", "STATUSES", "WORST_FIRST", "Lang",
           "Severity", "Status"]
