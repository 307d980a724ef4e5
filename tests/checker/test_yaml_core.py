"""The quick decoder gives exactly the strict decoder's text, and declines what that refuses."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from vardval.checker.reading import strict_yaml, yaml_core

BOMS = (b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
BODIES = (b"", b"a: 1\n", "namn: V\u00e4xj\u00f6\n".encode(), b"a: \x00", b"a: \xff\n",
          b"a: \xc3", "a: \u2028 \U0001f600".encode(), "é".encode("utf-16-le"))


def strict(raw: bytes) -> str | None:
    """The strict decoder's text, or None where it refuses the bytes."""
    try:
        return strict_yaml.decode_text(raw, "doc.yaml")
    except strict_yaml.YamlError:
        return None


@pytest.mark.parametrize("bom", BOMS)
@pytest.mark.parametrize("body", BODIES)
def test_every_byte_order_mark_and_body_decodes_as_strictly(bom: bytes, body: bytes) -> None:
    assert yaml_core.quick_text(bom + body) == strict(bom + body)


def test_the_cases_above_include_both_outcomes() -> None:
    outcomes = {strict(bom + body) is None for bom in BOMS for body in BODIES}
    assert outcomes == {True, False}


@given(st.binary(max_size=40) | st.text(max_size=20).map(str.encode))
def test_any_bytes_decode_as_strictly(raw: bytes) -> None:
    assert yaml_core.quick_text(raw) == strict(raw)
