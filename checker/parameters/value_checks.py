"""The parameter files' own check of a value, as a plain function.

Why apart from ``parameters.files``: the validator kept in the load cache names it, and a cold
load of valid rule files runs it without importing pydantic (issue 21); the model attaches the
very same function.
"""

from __future__ import annotations

from vardval.checker.parameters.words import ParamSaid
from vardval.checker.reading import Refused


def one_value(value: object) -> object:
    """A value is one literal: a list or mapping is refused once, not by each kind it is not."""
    if isinstance(value, list | dict) or value is None:
        raise Refused(ParamSaid("not-a-literal"))
    return value


# The functions a kept validator schema may name (``reading.typed_dicts``).
BY_NAME = {"one_value": one_value}
