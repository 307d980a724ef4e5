"""``vardval explain``: every shipped rule on every example submission, and the trace itself."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from reports_support import EXAMPLE, example_files, results_json, vardval
from vardval.checker.corpus.ruleset import RuleSet
from vardval.checker.engine.evaluate import check_intake
from vardval.checker.report.explain import Step, Subject, explain, trace_tree
from vardval.checker.submission.intake import load_submission
from vardval.dsl import nodes
from vardval.dsl.values import Quarter

STATUS_LINE = re.compile(r"^Status: .+ \((pass|fail|indeterminate|not_applicable)\)$",
                         re.MULTILINE)


def _statuses(path: Path) -> dict[str, str]:
    [result] = results_json(str(path))["results"]
    return {f["rule"]: f["status"] for f in result["findings"]}


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.name)
def test_every_rule_explains_with_the_status_check_gives(path: Path, ruleset: RuleSet) -> None:
    statuses = _statuses(path)
    assert set(statuses) == {r.id for r in ruleset.rules()}
    intake = load_submission(path)
    assert intake.data is not None
    findings = {f.rule.id: f for f in check_intake(ruleset, intake).findings}
    books = {b.id: b for b in ruleset.rulebooks}
    for rule in ruleset.rules():
        subject = Subject(ruleset, rule, books[rule.rulebook], str(path), intake.data,
                          findings[rule.id])
        for lang in ("sv", "en"):
            out = explain(subject, lang)
            assert STATUS_LINE.findall(out) == [statuses[rule.id]], f"{rule.id} on {path.name}"


def test_the_command_prints_the_explanation() -> None:
    status = _statuses(EXAMPLE)["VG-KONTAKT"]
    code, out, err = vardval("explain", "VG-KONTAKT", str(EXAMPLE))
    assert (code, err) == (0, "")
    assert STATUS_LINE.findall(out) == [status]
    assert out.startswith("VG-KONTAKT — ")


def test_the_trace_shows_conditions_values_and_legal_text(ruleset: RuleSet) -> None:
    period = Quarter.parse(results_json(str(EXAMPLE))["results"][0]["period"])
    statuses = _statuses(EXAMPLE)
    rule = next(r for r in ruleset.rules()
                if statuses[r.id] == "fail" and r.version_on(period.start)
                and any(c.quote for c in r.version_on(period.start).citations))
    version = rule.version_on(period.start)
    _, out, _ = vardval("explain", rule.id, str(EXAMPLE), "--lang", "en")
    assert f"Require: {nodes.show(version.require.expr)} → false" in out
    assert f"Version in force: {version.valid_from or '(from the start)'}" in out
    quoted = next(c for c in version.citations if c.quote)
    assert quoted.url in out
    first_words = " ".join(quoted.quote.split()[:4])
    assert first_words in " ".join(out.replace("│", " ").split())
    assert ("[verbatim quote" if quoted.quote_is_verbatim else "[paraphrase") in out


def test_nested_parts_are_indented_below_their_expression() -> None:
    _, out, _ = vardval("explain", "VG-KONTAKT", str(EXAMPLE), "--lang", "en")
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Require:"))
    depths = [len(line) - len(line.lstrip()) for line in lines[start + 1:] if line.strip()]
    assert depths[0] == 2
    assert max(depths[:6]) > 2


def test_unknown_rule_suggests_the_closest_id(ruleset: RuleSet) -> None:
    some = next(iter(ruleset.rules())).id
    code, out, err = vardval("explain", some.lower()[:-1], str(EXAMPLE))
    assert code == 2
    assert out == ""
    assert f"okänd regel '{some.lower()[:-1]}'; menade du '{some}'" in err
    assert "did you mean" not in err
    code, _, err = vardval("explain", "--lang", "en", some.lower()[:-1], str(EXAMPLE))
    assert code == 2
    assert f"unknown rule '{some.lower()[:-1]}'; did you mean '{some}'" in err
    assert "menade du" not in err


def test_unknown_rule_lists_the_known_ones_in_the_report_language() -> None:
    code, _, err = vardval("explain", "ZZZZZZZZZZZZ", str(EXAMPLE))
    assert code == 2
    assert "okänd regel 'ZZZZZZZZZZZZ'; kända regler: " in err


def test_invalid_submission_is_reported_not_explained(batch: Path) -> None:
    code, out, _ = vardval("explain", "VG-KONTAKT", str(batch / "m-corrupt.yaml"))
    assert code == 1
    assert "ogiltig inlämning; regeln har inte prövats" in out
    assert "Status:" not in out


def test_trace_tree_nests_definitions_where_first_computed() -> None:
    from vardval.dsl.parser import parse
    from vardval.dsl.spans import Span

    span = Span("t", 1, 1, 1, 2)
    body = parse("1 + 2")
    ref_a, ref_b = nodes.DefRef("d", span), nodes.DefRef("d", span)
    top = nodes.Binary("*", ref_a, ref_b, span)
    trace = [(body.left, 1), (body.right, 2), (body, 3), (ref_a, 3), (ref_b, 3), (top, 9)]
    [root] = trace_tree(trace, {"d": body})
    assert root.value == 9
    first, second = root.children
    assert first.expr is ref_a
    assert [c.expr for c in first.children] == [body]
    assert second.children == []
    assert isinstance(first.children[0], Step)


def test_explain_shows_the_regions_dispensation_as_check_does() -> None:
    alvesta = EXAMPLE.parent / "kronoberg-alvesta-2024-Q4.yaml"
    code, out, err = vardval("explain", "KRO-VARDPROGRAM", str(alvesta))
    assert (code, err) == (0, "")
    assert "underkänd — undantag (Dnr RK 2024/1187, KRO-DISP-2024-07" in out
