"""mkdocs hooks: generate the rule pages from ``rules/`` before each build.

Thin on purpose: ``vardval.checker.docgen.site`` does the work. Pages go to ``docs/generated/``
(committed, so the docs read complete in the repository; a test fails when they are stale) and
are rewritten only when their content changed, so ``mkdocs serve`` does not rebuild for ever.
Hand-written pages get real ``vardval check`` output in their ``<!-- vardval:NAME -->``
regions (``vardval docs`` fills the committed ones; the build fills them again, markers left
out). A problem in the corpus fails the build with its location.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from vardval.checker import cli, docgen
from vardval.checker.authoring import editor_schemas
from vardval.dsl.errors import VardvalError

ROOT = Path(__file__).resolve().parent.parent
_snippets: dict[str, str] = {}


def on_pre_build(config: Any) -> None:
    try:
        site = docgen.build_site(ROOT, Path(config["docs_dir"]) / docgen.GENERATED)
        _snippets.clear()
        _snippets.update(docgen.snippets(site.ruleset, cli.captured(ROOT)))
    except VardvalError as exc:
        raise PluginError(f"vardval docs generation failed:\n{exc}") from None
    docgen.extend_nav(config["nav"] or [], docgen.nav(site.ruleset))


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    del config, files
    try:
        return docgen.expand(markdown, _snippets, page.file.src_uri, markers=False)
    except VardvalError as exc:
        raise PluginError(str(exc)) from None


def on_post_build(config: Any) -> None:
    """Publish the JSON Schemas at ``schemas/``, where their ``$id``s point."""
    editor_schemas.publish(Path(config["site_dir"]) / "schemas")
