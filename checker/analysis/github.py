"""A corpus diff (and its impact) as GitHub workflow commands: one annotation per change.

``::notice file=…,line=…,title=…::message`` lines put each changed rule and parameter on its line
of the pull request; the property and message escapes are GitHub's (``%``, ``\\r``, ``\\n``, and
in properties ``:`` and ``,``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vardval.checker.analysis.render_diff import value_line
from vardval.checker.analysis.render_whatif import count_changes
from vardval.checker.analysis.words import STATUS_WORDS, WORDS

if TYPE_CHECKING:
    from vardval.checker.analysis.diff import CorpusDiff
    from vardval.checker.analysis.whatif import WhatIf


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(where: str, title: str, body: str) -> str:
    """One ``::notice`` line at ``file:line`` (a ``where`` without a line annotates the file).

    Example:
        >>> annotation("rules/a.yaml:12", "VG-X: changed", "require: a → b")
        '::notice file=rules/a.yaml,line=12,title=VG-X%3A changed::require: a → b'
    """
    file, _, line = where.rpartition(":")
    place = f"file={_property(file)},line={line}" if line.isdigit() else f"file={_property(where)}"
    return f"::notice {place},title={_property(title)}::{_data(body)}"


def emit(found: CorpusDiff, impact: WhatIf | None = None, lang: str = "sv") -> str:
    lines = []
    for rule in found.rules:
        body = [f"{item.field}: {item.before or WORDS['none']} → {item.after or WORDS['none']}"
                for item in rule.fields] or [rule.title.get(lang, rule.rule_id)]
        if impact is not None and rule.rule_id in impact.counts:
            body.append(", ".join(f"{STATUS_WORDS[s]} {a} → {b}"
                                  for s, a, b in count_changes(impact.counts[rule.rule_id])))
        lines.append(annotation(rule.where, f"{rule.rule_id}: {WORDS[rule.kind]}",
                                "\n".join(body)))
    for parameter in found.parameters:
        body = [value_line(v) for v in parameter.values]
        body += [f"{i.field}: {i.before or WORDS['none']} → {i.after or WORDS['none']}"
                 for i in parameter.fields]
        lines.append(annotation(parameter.where, f"{parameter.name}: {WORDS[parameter.kind]}",
                                "\n".join(body) or WORDS[parameter.kind]))
    lines += [annotation(source.where, f"{source.source_id}: {WORDS[source.kind]}",
                         "\n".join(f"{i.field}: {i.before} → {i.after}" for i in source.fields)
                         or WORDS[source.kind]) for source in found.sources]
    if impact is not None:
        summary = (f"{impact.submissions} {WORDS['submissions']}, {impact.changes()} "
                   f"{WORDS['changed_findings']}, {len(impact.changed)} {WORDS['clinics_changed']}")
        lines.append(f"::notice title={_property(WORDS['impact'])}::{_data(summary)}")
    return "\n".join(lines) + ("\n" if lines else "")
