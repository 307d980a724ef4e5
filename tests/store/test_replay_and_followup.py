"""``replay`` reproduces a stored result by its rules' digest; ``followup`` records steps."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from batches import FIXTURES
from runs import vardval
from sqlalchemy import text
from vardval.checker import load_ruleset
from vardval.checker.corpus import BUNDLED_RULES
from vardval.checker.store import Store

TELEBORG = "SE5568765432-E000000000412"

RULE_COUNT = sum(1 for _ in load_ruleset().rules())  # the live corpus, whatever it holds




def corpus_with_lower_target(folder: Path) -> Path:
    """The bundled corpus with the same-day contact target at 95 % instead of 100 %."""
    shutil.copytree(BUNDLED_RULES, folder, ignore=shutil.ignore_patterns("__pycache__"))
    national = folder / "parameters" / "national.yaml"
    body = national.read_text(encoding="utf-8")
    start = body.index("  vardgaranti.kontakt.malniva:")
    head, tail = body[:start], body[start:]
    national.write_text(head + tail.replace("value: 100%", "value: 95%", 1), encoding="utf-8")
    return folder


def test_replay_with_the_same_and_with_changed_rules(store_url: str, tmp_path: Path) -> None:
    newer = corpus_with_lower_target(tmp_path / "rules")
    vardval("check", str(FIXTURES), "--store", store_url)
    code, out, err = vardval("replay", "--store", store_url, "--clinic", TELEBORG,
                             "--period", "2025-Q1", "--lang", "en")
    assert code == 0, err
    assert f"the same result for all {RULE_COUNT} rules" in out
    assert "Today's rules decide the same." in out
    code, out, _ = vardval("replay", "--store", store_url, "--clinic", TELEBORG,
                           "--period", "2025-Q1", "--rules", str(newer), "--lang", "en")
    assert code == 0
    # the stored rules, rebuilt by digest
    assert f"the same result for all {RULE_COUNT} rules" in out
    assert "Today's rules decide differently:\n  VG-KONTAKT: failed → passed" in out


def test_replay_says_when_the_rules_are_no_longer_available(tmp_path: Path) -> None:
    url = str(tmp_path / "v.db")
    vardval("check", str(FIXTURES), "--store", url)
    store = Store(url)
    with store.engine.begin() as connection:  # as an older or pruned store would be
        connection.execute(text("DROP TRIGGER corpora_no_delete"))
        connection.execute(text("DELETE FROM corpora"))
    store.close()
    code, out, _ = vardval("replay", "--store", url, "--clinic", TELEBORG, "--period",
                           "2025-Q1", "--lang", "en")
    assert code == 1
    assert "are no longer in the store; comparing with today's rules only." in out


def test_replay_of_what_is_not_stored(store_url: str) -> None:
    code, _, err = vardval("replay", "--store", store_url, "--clinic", TELEBORG,
                           "--period", "2025-Q1", "--lang", "en")
    assert code == 2
    assert "is not in the store" in err


def test_follow_up_steps_overdue_listing_and_history(store_url: str) -> None:
    vardval("check", str(FIXTURES), "--store", store_url)
    base = ("followup", "add", "--store", store_url, "--clinic", TELEBORG, "--rule",
            "VG-BEDOMNING")
    code, out, err = vardval(*base, "--step", "atgardsplan", "--due", "2026-03-31", "--by",
                             "Eva Handläggare", "--period", "2025-Q1")
    assert code == 0, err
    assert "åtgärdsplan begärd" in out
    code, out, _ = vardval("followup", "list", "--store", store_url, "--overdue", "--today",
                           "2026-04-01", "--format", "json")
    assert code == 1
    (item,) = json.loads(out)["follow_ups"]
    assert (item["rule"], item["due"], item["overdue"]) == ("VG-BEDOMNING", "2026-03-31", True)
    assert vardval("followup", "list", "--store", store_url, "--overdue",
                   "--today", "2026-03-31")[0] == 0
    _, text_out, _ = vardval("history", "--store", store_url, "--clinic", TELEBORG,
                             "--today", "2026-04-01")
    assert "VG-BEDOMNING: åtgärdsplan begärd (senast 2026-03-31) av Eva Handläggare" in text_out
    assert "öppen, FÖRSENAD" in text_out
    vardval(*base, "--step", "erinran", "--by", "Eva Handläggare")
    vardval(*base, "--step", "closed", "--by", "Eva Handläggare", "--note", "plan följd")
    code, out, _ = vardval("followup", "list", "--store", store_url, "--overdue", "--today",
                           "2026-04-01")
    assert (code, out) == (0, "Inga uppföljningar.\n")
    _, out, _ = vardval("followup", "list", "--store", store_url, "--format", "json")
    (item,) = json.loads(out)["follow_ups"]
    assert [s["step"] for s in item["steps"]] == ["atgardsplan", "erinran", "closed"]


def test_follow_up_input_mistakes(store_url: str) -> None:
    base = ("followup", "add", "--store", store_url, "--clinic", TELEBORG, "--by", "Eva",
            "--lang", "en")
    cases = [(("--rule", "VG-BEDOMNIN", "--step", "erinran"), "there is no rule 'VG-BEDOMNIN'"),
             (("--rule", "VG-BEDOMNING", "--step", "atgardsplan"), "needs a due date"),
             (("--rule", "VG-BEDOMNING", "--step", "vite", "--due", "31/3"),
              "'31/3' is not a date")]
    for extra, needle in cases:
        code, _, err = vardval(*base, *extra)
        assert code == 2
        assert needle in err
        assert "resultatlagret" not in err  # English only, as asked
