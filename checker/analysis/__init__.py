"""Before a decision: what-if over submissions, and a semantic diff of two corpora."""

from typing import TYPE_CHECKING

from vardval.checker.faces import lazy_face

if TYPE_CHECKING:
    from vardval.checker.analysis import (
        direction,
        github,
        html_whatif,
        render_diff,
        render_whatif,
        words,
    )
    from vardval.checker.analysis.diff import (
        CorpusDiff,
        FieldChange,
        ParameterChange,
        RuleChange,
        SourceChange,
        ValueChange,
        diff,
        show_value,
    )
    from vardval.checker.analysis.revisions import (
        Corpus,
        corpus_of,
        folder,
        has_history,
        revision,
    )
    from vardval.checker.analysis.variant import (
        Override,
        OverrideError,
        parse_override,
        with_overrides,
    )
    from vardval.checker.analysis.whatif import ABSENT, Comparison, WhatIf, what_if

__getattr__, __dir__ = lazy_face(__name__, __file__)

__all__ = [
    "ABSENT",
    "Comparison",
    "Corpus",
    "CorpusDiff",
    "FieldChange",
    "Override",
    "OverrideError",
    "ParameterChange",
    "RuleChange",
    "SourceChange",
    "ValueChange",
    "WhatIf",
    "corpus_of",
    "diff",
    "direction",
    "folder",
    "github",
    "has_history",
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
