"""The docs generator: the loaded corpus → Markdown pages, schema files, nav and output snippets.

``generate`` returns every generated file as ``{relative path: text}``; ``write_pages`` writes
them, touching only files whose content changed (``mkdocs serve`` watches the folder and would
rebuild for ever otherwise). ``build_site`` does both for a project checkout; ``docs/hooks.py``
and ``vardval docs`` call it. References that lead nowhere (a case naming an unknown rule, a
description naming one, a citation its source registry cannot resolve or whose project page is
missing) stop the generator with located messages. Page layouts live in ``rule_page``,
``pages`` and ``reference``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vardval.checker.docgen import changes, pages, parts, reference
from vardval.checker.docgen import markdown as md
from vardval.checker.docgen.examples import DocgenError, Example, load_examples
from vardval.checker.docgen.reference import CliRun
from vardval.checker.docgen.rule_page import DSL_REFERENCE, rule_page
from vardval.checker.docgen.words import Said
from vardval.checker.errors import OutputError
from vardval.checker.formatting import printable
from vardval.checker.program import load_ruleset
from vardval.checker.report import destination
from vardval.checker.submission import submission_schema
from vardval.dsl.errors import Diagnostic
from vardval.dsl.spans import Span

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from vardval.checker.corpus import RuleSet

__all__ = ["DocgenError", "Site", "build_site", "check_references", "expand", "extend_nav",
           "generate", "nav", "project_files", "refresh_guides", "snippets", "write_pages"]

GENERATED = "generated"
EXAMPLE_SUBMISSION = "fixtures/submissions/kronoberg-teleborg-2025-Q1.yaml"
EDITOR_SCHEMAS = Path(__file__).parents[1] / "schemas"  # package data of vardval.checker
# A filled region (its text up to the closing marker), or a bare marker still to be filled.
_REGION = re.compile(r"<!--\s*vardval:([a-z-]+)\s*-->(?:(?:(?!<!--\s*vardval:).)*?"
                     r"<!--\s*/vardval:\1\s*-->)?", re.DOTALL)


@dataclass(frozen=True)
class Site:
    """What one generator run produced: the corpus it read, its files and those it wrote."""

    ruleset: RuleSet
    files: dict[str, str]
    written: tuple[str, ...]


def generate(ruleset: RuleSet, examples: Mapping[str, list[Example]] | None = None, *,
             dsl_reference: bool = False, editor_schemas: Path | None = None) -> dict[str, str]:
    """Every generated file, by path relative to the generated folder."""
    check_references(ruleset)
    examples = examples or {}
    out = {pages.CATALOGUE: pages.catalogue_page(ruleset),
           pages.TRACEABILITY: pages.traceability_page(ruleset),
           pages.TIMELINE: pages.timeline_page(ruleset)}
    for rule in ruleset.rules():
        out[md.rule_page(rule.id)] = rule_page(ruleset, rule, examples.get(rule.id, ()),
                                               dsl_reference=dsl_reference)
    return out | reference.schema_files(editor_schemas)


def check_references(ruleset: RuleSet) -> None:
    """Raise ``DocgenError`` for every citation or rule reference that leads nowhere."""
    problems = _dangling_citations(ruleset) + _dangling_rule_ids(ruleset)
    if problems:
        raise DocgenError(problems)


def _dangling_citations(ruleset: RuleSet) -> list[Diagnostic]:
    problems = []
    for rule in ruleset.rules():
        for version in rule.versions:
            for citation in version.citations:
                problem = _resolve(ruleset, citation.text, Span(rule.file, version.line, 1,
                                                                version.line, 2))
                problems += [problem] if problem else []
    values = (value for name in ruleset.parameters.names()
              for definition in parts.definitions_for(ruleset, name, None)
              for value in definition.values)
    for value in values:
        for text in value.cite:
            problem = _resolve(ruleset, text, Span(value.file, value.line, 1, value.line, 2))
            problems += [problem] if problem else []
    return problems


def _resolve(ruleset: RuleSet, text: str, span: Span) -> Diagnostic | None:
    """Why a citation leads nowhere: it does not resolve, or its project page is missing."""
    try:
        resolved = ruleset.registry.resolve_text(text)
    except ValueError as exc:
        return Diagnostic.worded("dangling-citation", Said("unresolved", (text, str(exc))), span,
                                 Said("unresolved-hint"))
    project = ruleset.directory.parent
    if not (project / "docs").is_dir():  # an installed corpus: no project pages to check
        return None
    local = [u for u in (resolved.url, resolved.act_url) if not u.startswith(("https:", "http:"))]
    missing = [u for u in local if not (project / u.split("#")[0]).is_file()]
    if missing:
        return Diagnostic.worded("dangling-citation", Said("missing-page", (text, missing[0])),
                                 span, Said("missing-page-hint"))
    return None


def _dangling_rule_ids(ruleset: RuleSet) -> list[Diagnostic]:
    """Rule ids named in titles and descriptions must exist (source ids look alike: skipped)."""
    known = {rule.id for rule in ruleset.rules()}
    prefixes = {rule_id.split("-")[0] for rule_id in known}
    sources = set(ruleset.registry.ids())
    problems = []
    for rule in ruleset.rules():
        texts = [*rule.title.values(), *(rule.description or {}).values()]
        for token in {t for text in texts for t in parts.RULE_ID_TEXT.findall(text)}:
            if token.split("-")[0] in prefixes and token not in known | sources:
                span = Span(rule.file, rule.line, 1, rule.line, 2)
                problems.append(Diagnostic.worded("dangling-rule",
                                                  Said("dangling-rule", (rule.id, token)), span,
                                                  Said("dangling-rule-hint")))
    return problems


MANIFEST = ".vardval-pages"  # in ``out``: the pages the last run wrote, one a line


def write_pages(files: Mapping[str, str], out: Path) -> tuple[str, ...]:
    """Write the files under ``out``, only where the content changed; drop stale pages (a page
    an earlier run wrote that the corpus no longer makes, such as a deleted rule's).

    Which pages are ours is read from ``out/.vardval-pages``, written beside them: any other
    file in ``out`` is someone else's and stays, so ``--out`` naming a folder of notes never
    deletes them (it used to drop every ``*.md`` the corpus did not make).

    Returns the paths written (empty when nothing changed).
    """
    try:
        return _write_pages(files, out)
    except OSError as exc:  # a folder that is a file, no permission, a full disk: the user's
        where = printable(str(exc.filename or out))
        said = Said("unwritable", (where, destination.os_reason(exc)))
        raise OutputError([Diagnostic.worded("unwritable-output", said, None,
                                             Said("unwritable-hint"))]) from None


def _write_pages(files: Mapping[str, str], out: Path) -> tuple[str, ...]:
    written = []
    for relative, text in sorted(files.items()):
        path = out / relative
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(relative)
    for relative in sorted(_ours(out) - files.keys()):
        stale = out / relative
        if stale.is_file() and not stale.is_symlink():
            stale.unlink()
            written.append(relative)
    _remember(out, files.keys())
    return tuple(written)


def _ours(out: Path) -> set[str]:
    """The pages an earlier run wrote under ``out`` (none when it never ran there)."""
    try:
        listed = (out / MANIFEST).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return set()
    return {name for name in listed if name and ".." not in Path(name).parts
            and not Path(name).is_absolute()}


def _remember(out: Path, pages: Iterable[str]) -> None:
    text = "".join(f"{name}\n" for name in sorted(pages))
    manifest = out / MANIFEST
    if not manifest.is_file() or manifest.read_text(encoding="utf-8") != text:
        manifest.write_text(text, encoding="utf-8")


def nav(ruleset: RuleSet, prefix: str = GENERATED) -> list[dict[str, Any]]:
    """Nav entries for the rule pages: a section per rulebook under its Swedish title, an entry
    per rule (its id and Swedish title; the page gives the English beside)."""
    return [{book.title["sv"]: [{f"{rule.id} — {rule.title['sv']}":
                                 f"{prefix}/{md.rule_page(rule.id)}"} for rule in book.rules]}
            for book in ruleset.rulebooks]


def extend_nav(config_nav: list[Any], books: list[dict[str, Any]],
               catalogue: str = f"{GENERATED}/{pages.CATALOGUE}") -> bool:
    """Put the rulebook sections right after the catalogue's entry, wherever that is in the nav.

    Idempotent (sections of the same name are replaced), so ``mkdocs serve`` can call it on
    every rebuild. Returns False when the nav has no catalogue entry.
    """
    names = {next(iter(book)) for book in books}
    for entry in config_nav:
        target = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if target == catalogue:
            config_nav[:] = [e for e in config_nav
                             if not (isinstance(e, dict) and next(iter(e)) in names)]
            at = config_nav.index(entry) + 1
            config_nav[at:at] = books
            return True
        if isinstance(target, list) and extend_nav(target, books, catalogue):
            return True
    return False


def snippets(ruleset: RuleSet, run_cli: CliRun) -> dict[str, str]:
    """Real output for the hand-written guides, filled in where they say ``<!-- vardval:NAME -->``.

    ``run_cli`` runs a ``vardval`` command on the project's example submission (the CLI passes
    itself in, so docgen never imports it).
    """
    return {"check-output": reference.check_output(run_cli, EXAMPLE_SUBMISSION),
            "results-example": reference.results_example(run_cli, EXAMPLE_SUBMISSION),
            "submission-fields": reference.fields_table(submission_schema()),
            "schema-list": reference.schema_list(EDITOR_SCHEMAS),
            "rule-count": str(sum(1 for _ in ruleset.rules())),
            "rulebook-count": str(len(ruleset.rulebooks))}


def expand(markdown: str, texts: Mapping[str, str], page: str, *, markers: bool = True) -> str:
    """Fill each ``<!-- vardval:NAME -->…<!-- /vardval:NAME -->`` region with its text.

    The markers stay (they are HTML comments, invisible on the site), so a page filled once
    reads complete in the repository and can be filled again: ``vardval docs`` rewrites the
    regions of the committed pages, the docs build does the same in memory, and a test fails
    when a committed page is not what filling it gives. A bare ``<!-- vardval:NAME -->`` is
    filled into a region. An unknown name is a located error. ``markers=False`` leaves the
    markers out (the published pages).

    Example:
        >>> from vardval.checker.docgen.site import expand
        >>> once = expand("Rules: <!-- vardval:rule-count -->.", {"rule-count": "36"}, "i.md")
        >>> once
        'Rules: <!-- vardval:rule-count -->36<!-- /vardval:rule-count -->.'
        >>> expand(once, {"rule-count": "38"}, "i.md")
        'Rules: <!-- vardval:rule-count -->38<!-- /vardval:rule-count -->.'
    """
    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in texts:
            line = markdown.count("\n", 0, match.start()) + 1
            raise DocgenError([Diagnostic.worded(
                "unknown-snippet", Said("unknown-snippet", (name,)), Span(page, line, 1, line, 2),
                Said("known-snippets", (", ".join(sorted(texts)),)))])
        text = texts[name]
        if "\n" in text:  # a block: on lines of its own between the markers
            text = "\n\n" + text.strip("\n") + "\n\n"
        return f"<!-- vardval:{name} -->{text}<!-- /vardval:{name} -->" if markers else text

    return _REGION.sub(one, markdown)


def refresh_guides(folder: Path, texts: Mapping[str, str]) -> tuple[str, ...]:
    """Fill the regions of every hand-written page in ``folder``; the names of those changed."""
    changed = []
    for path in sorted(folder.glob("*.md")):
        old = path.read_text(encoding="utf-8")
        new = expand(old, texts, path.name)
        if new != old:
            path.write_text(new, encoding="utf-8")
            changed.append(path.name)
    return tuple(changed)


def build_site(root: Path, out: Path, rules: Path | None = None) -> Site:
    """Load a corpus (``root/rules`` unless given) and ``root``'s cases, and write every page
    into ``out``; hand-written pages (``dsl-reference.md``) are looked for in ``out``'s parent,
    the published changes in ``root/docs/changes.yaml``.
    """
    ruleset, files = project_files(root, out, rules)
    return Site(ruleset, files, write_pages(files, out))


def project_files(root: Path, out: Path,
                  rules: Path | None = None) -> tuple[RuleSet, dict[str, str]]:
    """The corpus of a project checkout and every generated file for ``out``, unwritten (what
    ``build_site`` writes, and what the test of the committed pages compares them with)."""
    ruleset = load_ruleset(rules or root / "rules")
    examples = load_examples(ruleset, root / "fixtures" / "cases")
    files = generate(ruleset, examples, dsl_reference=(out.parent / DSL_REFERENCE).is_file(),
                     editor_schemas=EDITOR_SCHEMAS)
    files |= changes.Changes(root, ruleset).pages()
    return ruleset, files
