"""The OpenAPI document as a Markdown page for the docs site (``docs/hooks.py`` writes it)."""

from __future__ import annotations

import json
from typing import Any

from vardval.checker.service.app import create_api
from vardval.checker.service.config import ServiceConfig

_METHODS = ("get", "post", "put", "patch", "delete")


def openapi_document() -> dict[str, Any]:
    """``/openapi.json`` of a service over the bundled rules (no store needed to describe)."""
    app = create_api(ServiceConfig())
    try:
        return app.openapi()
    finally:
        app.state.service.close()


def openapi_markdown(document: dict[str, Any]) -> str:
    """Every route with its summary, description and answers, then the document itself."""
    lines = ["# HTTP API v1 (`vardval serve`)", "",
             ("Generated from the service's own `/openapi.json`. Start it with `vardval serve` "
             "(see [the service](service.md)); every refusal is an RFC 9457 problem "
             "document (`application/problem+json`)."), ""]
    for path, item in document["paths"].items():
        for method in _METHODS:
            if method in item:
                lines += _operation(method, path, item[method])
    lines += ["## The document", "", "```json",
              json.dumps(document, ensure_ascii=False, indent=2), "```", ""]
    return "\n".join(lines)


def _operation(method: str, path: str, operation: dict[str, Any]) -> list[str]:
    out = [f"## `{method.upper()} {path}`", "", f"**{operation.get('summary', '')}**", ""]
    if operation.get("description"):
        out += [" ".join(operation["description"].split()), ""]
    out += ["| answer | meaning |", "|---|---|"]
    for status, answer in operation.get("responses", {}).items():
        meaning = " ".join(str(answer.get("description", "")).split()).replace("|", "\\|")
        out.append(f"| {status} | {meaning} |")
    return [*out, ""]
