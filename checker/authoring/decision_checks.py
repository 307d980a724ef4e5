"""What ``lint`` warns about in a region's decisions: soon expiring, unknown rules, clinics.

Warnings, not errors: a decision file that loads is usable, but an officer should act on a
dispensation that runs out within 30 days, or that names a rule the corpus lacks (or one out
of the region's scope) or a clinic the results store has never seen from that region.
"""

from __future__ import annotations

import datetime as dt
import difflib
from typing import TYPE_CHECKING

from vardval.checker.authoring.words import LintSaid, close_hint
from vardval.checker.corpus import Decision, RuleSet, decision_line
from vardval.dsl.errors import Diagnostic

if TYPE_CHECKING:
    from collections.abc import Mapping

EXPIRY_WARNING_DAYS = 30


def decision_warnings(ruleset: RuleSet, today: dt.date,
                      clinics: Mapping[str, str] | None = None) -> list[Diagnostic]:
    """Warnings for every decision of the corpus; ``clinics`` (HSA-id → region, from a store)
    turns on the check that each named clinic is known."""
    out: list[Diagnostic] = []
    rule_ids = [rule.id for rule in ruleset.rules()]
    for decision in ruleset.decisions:
        out += _expiry(decision, today)
        out += _rules(decision, ruleset, rule_ids)
        if clinics is not None:
            out += _clinic(decision, clinics)
    return out


def _expiry(decision: Decision, today: dt.date) -> list[Diagnostic]:
    left = (decision.valid_to - today).days
    if not 0 <= left <= EXPIRY_WARNING_DAYS:
        return []
    said = LintSaid("expires-soon", (decision.id, decision.reference, str(decision.valid_to),
                                     str(left)))
    return [Diagnostic.worded("decision-expires-soon", said, decision_line(decision),
                              LintSaid("hint-expires"))]


def _rules(decision: Decision, ruleset: RuleSet, rule_ids: list[str]) -> list[Diagnostic]:
    out = []
    for rule_id in decision.rules:
        rule = ruleset.rule(rule_id)
        if rule is None:
            close = difflib.get_close_matches(rule_id, rule_ids, n=1, cutoff=0.6)
            hint = close_hint(close, LintSaid("hint-rule-pages"))
            said = LintSaid("decision-unknown-rule", (decision.id, rule_id))
            out.append(Diagnostic.worded("decision-unknown-rule", said,
                                         decision_line(decision), hint))
            continue
        book = next(b for b in ruleset.rulebooks if rule in b.rules)
        if book.region not in (None, decision.region):
            said = LintSaid("decision-out-of-scope", (decision.id, rule_id, str(book.region),
                                                      decision.region))
            out.append(Diagnostic.worded("decision-rule-out-of-scope", said,
                                         decision_line(decision),
                                         LintSaid("hint-out-of-scope")))
    return out


def _clinic(decision: Decision, clinics: Mapping[str, str]) -> list[Diagnostic]:
    region = clinics.get(decision.clinic)
    if region == decision.region:
        return []
    said = LintSaid("clinic-never-seen", (decision.id, decision.clinic)) if region is None \
        else LintSaid("clinic-elsewhere", (decision.id, decision.clinic, region, decision.region))
    return [Diagnostic.worded("decision-unknown-clinic", said, decision_line(decision),
                              LintSaid("hint-clinic"))]
