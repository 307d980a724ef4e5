"""API v1 over real HTTP: the same results as ``vardval check --format json``, the rule book,
the schemas, and problem documents for everything refused."""

from __future__ import annotations

import contextlib
import json
import re
import socket
import sys
from pathlib import Path

import jsonschema
import pytest
from service_support import BROKEN, SUBMISSIONS, Live

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from cli_runs import vardval

PROBLEM = "application/problem+json"


def _cli_json(path: Path, *extra: str) -> dict[str, object]:
    with contextlib.chdir(path.parent):
        code, out, _ = vardval("check", "--format", "json", *extra, path.name)
    assert code in (0, 1)
    document: dict[str, object] = json.loads(out)
    document.pop("producer", None)
    return document


def _post(live: Live, path: Path, **params: str) -> tuple[int, str, dict[str, object]]:
    kind = "application/json" if path.suffix == ".json" else "application/yaml"
    with live.client() as client:
        answer = client.post("/v1/check", content=path.read_bytes(),
                             headers={"content-type": kind},
                             params={"name": path.name, **params})
    return answer.status_code, answer.headers["content-type"], answer.json()


_PRODUCER = re.compile(r'^  "producer": .*\n', re.MULTILINE)


def test_check_answers_the_cli_s_bytes_but_the_producer_line(public: Live) -> None:
    path = SUBMISSIONS / "kronoberg-teleborg-2025-Q1.yaml"
    with public.client() as client:
        answer = client.post("/v1/check", content=path.read_bytes(), params={"name": path.name},
                             headers={"content-type": "application/yaml"})
    with contextlib.chdir(path.parent):
        _, out, _ = vardval("check", "--format", "json", path.name)
    assert _PRODUCER.search(answer.text)
    assert _PRODUCER.sub("", answer.text) == _PRODUCER.sub("", out)


@pytest.mark.parametrize("path", sorted(SUBMISSIONS.iterdir()), ids=lambda p: p.name)
def test_check_answers_what_the_cli_writes(public: Live, path: Path) -> None:
    status, kind, document = _post(public, path)
    assert (status, kind) == (200, "application/json")
    document.pop("producer", None)
    assert document == _cli_json(path)


def test_check_in_english_matches_the_cli_in_english(public: Live) -> None:
    path = SUBMISSIONS / "kronoberg-teleborg-2025-Q1.yaml"
    _, _, document = _post(public, path, lang="en")
    document.pop("producer", None)
    assert document == _cli_json(path, "--lang", "en")


def test_an_invalid_submission_is_a_problem_with_the_cli_s_located_problems(
        public: Live) -> None:
    path = next(BROKEN.iterdir())
    status, kind, problem = _post(public, path)
    assert (status, kind) == (422, PROBLEM)
    assert problem["type"] == "urn:vardval:problem:invalid-submission"
    cli = _cli_json(path)
    results = cli["results"]
    assert isinstance(results, list)
    expected = [{**p, "file": path.name} for p in results[0]["problems"]]
    assert problem["problems"] == expected
    assert all(p["line"] for p in expected)  # located, as the CLI prints them
    results_doc = problem["results"]
    assert isinstance(results_doc, dict)
    results_doc.pop("producer", None)
    assert results_doc == cli


def test_a_declared_oversized_body_is_refused_before_it_is_read(public: Live) -> None:
    """The server answers 413 to the headers alone: the body is never sent."""
    host, port = public.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(b"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/yaml"
                     b"\r\nContent-Length: 900000000\r\n\r\n")
        received = b""
        while chunk := sock.recv(65536):  # the server closes once it has answered
            received += chunk
        answer = received.decode()
    head, body = answer.split("\r\n\r\n", 1)
    assert head.startswith("HTTP/1.1 413")
    assert "application/problem+json" in head
    assert json.loads(body)["max_bytes"] == 200_000


def test_a_chunked_oversized_body_is_cut_off(public: Live) -> None:
    def chunks() -> object:
        for _ in range(100):
            yield b"x" * 10_000

    with public.client() as client:
        answer = client.post("/v1/check", content=chunks(),  # type: ignore[arg-type]
                             headers={"content-type": "application/yaml"})
    assert answer.status_code == 413
    assert answer.headers["content-type"] == PROBLEM


@pytest.mark.parametrize("body", [b"\xff\xfe\x00garbage", b"[1, 2", b"a: [" * 5000,
                                  b"format: vardval/submission@1\n" + b"x: &a [*a]\n",
                                  b'{"format": 1}'])
def test_malformed_or_hostile_bodies_get_a_problem_never_a_500(public: Live,
                                                               body: bytes) -> None:
    with public.client() as client:
        answer = client.post("/v1/check", content=body,
                             headers={"content-type": "application/yaml"})
    assert answer.status_code == 422
    problem = answer.json()
    assert problem["problems"]
    assert "Traceback" not in answer.text


def test_an_unknown_content_type_is_415(public: Live) -> None:
    with public.client() as client:
        answer = client.post("/v1/check", content=b"x", headers={"content-type": "image/png"})
    assert answer.status_code == 415
    assert "application/yaml" in answer.json()["detail"]


def test_rules_list_every_rule_of_the_corpus(public: Live) -> None:
    with public.client() as client:
        rules = client.get("/v1/rules").json()["rules"]
        health = client.get("/healthz").json()
    assert len(rules) == health["rules"] > 10
    assert {"id", "title", "severity", "rulebook"} <= set(rules[0])


def test_a_rule_has_its_law_logic_and_parameter_timelines(public: Live) -> None:
    with public.client() as client:
        rules = client.get("/v1/rules").json()["rules"]
        details = [client.get(f"/v1/rules/{r['id']}").json() for r in rules]
    with_params = [d for d in details if d["parameters"]]
    assert with_params, "some rule reads a parameter"
    timeline = with_params[0]["parameters"][0]["timeline"]
    assert timeline[0]["valid_from"] and "value" in timeline[0]
    assert all(v["require"] for d in details for v in d["versions"])
    cited = [c for d in details for v in d["versions"] for c in v["citations"]]
    assert any(c["url"].startswith("https://") and c["quote"] for c in cited)


@pytest.mark.parametrize("path", ["/v1/rules/NOPE", "/v1/rules/..%2F..%2Fetc%2Fpasswd",
                                  "/v1/rules/../../pyproject.toml", "/nowhere",
                                  "/v1/rules/%00", "/static/../../pyproject.toml",
                                  "/static/..%2F..%2Fpyproject.toml"])
def test_nothing_outside_the_corpus_is_readable(public: Live, path: str) -> None:
    with public.client() as client:
        answer = client.get(path)
    assert answer.status_code == 404
    api = answer.url.path.startswith("/v1/")  # a page's 404 is a page saying the same
    assert answer.headers["content-type"] == (PROBLEM if api else "text/html; charset=utf-8")
    assert "root:" not in answer.text and "[project]" not in answer.text


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE"])
def test_rules_cannot_be_changed(public: Live, method: str) -> None:
    with public.client() as client:
        rule_id = client.get("/v1/rules").json()["rules"][0]["id"]
        before = client.get(f"/v1/rules/{rule_id}").json()
        answer = client.request(method, f"/v1/rules/{rule_id}", json={"severity": "info"})
        after = client.get(f"/v1/rules/{rule_id}").json()
    assert answer.status_code == 405
    assert answer.headers["content-type"] == PROBLEM
    assert before == after


def test_sources_and_schemas(public: Live) -> None:
    with public.client() as client:
        sources = client.get("/v1/sources").json()["sources"]
        schema = client.get("/v1/schema/submission").json()
        results = client.get("/v1/schema/results").json()
    assert any(s["kind"] == "statute" for s in sources)
    _, cli_submission, _ = vardval("schema")
    _, cli_results, _ = vardval("schema", "--results")
    assert schema == json.loads(cli_submission)
    assert results == json.loads(cli_results)


def test_every_check_answer_validates_against_the_results_schema(public: Live) -> None:
    with public.client() as client:
        schema = client.get("/v1/schema/results").json()
    validator = jsonschema.Draft202012Validator(schema)
    for path in [*sorted(SUBMISSIONS.iterdir()), *sorted(BROKEN.iterdir())]:
        status, _, answer = _post(public, path)
        document = answer["results"] if status == 422 else answer
        assert isinstance(document, dict)
        validator.validate(document)
        assert document["producer"]["name"] == "vardval"


def test_openapi_describes_every_route(public: Live) -> None:
    with public.client() as client:
        document = client.get("/openapi.json").json()
    assert {"/v1/check", "/v1/rules", "/v1/rules/{rule_id}", "/v1/sources",
            "/v1/schema/submission", "/v1/schema/results", "/healthz"} <= set(document["paths"])
    body = document["paths"]["/v1/check"]["post"]["requestBody"]["content"]
    assert set(body) == {"application/yaml", "application/json"}
    assert "Submission" in document["components"]["schemas"]


def test_every_answer_sends_the_security_headers(public: Live) -> None:
    with public.client() as client:
        for path in ("/healthz", "/v1/rules", "/nowhere"):
            headers = client.get(path).headers
            assert "default-src 'none'" in headers["content-security-policy"]
            assert headers["x-content-type-options"] == "nosniff"
            assert headers["x-frame-options"] == "DENY"
