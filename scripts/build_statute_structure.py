"""Build ``rules/statute-structure.json``, the structure index of the cited acts, from their texts.

The texts are the consolidated statutes in Markdown of ``../shared/domain/statutes/`` (the open
SFS conversions of the se-lex project; see its README). For each act the index lists its
chapters, their sections (with letter suffixes such as ``3 c §``), and for each section how many
points each stycke has, which is all that lint needs to tell whether a citation such as
``HSL 9 kap. 1 § 1 st. 2 p.`` names a provision that exists, and all a test needs to check a
lagen.nu fragment (``#K9P1S1N2``).

How the text is read:

- a heading ``<n> kap. …`` opens a chapter and a heading ``<n> §`` (or ``<n> a §``) a section;
  any other heading, and the ``<section>`` tags of the HSL and PSL files, end a section's text;
- a section's text is split into blocks at blank lines: a block starting ``<n>. `` is a point of
  the current stycke, a block starting ``a) `` or a dash is part of it, and any other block
  starts a new stycke (a point before any stycke opens the first);
- a section whose only text is "Har upphävts genom …" is kept, marked ``repealed``, with no
  stycken;
- where a file holds two wordings of one section (the PSL file shows the wording in force and
  the one that replaces it on a later date), the index takes the larger count of each part, so a
  provision of either wording exists; a heading ``/Ny beteckning 2 kap. 11 § U:2026-01-01/ 4 §``
  also records the new number;
- a few lines are headings that the conversion ran into a section's text; they are listed in
  ``STRAY_HEADINGS`` and skipped.

Run it again when a new consolidation is published (replace the Markdown file, then):

    .venv/bin/python scripts/build_statute_structure.py ../shared/domain/statutes \
        -o rules/statute-structure.json

and commit the result; ``tests/checker/test_statute_structure.py`` checks that the committed
index equals a fresh build whenever the statute folder is present.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

# Which file holds which act. The SFS number keys the index, as ``sources.yaml`` names acts.
FILES = {
    "2017:30": "sfs-2017-30-hsl.md",
    "2017:80": "sfs-2017-80-hsf.md",
    "2010:659": "sfs-2010-659-psl.md",
}
# Headings the conversion left inside a section's text (seen in the files named).
STRAY_HEADINGS = {
    "Bemyndigande m.m.",  # PSL 3 kap. 10 §: the heading of 3 kap. 11 §
    "Tystnadsplikt m.m.",  # PSL 6 kap. 11 §
    "Åtgärder mot vårdgivare m.fl.",  # PSL 7 kap. 22 §
    "Ny legitimation m.m.",  # PSL 8 kap. 11 §
    "Vitesföreläggande m.m.",  # PSL 10 kap. 7 §
}

_NUMBER = r"\d+(?: ?[a-z])?"
_HEADING = re.compile(r"^#{1,6}\s+(?P<text>.*?)\s*$")
_CHAPTER = re.compile(rf"^(?P<n>{_NUMBER}) kap\.(?:\s|$)")
_SECTION = re.compile(rf"^(?:/(?P<marker>[^/]*)/\s+)?(?P<n>{_NUMBER}) §$")
_NEW_NUMBER = re.compile(rf"Ny beteckning (?:(?P<chapter>{_NUMBER}) kap\. )?(?P<n>{_NUMBER}) §")
_POINT = re.compile(r"^(?P<n>\d+)\. ")
_PART_OF_STYCKE = re.compile(r"^(?:[a-z]\) |[–-] )")
_REPEALED = re.compile(r"^Har upphävts genom ")
_FRONT = re.compile(r"^(?P<key>[a-z_]+): *\"?(?P<value>[^\"]*)\"?\s*$")


@dataclass
class Section:
    """One section as read: the number of points of each stycke, and whether it is repealed."""

    stycken: list[int] = field(default_factory=list)
    repealed: bool = False

    def merge(self, other: Section) -> None:
        """Take the larger count of each part (two wordings of one section)."""
        longer, shorter = sorted((self.stycken, other.stycken), key=len, reverse=True)
        padded = shorter + [0] * (len(longer) - len(shorter))
        self.stycken = [max(a, b) for a, b in zip(longer, padded, strict=True)]
        self.repealed = self.repealed and other.repealed


def _normal(number: str) -> str:
    """``3c`` and ``3 c`` are one section; the catalogue writes ``3 c``."""
    return re.sub(r"(\d)\s?([a-z])", r"\1 \2", number)


def read_section(lines: list[str]) -> Section:
    """The stycken and points of one section's text."""
    blocks = [" ".join(b.split()) for b in "\n".join(lines).split("\n\n")]
    section = Section()
    for block in (b for b in blocks if b and b not in STRAY_HEADINGS):
        if _REPEALED.match(block) and not section.stycken:
            section.repealed = True
        elif point := _POINT.match(block):
            if not section.stycken:
                section.stycken.append(0)
            section.stycken[-1] = max(section.stycken[-1], int(point.group("n")))
        elif _PART_OF_STYCKE.match(block) and section.stycken:
            continue
        else:
            section.stycken.append(0)
    if section.repealed:
        section.stycken = []
    return section


def sections(text: str) -> Iterator[tuple[str, str, list[str], list[tuple[str, str]]]]:
    """Each section of the text in order: chapter, number, its lines, and new numbers (from a
    ``/Ny beteckning …/`` marker). A file holding two wordings yields a section twice."""
    chapter: str | None = None
    current: tuple[str, list[str], list[tuple[str, str]]] | None = None
    for line in _body(text):
        heading = _HEADING.match(line)
        if heading is None and not line.lstrip().startswith(("<section", "</section", "</article")):
            if current is not None:
                current[1].append(line)
            continue
        if current is not None and chapter is not None:
            yield chapter, *current
        current = None
        if heading is None:
            continue
        title = heading.group("text")
        if chapter_match := _CHAPTER.match(title):
            chapter = _normal(chapter_match.group("n"))
        elif section_match := _SECTION.match(title):
            chapter = "" if chapter is None else chapter
            marker = section_match.group("marker") or ""
            new = _NEW_NUMBER.search(marker)
            moved = ([(_normal(new.group("chapter") or chapter), _normal(new.group("n")))]
                     if new else [])
            current = (_normal(section_match.group("n")), [], moved)
        elif title.startswith("Övergångsbestämmelser"):
            return
    if current is not None and chapter is not None:
        yield chapter, *current


def read_act(text: str) -> dict[str, dict[str, Section]]:
    """Chapters by number, each with its sections by number (``""`` for an act without chapters)."""
    chapters: dict[str, dict[str, Section]] = {}
    for line in _body(text):
        heading = _HEADING.match(line)
        if heading and (found := _CHAPTER.match(heading.group("text"))):
            chapters.setdefault(_normal(found.group("n")), {})
    for chapter, number, lines, moved in sections(text):
        found = read_section(lines)
        known = chapters.setdefault(chapter, {})
        if number in known:
            known[number].merge(found)
        else:
            known[number] = found
        for new_chapter, new_number in moved:
            chapters.setdefault(new_chapter, {}).setdefault(
                new_number, Section(list(found.stycken), found.repealed))
    return chapters


def _body(text: str) -> list[str]:
    """The lines after the front matter."""
    lines = text.splitlines()
    if lines and lines[0].strip() == "---":
        end = next(i for i, line in enumerate(lines[1:], 1) if line.strip() == "---")
        return lines[end + 1:]
    return lines


def front_matter(text: str) -> dict[str, str]:
    """The top-level scalar fields of the front matter (``rubrik``, ``publicerad_datum`` …)."""
    fields: dict[str, str] = {}
    lines = text.splitlines()
    for line in lines[1:]:
        if line.strip() == "---":
            break
        if match := _FRONT.match(line):
            fields[match.group("key")] = match.group("value").strip()
    return fields


def _sort_key(number: str) -> tuple[int, str]:
    digits = re.match(r"\d+", number)
    return (int(digits.group()) if digits else 0, number)


def render(folder: Path) -> str:
    """The index as JSON text, one chapter a line, in a stable order."""
    acts = []
    for sfs, name in FILES.items():
        text = (folder / name).read_text(encoding="utf-8")
        meta = front_matter(text)
        head = {"title": meta.get("rubrik", ""), "file": name,
                "published": meta.get("publicerad_datum", "")}
        lines = []
        for chapter, sections in sorted(read_act(text).items(), key=lambda i: _sort_key(i[0])):
            ordered = sorted(sections.items(), key=lambda i: _sort_key(i[0]))
            body = {n: "repealed" if s.repealed else s.stycken for n, s in ordered}
            lines.append(f"        {json.dumps(chapter)}: {json.dumps(body, ensure_ascii=False)}")
        fields = "".join(f"      {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)},\n"
                         for k, v in head.items())
        acts.append(f'    {json.dumps(sfs)}: {{\n{fields}      "chapters": {{\n'
                    + ",\n".join(lines) + "\n      }\n    }")
    note = ("The structure of the cited acts: per section, the number of points of each stycke "
            "(0 = a stycke without points). Generated by scripts/build_statute_structure.py from "
            "../shared/domain/statutes/; do not edit by hand.")
    return ('{\n  "about": ' + json.dumps(note) + ',\n  "acts": {\n'
            + ",\n".join(acts) + "\n  }\n}\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the folder of statute texts (Markdown)")
    parser.add_argument("-o", "--output", type=Path, default=None,
                        help="write here (default: standard output)")
    args = parser.parse_args(argv)
    text = render(args.folder)
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
