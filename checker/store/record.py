"""Recording one checked submission: its bytes, every finding and what produced them.

One transaction per submission, so a run killed half-way leaves each submission either fully
recorded or absent. The next revision of a clinic's quarter is numbered inside that
transaction under a lock (SQLite's write lock, a PostgreSQL advisory lock per clinic and
quarter), so two runs writing at once never lose or duplicate one. A file already recorded
with the same bytes and the same rule corpus is not recorded again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, func, insert, select, text
from sqlalchemy.dialects import postgresql, sqlite
from vardval.checker.corpus import corpus_files
from vardval.checker.formatting import plain
from vardval.checker.store.schema import corpora, findings, submissions

if TYPE_CHECKING:
    from vardval.checker.corpus import RuleSet
    from vardval.checker.engine import Finding, SubmissionResult


@dataclass(frozen=True, slots=True)
class Recorded:
    """What recording one submission did: its revision, and whether it was new."""

    hsa_id: str
    period: str
    revision: int
    new: bool


def now() -> str:
    """The recording time, UTC, to the microsecond (text sorts as time)."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def basis(finding: Finding) -> str:
    """What decided a finding apart from the clinic's data: the rule version and the values
    of the parameters it read. A status change with a changed basis is the rules' doing."""
    parts = [finding.version_from or ""]
    parts += sorted(f"{e.name}={plain(e.value)}" for e in finding.evidence
                    if e.kind == "parameter")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


def corpus_blob(ruleset: RuleSet) -> bytes:
    """The corpus's files as compressed JSON ``{relative path: text}``, for ``replay``."""
    root = ruleset.directory
    files = {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
             for p in corpus_files(root)}
    return zlib.compress(json.dumps(files, ensure_ascii=False, sort_keys=True).encode(), 6)


def record(connection: Connection, result: SubmissionResult, raw: bytes,
           producer: tuple[str, str]) -> Recorded | None:
    """Record one valid result in the transaction ``connection`` is in; None if invalid."""
    if not result.valid or result.clinic is None or result.period is None:
        return None
    clinic, period = result.clinic, result.period
    hsa_id, digest = str(clinic["hsa_id"]), hashlib.sha256(raw).hexdigest()
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"),
                           {"key": f"{hsa_id}/{period}"})
    latest = connection.execute(
        select(submissions.c.revision, submissions.c.sha256, submissions.c.rules_digest)
        .where(submissions.c.hsa_id == hsa_id, submissions.c.period == period)
        .order_by(submissions.c.revision.desc()).limit(1)).first()
    if latest is not None and (latest.sha256, latest.rules_digest) == (digest, producer[1]):
        return Recorded(hsa_id, period, latest.revision, new=False)
    revision = (latest.revision if latest else 0) + 1
    row = connection.execute(insert(submissions).values(
        hsa_id=hsa_id, region=str(clinic.get("region", "")),
        clinic_name=str(clinic.get("name", "")), period=period, revision=revision,
        file=result.file, sha256=digest, content=raw, vardval_version=producer[0],
        rules_digest=producer[1], recorded_at=now()))
    key = row.inserted_primary_key
    assert key is not None  # an INSERT of one row always has its key
    submission_id = key[0]
    connection.execute(insert(findings), [_finding_row(submission_id, f)
                                          for f in result.findings])
    return Recorded(hsa_id, period, revision, new=True)


def ensure_corpus(connection: Connection, ruleset: RuleSet) -> None:
    """Keep the corpus's files under its digest once; a second writer's copy is dropped."""
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(corpora).values(
        digest=ruleset.digest, files=corpus_blob(ruleset), recorded_at=now())
    connection.execute(statement.on_conflict_do_nothing(index_elements=["digest"]))


def has_corpus(connection: Connection, digest: str) -> bool:
    count = connection.execute(select(func.count()).select_from(corpora)
                               .where(corpora.c.digest == digest)).scalar_one()
    return bool(count)


def _finding_row(submission_id: Any, finding: Finding) -> dict[str, Any]:
    return {"submission_id": submission_id, "rule_id": finding.rule.id,
            "status": finding.status, "severity": finding.rule.severity,
            "version_from": finding.version_from, "basis": basis(finding),
            "message": json.dumps(finding.message, ensure_ascii=False),
            "missing": json.dumps(list(finding.missing)),
            "waiver": (json.dumps(finding.waiver.as_json(), ensure_ascii=False)
                       if finding.waiver is not None else None)}
