"""Loading ``rules/sources.yaml`` into validated source records, every problem located.

Form is checked by the schema the load cache keeps (``reading.quick_files``), else by the
pydantic models of ``sources.models``, which explain every problem; this module adds what a
model cannot see: the file's top-level shape, source ids, the ``kind`` of each source, and
that provision keys are provisions of the act they belong to (chapters exactly when it has them).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from vardval.checker.errors import RuleLoadError
from vardval.checker.reading import files as reading
from vardval.checker.reading import locate, quick_files, strict_yaml
from vardval.checker.reading import yaml_problems as _yaml_problems
from vardval.checker.sources import records
from vardval.checker.sources.checks import SOURCE_ID
from vardval.checker.sources.citation_syntax import parse_citation
from vardval.checker.sources.structure import StatuteIndex
from vardval.checker.sources.words import SourceSaid
from vardval.dsl.errors import Diagnostic

if TYPE_CHECKING:
    from pathlib import Path

    from pydantic import BaseModel, ValidationError
    from vardval.checker.sources.records import Source

KINDS = ("statute", "document")


class _Collector:
    """Gathers located diagnostics for one file."""

    def __init__(self, loaded: strict_yaml.LoadedYaml, filename: str,
                 index: StatuteIndex | None = None) -> None:
        self.loaded = loaded
        self.filename = filename
        self.index = index or StatuteIndex({})
        self.problems: list[Diagnostic] = []

    def add(self, code: str, said: SourceSaid, path: tuple[str, ...], *,
            key: bool = False) -> None:
        span = locate.span_at(self.loaded, path, self.filename, key=key)
        self.problems.append(Diagnostic.worded(code, said, span))

    def invalid(self, error: ValidationError, prefix: tuple[str, ...] = ()) -> None:
        found = _yaml_problems.validation_diagnostics(error, self.loaded, self.filename, prefix)
        self.problems.extend(found)

    def dump(self, kind: str, data: object, prefix: tuple[str, ...] = ()) -> dict[str, Any] | None:
        """``data`` validated as ``kind`` (``sources``, or a source's kind): by the schema the
        load cache keeps, else by the model, whose problems are collected (None then)."""
        found = quick_files.dumped(f"source-{kind}", data, lambda: _model(kind))
        if not isinstance(found, quick_files.ModelRefused):
            return found
        self.invalid(found.error, prefix)
        return None


def _model(kind: str) -> type[BaseModel]:
    from vardval.checker.sources import models  # noqa: PLC0415 - pydantic, when refused

    return models.SourcesFile if kind == "sources" else models.SOURCE_MODELS[kind]


def read_sources(path: Path, index: StatuteIndex | None = None) -> dict[str, Source]:
    """The sources of one file by id, as records; ``RuleLoadError`` with all problems at once.

    With an ``index``, a provision key of an indexed act must name a provision that exists.
    """
    text = reading.rule_text(path, str(path))
    collector = _Collector(_yaml_problems.load(text, str(path)), str(path), index)
    sources = _read_file(collector)
    if collector.problems:
        located = [d.with_source(text) for d in collector.problems]
        raise RuleLoadError(_yaml_problems.by_position(located))
    return sources


def _read_file(collector: _Collector) -> dict[str, Source]:
    top = collector.dump("sources", collector.loaded.data)
    if top is None:
        return {}
    sources = {}
    for source_id, raw in top["sources"].items():
        source = _read_source(collector, source_id, raw)
        if source is not None:
            sources[source_id] = source
    return sources


def _read_source(collector: _Collector, source_id: str, raw: dict[str, object]) -> Source | None:
    path = ("sources", source_id)
    if not re.fullmatch(SOURCE_ID, source_id):
        collector.add("invalid-source-id", SourceSaid("invalid-source-id", (source_id,)), path,
                      key=True)
    _check_keys(collector, source_id, raw)
    kind = str(raw.get("kind"))
    if kind not in KINDS:
        collector.add("invalid-value", SourceSaid("source-kind", (source_id,)),
                      (*path, "kind") if "kind" in raw else path)
        return None
    dump = collector.dump(kind, raw, path)
    return records.from_dump(dump) if dump is not None else None


def _check_keys(collector: _Collector, source_id: str, raw: dict[str, object]) -> None:
    """Check provision and section keys even when other fields are wrong: one pass finds all."""
    provisions, sections = raw.get("provisions"), raw.get("sections")
    if isinstance(provisions, dict):
        chapters = {True: True, "true": True, False: False, "false": False}.get(raw.get("chapters"))
        seen: set[str] = set()
        for key in provisions:
            _check_provision_key(collector, source_id, chapters, key, seen, str(raw.get("sfs")))
    for key in sections if isinstance(sections, dict) else ():
        if "(" in key or ")" in key:
            path = ("sources", source_id, "sections", key)
            collector.add("invalid-section", SourceSaid("topic-parentheses", (key, source_id)),
                          path, key=True)


def _check_provision_key(
    collector: _Collector, source_id: str, chapters: bool | None, key: str, seen: set[str],
    sfs: str,
) -> None:
    """A key must be a provision of this act, written once (``3c §`` and ``3 c §`` are one)."""
    example = "'9 kap. 1 § 1 st. 1 p.'" if chapters is not False else "'2 § 2 p.'"
    try:
        ref = parse_citation(f"{source_id} {key}")
    except ValueError:
        ref = None
    if ref is None or ref.form != "provision":
        said = SourceSaid("provision-key", (key, source_id, example))
    elif chapters is not None and chapters != (ref.chapter is not None):
        has = "provision-needs-chapters" if chapters else "provision-no-chapters"
        said = SourceSaid(has, (key, source_id, example))
    elif ref.key in seen:
        said = SourceSaid("provision-twice", (key, source_id, ref.key))
    elif problem := collector.index.problem(ref, sfs, source_id):
        said = problem
    else:
        seen.add(ref.key)
        return
    path = ("sources", source_id, "provisions", key)
    collector.add("invalid-provision", said, path, key=True)
