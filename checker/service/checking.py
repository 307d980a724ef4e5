"""One submission sent over HTTP, checked as ``vardval check`` checks a file.

The body goes through the same intake (``load_submission_text``) and engine
(``check_intake``), and the results document is written by the report layer's own JSON
renderer, so ``POST /v1/check`` answers exactly what ``vardval check --format json`` writes
for the same file.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from vardval.checker.engine import BatchTally, SubmissionResult, check_intake
from vardval.checker.formatting import printable
from vardval.checker.report import FORMATS, producer
from vardval.checker.service.problems import Problem, too_large
from vardval.checker.submission import Intake, load_submission_text

if TYPE_CHECKING:
    from vardval.checker.service.state import Service

JSON_TYPES = ("application/json",)
YAML_TYPES = ("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml",
              "text/plain", "application/octet-stream")


@dataclass(frozen=True)
class Checked:
    """A checked body: the intake (for the store), the result and its results document as
    the JSON renderer wrote it (byte for byte what ``check --format json`` writes)."""

    intake: Intake
    result: SubmissionResult
    text: str

    @property
    def document(self) -> dict[str, Any]:
        parsed: dict[str, Any] = json.loads(self.text)
        return parsed


def submission_name(name: str | None, content_type: str | None) -> str:
    """The file name the results call the body by; its suffix picks JSON or YAML reading.

    Example:
        >>> submission_name(None, "application/json"), submission_name("q2.yaml", None)
        ('submission.json', 'q2.yaml')
    """
    kind = (content_type or "").split(";")[0].strip().lower()
    if kind and kind not in JSON_TYPES + YAML_TYPES:
        raise Problem("unsupported-media-type", {
            "sv": f"Innehållstypen '{printable(kind)}' kan inte läsas; skicka application/json "
                  "eller application/yaml.",
            "en": f"Content type '{printable(kind)}' cannot be read; send application/json or "
                  "application/yaml."})
    suffix = ".json" if kind in JSON_TYPES else ".yaml"
    if name:
        shown = printable(name.replace("\\", "/").rsplit("/", 1)[-1]) or "submission"
        return shown if shown.lower().endswith((".json", ".yaml", ".yml")) else shown + suffix
    return "submission" + suffix


def check_body(service: Service, body: bytes, name: str, lang: str) -> Checked:
    """Check one submission's bytes (at most the configured limit) in ``lang``."""
    if len(body) > service.config.max_bytes:
        raise too_large(service.config.max_bytes)
    intake = load_submission_text(body, name)
    result = check_intake(service.ruleset, intake, langs=(lang,))
    result = dataclasses.replace(result, sha256=hashlib.sha256(body).hexdigest())
    return Checked(intake, result, results_text(service, result, lang))


def results_text(service: Service, result: SubmissionResult, lang: str) -> str:
    """``vardval/results@1`` for one result, written by the JSON renderer of ``check``, with
    the ``producer`` of this moment."""
    out = io.StringIO()
    view = dataclasses.replace(service.view(lang), producer=producer(service.ruleset))
    renderer = FORMATS["json"].renderer(out, view)
    tally = BatchTally(rule.id for rule in service.ruleset.rules())
    renderer.begin()
    tally.add(result)
    renderer.result(result)
    renderer.end(tally)
    return out.getvalue()


def invalid(checked: Checked) -> Problem:
    """An invalid submission: the located problems, and the results document beside them."""
    found = checked.result.problems
    first = found[0] if found else None
    where = {lang: f" ({first.shown(lang)})" if first else "" for lang in ("sv", "en")}
    many = "problem" if len(found) == 1 else "problems"
    return Problem("invalid-submission", {
        "sv": f"Inlämningen kunde inte kontrolleras: {len(found)} fel{where['sv']}.",
        "en": f"The submission could not be checked: {len(found)} {many}{where['en']}."},
        {"results": checked.document},
        worded={lang: {"problems": [{**p.as_json(lang), "file": checked.result.file}
                                    for p in found]} for lang in ("sv", "en")})
