"""``vardval replay``: re-check a stored submission with the rules it was checked with, and
with today's, and say where they decide differently.

The rules are found by the digest recorded with the submission: the store keeps every corpus
it recorded with (``corpora``), so they are rebuilt into a temporary folder and read again.
When they are not there, or this vardval can no longer read them, replay says so and compares
the stored findings with today's rules only.
"""

from __future__ import annotations

import json
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from vardval.checker.corpus import RuleSet, read_ruleset
from vardval.checker.engine import SubmissionResult, check_intake
from vardval.checker.store.errors import StoreError
from vardval.checker.store.schema import corpora, findings, submissions
from vardval.checker.submission import load_submission_text
from vardval.dsl.errors import VardvalError

if TYPE_CHECKING:
    from sqlalchemy import Connection

#: a rule's decision as replay compares them: the status, and whether a waiver exempts it
Decided = tuple[str, bool]


@dataclass(frozen=True)
class Replay:
    hsa_id: str
    period: str
    revision: int
    file: str
    recorded_at: str
    rules_digest: str
    today_digest: str
    stored: dict[str, Decided]
    then: dict[str, Decided] | None
    today: dict[str, Decided]
    #: why ``then`` is None: the corpus is not in the store or can no longer be read
    unavailable: str | None = None

    def reproduced(self) -> bool | None:
        return None if self.then is None else self.then == self.stored

    def differences(self) -> list[tuple[str, Decided | None, Decided | None]]:
        """(rule, as recorded, as today's rules decide) where the two differ."""
        rules = sorted(set(self.stored) | set(self.today))
        return [(r, self.stored.get(r), self.today.get(r)) for r in rules
                if self.stored.get(r) != self.today.get(r)]


def replay(connection: Connection, today: RuleSet, clinic: str, period: str,
           revision: int | None = None) -> Replay:
    s = submissions.c
    query = select(submissions).where(s.hsa_id == clinic, s.period == period)
    if revision is not None:
        query = query.where(s.revision == revision)
    row = connection.execute(query.order_by(s.revision.desc()).limit(1)).first()
    if row is None:
        which = f"{clinic} {period}" + (f" rev {revision}" if revision else "")
        raise StoreError.about(which, "finns inte i lagret; `vardval history --clinic "
                               f"{clinic}` visar vad som finns.", "is not in the store; "
                               f"`vardval history --clinic {clinic}` shows what is there.")
    stored = {r.rule_id: (r.status, r.waiver is not None) for r in connection.execute(
        select(findings.c.rule_id, findings.c.status, findings.c.waiver)
        .where(findings.c.submission_id == row.id))}
    then, unavailable = _then(connection, row.rules_digest, row.content, row.file)
    now = _decided(check_intake(today, load_submission_text(row.content, row.file),
                                evidence=False))
    return Replay(row.hsa_id, row.period, row.revision, row.file, row.recorded_at,
                  row.rules_digest, today.digest, stored, then, now, unavailable)


def _then(connection: Connection, digest: str, content: bytes,
          file: str) -> tuple[dict[str, Decided] | None, str | None]:
    blob = connection.execute(select(corpora.c.files)
                              .where(corpora.c.digest == digest)).scalar_one_or_none()
    if blob is None:
        return None, "missing"
    files: dict[str, str] = json.loads(zlib.decompress(blob))
    with tempfile.TemporaryDirectory(prefix="vardval-replay-") as folder:
        root = Path(folder) / "rules"
        for name, text in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        try:
            ruleset = read_ruleset(root)
            result = check_intake(ruleset, load_submission_text(content, file), evidence=False)
        except VardvalError as exc:
            return None, str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return _decided(result), None


def _decided(result: SubmissionResult) -> dict[str, Decided]:
    return {f.rule.id: (f.status, f.waiver is not None) for f in result.findings}
