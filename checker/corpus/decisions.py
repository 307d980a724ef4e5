"""A region's recorded decisions (``decisions/<region>.yaml``): dated, cited, checked data.

Today one kind is applied: a ``dispensation`` exempts a clinic's failing findings of the named
rules while it is in force (``engine.waivers``). Every field a reader of a report needs to
trust an exemption is required: the decision reference (diarienummer), the reason and who
decided. Problems are located like those of the other rule data files. What is read becomes
``corpus.decision.Decision`` records, which a loaded corpus holds without this module.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from vardval.checker.corpus.decision import Decision, decision_line
from vardval.checker.corpus.words import BookSaid
from vardval.checker.errors import RuleLoadError
from vardval.checker.reading import locate, rule_text, strict_yaml
from vardval.checker.reading import yaml_problems as _yaml_problems
from vardval.checker.sources import IsoDate
from vardval.checker.submission import facts
from vardval.dsl.errors import Diagnostic, VardvalError

KINDS = ("dispensation",)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class _Valid(_Model):
    valid_from: IsoDate = Field(alias="from")
    valid_to: IsoDate = Field(alias="to")


class DecisionModel(_Model):
    """One decision as written; the editor schema is made from it too."""

    id: str = Field(min_length=1, pattern=r"^[A-Za-z0-9][A-Za-z0-9._/-]*$", description=(
        "an id of letters, digits and . _ / - that starts with a letter or digit, e.g. "
        "KRO-DISP-2024-07"))
    kind: Literal["dispensation"]
    clinic: str = Field(pattern=facts.HSA_ID_PATTERN, description=(
        "the clinic's HSA-id: 'SE', 10 digits, '-', then 1 to 31 letters or digits, e.g. "
        "SE2321000065-E000000000231"))
    rules: list[str] = Field(min_length=1)
    valid: _Valid
    decision: str = Field(min_length=1)
    reason: str = Field(min_length=1)
    decided_by: str = Field(min_length=1)


class _FileModel(_Model):
    region: str
    decisions: list[dict[str, object]]


class DecisionsFile(_Model):
    """A decisions file for editors; the loader reads each decision on its own (so one bad
    decision does not hide the others) with ``DecisionModel``."""

    region: str = Field(description="The region slug; the file is named after it.")
    decisions: list[DecisionModel]


def decision_files(directory: Path) -> list[Path]:
    """The decision files of a corpus, in name order (a corpus may have none)."""
    return sorted((directory / "decisions").glob("*.yaml"))


def load_decisions(directory: Path) -> tuple[Decision, ...]:
    """Every decision of the corpus in ``directory``; all problems of all files in one error."""
    decisions: list[Decision] = []
    problems: list[Diagnostic] = []
    for path in decision_files(directory):
        filename = str(path)
        try:
            text = rule_text(path, filename)
        except VardvalError as exc:
            problems += exc.diagnostics
            continue
        found, wrong = read_decisions(text, filename, path.stem)
        decisions += found
        problems += wrong
    problems += duplicate_ids(decisions)
    if problems:
        raise RuleLoadError(_yaml_problems.by_position(problems))
    return tuple(decisions)


def read_decisions(text: str, filename: str, stem: str) -> tuple[list[Decision],
                                                                 list[Diagnostic]]:
    """The decisions of one file's text (an editor's unsaved buffer too) and its problems,
    each quoting its line; ``stem`` is the file's name, which must be its region."""
    try:
        loaded = _yaml_problems.load(text, filename)
    except VardvalError as exc:
        return [], list(exc.diagnostics)
    reader = _FileReader(loaded, filename, stem)
    found = reader.read()
    return found, [p.with_source(text) for p in reader.problems]


class _FileReader:
    def __init__(self, loaded: strict_yaml.LoadedYaml, filename: str, stem: str) -> None:
        self.loaded, self.filename, self.stem = loaded, filename, stem
        self.problems: list[Diagnostic] = []

    def read(self) -> list[Decision]:
        try:
            top = _FileModel.model_validate(self.loaded.data)
        except ValidationError as error:
            self.problems += _yaml_problems.validation_diagnostics(error, self.loaded,
                                                                   self.filename)
            return []
        if top.region not in facts.REGIONS or top.region != self.stem:
            self._add("decision-region", BookSaid("decision-region", (top.region, self.stem)),
                      ("region",), BookSaid("hint-decision-region", (top.region,)))
            return []
        found = (self._decision(top.region, raw, index)
                 for index, raw in enumerate(top.decisions))
        return [d for d in found if d is not None]

    def _decision(self, region: str, raw: dict[str, object], index: int) -> Decision | None:
        path = ("decisions", index)
        try:
            model = DecisionModel.model_validate(raw)
        except ValidationError as error:
            self.problems += _yaml_problems.validation_diagnostics(error, self.loaded,
                                                                   self.filename, path,
                                                                   DecisionModel)
            return None
        if model.valid.valid_to < model.valid.valid_from:
            said = BookSaid("decision-dates", (str(model.valid.valid_to),
                                               str(model.valid.valid_from)))
            self._add("decision-dates", said, (*path, "valid", "to"),
                      BookSaid("hint-decision-dates"))
            return None
        line = locate.span_at(self.loaded, path, self.filename).line
        return Decision(model.id, model.kind, region, model.clinic, tuple(model.rules),
                        model.valid.valid_from, model.valid.valid_to, model.decision,
                        model.reason, model.decided_by, self.filename, line)

    def _add(self, code: str, said: BookSaid, path: tuple[str | int, ...],
             hint: BookSaid) -> None:
        span = locate.span_at(self.loaded, path, self.filename)
        self.problems.append(Diagnostic.worded(code, said, span, hint))


def duplicate_ids(decisions: list[Decision]) -> list[Diagnostic]:
    """A decision id used a second time, located at the second use."""
    seen: dict[str, Decision] = {}
    problems = []
    for decision in decisions:
        first = seen.setdefault(decision.id, decision)
        if first is not decision:
            span = decision_line(decision)
            said = BookSaid("duplicate-decision-id", (decision.id, f"{first.file}:{first.line}"))
            problems.append(Diagnostic.worded("duplicate-decision-id", said, span,
                                              BookSaid("hint-decision-id")))
    return problems


