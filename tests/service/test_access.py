"""Who may see what, proved over HTTP against a real store: a clinic sees only its own, an
officer only their region, and a refusal is the same 404 whether the thing exists or not."""

from __future__ import annotations

import ipaddress
import json
import sqlite3
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from service_support import SUBMISSIONS, Live, running
from vardval.checker.service import ServiceConfig

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from cli_runs import vardval

TELEBORG = "SE5568765432-E000000000412"  # kronoberg
ALVESTA = "SE5563217654-E000000000309"  # kronoberg
LUND = "SE2321000255-E000000003171"  # skane
NOBODY = "SE9999999999-E000000000000"  # never submitted
TELEBORG_FILE = SUBMISSIONS / "kronoberg-teleborg-2025-Q1.yaml"
LUND_FILE = SUBMISSIONS / "skane-lund-2025-Q2.json"


@dataclass
class World:
    live: Live
    store: Path
    tokens: dict[str, str]

    def client(self, who: str | None = None) -> httpx.Client:
        headers = {"authorization": f"Bearer {self.tokens[who]}"} if who else {}
        return self.live.client(headers=headers)


def _user(store: Path, name: str, *options: str) -> str:
    code, out, err = vardval("users", "add", name, "--store", store, *options)
    assert code == 0, err
    return out.strip()


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    store = tmp_path_factory.mktemp("access") / "vardval.db"
    code, _, _ = vardval("check", "--store", store, SUBMISSIONS)
    assert code in (0, 1)
    tokens = {
        "teleborg": _user(store, "teleborg", "--role", "clinic", "--clinic", TELEBORG),
        "kronoberg": _user(store, "kronoberg.office", "--role", "officer",
                           "--region", "kronoberg"),
        "skane": _user(store, "skane.office", "--role", "officer", "--region", "skane"),
        "admin": _user(store, "admin", "--role", "admin"),
    }
    with running(ServiceConfig(store=str(store))) as live:
        yield World(live, store, tokens)


def _same_refusal(answers: list[httpx.Response]) -> None:
    """Every answer is the one 404, byte for byte apart from the path it names."""
    assert {a.status_code for a in answers} == {404}
    bodies = {json.dumps({k: v for k, v in a.json().items() if k != "instance"})
              for a in answers}
    assert len(bodies) == 1
    assert {a.headers["content-length"] for a in answers} <= {
        str(len(a.content)) for a in answers}


def test_a_clinic_sees_its_own_history(world: World) -> None:
    with world.client("teleborg") as client:
        answer = client.get(f"/v1/clinics/{TELEBORG}/history")
    assert answer.status_code == 200
    assert [c["hsa_id"] for c in answer.json()["clinics"]] == [TELEBORG]


def test_another_clinic_s_history_is_the_same_404_as_none(world: World) -> None:
    with world.client("teleborg") as client:
        answers = [client.get(f"/v1/clinics/{hsa}/history") for hsa in (LUND, ALVESTA, NOBODY)]
    _same_refusal(answers)


def test_an_officer_sees_the_clinics_of_their_region_only(world: World) -> None:
    with world.client("kronoberg") as client:
        own = client.get(f"/v1/clinics/{ALVESTA}/history")
        overview = client.get("/v1/regions/kronoberg/overview")
        refused = [client.get(f"/v1/clinics/{LUND}/history"),
                   client.get(f"/v1/clinics/{NOBODY}/history"),
                   client.get("/v1/regions/skane/overview"),
                   client.get("/v1/regions/atlantis/overview"),
                   client.get("/v1/regions/skane/decisions")]
    assert own.status_code == overview.status_code == 200
    assert {c["region"] for c in overview.json()["clinics"]} == {"kronoberg"}
    _same_refusal(refused)


def test_a_clinic_sees_no_region_overview(world: World) -> None:
    with world.client("teleborg") as client:
        _same_refusal([client.get("/v1/regions/kronoberg/overview"),
                       client.get("/v1/regions/atlantis/overview"),
                       client.get("/v1/regions/kronoberg/decisions")])


def test_a_clinic_cannot_change_a_decision_and_learns_nothing(world: World) -> None:
    step = {"rule": "VG-KONTAKT", "step": "closed", "note": "fixed it ourselves"}
    with world.client("teleborg") as client:
        answers = [client.post(f"/v1/clinics/{hsa}/actions", json=step)
                   for hsa in (TELEBORG, LUND, NOBODY)]
    _same_refusal(answers)
    with world.client("kronoberg") as client:
        history = client.get(f"/v1/clinics/{TELEBORG}/history").json()
    follow = [line["follow_up"] for line in history["clinics"][0]["rules"]
              if line["rule"] == "VG-KONTAKT"]
    assert follow == [None]


def test_the_office_records_a_follow_up_for_its_region_only(world: World) -> None:
    step = {"rule": "VG-KONTAKT", "step": "atgardsplan", "due": "2026-03-31",
            "note": "Dnr 2026/4"}
    with world.client("kronoberg") as client:
        done = client.post(f"/v1/clinics/{ALVESTA}/actions", json=step)
        refused = client.post(f"/v1/clinics/{LUND}/actions", json=step)
        bad = client.post(f"/v1/clinics/{ALVESTA}/actions", json={**step, "due": None})
    assert done.status_code == 201 and done.json()["actor"] == "kronoberg.office"
    assert refused.status_code == 404
    assert bad.status_code == 400 and "åtgärdsplan" in bad.json()["detail"]


def test_submissions_are_recorded_once_and_only_for_one_s_own_clinic(world: World) -> None:
    fresh = TELEBORG_FILE.read_bytes() + b"\n# resent after a fix\n"
    with world.client("teleborg") as client:
        first = client.post("/v1/submissions", content=fresh,
                            headers={"content-type": "application/yaml"})
        again = client.post("/v1/submissions", content=fresh,
                            headers={"content-type": "application/yaml"})
        other = client.post("/v1/submissions", content=LUND_FILE.read_bytes(),
                            headers={"content-type": "application/json"})
    assert first.status_code == 201 and first.json()["recorded"]["new"] is True
    assert again.status_code == 200 and again.json()["recorded"]["new"] is False
    assert first.json()["recorded"]["revision"] == again.json()["recorded"]["revision"]
    assert other.status_code == 404
    with sqlite3.connect(world.store) as db:
        lund_rows = db.execute("SELECT count(*) FROM submissions WHERE hsa_id = ?",
                               (LUND,)).fetchone()[0]
    assert lund_rows == 1  # only the one `vardval check --store` recorded


@pytest.mark.parametrize("header", [None, "Bearer vv_not-a-token", "Basic dXNlcjpwdw=="])
def test_without_a_valid_token_the_store_is_closed(world: World, header: str | None) -> None:
    headers = {"authorization": header} if header else {}
    with world.live.client(headers=headers) as client:
        answers = [client.get(f"/v1/clinics/{TELEBORG}/history"),
                   client.get("/v1/regions/kronoberg/overview"),
                   client.post("/v1/check", content=TELEBORG_FILE.read_bytes())]
    assert {a.status_code for a in answers} == {401}


def test_a_revoked_token_no_longer_opens_anything(world: World) -> None:
    token = _user(world.store, "short.lived", "--role", "admin")
    with world.live.client(headers={"authorization": f"Bearer {token}"}) as client:
        before = client.get("/v1/regions/skane/overview").status_code
        code, _, _ = vardval("users", "revoke", "short.lived", "--store", world.store)
        after = client.get("/v1/regions/skane/overview").status_code
    assert (before, code, after) == (200, 0, 401)


def test_tokens_are_stored_only_as_hashes(world: World) -> None:
    stored = b"".join(p.read_bytes() for p in world.store.parent.glob("vardval.db*"))
    for token in world.tokens.values():
        assert token.encode() not in stored


def test_the_identity_header_counts_only_from_a_trusted_proxy(world: World) -> None:
    header = {"x-vardval-user": "admin"}
    with world.live.client(headers=header) as client:
        untrusted = client.get("/v1/regions/skane/overview").status_code
    proxied = ServiceConfig(store=str(world.store),
                            trusted_proxies=(ipaddress.ip_network("127.0.0.1/32"),))
    with running(proxied) as live:
        with live.client(headers=header) as client:
            trusted = client.get("/v1/regions/skane/overview").status_code
        with live.client(headers={"x-vardval-user": "mallory"}) as client:
            unknown = client.get("/v1/regions/skane/overview").status_code
    assert (untrusted, trusted, unknown) == (401, 200, 401)
