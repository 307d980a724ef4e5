"""The docs generator's pure functions: a rule → its Markdown, references, writing, markers."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from pathlib import Path

import pytest
from vardval.checker import cli
from vardval.checker.corpus.ruleset import RuleSet
from vardval.checker.docgen import markdown as md
from vardval.checker.docgen import parts
from vardval.checker.docgen import site as docgen
from vardval.checker.docgen.examples import DocgenError, load_examples
from vardval.checker.docgen.logic import layout, uses
from vardval.checker.docgen.reference import fields, fields_table
from vardval.checker.docgen.rule_page import book_of, rule_page
from vardval.checker.program import load_ruleset
from vardval.checker.sources.registry import SourceRegistry
from vardval.checker.submission.model import submission_schema
from vardval.dsl import nodes
from vardval.dsl.parser import parse

ROOT = Path(__file__).resolve().parents[2]
SECTIONS = ["## Krav · Requirement", "## Rättslig grund · Legal basis", "## Logik · Logic",
            "## Parametrar · Parameters", "## Exempel · Examples", "## Historik · History"]


@pytest.fixture(scope="module")
def ruleset() -> RuleSet:
    return load_ruleset(ROOT / "rules")


def test_a_rule_page_shows_when_each_cited_source_was_last_verified(ruleset: RuleSet) -> None:
    for rule_id, date in [("KRO-SYNERGI", "2025-12-31"), ("VGR-VANTETIDSDATA", "2019-12-31"),
                          ("VG-KONTAKT", "2025-12-15")]:
        rule = ruleset.rule(rule_id)
        assert rule is not None
        page = rule_page(ruleset, rule)
        legal = page.split("## Rättslig grund · Legal basis")[1].split("## Logik")[0]
        assert f"*Source verified through {date}" in legal, rule_id


def test_a_rule_page_has_its_sections_titles_citations_and_parameters(ruleset: RuleSet) -> None:
    for rule in ruleset.rules():
        page = rule_page(ruleset, rule)
        assert page.startswith(f"# {md.escape(rule.id)}\n")
        positions = [page.index(heading + "\n") for heading in SECTIONS]
        assert positions == sorted(positions), rule.id
        assert page.index(md.escape(rule.title["sv"])) < page.index(md.escape(rule.title["en"]))
        for citation in (c for v in rule.versions for c in v.citations):
            target = parts.href(citation.url, md.rule_page(rule.id))
            assert f"]({target.replace('(', '%28').replace(')', '%29')})" in page
            if citation.quote and citation.quote_is_verbatim:
                assert f"> {md.escape(citation.quote)}" in page
            elif citation.quote:
                assert f"*Paraphrase, not the legal text:* {md.escape(citation.quote)}" in page
        for name in uses(rule, book_of(ruleset, rule)).parameters:
            assert f"### `{name}`" in page
        assert f"{rule.severity}" in page


def test_the_rule_page_shows_its_logic_and_dsl_link_only_when_asked(ruleset: RuleSet) -> None:
    rule = next(ruleset.rules())
    plain = rule_page(ruleset, rule)
    linked = rule_page(ruleset, rule, dsl_reference=True)
    assert "dsl-reference.md" not in plain
    assert "](../../dsl-reference.md)" in linked
    for version in rule.versions:
        assert layout(version.require.expr, 80).splitlines()[0] in plain


def test_layout_keeps_the_meaning_and_breaks_long_expressions(ruleset: RuleSet) -> None:
    exprs = [c.expr for r in ruleset.rules() for v in r.versions
             for c in (v.when, v.require) if c is not None]
    exprs += [c.expr for b in ruleset.rulebooks for c in b.definitions.values()]
    for expr in exprs:
        text = layout(expr, width=60)
        assert nodes.show(parse(text)) == nodes.show(expr)
    long = parse(" and ".join(f"accessibility.contacts.field_{i} > {i}" for i in range(6)))
    lines = layout(long, width=60).splitlines()
    assert len(lines) == 6
    assert all(line.startswith("and ") for line in lines[1:])


def test_uses_finds_definitions_through_other_definitions(ruleset: RuleSet) -> None:
    for rule in ruleset.rules():
        book = book_of(ruleset, rule)
        used = uses(rule, book)
        for name in used.definitions:
            inner = {r.name for r in _refs(book.definitions[name].expr, nodes.DefRef)}
            assert inner <= set(used.definitions[: used.definitions.index(name)])
            params = {r.name for r in _refs(book.definitions[name].expr, nodes.ParamRef)}
            assert params <= set(used.parameters)


def _refs(expr: nodes.Expr, kind: type) -> list:
    from vardval.dsl import walk

    return [r for r in walk.references(expr) if isinstance(r, kind)]


def test_a_citation_the_registry_cannot_resolve_stops_the_generator(ruleset: RuleSet) -> None:
    broken = dataclasses.replace(ruleset, registry=SourceRegistry({}))
    with pytest.raises(DocgenError) as caught:
        docgen.generate(broken)
    codes = {d.code for d in caught.value.diagnostics}
    assert codes == {"dangling-citation"}
    assert all(d.span and d.span.line > 0 for d in caught.value.diagnostics)


def test_a_description_naming_an_unknown_rule_stops_the_generator(ruleset: RuleSet) -> None:
    book = ruleset.rulebooks[0]
    rule = book.rules[0]
    prefix = rule.id.split("-")[0]
    bad_rule = dataclasses.replace(rule, description={"sv": f"Ersatt av {prefix}-SAKNAS.",
                                                      "en": f"Replaced by {prefix}-SAKNAS."})
    bad_book = dataclasses.replace(book, rules=(bad_rule, *book.rules[1:]))
    broken = dataclasses.replace(ruleset, rulebooks=(bad_book, *ruleset.rulebooks[1:]))
    with pytest.raises(DocgenError, match=rf"names rule '{prefix}-SAKNAS'") as caught:
        docgen.check_references(broken)
    assert str(caught.value).startswith(f"{rule.file}:{rule.line}:")


def test_a_case_naming_an_unknown_rule_is_a_located_error(ruleset: RuleSet,
                                                          tmp_path: Path) -> None:
    base = ROOT / "fixtures" / "submissions" / "kronoberg-teleborg-2025-Q1.yaml"
    (tmp_path / "c.yaml").write_text(
        f"base: {base}\ncases:\n  - name: A case for a rule that is gone.\n"
        "    rule: XX-NOTHING\n    expect: pass\n", encoding="utf-8")
    with pytest.raises(DocgenError, match="unknown rule 'XX-NOTHING'") as caught:
        load_examples(ruleset, tmp_path)
    assert caught.value.diagnostics[0].span.line == 4


def test_pages_are_written_only_when_changed_and_stale_rule_pages_go(tmp_path: Path) -> None:
    files = {"rules.md": "a\n", "rules/x-one.md": "x\n", "schemas/s.json": "{}\n"}
    assert docgen.write_pages(files, tmp_path) == ("rules.md", "rules/x-one.md", "schemas/s.json")
    assert docgen.write_pages(files, tmp_path) == ()
    changed = {"rules.md": "b\n", "schemas/s.json": "{}\n"}
    assert docgen.write_pages(changed, tmp_path) == ("rules.md", "rules/x-one.md")
    assert not (tmp_path / "rules" / "x-one.md").exists()
    assert (tmp_path / "rules.md").read_text() == "b\n"


def test_out_naming_a_folder_of_notes_deletes_none_of_them(tmp_path: Path) -> None:
    """`vardval docs --out NOTES` deleted every *.md there that the corpus did not make (issue
    15, items 1-2's sibling: data loss); only pages an earlier run wrote are stale now."""
    notes = {"todo.md": "my notes\n", "rules/mine.md": "mine\n", "changes/old.md": "old\n"}
    for name, text in notes.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    files = {"rules.md": "a\n", "rules/x-one.md": "x\n"}
    assert docgen.write_pages(files, tmp_path) == ("rules.md", "rules/x-one.md")
    assert docgen.write_pages({"rules.md": "a\n"}, tmp_path) == ("rules/x-one.md",)
    for name, text in notes.items():
        assert (tmp_path / name).read_text(encoding="utf-8") == text


def test_out_that_cannot_be_a_folder_is_a_plain_error(tmp_path: Path) -> None:
    """A write error was an internal error (exit 3, issue 15 item 6's sibling)."""
    (tmp_path / "a-file").write_text("hi\n", encoding="utf-8")
    err = io.StringIO()
    code = cli.run(["docs", "--out", str(tmp_path / "a-file" / "gen")], io.StringIO(), err)
    assert code == 2
    assert "vardval docs: kan inte skriva" in err.getvalue()
    assert "internt fel" not in err.getvalue()


def test_the_committed_pages_are_listed_as_ours() -> None:
    """docs/generated keeps its list of pages, so a rule deleted from the corpus loses its page
    there on the next build (the list is what makes a page stale)."""
    folder = ROOT / "docs" / docgen.GENERATED
    listed = (folder / docgen.MANIFEST).read_text(encoding="utf-8").splitlines()
    on_disk = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                     if p.is_file() and p.name != docgen.MANIFEST)
    assert listed == on_disk


def test_generate_gives_every_page_the_nav_and_the_catalogue_link(ruleset: RuleSet) -> None:
    files = docgen.generate(ruleset)
    rule_ids = [rule.id for rule in ruleset.rules()]
    assert {md.rule_page(r) for r in rule_ids} <= files.keys()
    for rule_id in rule_ids:
        assert f"[{md.escape(rule_id)}]({md.rule_page(rule_id)})" in files["rules.md"]
    sections = docgen.nav(ruleset)
    assert [next(iter(book)) for book in sections] == [b.title["sv"] for b in ruleset.rulebooks]
    entries = [entry for book in sections for entry in next(iter(book.values()))]
    assert [next(iter(e)).split(" — ")[0] for e in entries] == rule_ids


def test_every_rule_page_describes_the_rule_in_swedish_then_english(ruleset: RuleSet) -> None:
    for rule in ruleset.rules():
        assert rule.description, f"{rule.id} has no description (rules/: description: sv, en)"
        page = rule_page(ruleset, rule)
        requirement = page.split("## Krav · Requirement\n\n")[1]
        sv, en = rule.description["sv"][:20], rule.description["en"][:20]  # before any link
        assert requirement.index(sv) < requirement.index(en) < requirement.index("## Rättslig")


def test_extend_nav_puts_rulebooks_after_the_catalogue_once() -> None:
    config = [{"Home": "index.md"}, {"Rules": [{"Catalogue": "generated/rules.md"},
                                               {"Timeline": "generated/timeline.md"}]}]
    books = [{"national.a": [{"A-ONE": "generated/rules/a-one.md"}]}]
    assert docgen.extend_nav(config, books)
    assert docgen.extend_nav(config, books)
    assert config[1]["Rules"] == [{"Catalogue": "generated/rules.md"}, *books,
                                  {"Timeline": "generated/timeline.md"}]
    assert not docgen.extend_nav([{"Home": "index.md"}], books)


def test_an_unknown_marker_is_a_located_error() -> None:
    with pytest.raises(DocgenError, match=r"guide.md:3:1: unknown marker 'vardval:nope'"):
        docgen.expand("a\n\n<!-- vardval:nope -->\n", {"known": "x"}, "guide.md")


def test_the_format_reference_lists_every_field_of_the_schema() -> None:
    schema = submission_schema()
    rows = {f.path: f for f in fields(schema)}
    assert rows["clinic.hsa_id"].required == "yes"
    assert rows["clinic.head_of_unit"].required == "no"
    assert rows["listing.cap.max_listed"].required == "yes, when `listing.cap` is present"
    assert rows["listing.cap.grounds"].type.startswith("list of one of `patient_safety`")
    assert rows["period"].type == f"string matching `{schema['properties']['period']['pattern']}`"
    page = fields_table(schema)
    for path in rows:
        assert f"| `{path}` |" in page
    assert len(re.findall(r"^\| `", page, re.MULTILINE)) == len(rows)


def test_markdown_escaping_keeps_tables_intact() -> None:
    row = md.table(["a"], [[md.escape("x | y")]])
    assert row.splitlines()[2] == r"| x \| y |"
    assert md.fenced("```inner```").startswith("````text\n")


def test_rule_ids_in_descriptions_link_to_their_pages(ruleset: RuleSet) -> None:
    first, second = list(ruleset.rules())[:2]
    text = {"sv": f"Ersatt av {second.id}.", "en": f"Replaced by {second.id}."}
    page = rule_page(ruleset, dataclasses.replace(first, description=text))
    target = md.relative(md.rule_page(first.id), md.rule_page(second.id))
    link = f"[{md.escape(second.id)}]({target})"
    assert f"Ersatt av {link}." in page
    assert f"*Replaced by {link}.*" in page


def test_versions_with_different_logic_are_shown_apart(ruleset: RuleSet) -> None:
    rule = next(r for r in ruleset.rules() if r.valid_from is not None)
    other = next(r for r in ruleset.rules() if r.versions[0].require != rule.versions[0].require)
    start = rule.valid_from.replace(year=rule.valid_from.year + 1)
    first = dataclasses.replace(rule.versions[0], valid_to=start - dt.timedelta(days=1))
    second = dataclasses.replace(rule.versions[0], valid_from=start, valid_to=None,
                                 require=other.versions[0].require)
    page = rule_page(ruleset, dataclasses.replace(rule, versions=(first, second)))
    assert f"### {rule.valid_from} → {start - dt.timedelta(days=1)}\n" in page
    assert f"### from {start}\n" in page
    assert f"| from {start} | logic changed |" in page


def test_the_timeline_dates_every_rule_and_parameter_value(ruleset: RuleSet) -> None:
    page = docgen.generate(ruleset)["timeline.md"]
    rows = page.splitlines()
    for rule in ruleset.rules():
        day = str(rule.valid_from) if rule.valid_from else "always"
        assert any(r.startswith(f"| {day} | [{md.escape(rule.id)}]") for r in rows), rule.id
    for name in ruleset.parameters.names():
        for definition in parts.definitions_for(ruleset, name, None):
            for value in definition.values:
                assert any(r.startswith(f"| {value.valid_from} | `{name}` |") for r in rows)
