"""What ``lint`` warns about in a region's decisions: soon expiring, unknown rules, clinics.

Warnings, not errors: a decision file that loads is usable, but an officer should act on a
dispensation that runs out within 30 days, or that names a rule the corpus lacks (or one out
of the region's scope) or a clinic the results store has never seen from that region.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from vardval.checker.corpus import Decision, RuleSet, decisions
from vardval.dsl.errors import Diagnostic, suggest

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
    return [Diagnostic("decision-expires-soon", f"dispensation '{decision.id}' "
                       f"({decision.reference}) expires on {decision.valid_to}, in {left} "
                       "days", decisions.locate_line(decision),
                       "renew it with a new decision, or let it lapse; after that day the "
                       "clinic's failures count again")]


def _rules(decision: Decision, ruleset: RuleSet, rule_ids: list[str]) -> list[Diagnostic]:
    out = []
    for rule_id in decision.rules:
        rule = ruleset.rule(rule_id)
        if rule is None:
            hint = suggest(rule_id, rule_ids) or "use a rule id from the rule pages"
            out.append(Diagnostic("decision-unknown-rule", f"dispensation '{decision.id}' "
                                  f"names rule '{rule_id}', which does not exist",
                                  decisions.locate_line(decision), hint))
            continue
        book = next(b for b in ruleset.rulebooks if rule in b.rules)
        if book.region not in (None, decision.region):
            out.append(Diagnostic("decision-rule-out-of-scope", f"dispensation "
                                  f"'{decision.id}' names rule '{rule_id}' of {book.region}, "
                                  f"not of {decision.region}", decisions.locate_line(decision),
                                  "a region can only exempt from its own and national rules"))
    return out


def _clinic(decision: Decision, clinics: Mapping[str, str]) -> list[Diagnostic]:
    region = clinics.get(decision.clinic)
    if region == decision.region:
        return []
    where = ("has never submitted to the results store" if region is None
             else f"is a clinic of {region}, not of {decision.region}")
    return [Diagnostic("decision-unknown-clinic", f"dispensation '{decision.id}' names clinic "
                       f"{decision.clinic}, which {where}", decisions.locate_line(decision),
                       "check the HSA-id against the clinic's submissions")]
