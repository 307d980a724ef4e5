"""Errors inside expressions and message placeholders point at their line and column in the YAML
file, whatever the scalar style: plain, quoted, folded or literal blocks, on any line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from vardval.checker.authoring.lint import lint
from vardval.checker.corpus import messages as templates
from vardval.checker.corpus.models import Placeholder
from vardval.checker.reading.locate import expression_source
from vardval.checker.reading.strict_yaml import load_yaml
from vardval.dsl import typesys as ts
from vardval.dsl.errors import DslError
from vardval.dsl.parser import parse
from vardval.dsl.spans import Origin
from vardval.dsl.typecheck import Environment, check

ENV = Environment(ts.record({"a": ts.NUMBER, "b": ts.NUMBER, "t": ts.TEXT}))
MARK = "zzz"  # an unknown name: the error must point exactly at it

# (YAML value text after 'require:', as written). Each holds MARK once.
STYLES = {
    "plain": " a > 1 and zzz",
    "plain, two lines": " a > 1\n    and zzz > b",
    "plain, three lines": " a > 1\n    and b > 2\n      and zzz",
    "single-quoted": " 'a > 1 and zzz'",
    "single-quoted, two lines": " 'a > 1\n    and zzz'",
    "double-quoted": ' "a > 1 and zzz"',
    "double-quoted, two lines": ' "a > 1\n    and zzz"',
    "double-quoted with a text": ' "t == \'x\' and zzz"',
    "folded": " >\n    a > 1\n    and zzz\n",
    "folded, stripped": " >-\n    a > 1\n      and zzz\n",
    "folded, kept": " >+\n    a > 1\n    and zzz\n\n",
    "folded, comment on the header": " >-  # the rule\n    a > 1\n    and zzz\n",
    "folded, blank line inside": " >-\n    a > 1\n\n    and zzz\n",
    "literal": " |\n    a > 1\n    and zzz\n",
    "literal, stripped": " |-\n    a > 1\n    and zzz",
    "literal with a DSL comment": " |\n    # parts\n    a > 1 and zzz\n",
    "literal, indentation indicator": " |2\n     a > 1\n     and zzz\n",
}


def document(value: str) -> str:
    return f"rule:\n  id: X\n  require:{value}\nafter: 1\n"


def where(text: str) -> tuple[int, int]:
    """Line and column of MARK in the file."""
    offset = text.index(MARK)
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


def located(text: str) -> tuple[int, int]:
    loaded = load_yaml(text, "r.yaml")
    mark = loaded.marks[("rule", "require")]
    value = loaded.data["rule"]["require"]  # type: ignore[index, call-overload]
    source, origin = expression_source(text.splitlines(), mark, value, "r.yaml")
    with pytest.raises(DslError) as exc:
        check(parse(source, origin), ENV)
    (diagnostic,) = exc.value.diagnostics
    assert diagnostic.span is not None
    return diagnostic.span.line, diagnostic.span.column


@pytest.mark.parametrize("value", STYLES.values(), ids=STYLES.keys())
def test_error_points_at_its_place_in_the_file(value: str) -> None:
    text = document(value)
    assert located(text) == where(text)


def test_flow_mapping_and_sequence_items() -> None:
    text = "rule: {id: X, require: a > zzz}\n"
    assert located(text) == where(text)
    text = "rules:\n  - require: >-\n      a >\n      zzz\n"
    loaded = load_yaml(text, "r.yaml")
    mark, value = loaded.marks[("rules", 0, "require")], "a > zzz"
    source, origin = expression_source(text.splitlines(), mark, value, "r.yaml")
    with pytest.raises(DslError) as exc:
        check(parse(source, origin), ENV)
    span = exc.value.diagnostics[0].span
    assert span is not None
    assert (span.line, span.column) == where(text)


def test_an_escape_falls_back_to_the_value_at_the_scalar_start() -> None:
    text = 'rule:\n  require: "t == \\"x\\" and zzz"\n'
    loaded = load_yaml(text, "r.yaml")
    source, origin = expression_source(text.splitlines(), loaded.marks[("rule", "require")],
                                       'x == "x" and zzz', "r.yaml")
    assert source == 'x == "x" and zzz'
    assert origin == Origin("r.yaml", 2, 13)


@settings(max_examples=60, deadline=None)
@given(words=st.lists(st.sampled_from(["a > 1", "b < 2", "a == b", "not (b > a)"]),
                      min_size=1, max_size=6),
       position=st.integers(min_value=0, max_value=6),
       breaks=st.lists(st.booleans(), min_size=7, max_size=7),
       style=st.sampled_from(["plain", ">-", "|", '"']))
def test_any_layout_points_at_the_mark(words: list[str], position: int, breaks: list[bool],
                                       style: str) -> None:
    parts = [*words]
    parts.insert(min(position, len(parts)), f"{MARK} > 0")
    joined = "".join(p + (" and\n      " if breaks[i] else " and ")
                     for i, p in enumerate(parts[:-1])) + parts[-1]
    if style == "plain":
        value = f" {joined}"
    elif style == '"':
        value = f' "{joined}"'
    else:
        value = f" {style}\n      {joined}\n"
    text = document(value)
    assert located(text) == where(text)


# --- message placeholders ------------------------------------------------------------------


def placeholder_error(message_yaml: str) -> tuple[int, int]:
    text = f"message:\n  en: {message_yaml}\n"
    loaded = load_yaml(text, "m.yaml")
    mark, value = loaded.marks[("message", "en")], loaded.data["message"]["en"]  # type: ignore[index]
    found: list = []
    written = expression_source(text.splitlines(), mark, value, "m.yaml")
    templates.compile_template(value, ENV, found, written)
    (diagnostic,) = found
    return diagnostic.span.line, diagnostic.span.column


@pytest.mark.parametrize("message", [
    '"Share {a} and {zzz}."',
    "Share {a} and {zzz}.",
    ">-\n    Share {a} of {b}\n    and then {zzz:%}.\n",
    ">-\n    Share {a} of {b} and {zzz\n    / b:%}.\n",
    "|\n    {a}\n    {a} {zzz}\n",
    '"Share {a}\n    and {zzz}."',
    '"{a} {a} {zzz}"',
])
def test_placeholder_error_points_at_its_place(message: str) -> None:
    text = f"message:\n  en: {message}\n"
    assert placeholder_error(message) == where(text)


def test_a_percentage_literal_shows_as_a_percentage() -> None:
    template = templates.compile_template("at least {90%}, share {a / b}", ENV, [],
                                          ("at least {90%}, share {a / b}", Origin("m")))
    specs = [p.spec for p in template.parts if isinstance(p, Placeholder)]
    assert specs == ["%", ""]


@pytest.mark.parametrize(("message", "code"), [
    ("{}", "empty-placeholder"), ("{a", "unbalanced-brace"), ("a}", "unbalanced-brace"),
    ("{a:pct}", "unknown-format"), ("{t:%}", "wrong-type"), ("{a:date}", "wrong-type"),
])
def test_placeholder_problems(message: str, code: str) -> None:
    found: list = []
    templates.compile_template(message, ENV, found, (message, Origin("m")))
    assert [d.code for d in found] == [code]


def test_literal_braces_and_quantifier_colons_are_not_formats() -> None:
    found: list = []
    template = templates.compile_template("{{x}} {all v in [a]: v > 1}", ENV, found,
                                          ("{{x}} {all v in [a]: v > 1}", Origin("m")))
    assert found == []
    assert template.parts[0] == "{x} "


def test_golden_cases_name_the_line_they_say(monkeypatch: pytest.MonkeyPatch) -> None:
    golden = Path(__file__).parents[1] / "golden" / "errors"
    monkeypatch.chdir(golden)
    for path in sorted(golden.glob("unknown-field--*.yaml")):
        (diagnostic,) = lint(Path(path.name)).diagnostics
        assert diagnostic.span is not None
        line = path.read_text(encoding="utf-8").splitlines()[diagnostic.span.line - 1]
        word = re.match(r"[\w.]+", line[diagnostic.span.column - 1:])
        assert word is not None
        assert word.group(0).split(".")[-1] in ("totl", "listd_total", "nmae", "listed_totl")
