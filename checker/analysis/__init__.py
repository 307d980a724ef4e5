"""Before a decision: what-if over submissions, and a semantic diff of two corpora."""

from vardval.checker.analysis import (
    direction,
    github,
    html_whatif,
    render_diff,
    render_whatif,
    words,
)
from vardval.checker.analysis.diff import CorpusDiff, diff, show_value
from vardval.checker.analysis.revisions import Corpus, corpus_of, folder, revision
from vardval.checker.analysis.variant import Override, OverrideError, parse_override, with_overrides
from vardval.checker.analysis.whatif import ABSENT, Comparison, WhatIf, what_if

__all__ = [
    "ABSENT",
    "Comparison",
    "Corpus",
    "CorpusDiff",
    "Override",
    "OverrideError",
    "WhatIf",
    "corpus_of",
    "diff",
    "direction",
    "folder",
    "github",
    "html_whatif",
    "parse_override",
    "render_diff",
    "render_whatif",
    "revision",
    "show_value",
    "what_if",
    "with_overrides",
    "words",
]
