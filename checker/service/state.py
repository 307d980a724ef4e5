"""What the service keeps while it runs: the corpus loaded once, a view per language, the store.

The rules are read at start and never again: no request can change them, and a request only
ever reads the corpus through this loaded, checked copy (never a path it names).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from vardval.checker.program import load_ruleset
from vardval.checker.report import ReportView, view_of
from vardval.checker.store import Store
from vardval.checker.vocab import LANGS

if TYPE_CHECKING:
    from vardval.checker.corpus import RuleSet
    from vardval.checker.service.config import ServiceConfig


@dataclass
class Service:
    config: ServiceConfig
    ruleset: RuleSet
    views: dict[str, ReportView] = field(default_factory=dict)
    store: Store | None = None

    def view(self, lang: str) -> ReportView:
        return self.views[lang]

    def close(self) -> None:
        if self.store is not None:
            self.store.close()


def start(config: ServiceConfig) -> Service:
    """Load the corpus and open the store; a problem in either is raised before serving."""
    ruleset = load_ruleset(config.rules)
    views: dict[str, ReportView] = {lang: view_of(ruleset, lang) for lang in LANGS}
    store = Store(config.store) if config.store else None
    return Service(config, ruleset, views, store)
