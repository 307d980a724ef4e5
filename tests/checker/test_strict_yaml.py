"""The strict loader: what it reads, where it says each value sits, and what it refuses."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from vardval.checker.reading import strict_yaml
from vardval.checker.reading.strict_yaml import NodeMark, YamlError, decode_text, load_yaml


def refusal(text: str, filename: str = "s.yaml") -> tuple[str, int, int, str]:
    """The (code, line, column, message) of the one diagnostic loading ``text`` raises."""
    with pytest.raises(YamlError) as caught:
        load_yaml(text, filename)
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.span is not None
    return diagnostic.code, diagnostic.span.line, diagnostic.span.column, diagnostic.message


# --- values -----------------------------------------------------------------------------------


def test_plain_scalars_follow_the_yaml_1_2_core_schema() -> None:
    text = "a: 12\nb: -3\nc: true\nd: yes\ne: ~\nf:\ng: 0x1F\nh: 1:30\ni: '12'\nj: False\n"
    assert load_yaml(text, "s.yaml").data == {
        "a": 12,
        "b": -3,
        "c": True,
        "d": "yes",
        "e": None,
        "f": None,
        "g": 31,
        "h": "1:30",
        "i": "12",
        "j": False,
    }


def test_dates_stay_text_so_the_model_can_report_impossible_ones() -> None:
    data = load_yaml("applied_on: 2025-02-30\nvalid_from: 2024-07-01\n", "s.yaml").data
    assert data == {"applied_on": "2025-02-30", "valid_from": "2024-07-01"}


def test_fractions_are_exact_decimals_from_the_source_text() -> None:
    data = load_yaml("a: 0.1\nb: 0.2\nc: 1.50\nd: 2.5e3\n", "s.yaml").data
    assert isinstance(data, dict)
    assert data["a"] == Decimal("0.1")
    assert data["a"] + data["b"] == Decimal("0.3")  # type: ignore[operator]
    assert str(data["c"]) == "1.50"
    assert data["d"] == 2500


# --- marks ------------------------------------------------------------------------------------

NESTED = """\
clinic:
  name: Vårdcentralen Teleborg
  region: 'kronoberg'
listing:
  cap:
    grounds: [patient_safety, work_environment]
"""


def test_every_value_has_its_line_column_and_style() -> None:
    marks = load_yaml(NESTED, "s.yaml").marks
    assert marks[("clinic", "name")] == NodeMark(2, 9, 2, 31, None)
    assert marks[("clinic", "region")] == NodeMark(3, 11, 3, 22, "'")
    assert marks[("listing", "cap", "grounds", 1)] == NodeMark(6, 31, 6, 47, None)
    assert (marks[()].line, marks[()].column) == (1, 1)


def test_block_collections_end_where_their_last_value_ends() -> None:
    mark = load_yaml(NESTED, "s.yaml").marks[("clinic",)]
    assert (mark.line, mark.column, mark.end_line, mark.end_column) == (2, 3, 3, 22)


def test_every_mapping_entry_has_the_mark_of_its_key() -> None:
    key_marks = load_yaml(NESTED, "s.yaml").key_marks
    assert key_marks[("clinic",)] == NodeMark(1, 1, 1, 7, None)
    assert key_marks[("listing", "cap", "grounds")] == NodeMark(6, 5, 6, 12, None)
    assert set(key_marks) == {
        ("clinic",),
        ("clinic", "name"),
        ("clinic", "region"),
        ("listing",),
        ("listing", "cap"),
        ("listing", "cap", "grounds"),
    }


def test_aliases_expand_into_copies_with_marks_at_the_anchor() -> None:
    loaded = load_yaml("a: &x {p: 1}\nb: *x\n", "s.yaml")
    assert loaded.data == {"a": {"p": 1}, "b": {"p": 1}}
    assert isinstance(loaded.data, dict)
    assert loaded.data["a"] is not loaded.data["b"]
    assert loaded.marks[("b",)].line == 2  # the alias itself
    assert loaded.marks[("b", "p")].line == 1  # where the value was written


# --- refusals ---------------------------------------------------------------------------------


def test_duplicate_keys_name_the_first_definition() -> None:
    code, line, column, message = refusal("a: 1\nb:\n  total: 1\n  total: 2\n")
    assert (code, line, column) == ("duplicate-key", 4, 3)
    assert message == (
        "duplicate key 'total' (first defined on line 3); each key may appear once in a mapping"
    )


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object/apply:os.system ['echo hacked']\n",
        "a: !!python/object:builtins.dict {}\n",
        "a: !!str 12\n",
        "a: !custom x\n",
        "!!map {a: 1}\n",
    ],
)
def test_explicit_tags_are_refused_so_nothing_is_constructed(text: str) -> None:
    code, _, _, message = refusal(text)
    assert code == "explicit-tag"
    assert "is not allowed" in message


def test_a_billion_laughs_alias_bomb_is_refused_where_it_passes_the_limit() -> None:
    """Refused at the line where the expansion passes the node limit, so the loader never
    expands the 9**10 nodes the later lines ask for (no wall-clock bound: that is bench work)."""
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    code, line, _, _ = refusal("\n".join(lines) + "\n")
    assert code == "too-many-nodes"
    assert line == 6  # 9**5 > 100 000: the sixth line is where the expansion passes the limit


def test_the_node_limit_counts_aliases_after_expansion() -> None:
    text = "a: &a [1, 2, 3]\nb: [*a, *a]\n"
    # root, a, a's 3 items, b, and each alias's 4 nodes: 14
    assert load_yaml(text, "s.yaml", max_nodes=14).data == {"a": [1, 2, 3], "b": [[1, 2, 3]] * 2}
    assert refusal_with_limit(text, max_nodes=13) == "too-many-nodes"


def refusal_with_limit(text: str, **limits: int) -> str:
    with pytest.raises(YamlError) as caught:
        load_yaml(text, "s.yaml", **limits)
    return caught.value.diagnostics[0].code


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 5000 + "]" * 5000 + "\n",
        "".join("  " * i + f"k{i}:\n" for i in range(150)) + "  " * 150 + "leaf: 1\n",
        "a: &a [1]\n"
        + "".join(f"a{i}: &a{i} [*{'a' if i == 0 else f'a{i - 1}'}]\n" for i in range(120)),
    ],
    ids=["flow", "block", "aliases"],
)
def test_deep_nesting_is_refused_with_a_location_not_a_recursion_error(text: str) -> None:
    code, line, column, message = refusal(text)
    assert code == "too-deep"
    assert line >= 1
    assert column >= 1
    assert "nested more than 100 levels" in message


def test_a_recursive_alias_is_refused() -> None:
    code, line, column, _ = refusal("a: &x [1, *x]\n")
    assert (code, line, column) == ("recursive-alias", 1, 11)


def test_an_undefined_alias_is_refused() -> None:
    assert refusal("a: *nowhere\n")[0] == "undefined-alias"


def test_several_documents_are_refused_at_the_second() -> None:
    code, line, _, message = refusal("a: 1\n---\nb: 2\n")
    assert (code, line) == ("multiple-documents", 2)
    assert "exactly one document" in message


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n", "\ufeff"])
def test_an_empty_file_is_refused(text: str) -> None:
    code, _, _, message = refusal(text)
    assert (code, message) == ("empty-file", "the file is empty")


@pytest.mark.parametrize("value", [".nan", ".NaN", ".inf", "-.inf", "+.Inf"])
def test_nan_and_infinity_are_refused(value: str) -> None:
    code, line, column, _ = refusal(f"share: {value}\n")
    assert (code, line, column) == ("not-finite", 1, 8)


@pytest.mark.parametrize("key", ["1", "true", "null", "2.5", "[a]", "{a: 1}"])
def test_keys_must_be_text(key: str) -> None:
    code, line, _, _ = refusal(f"ok: 1\n? {key}\n: value\n")
    assert (code, line) == ("non-string-key", 2)


def test_merge_keys_are_refused_rather_than_silently_read() -> None:
    assert refusal("base: &b {a: 1}\nx:\n  <<: *b\n")[:3] == ("merge-key", 3, 3)


def test_huge_numbers_are_refused() -> None:
    assert refusal("n: " + "9" * 5000 + "\n")[0] == "number-out-of-range"
    assert refusal("n: 1e99999999\n")[0] == "number-out-of-range"


def test_syntax_errors_are_located_with_a_hint() -> None:
    with pytest.raises(YamlError) as caught:
        load_yaml("clinic:\n\tname: x\n", "s.yaml")
    (diagnostic,) = caught.value.diagnostics
    assert str(diagnostic.span) == "s.yaml:2:1"
    assert diagnostic.message.startswith("invalid YAML: found character '\\t'")
    assert diagnostic.hint == "YAML indentation must use spaces, not tabs"


def test_a_bad_indentation_names_the_line() -> None:
    code, line, column, message = refusal("clinic:\n  name: x\n region: y\n")
    assert (code, line, column) == ("yaml-syntax", 3, 2)
    assert "invalid YAML" in message


def test_control_characters_are_refused_with_their_position() -> None:
    assert refusal("a: 1\nb: x\x07y\n")[:3] == ("yaml-syntax", 2, 5)


def test_errors_carry_the_source_line_with_a_caret() -> None:
    with pytest.raises(YamlError) as caught:
        load_yaml("a: 1\na: 2\n", "s.yaml")
    assert caught.value.diagnostics[0].excerpt == "    2 | a: 2\n      | ^"


# --- bytes ------------------------------------------------------------------------------------


def test_a_utf8_bom_is_accepted() -> None:
    text = decode_text("\ufeffname: Växjö\n".encode(), "s.yaml")
    assert load_yaml(text, "s.yaml").data == {"name": "Växjö"}
    assert load_yaml("\ufeffa: 1\n", "s.yaml").marks[("a",)].column == 4


def test_nul_bytes_are_refused_with_their_offset() -> None:
    with pytest.raises(YamlError) as caught:
        decode_text(b"a: 1\nb: x\x00\n", "s.yaml")
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.code == "nul-byte"
    assert str(diagnostic.span) == "s.yaml:2:5"
    assert "byte offset 9 (line 2, column 5)" in diagnostic.message


def test_invalid_utf8_is_refused_with_its_offset() -> None:
    raw = "name: Vårdcentralen\ncity: ".encode() + "Växjö\n".encode("latin-1")
    with pytest.raises(YamlError) as caught:
        decode_text(raw, "s.yaml")
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.code == "invalid-utf8"
    assert str(diagnostic.span) == "s.yaml:2:8"
    assert "byte 0xE4" in diagnostic.message
    assert "Latin-1" in (diagnostic.hint or "")


# --- JSON -------------------------------------------------------------------------------------

TABBED = '{\n\t"clinic": {\n\t\t"name": "Lund",\n\t\t"listed": 11780\n\t},\n\t"share": 0.10\n}\n'


def test_json_with_tab_indentation_is_read_with_exact_positions() -> None:
    loaded = load_yaml(TABBED, "s.json")
    assert loaded.data == {"clinic": {"name": "Lund", "listed": 11780}, "share": Decimal("0.10")}
    assert loaded.marks[("clinic", "listed")] == NodeMark(4, 13, 4, 18, None)
    assert loaded.marks[("clinic", "name")] == NodeMark(3, 11, 3, 17, '"')
    assert loaded.key_marks[("share",)] == NodeMark(6, 2, 6, 9, '"')
    assert loaded.marks[("clinic",)] == NodeMark(2, 12, 5, 3, None)


@pytest.mark.parametrize(
    ("text", "code", "line", "column"),
    [
        ('{"a": 1,\n "a": 2}', "duplicate-key", 2, 2),
        ('{"a": NaN}', "not-finite", 1, 7),
        ('{"a": -Infinity}', "not-finite", 1, 7),
        ('{"a": [1, 2,]}', "json-syntax", 1, 13),
        ('{"a": 1,\n}', "json-syntax", 2, 1),
        ('{"a": 1}\n{"b": 2}', "json-syntax", 2, 1),
        ('{"a": "x\ty"}', "json-syntax", 1, 9),
        ("{'a': 1}", "json-syntax", 1, 2),
        ("", "empty-file", 1, 1),
        # level 101 is the '[' of the 51st '{"a": [' (7 characters each): column 50*7+7
        ('{"a": [' * 200 + "]}" * 200, "too-deep", 1, 357),
    ],
)
def test_json_refusals_are_located(text: str, code: str, line: int, column: int) -> None:
    assert refusal(text, "s.json")[:3] == (code, line, column)


_JSON_LEAF = (
    st.none()
    | st.booleans()
    | st.integers(-(10**30), 10**30)
    | st.decimals(allow_nan=False, allow_infinity=False, places=4)
    | st.text(max_size=12)
)
_JSON_VALUE = st.recursive(
    _JSON_LEAF,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=30,
)


@given(value=_JSON_VALUE, indent=st.sampled_from([None, 2, "\t"]))
def test_json_reads_like_the_standard_library_and_marks_every_node(
    value: strict_yaml.Value, indent: int | str | None
) -> None:
    text = json.dumps(value, indent=indent, default=str)
    expected = json.loads(text, parse_float=Decimal)
    loaded = load_yaml(text, "g.json")
    assert loaded.data == expected
    assert set(loaded.marks) == set(_paths(expected, ()))


def _paths(value: object, path: strict_yaml.NodePath) -> list[strict_yaml.NodePath]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found
