"""The documentation site builds strictly, and every rule's page and citation is on it.

Expectations come from the loaded rule corpus, so the test grows with the catalogue.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest
from vardval.checker.corpus.ruleset import RuleSet
from vardval.checker.docgen import markdown as md
from vardval.checker.program import load_ruleset
from vardval.checker.submission.model import submission_schema

ROOT = Path(__file__).resolve().parents[2]
_HREF = re.compile(r'href="([^"]*)"')


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir",
                            str(out)], cwd=ROOT, capture_output=True, text=True, timeout=120,
                           check=False)
    assert build.returncode == 0, build.stderr
    assert "WARNING" not in build.stderr, build.stderr
    return out


@pytest.fixture(scope="module")
def ruleset() -> RuleSet:
    return load_ruleset(ROOT / "rules")


def hrefs(page: Path) -> set[str]:
    return {unquote(html.unescape(h)) for h in _HREF.findall(page.read_text(encoding="utf-8"))}


def rule_html(site: Path, rule_id: str) -> Path:
    return site / "generated" / md.rule_page(rule_id).removesuffix(".md") / "index.html"


def linked(url: str, links: set[str]) -> bool:
    """A web address appears as it is; a page of this site (``docs/x.md``) as ``…/x/``."""
    if url.startswith(("https://", "http://")):
        return unquote(url) in links
    page = url.removeprefix("docs/").removesuffix(".md")
    return url.startswith("docs/") and any(link.endswith(f"/{page}/") for link in links)


def test_every_rule_has_a_page_with_working_citation_links(site: Path, ruleset: RuleSet) -> None:
    for rule in ruleset.rules():
        page = rule_html(site, rule.id)
        assert page.is_file(), f"no page for {rule.id}"
        links = hrefs(page)
        for version in rule.versions:
            for citation in version.citations:
                assert linked(citation.url, links), (rule.id, citation.text)


def test_the_catalogue_links_every_rule_page(site: Path, ruleset: RuleSet) -> None:
    page = site / "generated" / "rules" / "index.html"
    resolved = {urljoin("https://site/generated/rules/", link) for link in hrefs(page)}
    for rule in ruleset.rules():
        target = md.rule_page(rule.id).removesuffix(".md")
        assert f"https://site/generated/{target}/" in resolved, rule.id
        assert (site / "generated" / target / "index.html").is_file()


def test_traceability_lists_every_cited_provision(site: Path, ruleset: RuleSet) -> None:
    page = site / "generated" / "traceability" / "index.html"
    text = html.unescape(page.read_text(encoding="utf-8"))
    links = hrefs(page)
    cited = {c.text: c for r in ruleset.rules() for v in r.versions for c in v.citations}
    assert cited
    for citation_text, citation in cited.items():
        assert f">{citation_text}</a>" in text, citation_text
        assert linked(citation.url, links), citation_text


def test_the_site_publishes_the_json_schemas(site: Path) -> None:
    schemas = site / "generated" / "schemas"
    published = json.loads((schemas / "submission.schema.json").read_text(encoding="utf-8"))
    assert published == submission_schema()
    for editor in sorted((ROOT / "checker" / "schemas").glob("*.json")):
        assert (schemas / editor.name).read_bytes() == editor.read_bytes(), editor.name


def test_guides_show_real_output_not_markers(site: Path) -> None:
    for page in ("getting-started", "results-format", ""):
        text = (site / page / "index.html").read_text(encoding="utf-8")
        assert "<!-- vardval:" not in text
    started = (site / "getting-started" / "index.html").read_text(encoding="utf-8")
    assert "kronoberg-teleborg-2025-Q1.yaml" in started
    assert "VG-KONTAKT" in started


def test_the_site_publishes_every_schema_where_its_id_points(site: Path) -> None:
    from vardval.checker.authoring import editor_schemas

    for kind in editor_schemas.KINDS:
        name = editor_schemas.file_name(kind)
        published = site / "schemas" / name
        assert published.read_bytes() == (editor_schemas.SCHEMAS / name).read_bytes()
        assert json.loads(published.read_text(encoding="utf-8"))["$id"] == \
            editor_schemas.SCHEMA_BASE + name
