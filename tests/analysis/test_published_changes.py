"""Published changes: the docs page of each rule-book change listed in ``docs/changes.yaml``,
generated from the diff of two git revisions, in Swedish; a wrong entry stops the build with
its line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from git_repo import commit, edit, new_repository
from vardval.checker.docgen import build_site
from vardval.checker.docgen.changes import Changes
from vardval.checker.docgen.examples import DocgenError
from vardval.checker.program import load_ruleset

ROOT = Path(__file__).resolve().parents[2]
TARGET = "vardgaranti.bedomning.malniva:"
CONFIG = """\
changes:
  - slug: skarpt-krav
    title: Skärpt krav på bedömning
    note: VG-BEDOMNING blir ett fel, och målet sänks till 90 %.
    from: v1
    to: v2
  - slug: sedan-v2
    title: Sedan v2
    from: v2
"""


def project(where: Path, config: str = CONFIG) -> Path:
    """A repository like this one: rules tagged v1 and v2, and ``docs/changes.yaml``."""
    rules = new_repository(where)
    edit(rules / "national" / "vardgaranti.yaml", "severity: warning", "severity: error",
         after="id: VG-BEDOMNING")
    edit(rules / "parameters" / "national.yaml", "value: 100%", "value: 90%", after=TARGET)
    commit(rules.parent, "v2")
    docs = rules.parent / "docs"
    docs.mkdir()
    for page in (ROOT / "docs").glob("*.md"):  # the pages the sources link to
        shutil.copy(page, docs)
    (docs / "changes.yaml").write_text(config, encoding="utf-8")
    return rules.parent


def pages(root: Path) -> dict[str, str]:
    return Changes(root, load_ruleset(root / "rules")).pages()


def test_a_page_per_change_and_an_index(tmp_path: Path) -> None:
    found = pages(project(tmp_path))
    assert sorted(found) == ["changes.md", "changes/sedan-v2.md", "changes/skarpt-krav.md"]
    assert found["changes.md"].splitlines()[4:] == [
        ("- [Skärpt krav på bedömning](changes/skarpt-krav.md) — `v1:rules` → `v2:rules`: "
        "regler: 1 ändrade; parametrar: 1 ändrade."),
        "- [Sedan v2](changes/sedan-v2.md) — `v2:rules` → `rules/`: inga ändringar."]


def test_the_page_says_in_swedish_what_changed(tmp_path: Path) -> None:
    page = pages(project(tmp_path))["changes/skarpt-krav.md"]
    assert page.splitlines() == [
        "# Skärpt krav på bedömning", "",
        ("Vad som ändrades i regelverket från `v1:rules` till `v2:rules`: regler: 1 ändrade; "
        "parametrar: 1 ändrade. Sidan är skapad av `vardval diff v1:rules v2:rules` när "
        "webbplatsen byggdes."), "",
        "VG-BEDOMNING blir ett fel, och målet sänks till 90 %.", "",
        "## Ändrade regler", "",
        ("### [VG-BEDOMNING](../rules/vg-bedomning.md) — Medicinsk bedömning inom tre dagar "
        "(fel)"), "",
        "| vad | före | efter |", "|---|---|---|",
        "| allvarlighetsgrad | warning | error |", "",
        "## Parametrar", "",
        ("Ett värde gäller för de perioder vars första dag faller från och med dagen i "
        "kolumnen *från*. *Skärpt* betyder att regler som läser parametern blir svårare att "
        "uppfylla, *lättad* lättare."), "",
        "| parameter | gäller | från | före | efter | ändring |", "|---|---|---|---|---|---|",
        "| `vardgaranti.bedomning.malniva` | hela landet | 2019-01-01 | 100% | 90% | lättad |"]


def test_the_site_build_writes_the_pages(tmp_path: Path) -> None:
    root = project(tmp_path)
    site = build_site(root, root / "docs" / "generated")
    assert {"changes.md", "changes/skarpt-krav.md"} <= set(site.written)
    written = root / "docs" / "generated" / "changes" / "skarpt-krav.md"
    assert written.read_text(encoding="utf-8") == site.files["changes/skarpt-krav.md"]


def test_an_unknown_revision_names_the_entry_line(tmp_path: Path) -> None:
    root = project(tmp_path, CONFIG.replace("to: v2", "to: v7"))
    with pytest.raises(DocgenError) as caught:
        pages(root)
    message = str(caught.value)
    assert (f"{root / 'docs' / 'changes.yaml'}:6:9: published change: v7: 'v7' is neither a "
            "folder nor a revision of") in message
    assert "publicerad ändring: v7: 'v7' är varken en mapp eller en revision i" in (
        caught.value.shown("sv"))
    assert "fetch-depth: 0" in message


def test_an_unknown_key_is_located_with_the_allowed_ones(tmp_path: Path) -> None:
    root = project(tmp_path, CONFIG.replace("    title: Sedan v2", "    titel: Sedan v2"))
    with pytest.raises(DocgenError) as caught:
        pages(root)
    assert f"{root / 'docs' / 'changes.yaml'}:8:5: unknown key 'titel'" in str(caught.value)


def test_a_copy_without_history_says_so_instead_of_failing(tmp_path: Path) -> None:
    root = project(tmp_path / "with-git")
    copy = tmp_path / "copy"
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns(".git"))
    found = pages(copy)
    assert list(found) == ["changes.md"]
    assert found["changes.md"].splitlines()[-1] == (
        "Ändringarna visas inte här: webbplatsen byggdes ur en kopia av projektet utan dess "
        "git-historik, och sidorna skapas ur den historiken.")
