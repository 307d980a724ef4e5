"""The statute structure index: generated from the statute texts, and every citation exists.

The committed ``rules/statute-structure.json`` must equal a fresh build from
``../shared/domain/statutes/`` when that folder is present. Every citation of the corpus (rules,
their versions, parameters and the provisions of ``sources.yaml``) must name a provision the
index has, and its lagen.nu fragment must follow lagen.nu's scheme and point at that provision:
the fragment is read back here on its own (not through the code that made it) and looked up in
the index.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import vardval.rules
from vardval.checker import cli
from vardval.checker.program import load_ruleset
from vardval.checker.sources.citation_syntax import parse_citation
from vardval.checker.sources.records import StatuteSource
from vardval.checker.sources.registry import load_sources
from vardval.checker.sources.structure import FILENAME, StatuteIndex, load_index

from tests.scripts import load_script

if TYPE_CHECKING:
    from types import ModuleType

    from vardval.checker.corpus.ruleset import RuleSet

ROOT = Path(__file__).resolve().parents[2]
RULES = Path(vardval.rules.__file__).parent
STATUTES = ROOT.parent / "shared" / "domain" / "statutes"
# lagen.nu's fragment templates: K<kap>P<§>, K<kap>P<§>S<st>, K<kap>P<§>S<st>N<p>, and the same
# without K for an act without chapters. Never N without S.
FRAGMENT = re.compile(r"(?:K(?P<k>\d+[a-z]?))?P(?P<p>\d+[a-z]?)(?:S(?P<s>\d+)(?:N(?P<n>\d+))?)?")
# Acts cited with lagen.nu links that have no consolidated text to index (see the report).
NOT_INDEXED = {"2014:821", "2010:349"}


def _script() -> ModuleType:
    return load_script("build_statute_structure")


@pytest.fixture(scope="module")
def index() -> StatuteIndex:
    return load_index(RULES / FILENAME)


@pytest.fixture(scope="module")
def ruleset() -> RuleSet:
    return load_ruleset(RULES)


def corpus_citations(ruleset: RuleSet) -> set[str]:
    """Every citation text the corpus writes: rule versions, parameter values, provisions."""
    found = {c.text for rule in ruleset.rules() for v in rule.versions for c in v.citations}
    params = ruleset.parameters
    books = [params.get(n) for n in params.names() if n in params._national]
    books += [p for region in params.regions() for p in params.regional(region)]
    found.update(c for p in books for value in p.values for c in value.cite)
    for source_id in ruleset.registry.ids():
        found.update(p.citation for p in ruleset.registry.provisions_for(source_id))
    return found


@pytest.mark.skipif(not STATUTES.is_dir(), reason="../shared/domain/statutes/ is not present")
def test_the_committed_index_is_a_fresh_build_of_the_statute_texts() -> None:
    fresh = _script().render(STATUTES)
    assert (RULES / FILENAME).read_text(encoding="utf-8") == fresh, (
        "rules/statute-structure.json is stale: run scripts/build_statute_structure.py "
        "../shared/domain/statutes -o rules/statute-structure.json")


def test_the_index_reads_stycken_points_and_letter_sections(index: StatuteIndex) -> None:
    hsl, hsf, psl = (index.acts[s].chapters for s in ("2017:30", "2017:80", "2010:659"))
    assert hsl["9"]["1"] == (4, 0)  # 1 st. with points 1-4, then 2 st. (listed only)
    assert hsl["5"]["1"] == (5,)
    assert {"3 a", "3 b", "3 c"} <= set(hsl["7"])
    assert "1" in hsl["13 a"]
    assert hsf["6"]["1"] == (4,)
    assert hsf["6"]["3"] == (6, 0)
    assert psl["3"]["5"] == (0, 0, 0)
    assert psl["3"]["10"] == (3, 0)  # the stray heading "Bemyndigande m.m." is not a stycke
    assert hsl["17"]["4"] is None  # "Har upphävts genom lag (2017:616)"


def test_a_point_alone_is_in_the_first_stycke_and_nothing_beyond_exists(
        index: StatuteIndex) -> None:
    def problem(text: str, lang: str = "sv") -> str | None:
        found = index.problem(parse_citation(text), "2017:30", "HSL")
        return found.words(lang) if found is not None else None

    assert problem("HSL 5 kap. 1 § 5 p.") is None
    assert problem("HSL 9 kap. 1 § 2 st.") is None
    assert "har 5 punkter" in (problem("HSL 5 kap. 1 § 6 p.") or "")
    assert "inget 99 kap." in (problem("HSL 99 kap. 1 §") or "")
    assert "menade du 'HSL 9 kap. 1 §'" in (problem("HSL 99 kap. 1 §") or "")
    assert "did you mean 'HSL 9 kap. 1 §'" in (problem("HSL 99 kap. 1 §", "en") or "")
    assert "inget" not in (problem("HSL 99 kap. 1 §", "en") or "")  # one language at a time
    assert "2 stycken" in (problem("HSL 9 kap. 1 § 3 st.") or "")
    assert "har 0 punkter" in (problem("HSL 9 kap. 1 § 2 st. 1 p.") or "")


def test_every_citation_of_the_corpus_names_an_existing_provision(
        ruleset: RuleSet, index: StatuteIndex) -> None:
    checked = 0
    for text in sorted(corpus_citations(ruleset)):
        resolved = ruleset.registry.resolve_text(text)
        source = ruleset.registry.get(resolved.source_id)
        if isinstance(source, StatuteSource) and source.sfs in index.acts and "§" in text:
            ref = parse_citation(text)
            assert index.problem(ref, source.sfs, resolved.source_id) is None, text
            checked += 1
    assert checked >= 10


def fragment_exists(index: StatuteIndex, sfs: str, fragment: str) -> str | None:
    """Why the fragment is not one of lagen.nu's or not in the act, or None. Independent of
    ``lagen_nu_anchor``: reads the fragment back into its parts."""
    match = FRAGMENT.fullmatch(fragment)
    if match is None:
        return f"#{fragment} is not lagen.nu's K<kap>P<§>S<st>N<p> scheme"
    if sfs not in index.acts:
        return None if sfs in NOT_INDEXED else f"act {sfs} is not indexed"
    chapters = index.acts[sfs].chapters
    chapter, section = match["k"] or "", re.sub(r"(\d)([a-z])", r"\1 \2", match["p"])
    stycken = chapters.get(chapter, {}).get(section, ())
    if chapter not in chapters or section not in chapters[chapter]:
        return f"#{fragment}: no {chapter} kap. {section} § in {sfs}"
    if match["s"] and not int(match["s"]) <= len(stycken or ()):
        return f"#{fragment}: {section} § has {len(stycken or ())} stycken"
    if match["n"] and not int(match["n"]) <= (stycken or (0,))[int(match["s"]) - 1]:
        return f"#{fragment}: stycke {match['s']} has fewer points"
    return None


def lagen_nu_problems(index: StatuteIndex, urls: set[str]) -> list[str]:
    """Every lagen.nu link checked: ``https://lagen.nu/<sfs>#<fragment>``."""
    problems = []
    for url in sorted(urls):
        base, _, fragment = url.partition("#")
        sfs = base.removeprefix("https://lagen.nu/")
        if fragment and (problem := fragment_exists(index, sfs, fragment)):
            problems.append(f"{url}: {problem}")
    return problems


def test_every_lagen_nu_link_of_the_corpus_lands_on_an_existing_provision(
        ruleset: RuleSet, index: StatuteIndex) -> None:
    urls = {ruleset.registry.resolve_text(t).url for t in corpus_citations(ruleset)}
    lagen_nu = {u for u in urls if u.startswith("https://lagen.nu/")}
    assert len(lagen_nu) >= 10
    assert lagen_nu_problems(index, lagen_nu) == []


def test_the_fragment_check_catches_the_links_the_audit_found_broken(index: StatuteIndex) -> None:
    broken = {"https://lagen.nu/2017:80#K6P1N1", "https://lagen.nu/2017:80#K6P1N2",
              "https://lagen.nu/2017:30#K5P1N1", "https://lagen.nu/2010:349#P2N2",
              "https://lagen.nu/2017:30#K5P1S1N6", "https://lagen.nu/2017:30#K99P1"}
    assert len(lagen_nu_problems(index, broken)) == len(broken)


def test_a_corpus_without_its_own_index_uses_the_bundled_one(tmp_path: Path) -> None:
    (tmp_path / "sources.yaml").write_text((RULES / "sources.yaml").read_text(encoding="utf-8"),
                                           encoding="utf-8")
    registry = load_sources(tmp_path / "sources.yaml")
    with pytest.raises(ValueError, match="the act has no chapter 99") as caught:
        registry.resolve_text("HSL 99 kap. 1 §")
    assert "inget 99 kap." in caught.value.said.words("sv")  # type: ignore[attr-defined]


def test_every_lagen_nu_link_in_the_results_of_the_examples_exists(index: StatuteIndex) -> None:
    """``vardval check fixtures/submissions/ --format json``: every link of every finding."""
    out = io.StringIO()
    cli.run(["check", str(ROOT / "fixtures" / "submissions"), "--format", "json"], out,
            io.StringIO())
    results = json.loads(out.getvalue())["results"]
    urls = {c["url"] for r in results for f in r["findings"] for c in f["citations"]}
    lagen_nu = {u for u in urls if u.startswith("https://lagen.nu/")}
    assert len(lagen_nu) >= 10
    assert lagen_nu_problems(index, lagen_nu) == []
    # the older wording links to its own (original) text, never to today's lagen.nu page
    assert "https://lagen.nu/2017:80#K6P1S1N2" in lagen_nu
    assert "https://rkrattsdb.gov.se/SFSdoc/17/170080.pdf" in urls


def test_a_copied_rule_file_citing_a_missing_chapter_is_a_located_lint_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (RULES / "national" / "verksamhet.yaml").read_text(encoding="utf-8")
    assert "cite: [HSL 4 kap. 2 §]" in text
    copy = tmp_path / "verksamhet.yaml"
    copy.write_text(text.replace("cite: [HSL 4 kap. 2 §]", "cite: [HSL 99 kap. 1 §]"),
                    encoding="utf-8")
    line = next(i for i, row in enumerate(copy.read_text(encoding="utf-8").splitlines(), 1)
                if "HSL 99 kap. 1 §" in row)
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    assert cli.run(["lint", "--lang", "en", "verksamhet.yaml"], out, io.StringIO()) == 1
    first = out.getvalue().splitlines()[0]
    assert first.startswith(f"verksamhet.yaml:{line}:")
    assert "'HSL 99 kap. 1 §' does not exist" in first and "did you mean 'HSL 9 kap. 1 §'" in first
    out = io.StringIO()
    cli.run(["lint", "--lang", "sv", "verksamhet.yaml"], out, io.StringIO())
    first = out.getvalue().splitlines()[0]
    assert "'HSL 99 kap. 1 §' finns inte" in first and "menade du 'HSL 9 kap. 1 §'" in first
