"""Notes on findings of regional rules applied past the date their rule book was last verified.

A regional rule cites its region's rule book (a document source). Each source records
``verified_through``, the last date for which its text and values were checked. A finding of a
regional rule for a period that starts after that date keeps its status but carries a note, in
each report language, that the rule book of that year has not been verified and the rule is
applied as last verified.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vardval.checker.corpus import Rule, RuleSet, RuleVersion
    from vardval.dsl.values import Quarter


def unverified_notes(ruleset: RuleSet, rule: Rule, version: RuleVersion,
                     period: Quarter) -> tuple[dict[str, str], ...]:
    """A note naming each cited regional document whose ``verified_through`` precedes the
    period, or no note."""
    if rule.region is None:
        return ()
    stale: dict[str, tuple[str, str, str]] = {}
    for citation in version.citations:
        source = ruleset.registry.get(citation.source_id)
        through = source.verified_through
        if source.kind == "document" and through is not None and through < period.start:
            stale[citation.source_id] = (source.title.sv, source.title.en, through.isoformat())
    if not stale:
        return ()
    year = period.start.year
    sv = "; ".join(f"{title} är verifierad till och med {day}" for title, _, day in stale.values())
    en = "; ".join(f"{title} is verified through {day}" for _, title, day in stale.values())
    return ({
        "sv": f"Regelboken för {year} har inte verifierats ({sv}); regeln tillämpas som den "
              "senast verifierades, och statusen ändras inte.",
        "en": f"The rule book of {year} has not been verified ({en}); the rule is applied as "
              "last verified, and the status is unchanged.",
    },)
