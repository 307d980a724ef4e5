"""The docs read complete in the repository: the generated pages (``docs/generated/``) and the
generated parts of the guides (``<!-- vardval:NAME -->`` regions) are committed, and these
tests fail when they are not what ``vardval docs`` makes of today's rules and code.
"""

from __future__ import annotations

import re
from pathlib import Path

from vardval.checker import cli
from vardval.checker.docgen import site as docgen

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
GENERATED = DOCS / docgen.GENERATED
FIX = "run `vardval docs` (or `make docs`) and commit docs/"


def test_the_generated_pages_in_the_repository_are_current() -> None:
    _, files = docgen.project_files(ROOT, GENERATED)
    committed = {p.relative_to(GENERATED).as_posix(): p.read_text(encoding="utf-8")
                 for p in GENERATED.rglob("*") if p.is_file() and p.name != docgen.MANIFEST}
    stale = sorted(name for name, text in files.items() if committed.get(name) != text)
    gone = sorted(set(committed) - set(files))
    assert not stale, f"stale or missing generated pages {stale}: {FIX}"
    assert not gone, f"generated pages the rules no longer make {gone}: {FIX}"


def test_the_guides_hold_their_generated_parts_and_they_are_current() -> None:
    ruleset, _ = docgen.project_files(ROOT, GENERATED)
    texts = docgen.snippets(ruleset, cli.captured(ROOT))
    filled = 0
    for page in sorted(DOCS.glob("*.md")):
        text = page.read_text(encoding="utf-8")
        opened = re.findall(r"<!--\s*vardval:([a-z-]+)\s*-->", text)
        closed = re.findall(r"<!--\s*/vardval:([a-z-]+)\s*-->", text)
        assert opened == closed, f"{page.name}: a marker without its generated part: {FIX}"
        assert docgen.expand(text, texts, page.name) == text, f"{page.name} is stale: {FIX}"
        filled += len(opened)
    assert filled >= len(texts)  # every snippet is shown somewhere


def test_the_index_says_how_many_rules_there_are() -> None:
    ruleset, _ = docgen.project_files(ROOT, GENERATED)
    count = sum(1 for _ in ruleset.rules())
    assert f"It holds <!-- vardval:rule-count -->{count}<!-- /vardval:rule-count --> rules" in (
        DOCS / "index.md").read_text(encoding="utf-8")
