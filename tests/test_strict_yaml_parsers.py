"""The strict loader gives the same data, marks and errors on libyaml's parser as on PyYAML's own.

``checker/strict_yaml.py`` reads libyaml's event stream when PyYAML has it (about ten times
faster) and falls back to the pure parser for texts libyaml refuses; these tests hold the two
readings equal on every YAML file in the repository and on generated documents, valid or not.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from vardval.checker.reading import strict_yaml, yaml_core

ROOT = Path(__file__).parent.parent
FILES = sorted(p for folder in ("fixtures", "rules", "tests")
               for p in (ROOT / folder).rglob("*.y*ml"))

pytestmark = pytest.mark.skipif(yaml_core._CParser is None, reason="PyYAML without libyaml")


def reading(text: str, monkeypatch: pytest.MonkeyPatch | None = None, *,
            pure: bool) -> Any:
    saved = yaml_core._CParser
    if pure:
        yaml_core._CParser = None
    try:
        loaded = strict_yaml.load_yaml(text, "doc.yaml")
    except strict_yaml.YamlError as exc:
        return ("error", str(exc))
    finally:
        yaml_core._CParser = saved
    return ("data", repr(loaded.data), loaded.marks, loaded.key_marks)


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_yaml_file_reads_the_same_on_both_parsers(path: Path) -> None:
    try:
        text = strict_yaml.decode_text(path.read_bytes(), path.name)
    except strict_yaml.YamlError:
        pytest.skip("not UTF-8 text (a golden file for encoding errors)")
    assert reading(text, pure=False) == reading(text, pure=True)


SCALARS = st.one_of(st.integers(-10**6, 10**6), st.booleans(), st.none(),
                    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
                            max_size=12),
                    st.sampled_from(["2025-01-01", "0.5", "1e3", "yes", "~", "a: b", "#x",
                                     "- y", "'q'", "Växjö", "multi\nline", " lead", ""]))
NOISE = ["", "\t", ":", "- ", "{", "}", "[", "]", "'", '"', "&a ", "*a", "!!str ", "!x ",
         "\n  x", "\n- ", "---\n", "...\n", "%YAML 1.1\n", "? ", ", ", "|", ">-", "#", "\r",
         "\x85", "\u2028", "\ufeff", " \n", "\\", "@", "`", "<<: ", "x: y: z"]
DATA = st.recursive(SCALARS, lambda kids: st.one_of(
    st.lists(kids, max_size=4),
    st.dictionaries(st.text("abcxyzåä_ -:", min_size=1, max_size=6), kids, max_size=4)),
    max_leaves=20)


@settings(max_examples=int(os.environ.get("VARDVAL_YAML_EXAMPLES", "100")), deadline=None,
          derandomize=not os.environ.get("VARDVAL_YAML_EXAMPLES"),
          suppress_health_check=[HealthCheck.too_slow])
@given(data=DATA, flow=st.sampled_from([None, True, False]), width=st.sampled_from([20, 80]),
       cut=st.integers(0, 400), noise=st.sampled_from(NOISE))
def test_generated_documents_read_the_same_on_both_parsers(data: Any, flow: bool | None,
                                                            width: int, cut: int,
                                                            noise: str) -> None:
    text = yaml.safe_dump(data, default_flow_style=flow, width=width, allow_unicode=True)
    assert reading(text, pure=False) == reading(text, pure=True)
    broken = text[:cut] + noise + text[cut:]
    assert reading(broken, pure=False) == reading(broken, pure=True)


@pytest.mark.parametrize(("text", "libyaml"), [
    ("url: https://rkrattsbaser.gov.se/sfst?bet=2017:30\ntitle: {sv: a, en: b}\n", True),
    ("? a\n: b\n", True),
    ("a: [b?c]\n", False),
    ("a: [x,\n  y?z\n  ]\n", False),
    ("a: {k: '?'}\n", False),
])
def test_a_question_mark_sends_only_flow_collections_to_the_pure_parser(text: str,
                                                                        libyaml: bool) -> None:
    """libyaml reads '?' in a flow plain scalar its own way; elsewhere it reads as PyYAML does,
    so a URL's query in ``sources.yaml`` no longer costs the pure parser (some 20 ms)."""
    parser = yaml_core.libyaml_events(text)
    if parser is not None:
        parser.dispose()
    assert (parser is not None) is libyaml
    assert reading(text, pure=False) == reading(text, pure=True)
