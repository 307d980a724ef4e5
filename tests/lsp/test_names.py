"""The language server's table of built-in signatures keeps up with the language."""

from vardval.checker.lsp.names import SIGNATURES
from vardval.dsl.typecheck import FUNCTIONS


def test_every_built_in_has_a_signature_for_hover_and_completion() -> None:
    assert set(SIGNATURES) == set(FUNCTIONS)
