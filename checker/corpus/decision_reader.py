"""A region's recorded decisions (``decisions/<region>.yaml``): dated, cited, checked data.

Today one kind is applied: a ``dispensation`` exempts a clinic's failing findings of the named
rules while it is in force (``engine.waivers``). Every field a reader of a report needs to
trust an exemption is required: the decision reference (diarienummer), the reason and who
decided. Problems are located like those of the other rule data files. What is read becomes
``corpus.decision.Decision`` records, which a loaded corpus holds without this module.
The form of a file is checked by the schema the load cache keeps (``reading.quick_files``),
else by the models of ``corpus.decisions``, which explain every problem; this module imports no
pydantic, so a cold load of valid files needs none (issue 21).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vardval.checker.corpus.decision import Decision, decision_line
from vardval.checker.corpus.words import BookSaid
from vardval.checker.errors import RuleLoadError
from vardval.checker.reading import locate, quick_files, rule_text, strict_yaml
from vardval.checker.reading import yaml_problems as _yaml_problems
from vardval.checker.submission import facts
from vardval.dsl.errors import Diagnostic, VardvalError

if TYPE_CHECKING:
    from pathlib import Path

    from pydantic import BaseModel

KINDS = ("dispensation",)


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
        top = self._dump("decision-file", self.loaded.data)
        if top is None:
            return []
        region = top["region"]
        if region not in facts.REGIONS or region != self.stem:
            self._add("decision-region", BookSaid("decision-region", (region, self.stem)),
                      ("region",), BookSaid("hint-decision-region", (region,)))
            return []
        found = (self._decision(region, raw, index)
                 for index, raw in enumerate(top["decisions"]))
        return [d for d in found if d is not None]

    def _dump(self, kind: str, data: object,
              path: tuple[str | int, ...] = ()) -> dict[str, Any] | None:
        """``data`` validated as ``kind``: by the schema the load cache keeps, else by the
        model (``decisions.MODELS``), whose problems are collected (None then)."""
        found = quick_files.dumped(kind, data, lambda: _model(kind))
        if not isinstance(found, quick_files.ModelRefused):
            return found
        # a decision's problems name its own fields' model (the file's are plain)
        self.problems += _yaml_problems.validation_diagnostics(
            found.error, self.loaded, self.filename, path, found.model if path else None)
        return None

    def _decision(self, region: str, raw: dict[str, object], index: int) -> Decision | None:
        path = ("decisions", index)
        model = self._dump("decision", raw, path)
        if model is None:
            return None
        valid_from, valid_to = model["valid"]["valid_from"], model["valid"]["valid_to"]
        if valid_to < valid_from:
            said = BookSaid("decision-dates", (str(valid_to), str(valid_from)))
            self._add("decision-dates", said, (*path, "valid", "to"),
                      BookSaid("hint-decision-dates"))
            return None
        line = locate.span_at(self.loaded, path, self.filename).line
        return Decision(model["id"], model["kind"], region, model["clinic"],
                        tuple(model["rules"]), valid_from, valid_to, model["decision"],
                        model["reason"], model["decided_by"], self.filename, line)

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


def _model(kind: str) -> type[BaseModel]:
    from vardval.checker.corpus.decisions import MODELS  # noqa: PLC0415 - pydantic, when refused

    return MODELS[kind]
