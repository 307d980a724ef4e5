"""Language server latency: how long after a change the largest rule file's diagnostics arrive.

``vardval lsp`` is started as an editor starts it and driven over stdio by pygls's own client.
The largest rulebook of the bundled corpus (by size, in a private copy) is opened, then changed
``changes`` times, alternately breaking a field name and restoring it; each latency is from
sending the change to receiving the diagnostics published for that document version, so it
includes the server's debounce pause (``lsp.server.DEBOUNCE_SECONDS``) and both pipes. The
same file's analysis alone (``lsp.diagnostics.analyse``, in-process) shows how much of that is
checking. Target: under 200 ms.

``python bench/lsp.py [--changes N]`` prints the section; ``bench/run.py`` adds it to
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from vardval.checker.corpus import BUNDLED_RULES, rulebook_files
from vardval.checker.lsp.diagnostics import analyse
from vardval.checker.lsp.server import DEBOUNCE_SECONDS

TARGET_MS = 200.0
_FIELD = re.compile(r"\b(?:listing|accessibility|clinic|care_offering|continuity|quality|"
                    r"declarations)\.\w+")
_FIELD = re.compile(r"\b(?:listing|accessibility|clinic|care_offering|continuity|quality|"
                    r"declarations)\.\w+")
SERVER = [sys.executable, "-m", "vardval", "lsp"]


def largest_rulebook(corpus: Path) -> Path:
    return max(rulebook_files(corpus), key=lambda p: p.stat().st_size)


def _texts(path: Path) -> tuple[str, str]:
    """The file as it is, and with its first submission field misspelt (a diagnostic)."""
    text = path.read_text(encoding="utf-8")
    first = _FIELD.search(text)
    if first is None:
        raise SystemExit(f"{path}: no submission field to misspell")
    broken = f"{text[:first.end()]}x{text[first.end():]}"
    if not any(analyse(path, broken, {}).by_file.values()):
        raise SystemExit(f"{path}: misspelling {first.group()!r} gave no diagnostic")
    return text, broken


async def _server_latencies(path: Path, changes: int) -> list[float]:
    client = LanguageClient("vardval-bench", "1")
    arrived: dict[int, float] = {}
    waiting: dict[int, asyncio.Event] = {}

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: types.PublishDiagnosticsParams) -> None:
        if params.version is not None:
            arrived[params.version] = time.perf_counter()
            waiting.setdefault(params.version, asyncio.Event()).set()

    await client.start_io(*SERVER)
    await client.initialize_async(types.InitializeParams(
        capabilities=types.ClientCapabilities(), root_uri=path.parent.as_uri()))
    clean, broken = _texts(path)
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(
        uri=uri, language_id="yaml", version=1, text=clean)))
    await _wait(waiting, 1)
    latencies = []
    for version in range(2, changes + 2):
        sent = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(
                text=broken if version % 2 == 0 else clean)]))
        await _wait(waiting, version)
        latencies.append((arrived[version] - sent) * 1000)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return latencies


async def _wait(waiting: dict[int, asyncio.Event], version: int) -> None:
    await asyncio.wait_for(waiting.setdefault(version, asyncio.Event()).wait(), timeout=30)


def _analysis_ms(path: Path, passes: int) -> float:
    """Best in-process time of the analysis the server runs after each change."""
    _, broken = _texts(path)
    times = []
    for _ in range(passes):
        start = time.perf_counter()
        analyse(path, broken, {path: broken})
        times.append((time.perf_counter() - start) * 1000)
    return min(times)


def measure(changes: int = 40) -> dict[str, float | str | int]:
    with tempfile.TemporaryDirectory(prefix="vardval-bench-lsp-") as scratch:
        corpus = Path(scratch) / "rules"
        shutil.copytree(BUNDLED_RULES, corpus, ignore=shutil.ignore_patterns("__pycache__"))
        path = largest_rulebook(corpus)
        latencies = asyncio.run(_server_latencies(path, changes))
        analysis = _analysis_ms(path, 10)
        lines = len(path.read_text(encoding="utf-8").splitlines())
    ordered = sorted(latencies)
    return {"file": str(path.relative_to(corpus.parent)), "lines": lines, "changes": changes,
            "median": statistics.median(ordered), "p90": ordered[int(0.9 * (len(ordered) - 1))],
            "max": ordered[-1], "analysis": analysis}


def section(changes: int = 40) -> str:
    """The docs/benchmarks.md section: latency of diagnostics after a change, and the target."""
    found = measure(changes)
    verdict = "met" if float(found["p90"]) < TARGET_MS else "**not met**"
    return "\n".join([
        "", "## Language server: diagnostics after a change", "",
        (f"`vardval lsp` over stdio (pygls client), the largest rulebook `{found['file']}` "
         f"({found['lines']} lines), {found['changes']} changes alternately breaking and "
         f"restoring a field name; from sending the change to receiving its diagnostics, "
         f"including the {DEBOUNCE_SECONDS * 1000:.0f} ms debounce."), "",
        "| measure | ms |", "|---|---:|",
        f"| median | {float(found['median']):.0f} |",
        f"| 90th percentile | {float(found['p90']):.0f} |",
        f"| slowest | {float(found['max']):.0f} |",
        f"| the analysis alone, in-process (best of 10) | {float(found['analysis']):.0f} |", "",
        f"Target: under {TARGET_MS:.0f} ms (90th percentile): {verdict}.",
    ])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=40)
    print(section(parser.parse_args(argv).changes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
