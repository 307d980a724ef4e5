"""``vardval history`` for a terminal: a rule × quarter grid per clinic, then what changed.

Changes the clinic made (new failure, still failing, fixed, worse, better) are listed apart
from those that came with a new rule version or parameter value, and each resubmitted
quarter says which rules its latest revision changed. Follow-up steps stand beside the rule.
"""

from __future__ import annotations

import datetime as dt
import re

from vardval.checker.formatting import printable
from vardval.checker.store.actions import LABELS, FollowUp
from vardval.checker.store.history import Cell, ClinicHistory, History, RuleHistory

SYMBOL = {"fail": "FAIL", "indeterminate": "????", "pass": "PASS", "not_applicable": "N/A",
          None: "—"}
WORDS = {
    "sv": {"none": "Inga inlämningar i lagret för urvalet.", "revision": "revision",
           "submitted": "inlämnat", "gap": "saknas", "rule": "regel",
           "changes": "Förändringar (vårdcentralens)",
           "by_rules": "Förändringar av ny regelversion eller nytt parametervärde (inte "
                       "vårdcentralens)",
           "resubmitted": "Omlämnade kvartal", "follow": "Uppföljning",
           "new_failure": "ny underkänning", "still_failing": "fortfarande underkänd ({n} "
           "kvartal i rad)", "fixed": "åtgärdad", "worse": "sämre", "better": "bättre",
           "replaces": "rev {r} ersätter rev {p}", "open": "öppen", "closed": "avslutad",
           "overdue": "FÖRSENAD", "due": "senast", "by": "av", "waived": "undantag",
           "gaps": "kvartal utan inlämning räknas aldrig som godkända",
           "fail": "underkänd", "pass": "godkänd", "indeterminate": "obestämd",
           "not_applicable": "ej tillämplig"},
    "en": {"none": "No submissions in the store for this selection.", "revision": "revision",
           "submitted": "submitted", "gap": "missing", "rule": "rule",
           "changes": "Changes (the clinic's)",
           "by_rules": "Changes from a new rule version or parameter value (not the clinic's)",
           "resubmitted": "Resubmitted quarters", "follow": "Follow-up",
           "new_failure": "new failure", "still_failing": "still failing ({n} quarters in a "
           "row)", "fixed": "fixed", "worse": "worse", "better": "better",
           "replaces": "rev {r} replaces rev {p}", "open": "open", "closed": "closed",
           "overdue": "OVERDUE", "due": "due", "by": "by", "waived": "dispensation",
           "gaps": "quarters without a submission never count as passed",
           "fail": "failed", "pass": "passed", "indeterminate": "indeterminate",
           "not_applicable": "not applicable"},
}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def render(value: History, lang: str, today: dt.date) -> str:
    words = WORDS[lang]
    if not value.clinics:
        return words["none"] + "\n"
    blocks = [_clinic(c, value.quarters, lang, today) for c in value.clinics]
    return _CONTROL.sub("?", "\n".join(blocks) + f"({words['gaps']})\n")


def _clinic(clinic: ClinicHistory, quarters: tuple[str, ...], lang: str,
            today: dt.date) -> str:
    words = WORDS[lang]
    lines = [printable(f"{clinic.name} ({clinic.region}, {clinic.hsa_id})")]  # the file's words
    shown = ", ".join(f"{p} {words['revision']} {r}" for p, r in sorted(clinic.revisions.items()))
    lines.append(f"  {words['submitted']}: {shown}")
    width = max([len(line.rule_id) for line in clinic.rules] + [len(words["rule"])])
    lines.append(f"  {words['rule']:<{width}}  " + "  ".join(f"{q:<7}" for q in quarters))
    for line in clinic.rules:
        cells = "  ".join(f"{_symbol(c):<7}" for c in line.cells)
        lines.append(f"  {line.rule_id:<{width}}  {cells}".rstrip())
    lines += _section(words["changes"], _changes(clinic.rules, lang, by_rules=False))
    lines += _section(words["by_rules"], _changes(clinic.rules, lang, by_rules=True))
    lines += _section(words["resubmitted"], _resubmitted(clinic, lang))
    lines += _section(words["follow"], [_follow(line.rule_id, line.follow_up, lang, today)
                                        for line in clinic.rules if line.follow_up])
    return "\n".join(lines) + "\n"


def _symbol(cell: Cell) -> str:
    if cell.status == "fail" and cell.waiver is not None:
        return "FAIL*"
    return SYMBOL.get(cell.status, cell.status or "—")


def _section(title: str, items: list[str]) -> list[str]:
    return [f"  {title}:", *(f"    {item}" for item in items)] if items else []


def _changes(rules: tuple[RuleHistory, ...], lang: str, *, by_rules: bool) -> list[str]:
    words, out = WORDS[lang], []
    for line in rules:
        previous: Cell | None = None
        for cell in line.cells:
            if cell.status is None:
                continue
            if cell.change and (cell.change == "rules") == by_rules:
                what = (f"{words[previous.status or 'pass']} → {words[cell.status]}"
                        if by_rules and previous else
                        words[cell.change].format(n=cell.streak))
                out.append(f"{cell.period} {line.rule_id}: {what}{_waived(cell, lang)}")
            previous = cell
    return sorted(out)


def _waived(cell: Cell, lang: str) -> str:
    if cell.waiver is None:
        return "".join(f" ({note[lang]})" for note in cell.notes)
    return f" — {WORDS[lang]['waived']} ({cell.waiver.decision}, {cell.waiver.id})"


def _resubmitted(clinic: ClinicHistory, lang: str) -> list[str]:
    words, out = WORDS[lang], []
    for period, revision in sorted(clinic.revisions.items()):
        if revision < 2:
            continue
        changed = [f"{line.rule_id} {words[c.was]} → {words[c.status]}"
                   for line in clinic.rules for c in line.cells
                   if c.period == period and c.was is not None and c.status is not None]
        head = words["replaces"].format(r=revision, p=revision - 1)
        out.append(f"{period} {head}: " + ("; ".join(changed) if changed else "—"))
    return out


def _follow(rule_id: str, follow: FollowUp | None, lang: str, today: dt.date) -> str:
    assert follow is not None
    words, labels = WORDS[lang], LABELS[lang]
    steps = ", ".join(f"{labels[s.kind]}"
                      + (f" ({words['due']} {s.due})" if s.due else "")
                      + f" {words['by']} {s.actor} {s.recorded_at[:10]}"
                      + (f": {s.note}" if s.note else "") for s in follow.steps)
    state = words["open"] if follow.open else words["closed"]
    if follow.overdue(today):
        state += f", {words['overdue']}"
    return f"{rule_id}: {steps} — {state}"
