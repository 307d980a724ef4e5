"""Located problems for the data files of ``rules/`` (sources, parameters).

Reading is ``checker/strict_yaml.py``'s job and spans are ``checker/locate.py``'s; this module
adds what those two data-file loaders share: the load stage's error type, pydantic errors of a
part of a file (validated on its own so one bad entry does not hide the others), and ordering.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vardval.checker.errors import RuleLoadError
from vardval.checker.reading import locate, strict_yaml

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError
    from vardval.dsl.errors import Diagnostic

PathKey = tuple[str | int, ...]


def load(text: str, filename: str) -> strict_yaml.LoadedYaml:
    """Strictly parse a rules data file; YAML problems become this stage's ``RuleLoadError``."""
    try:
        return strict_yaml.load_yaml(text, filename)
    except strict_yaml.YamlError as error:
        raise RuleLoadError(error.diagnostics) from None


def validation_diagnostics(
    error: ValidationError, loaded: strict_yaml.LoadedYaml, filename: str, prefix: PathKey = (),
    model: type[BaseModel] | None = None,
) -> list[Diagnostic]:
    """Pydantic's errors for the part of the file at ``prefix`` (validated by ``model``, when
    given, whose field descriptions then explain refused values), located in the whole file."""
    found = [{**item, "loc": (*prefix, *item["loc"])} for item in error.errors()]
    part = (model, prefix) if model is not None else None
    return locate.pydantic_diagnostics(found, loaded, filename, part=part)


def by_position(problems: list[Diagnostic]) -> list[Diagnostic]:
    """Problems in reading order: by file, line and column."""
    return sorted(problems, key=_position)


def _position(problem: Diagnostic) -> tuple[str, int, int]:
    span = problem.span
    return (span.file, span.line, span.column) if span else ("", 0, 0)
