"""The web pages over real HTTP: upload and findings in the CLI's words, the rule book, the
language switch, CSRF on every form, and the strict headers."""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

import httpx
import pytest
from service_support import BROKEN, SUBMISSIONS, Live, running
from vardval.checker.service import ServiceConfig

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from cli_runs import vardval

FIXTURE = SUBMISSIONS / "kronoberg-teleborg-2025-Q1.yaml"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(page: httpx.Response) -> str:
    found = _CSRF.search(page.text)
    assert found, "every page with a form carries a CSRF token"
    return found.group(1)


def upload(client: httpx.Client, path: Path, lang: str = "sv") -> httpx.Response:
    token = csrf_of(client.get("/check", params={"lang": lang}))
    return client.post("/check", params={"lang": lang}, data={"csrf_token": token},
                       files={"submission": (path.name, path.read_bytes())})


def _text(page: httpx.Response) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page.text))


def _cli_failures(out: str) -> list[dict[str, object]]:
    """The failed findings of ``vardval check`` text output: title, message, evidence items,
    citations (text, link)."""
    found: list[dict[str, object]] = []
    part = ""
    for line in out.splitlines():
        if re.match(r"  (FAIL|PASS|N/A |\?\?\?\?) ", line):
            part = "message"
            found.append({"failed": "FAIL" in line, "title": line.split("] ", 1)[1],
                          "message": [], "evidence": [], "citations": []})
        elif found and line.startswith(" " * 8):
            text = line.strip()
            if text.startswith("§ "):
                found[-1]["citations"].append(tuple(text[2:].split(" — ")))  # type: ignore[union-attr]
            elif text.startswith(("underlag: ", "evidence: ")) or part == "evidence":
                part = "evidence"
                found[-1]["evidence"].append(text.split(": ", 1)[1] if  # type: ignore[union-attr]
                                             text.startswith(("underlag", "evidence")) else text)
            else:
                found[-1]["message"].append(text)  # type: ignore[union-attr]
    return [f for f in found if f["failed"]]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_findings_read_as_the_cli_words_them(public: Live, lang: str) -> None:
    """Status, title, message, every evidence item and every citation with its link, as
    ``vardval check`` prints them."""
    with public.client() as client:
        page = upload(client, FIXTURE, lang)
    assert page.status_code == 200
    _, out, _ = vardval("check", "--lang", lang, str(FIXTURE))
    failures = _cli_failures(out)
    assert failures
    shown = re.sub(r"[ \t\r\n]+", " ", _text(page))  # ASCII spaces: keep the no-break ones
    status = {"sv": "Underkänd", "en": "Fail"}[lang]
    for failure in failures:
        assert f"{status} " in shown
        assert str(failure["title"]) in shown
        assert " ".join(failure["message"]) in shown  # type: ignore[arg-type]
        items = " ".join(failure["evidence"]).split(" · ")  # type: ignore[arg-type]
        for item in items:
            assert item in shown, item
        for text, url in failure["citations"]:  # type: ignore[attr-defined]
            assert f'<a href="{url}" rel="noopener noreferrer">{text}</a>' in page.text
    assert f'<html lang="{lang}">' in page.text


def test_the_law_is_quoted_with_its_link(public: Live) -> None:
    with public.client() as client:
        page = upload(client, FIXTURE)
    assert re.search(r'<a href="https://[^"]+"[^>]*>HSL 9 kap\. 1 §', page.text)
    assert "<blockquote" in page.text


def test_an_invalid_upload_lists_the_located_problems(public: Live) -> None:
    path = next(BROKEN.iterdir())
    with public.client() as client:
        page = upload(client, path)
    _, out, _ = vardval("check", str(path))
    located = [line.strip().split(f"{path}:", 1)[-1] for line in out.splitlines()
               if line.startswith("  ")]
    assert located
    shown = _text(page)
    for problem in located:
        assert problem in shown


def test_the_language_switch_links_to_the_other_language(public: Live) -> None:
    with public.client() as client:
        swedish = client.get("/rules")
        switch = re.search(r'href="([^"]+)"[^>]*id="switch-lang"', swedish.text)
        assert switch and "English" in swedish.text
        english = client.get(html.unescape(switch.group(1)))
        again = client.get("/")  # the choice is kept
    assert '<html lang="en">' in english.text and "Rule book" in english.text
    assert '<html lang="en">' in again.text


def test_a_rule_page_shows_its_law_and_logic(public: Live) -> None:
    with public.client() as client:
        rule_id = client.get("/v1/rules").json()["rules"][0]["id"]
        page = client.get(f"/rules/{rule_id}")
        missing = client.get("/rules/NO-SUCH-RULE")
    assert page.status_code == 200
    assert "<pre><code>" in page.text and "<blockquote" in page.text
    assert missing.status_code == 404 and "<h1>Finns inte</h1>" in missing.text


def test_rule_search_filters_the_rule_book(public: Live) -> None:
    with public.client() as client:
        everything = client.get("/rules").text
        some = client.get("/rules", params={"q": "VG-KONTAKT"}).text
    assert some.count("<tr>") < everything.count("<tr>")
    assert "VG-KONTAKT" in some


def test_a_post_without_the_csrf_token_is_refused(public: Live) -> None:
    with public.client() as client:
        client.get("/check")  # a session exists, but the form's token is not sent
        forged = client.post("/check", files={"submission": (FIXTURE.name,
                                                             FIXTURE.read_bytes())})
        wrong = client.post("/check", data={"csrf_token": "x" * 43},
                            files={"submission": (FIXTURE.name, FIXTURE.read_bytes())})
    assert forged.status_code == wrong.status_code == 403
    assert "Underkänd" not in forged.text


def test_a_post_from_another_origin_is_refused(public: Live) -> None:
    with public.client() as client:
        token = csrf_of(client.get("/check"))
        answer = client.post("/check", data={"csrf_token": token},
                             headers={"origin": "https://evil.example"},
                             files={"submission": (FIXTURE.name, FIXTURE.read_bytes())})
    assert answer.status_code == 403


def test_pages_send_a_strict_policy_and_no_inline_script(public: Live) -> None:
    with public.client() as client:
        for path in ("/", "/check", "/rules", "/login"):
            page = client.get(path)
            policy = page.headers["content-security-policy"]
            assert "default-src 'none'" in policy and "'unsafe-inline'" not in policy
            assert "<script" not in page.text and "style=" not in page.text
            assert "frame-ancestors 'none'" in policy
    with public.client() as client:
        cookie = client.get("/").headers.get("set-cookie", "")
    assert "httponly" in cookie.lower() and "samesite=strict" in cookie.lower()


def test_the_self_check_page_is_off_unless_enabled() -> None:
    with running(ServiceConfig()) as live, live.client() as client:
        form = client.get("/check")
        token = csrf_of(client.get("/login"))
        tried = client.post("/check", data={"csrf_token": token},
                            files={"submission": (FIXTURE.name, FIXTURE.read_bytes())})
        api = client.post("/v1/check", content=FIXTURE.read_bytes(),
                          headers={"content-type": "application/yaml"})
    assert 'type="file"' not in form.text
    assert tried.status_code == 303 and tried.headers["location"].startswith("/login")
    assert api.status_code == 401 and api.headers["www-authenticate"].startswith("Bearer")
