"""The law as checked data: rulebooks read and checked into a ``RuleSet`` (no code, no cache)."""

from typing import TYPE_CHECKING

from vardval.checker.faces import lazy_face

if TYPE_CHECKING:
    from vardval.checker.corpus import decisions, rulefile
    from vardval.checker.corpus.decision import Decision, decision_line
    from vardval.checker.corpus.decision_reader import (
        KINDS,
        decision_files,
        duplicate_ids,
        load_decisions,
        read_decisions,
    )
    from vardval.checker.corpus.digest import corpus_digest, corpus_files
    from vardval.checker.corpus.layout import Layout, layout
    from vardval.checker.corpus.messages import placeholders
    from vardval.checker.corpus.models import (
        RULE_ID,
        Placeholder,
        Rule,
        Rulebook,
        RuleVersion,
        Template,
    )
    from vardval.checker.corpus.rulebooks import LoadContext, load_rulebook, load_rulebook_text
    from vardval.checker.corpus.ruleset import (
        BUNDLED_RULES,
        RuleSet,
        display_path,
        load_context,
        read_ruleset,
        rulebook_files,
    )

__getattr__, __dir__ = lazy_face(__name__, __file__)

__all__ = [
    "BUNDLED_RULES",
    "KINDS",
    "RULE_ID",
    "Decision",
    "Layout",
    "LoadContext",
    "Placeholder",
    "Rule",
    "RuleSet",
    "RuleVersion",
    "Rulebook",
    "Template",
    "corpus_digest",
    "corpus_files",
    "decision_files",
    "decision_line",
    "decisions",
    "display_path",
    "duplicate_ids",
    "layout",
    "load_context",
    "load_decisions",
    "load_rulebook",
    "load_rulebook_text",
    "placeholders",
    "read_decisions",
    "read_ruleset",
    "rulebook_files",
    "rulefile",
]
