"""Code actions: apply a diagnostic's "did you mean" to the text it points at.

The suggested name comes from the diagnostic's ``data`` (the server puts it there); a client
that drops ``data`` still gets the fix from the words, in either language.
"""

from __future__ import annotations

import re

from lsprotocol import types

_SUGGESTION = re.compile(r"(?:did you mean|menade du) '([^']+)'\?")
_QUOTED = re.compile(r"'([^']+)'")


def fixes(uri: str, lines: list[str], diagnostics: list[types.Diagnostic]
          ) -> list[types.CodeAction]:
    """One quick fix per diagnostic that suggests a name, replacing the misspelt one."""
    actions = []
    for diagnostic in diagnostics:
        found = suggestion(diagnostic)
        edit = _edit(lines, diagnostic, found) if found else None
        if edit is None or found is None:
            continue
        actions.append(types.CodeAction(
            title=f"Ändra till / change to '{found}'",
            kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic], is_preferred=True,
            edit=types.WorkspaceEdit(changes={uri: [edit]})))
    return actions


def suggestion(diagnostic: types.Diagnostic) -> str | None:
    """The name the diagnostic suggests: from its data, else from its words."""
    data = diagnostic.data
    if isinstance(data, dict) and isinstance(data.get("suggestion"), str):
        return str(data["suggestion"])
    found = _SUGGESTION.search(diagnostic.message)
    return found.group(1) if found else None


def _edit(lines: list[str], diagnostic: types.Diagnostic, suggestion: str
          ) -> types.TextEdit | None:
    """Replace the misspelt name inside the range (the first quoted name of the message),
    or the whole range when the name is not found in it."""
    start, end = diagnostic.range.start, diagnostic.range.end
    if start.line != end.line or start.line >= len(lines):
        return None
    written = lines[start.line][start.character:end.character]
    wrong = _QUOTED.search(diagnostic.message)
    where = written.rfind(wrong.group(1)) if wrong else -1
    if wrong is None or where < 0:
        return types.TextEdit(diagnostic.range, suggestion)
    first = start.character + where
    target = types.Range(types.Position(start.line, first),
                         types.Position(start.line, first + len(wrong.group(1))))
    return types.TextEdit(target, suggestion)
