"""The case file's pydantic models: the last word on a case file, and its JSON Schema.

Why a module of its own: importing pydantic and building the models cost a first ``vardval
test`` some 40 ms (issue 21). A valid case file is read from the dump of the schema the load
cache keeps (``case_schemas``, made from these models); ``case_model`` asks these models only
about a file that schema refuses, and they locate and word every problem.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError
from vardval.checker.authoring import case_checks
from vardval.checker.corpus import RULE_ID
from vardval.checker.reading import locate

if TYPE_CHECKING:
    from vardval.checker.reading import strict_yaml
    from vardval.dsl.errors import Diagnostic


class _CaseModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Annotated[str, AfterValidator(case_checks.sentence)]
    rule: Annotated[str, AfterValidator(case_checks.rule_id)] = Field(
        json_schema_extra={"pattern": RULE_ID},
        description="A rule id: upper-case words joined by '-', e.g. VG-KONTAKT.")
    set: dict[str, Any] = {}
    remove: list[str] = []
    expect: Literal["pass", "fail", "not_applicable", "indeterminate"]
    boundary: bool = False


class _FileModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    base: str = Field(min_length=1, description="A base submission, relative to the case file.")
    cases: list[_CaseModel] = Field(min_length=1)


# The models keep their names: the editors' JSON Schema of case files names its parts after them.
FileModel = _FileModel


def dump_or_problems(loaded: strict_yaml.LoadedYaml, filename: str
                     ) -> tuple[dict[str, Any] | None, list[Diagnostic]]:
    """The file's dump by the model, or None and every structural problem, located."""
    try:
        return FileModel.model_validate(loaded.data).model_dump(), []
    except ValidationError as exc:
        errors = list(exc.errors(include_url=False))
        return None, locate.pydantic_diagnostics(errors, loaded, filename, FileModel)
