"""RFC 9457 problem documents: every refusal of the API, in the service's language.

A problem has a ``type`` naming what went wrong once and for all (``urn:vardval:problem:…``),
a ``title`` and a ``detail`` in words, the HTTP ``status``, and where the submission was at
fault the same located ``problems`` (path, line, column, message) that ``vardval check``
prints. A request's own errors never show a traceback; our bugs say they are ours.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

MEDIA_TYPE = "application/problem+json"

#: kind → (status, title sv, title en)
KINDS: dict[str, tuple[int, str, str]] = {
    "invalid-submission": (422, "Inlämningen är ogiltig", "The submission is invalid"),
    "too-large": (413, "Inlämningen är för stor", "The submission is too large"),
    "unsupported-media-type": (415, "Okänd innehållstyp", "Unsupported media type"),
    "not-found": (404, "Finns inte", "Not found"),
    "unauthorized": (401, "Inloggning krävs", "Authentication required"),
    "forbidden": (403, "Ej tillåtet", "Forbidden"),
    "method-not-allowed": (405, "Metoden är inte tillåten", "Method not allowed"),
    "bad-request": (400, "Felaktig begäran", "Bad request"),
    "csrf": (403, "Formuläret har gått ut", "The form has expired"),
    "no-store": (503, "Inget resultatlager", "No results store"),
    "store-error": (503, "Resultatlagret svarar inte", "The results store does not answer"),
    "internal": (500, "Internt fel i vardval", "Internal error in vardval"),
}


# Not frozen: raising sets __traceback__ on the exception.
@dataclass(eq=False)
class Problem(Exception):
    """A refusal; ``details`` is ``{lang: text}``, ``extra`` the document's extension members
    and ``worded`` those members that are words, ``{lang: members}``."""

    kind: str
    details: dict[str, str]
    extra: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    worded: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def status(self) -> int:
        return KINDS[self.kind][0]

    def document(self, lang: str, instance: str | None = None) -> dict[str, Any]:
        """The problem document in ``lang``.

        Example:
            >>> Problem("not-found", {"sv": "Ingen sådan regel.", "en": "No such rule."}
            ...         ).document("en")  # doctest: +NORMALIZE_WHITESPACE
            {'type': 'urn:vardval:problem:not-found', 'title': 'Not found', 'status': 404,
             'detail': 'No such rule.'}
        """
        status, title_sv, title_en = KINDS[self.kind]
        out: dict[str, Any] = {
            "type": f"urn:vardval:problem:{self.kind}",
            "title": title_sv if lang == "sv" else title_en,
            "status": status,
            "detail": self.details.get(lang) or self.details["en"],
        }
        if instance is not None:
            out["instance"] = instance
        out.update(self.extra)
        out.update(self.worded.get(lang) or self.worded.get("en", {}))
        return out

    def body(self, lang: str, instance: str | None = None) -> bytes:
        return json.dumps(self.document(lang, instance), ensure_ascii=False).encode()


def not_found() -> Problem:
    """The one answer to anything that does not exist or that the caller may not see: the
    same bytes whether it exists or not, so a refusal tells nothing."""
    return Problem("not-found", {"sv": "Det efterfrågade finns inte.",
                                 "en": "What was asked for does not exist."})


def too_large(limit: int) -> Problem:
    return Problem("too-large", {
        "sv": f"Inlämningen får vara högst {limit} byte; skicka en mindre fil.",
        "en": f"A submission may be at most {limit} bytes; send a smaller file."},
        {"max_bytes": limit})
