"""The case files' own checks of a case's name and rule id, as plain functions.

Why apart from ``case_models``: the validator schema the load cache keeps for case files
(``case_schemas``) names them, and a first ``vardval test`` runs them without importing
pydantic (issue 21); the models attach the very same functions.
"""

from __future__ import annotations

import re

from vardval.checker.authoring.words import LintSaid
from vardval.checker.corpus import rule_checks
from vardval.checker.reading import Refused

_SENTENCE = re.compile(r"[A-ZÅÄÖ0-9].*[.!?]", re.DOTALL)


def sentence(name: str) -> str:
    """A case's name, which must read as a sentence: a capital or digit first, a stop last."""
    if not _SENTENCE.fullmatch(name.strip()):
        raise Refused(LintSaid("case-sentence"))
    return name


# A case's rule id is read as a rulebook's is, and refused in the same words.
rule_id = rule_checks.rule_id

# The functions a kept validator schema may name (``reading.typed_dicts``).
BY_NAME = {"case_sentence": sentence, "rule_id": rule_id}
