"""Markdown building blocks for the generated docs: escaping, tables, links, code and page paths.

Pure string functions, so every generated page is made the same way and can be tested by value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#])")
_FENCE = re.compile(r"^(`{3,})", re.MULTILINE)


def escape(text: str) -> str:
    """Text shown as is: Markdown's special characters escaped, lines joined.

    Example:
        >>> from vardval.checker.docgen.markdown import escape
        >>> escape("a | b *c*")
        'a \\\\| b \\\\*c\\\\*'
    """
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def code(text: str) -> str:
    """Inline code, with enough backticks to hold backticks inside.

    Example:
        >>> from vardval.checker.docgen.markdown import code
        >>> code("a.b"), code("x`y")
        ('`a.b`', '`` x`y ``')
    """
    text = " ".join(text.split())
    if "`" not in text:
        return f"`{text}`"
    ticks = "`" * (max(len(run) for run in re.findall(r"`+", text)) + 1)
    return f"{ticks} {text} {ticks}"


def fenced(text: str, lang: str = "text") -> str:
    """A fenced code block that no backtick run inside can close early."""
    longest = max((len(m) for m in _FENCE.findall(text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{lang}\n{text.rstrip()}\n{fence}\n"


def link(text: str, target: str) -> str:
    """A Markdown link; the text is escaped, the target has its spaces and brackets encoded.

    Example:
        >>> from vardval.checker.docgen.markdown import link
        >>> link("HSL 4 kap. 2 §", "https://lagen.nu/2017:30#K4P2")
        '[HSL 4 kap. 2 §](https://lagen.nu/2017:30#K4P2)'
    """
    target = target.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
    return f"[{escape(text)}]({target})"


def table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A pipe table; cells are Markdown already (escape text before), newlines become spaces.

    Example:
        >>> from vardval.checker.docgen.markdown import table
        >>> print(table(["a", "b"], [["1", "2"]]), end="")
        | a | b |
        |---|---|
        | 1 | 2 |
    """
    lines = [_row(headers), "|" + "---|" * len(headers)]
    lines += [_row(row) for row in rows]
    return "\n".join(lines) + "\n"


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(" ".join(cell.split()) for cell in cells) + " |"


def quote(text: str) -> str:
    """A block quote of plain text (escaped), one paragraph."""
    return f"> {escape(text)}\n"


def slug(text: str) -> str:
    """A lower-case file or anchor name made of letters, digits and hyphens.

    Example:
        >>> from vardval.checker.docgen.markdown import slug
        >>> slug("VG-KONTAKT"), slug("HSL 9 kap. 1 § 1 st. 1 p."), slug("national.vardgaranti")
        ('vg-kontakt', 'hsl-9-kap-1-1-st-1-p', 'national-vardgaranti')
    """
    return "-".join(re.findall(r"[a-z0-9åäö]+", text.lower())).translate(_ASCII)


_ASCII = str.maketrans("åäö", "aao")


def rule_page(rule_id: str) -> str:
    """The path, inside the generated folder, of a rule's page."""
    return f"rules/{slug(rule_id)}.md"


def relative(from_page: str, to_page: str) -> str:
    """A link target from one generated page to another (both relative to the folder).

    Example:
        >>> from vardval.checker.docgen.markdown import relative
        >>> relative("rules/vg-kontakt.md", "traceability.md")
        '../traceability.md'
        >>> relative("rules.md", "rules/vg-kontakt.md")
        'rules/vg-kontakt.md'
    """
    depth = from_page.count("/")
    return "../" * depth + to_page


def bilingual(texts: dict[str, str]) -> str:
    """Swedish, then English in italics (the users are Swedish; the structure is English).

    Example:
        >>> from vardval.checker.docgen.markdown import bilingual
        >>> bilingual({"sv": "Kontakt", "en": "Contact"})
        'Kontakt / *Contact*'
    """
    return f"{escape(texts['sv'])} / *{escape(texts['en'])}*"
