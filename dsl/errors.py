"""The one error family of vardval: located diagnostics, collected per stage, raised once.

Every stage owns a subclass (syntax, types, compile, evaluation here; loading and input in
``vardval.checker.errors``), so a caller can tell which stage refused the input.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from vardval.dsl.spans import Span, render_excerpt

if TYPE_CHECKING:
    from vardval.dsl.reasons import Reason

MAX_SHOWN = 20
# What a rendered diagnostic says around its own words, Swedish first.
FRAME: dict[str, tuple[str, str]] = {
    "hint": ("  tips: {0}", "  hint: {0}"),
    "more": ("… och {0} till", "… and {0} more"),
}
_LANGS = ("sv", "en")
# The hint codes that offer a name in their first value ("hint-did-you-mean", and
# "hint-did-you-mean-allowed" of a rule file's keys).
SUGGESTING = "hint-did-you-mean"


def framed(code: str, lang: str, *values: object) -> str:
    """One of ``FRAME``'s texts in ``lang`` (English for a language without words).

    Example:
        >>> framed("more", "sv", 3), framed("more", "en", 3)
        ('… och 3 till', '… and 3 more')
    """
    return FRAME[code][_LANGS.index(lang) if lang in _LANGS else 1].format(*values)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem a user can fix: what is wrong, where, what valid looks like.

    ``code`` is a stable kebab-case name (``unknown-field``) used by golden tests and JSON
    output; ``excerpt`` is the rendered source line with a caret, when the source is known.
    ``said`` and ``hint_said``, when given, word the message and hint in each language
    (``message`` and ``hint`` are then their English words).
    """

    code: str
    message: str
    span: Span | None = None
    hint: str | None = None
    excerpt: str | None = None
    said: Reason | None = None
    hint_said: Reason | None = None

    def words(self, lang: str) -> str:
        """The message in ``lang``: its own words when worded in each language, else English."""
        return self.said.words(lang) if self.said is not None else self.message

    def hint_words(self, lang: str) -> str | None:
        """The hint in ``lang``, like ``words``."""
        return self.hint_said.words(lang) if self.hint_said is not None else self.hint

    @classmethod
    def worded(cls, code: str, said: Reason, span: Span | None = None,
               hint_said: Reason | None = None) -> Diagnostic:
        """A diagnostic worded in each language; ``message`` and ``hint`` are the English."""
        hint = hint_said.words("en") if hint_said is not None else None
        return cls(code, said.words("en"), span, hint, None, said, hint_said)

    @property
    def suggestion(self) -> str | None:
        """The name a "did you mean" hint offers (a quick fix puts it in), or None."""
        said = self.hint_said
        if said is None or not said.code.startswith(SUGGESTING) or not said.values:
            return None
        return str(said.values[0])

    def with_source(self, source: str) -> Diagnostic:
        """Attach the caret excerpt from the file's text."""
        if self.span is None or self.excerpt is not None:
            return self
        text = render_excerpt(source, self.span)
        return Diagnostic(self.code, self.message, self.span, self.hint, text or None,
                          self.said, self.hint_said)

    def shown(self, lang: str) -> str:
        """Where, the message in ``lang``, the quoted line and the hint, as a person reads it."""
        where = f"{self.span}: " if self.span else ""
        parts = [f"{where}{self.words(lang)}"]
        if self.excerpt:
            parts.append(self.excerpt)
        hint = self.hint_words(lang)
        if hint:
            parts.append(framed("hint", lang, hint))
        return "\n".join(parts)

    def __str__(self) -> str:
        return self.shown("en")

    def as_json(self, lang: str = "en") -> dict[str, object]:
        """The diagnostic as data; ``message`` and ``hint`` in ``lang``."""
        span = self.span
        return {
            "code": self.code,
            "message": self.words(lang),
            "file": span.file if span else None,
            "line": span.line if span else None,
            "column": span.column if span else None,
            "end_line": span.end_line if span else None,
            "end_column": span.end_column if span else None,
            "hint": self.hint_words(lang),
        }


@dataclass
class VardvalError(Exception):
    """Base of every error a user can cause; carries all diagnostics of one stage."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        return self.shown("en")

    def shown(self, lang: str) -> str:
        """The error as a command run in ``lang`` prints it: the first ``MAX_SHOWN``
        diagnostics in ``lang``, then how many more there are."""
        shown = [d.shown(lang) for d in self.diagnostics[:MAX_SHOWN]]
        extra = len(self.diagnostics) - MAX_SHOWN
        if extra > 0:
            shown.append(framed("more", lang, extra))
        return "\n".join(shown)


class DslError(VardvalError):
    """An error in a rule expression."""


class RuleSyntaxError(DslError):
    """The expression does not parse."""


class RuleTypeError(DslError):
    """The expression parses but names unknown things or mixes types."""


class RuleCompileError(DslError):
    """The compiler could not translate a checked rule: a bug of ours, not the author's."""


class EvaluationError(DslError):
    """Evaluation went outside its bounds (too deep, too long)."""


def suggest(name: str, candidates: list[str]) -> str | None:
    """A 'did you mean' hint for a misspelt name, or None.

    Example:
        >>> suggest("kanalr", ["kanaler", "total"])
        "did you mean 'kanaler'?"
    """
    close = closest(name, candidates)
    return f"did you mean '{close}'?" if close else None


def closest(name: str, candidates: list[str]) -> str | None:
    """The candidate a misspelt name most likely means, or None.

    Example:
        >>> closest("kanalr", ["kanaler", "total"])
        'kanaler'
    """
    import difflib  # noqa: PLC0415 - only to suggest a name

    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
    return close[0] if close else None
