"""Published changes: a docs page per rule-book change, from ``docs/changes.yaml``.

Each entry names two git revisions of the project (``to`` left out: the rules folder as it is
now); the page is the semantic diff between them (``analysis.diff``), generated at every build,
so what clinics read is what ``vardval diff`` says. A revision the clone does not hold, or an
entry that is not of the file's form, stops the build with the entry's file and line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from vardval.checker.analysis import Corpus, diff, has_history, revision
from vardval.checker.docgen import markdown as md
from vardval.checker.docgen.changes_page import ChangePage, short, summary
from vardval.checker.docgen.examples import DocgenError
from vardval.checker.docgen.words import Said
from vardval.checker.errors import RuleLoadError
from vardval.checker.reading import decode_text, load_yaml, pydantic_diagnostics, span_at
from vardval.dsl.errors import Diagnostic

if TYPE_CHECKING:
    from pathlib import Path

    from vardval.checker.analysis import CorpusDiff
    from vardval.checker.corpus import RuleSet
    from vardval.checker.reading import LoadedYaml
    from vardval.dsl.reasons import Reason

CONFIG = "docs/changes.yaml"
INDEX = "changes.md"
FOLDER = "changes"
NONE_YET = "Inga ändringar är publicerade ännu."
NO_HISTORY = ("Ändringarna visas inte här: webbplatsen byggdes ur en kopia av projektet utan "
              "dess git-historik, och sidorna skapas ur den historiken.")


class Published(BaseModel):
    """One change to publish: its page name, heading, an optional note, and the revisions."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    slug: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$",
                      description="the page's file name, e.g. katalog-v2")
    title: str = Field(min_length=1, description="the page's heading, in Swedish")
    note: str | None = Field(default=None, description="a paragraph said before the changes")
    before: str = Field(alias="from", min_length=1, description="the earlier git revision")
    after: str | None = Field(default=None, alias="to",
                              description="the later git revision; left out: rules/ as it is")


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    changes: list[Published] = Field(description="the changes, newest first")


def load_config(path: Path) -> tuple[list[Published], LoadedYaml | None]:
    """The changes ``path`` lists (none when there is no such file), and the loaded file."""
    if not path.is_file():
        return [], None
    filename = str(path)
    loaded = load_yaml(decode_text(path.read_bytes(), filename), filename)
    try:
        model = _File.model_validate(loaded.data)
    except ValidationError as exc:
        errors = list(exc.errors(include_url=False))
        raise DocgenError(pydantic_diagnostics(errors, loaded, filename, _File)) from None
    return model.changes, loaded


def page_path(change: Published) -> str:
    return f"{FOLDER}/{change.slug}.md"


class Changes:
    """Generates the index and every change's page; each revision is read once."""

    def __init__(self, root: Path, today: RuleSet) -> None:
        self.root, self.today = root, today
        self.read: dict[str, Corpus] = {}
        self.links = {rule.id: md.rule_page(rule.id) for rule in today.rules()}

    def pages(self) -> dict[str, str]:
        path = self.root / CONFIG
        changes, loaded = load_config(path)
        if loaded is None:
            return {}
        if not has_history(self.today.directory):
            return {INDEX: index_page([], NO_HISTORY)}
        found = [self.diff_of(change, loaded, index) for index, change in enumerate(changes)]
        out = {INDEX: index_page(list(zip(changes, found, strict=True)))}
        for change, corpus_diff in zip(changes, found, strict=True):
            page = page_path(change)
            out[page] = ChangePage(corpus_diff, page, self.links).render(change.title,
                                                                         change.note)
        return out

    def diff_of(self, change: Published, loaded: LoadedYaml, index: int) -> CorpusDiff:
        before = self.corpus(change.before, loaded, (index, "from"))
        if change.after is None:
            after = Corpus("rules/", self.today)
        else:
            after = self.corpus(change.after, loaded, (index, "to"))
        return diff(before.ruleset, after.ruleset, (before.label, after.label))

    def corpus(self, spec: str, loaded: LoadedYaml, where: tuple[int, str]) -> Corpus:
        if spec not in self.read:
            try:
                self.read[spec] = revision(spec, self.today.directory)
            except RuleLoadError as exc:
                span = span_at(loaded, ("changes", *where), str(self.root / CONFIG))
                first = exc.diagnostics[0] if exc.diagnostics else None
                said = Said("published-change", (_said(first) if first else str(exc),))
                text = (self.root / CONFIG).read_text(encoding="utf-8")
                problem = Diagnostic.worded("unknown-revision", said, span, _hint(first))
                raise DocgenError([problem.with_source(text)]) from None
        return self.read[spec]


def _said(diagnostic: Diagnostic) -> Reason | str:
    """A diagnostic's words in each language, or its English when it has no others."""
    return diagnostic.said if diagnostic.said is not None else diagnostic.message


def _hint(diagnostic: Diagnostic | None) -> Reason:
    """The hint of a revision that could not be read, in each language where it has them."""
    if diagnostic is not None and diagnostic.hint_said is not None:
        return diagnostic.hint_said
    if diagnostic is not None and diagnostic.hint:
        return Said("verbatim", (diagnostic.hint,))
    return Said("name-a-tag")


def index_page(changes: list[tuple[Published, CorpusDiff]], empty: str = NONE_YET) -> str:
    """The list of published changes, newest first, each with its counts (``empty``: why
    there are none)."""
    out = ["# Ändringar i regelverket", "",
           ("Vad som är nytt i regelverket, ändring för ändring: regler som tillkommit, ändrats "
            "eller tagits bort, parametrar vars värden ändrats (skärpta eller lättade) och "
            "källor. Varje sida är skapad av `vardval diff` mellan två versioner av regelverket "
            "när webbplatsen byggdes."), ""]
    if not changes:
        return "\n".join([*out, empty, ""])
    out += [f"- {md.link(change.title, page_path(change))} — {md.code(short(found.before))} "
            f"→ {md.code(short(found.after))}: {summary(found)}." for change, found in changes]
    return "\n".join([*out, ""])
