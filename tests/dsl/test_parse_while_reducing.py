"""The AST is built while Lark parses (its ``transformer``): spans, errors and their order are
those of the parse tree it replaced, a tree built with ``propagate_positions`` and transformed
after the parse."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from lark import Lark, Token, Tree
from vardval.checker.corpus import ruleset
from vardval.dsl import nodes, walk
from vardval.dsl import parser as dsl_parser
from vardval.dsl.errors import RuleSyntaxError
from vardval.dsl.spans import Origin, Span
from vardval.dsl.transformer import ToAst

GRAMMAR = Path(__file__).resolve().parents[2] / "dsl" / "grammar.lark"


@functools.cache
def _tree_parser() -> Lark:
    """The parser as it was: a tree with positions, no transformer."""
    return Lark(GRAMMAR.read_text(encoding="utf-8"), parser="lalr",
                propagate_positions=True, maybe_placeholders=True)


def _tree_spans(tree: Tree[Token], origin: Origin) -> Iterator[Span]:
    """Every node's span in pre-order, from the tree's meta (an argument list is no node)."""
    if tree.data != "arguments":
        meta = tree.meta
        yield origin.span(meta.line, meta.column, meta.end_line, meta.end_column)
    for child in tree.children:
        if isinstance(child, Tree):
            yield from _tree_spans(child, origin)


def _ast_spans(expr: nodes.Expr) -> Iterator[Span]:
    yield expr.span
    for child in walk.children(expr):
        yield from _ast_spans(child)


def _corpus_expressions(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, Origin]]:
    """Every expression the bundled rules parse, with where it stands in its file."""
    seen: list[tuple[str, Origin]] = []
    real = dsl_parser.parse

    def recording(text: str, origin: Origin | None = None) -> nodes.Expr:
        seen.append((text, origin or Origin()))
        return real(text, origin)

    with monkeypatch.context() as patch:
        patch.setattr(dsl_parser, "parse", recording)
        ruleset.read_ruleset()
    return seen


def test_every_rule_expression_has_the_spans_the_parse_tree_gave(
        monkeypatch: pytest.MonkeyPatch) -> None:
    expressions = _corpus_expressions(monkeypatch)
    assert len(expressions) > 200
    for text, origin in expressions:
        tree = _tree_parser().parse(text)
        assert list(_ast_spans(dsl_parser.parse(text, origin))) == list(
            _tree_spans(tree, origin)), text


@pytest.mark.parametrize("text", [
    "(a + b) * 2 >= 90%", "((a)) and (b or c)", "f((x), [ (y) , z, ])", "-(a).b",
    "not (x)\n  in [1,\n 2]", "if (a) then (b) else (c)", "all v in (xs): (v > 1)",
    "x # note\n  and (y #more\n)", "(6 months) + (2025-01-01)", "x not in (ys)", "(f())",
])
def test_brackets_count_in_the_spans_of_what_holds_them(text: str) -> None:
    origin = Origin("r.yaml", 4, 11)
    tree = _tree_parser().parse(text)
    assert list(_ast_spans(dsl_parser.parse(text, origin))) == list(_tree_spans(tree, origin))


def _error(text: str) -> tuple[str, Span | None]:
    with pytest.raises(RuleSyntaxError) as caught:
        dsl_parser.parse(text, Origin("r.yaml", 7, 9))
    return str(caught.value).splitlines()[0], caught.value.diagnostics[0].span


# What the tree-first parser said (the figures were taken from it before the change).
@pytest.mark.parametrize(("text", "message", "column"), [
    ("2025-13-01 > y and", "'and' / 'or' needs an expression on both sides", 27),
    ("2025-13-01 > y and " + "1" * 40 + " > 2",
     "this number has 40 digits; a number has at most 30", 28),
    ("3 weeks > 2025-Q5", "unknown duration unit 'weeks'", 11),
    ("2 day > 1" + " + 1" * 200, "the expression nests more than 100 levels deep", 425),
    ("not " * 98 + "f((y), 1)", "the expression nests more than 100 levels deep", 408),
    ("all a in xs: " * 11 + "a", ("the expression nests 11 quantifiers (all/any) one inside "
                                  "another; the limit is 10"), 139),
])
def test_errors_come_in_the_order_the_stages_found_them(text: str, message: str,
                                                        column: int) -> None:
    said, span = _error(text)
    assert said == f"r.yaml:7:{column}: {message}"
    assert span is not None
    assert (span.line, span.column) == (7, column)


@pytest.mark.parametrize("opening", ["f(", "["])
def test_an_argument_list_too_deep_is_placed_where_its_first_argument_starts(
        opening: str) -> None:
    closing = ")" if opening == "f(" else "]"
    text = "not " * 99 + f"{opening}\n  (y), 1{closing}"
    assert _error(text) == ("r.yaml:8:3: the expression nests more than 100 levels deep",
                            Span("r.yaml", 8, 3, 8, 4))


@pytest.mark.parametrize("failing", [
    "2025-13-01 > " + "9" * 31, "(a) and f((b)) and", "not " * 120 + "f((x))"])
def test_a_parse_keeps_nothing_of_the_one_before(failing: str) -> None:
    builder = dsl_parser._parser().options.transformer
    assert isinstance(builder, ToAst)
    dsl_parser.parse("(a) + 1 > 1 and f((b))", Origin("a.yaml"))
    with pytest.raises(RuleSyntaxError):
        dsl_parser.parse(failing, Origin("a.yaml"))
    assert (builder.boxes, builder.argument_starts, builder.too_long, builder.unreadable) == (
        {}, {}, None, None)
    assert dsl_parser.parse("(a) + b", Origin("b.yaml")).span == Span("b.yaml", 1, 1, 1, 8)


def test_parses_in_threads_each_get_their_own_file_and_spans() -> None:
    texts = [f"(a{i} + b) * 2 >= f(({i}), c) and 2025-13-0{i % 9 + 1} > d" for i in range(40)]
    wanted = {}
    for text in texts:
        try:
            wanted[text] = repr(dsl_parser.parse(text, Origin(f"{text}.yaml", 3, 5)))
        except RuleSyntaxError as exc:
            wanted[text] = str(exc)
    failures: list[str] = []

    def run() -> None:
        for _ in range(25):
            for text in texts:
                try:
                    got = repr(dsl_parser.parse(text, Origin(f"{text}.yaml", 3, 5)))
                except RuleSyntaxError as exc:
                    got = str(exc)
                if got != wanted[text]:
                    failures.append(text)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
