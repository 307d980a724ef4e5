"""`vardval serve` and `vardval users` as commands: start, answer, stop on SIGTERM; clear
messages for what a user can get wrong."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
from service_support import SUBMISSIONS

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from cli_runs import vardval


def _post_when_up(url: str, body: bytes) -> httpx.Response:
    for _ in range(300):
        try:
            return httpx.post(url + "v1/check", content=body, timeout=30,
                              headers={"content-type": "application/yaml"})
        except httpx.TransportError:
            time.sleep(0.1)
    msg = "vardval serve never answered"
    raise AssertionError(msg)


def test_serve_listens_on_loopback_and_stops_on_sigterm(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "vardval", "serve", "--port", "0", "--public-check",
               "--no-access-log"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          cwd=tmp_path) as server:
        try:
            assert server.stdout is not None
            line = server.stdout.readline()
            assert line.startswith("vardval serve: http://127.0.0.1:")
            path = SUBMISSIONS / "halland-2018-Q2.yaml"
            answer = _post_when_up(line.split()[2], path.read_bytes())
        finally:
            server.send_signal(signal.SIGTERM)
            _, err = server.communicate(timeout=60)
    assert answer.status_code == 200
    assert answer.json()["results"][0]["clinic"]["region"] == "halland"
    assert server.returncode == 0
    assert "Traceback" not in err


def test_serve_with_a_broken_corpus_says_where_and_exits_2(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "sources.yaml").write_text("sources: [\n", encoding="utf-8")
    code, out, err = vardval("serve", "--rules", rules, "--port", "0")
    assert code == 2
    assert "sources.yaml" in err and out == ""


def test_users_refuses_what_cannot_work(tmp_path: Path) -> None:
    store = tmp_path / "vardval.db"
    cases = [("clinic.a", "--role", "clinic"),
             ("clinic.b", "--role", "clinic", "--clinic", "not-an-hsa-id"),
             ("office", "--role", "officer"),
             ("bad name!", "--role", "admin")]
    for name, *options in cases:
        code, out, err = vardval("users", "add", name, "--store", store, *options)
        assert code == 2, name
        assert out == ""
        assert err.startswith(f"vardval: användaren {name!r}: ")  # Swedish, as by default
        _, _, err = vardval("users", "add", name, "--store", store, *options, "--lang", "en")
        assert err.startswith(f"vardval: user {name!r}: ")
    code, _, _ = vardval("users", "add", "eva", "--role", "admin", "--store", store)
    again, _, err = vardval("users", "add", "eva", "--role", "admin", "--store", store)
    assert (code, again) == (0, 2) and "finns redan" in err
    _, listed, _ = vardval("users", "list", "--store", store)
    assert listed == "eva\tadmin\t-\n"
