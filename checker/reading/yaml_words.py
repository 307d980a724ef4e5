"""The words of every problem met while reading YAML or JSON text, Swedish first.

A problem is a code and its values (``dsl.reasons``' pattern), so a Swedish report of a file
with an unclosed quote says so in Swedish. PyYAML words its errors in English; ``yaml_said``
turns its problem and context texts into codes, each with a hint how to fix the file. The
English words are PyYAML's own, as they always were; a text of PyYAML's not known here still
reads sensibly: generic words, with PyYAML's text quoted as the detail.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import ClassVar

from vardval.dsl import reasons

# code -> (Swedish, English); ``{0}``, ``{1}`` … are the values in order.
WORDING: dict[str, tuple[str, str]] = {
    "yaml-syntax": ("ogiltig YAML: {0}{1}", "invalid YAML: {0}{1}"),
    "json-syntax": ("ogiltig JSON: {0}", "invalid JSON: {0}"),
    "context": (" ({0} som börjar på rad {1})", " ({0} that starts on line {1})"),
    "no-context": ("", ""),
    "with-hint": ("{0} ({1})", "{0} ({1})"),
    "with-found": ("{0}{1}", "{0}{1}"),
    # PyYAML's problems; the English is PyYAML's text
    "cannot-start": ("tecknet {0} kan inte inleda något här",
                     "found character {0} that cannot start any token"),
    "end-of-stream": ("filen tar slut för tidigt", "found unexpected end of stream"),
    "document-separator": ("en rad '---' eller '...' mitt i texten",
                           "found unexpected document separator"),
    "unknown-escape": ("okänd escape-sekvens \\{0}", "found unknown escape character {0}"),
    "hex-escape": ("en escape-sekvens behöver {0} hexadecimala siffror, men här står {1}",
                   "expected escape sequence of {0} hexadecimal numbers, but found {1}"),
    "mapping-values": ("ett kolon med mellanslag (': ') får inte stå här",
                       "mapping values are not allowed here"),
    "mapping-keys": ("en nyckel ('?') får inte stå här", "mapping keys are not allowed here"),
    "sequence-entries": ("en listpost ('- ') får inte stå här",
                         "sequence entries are not allowed here"),
    "no-colon": ("hittade inget ':' efter nyckeln", "could not find expected ':'"),
    "block-end": ("väntade att stycket skulle ta slut, men fann {0}",
                  "expected <block end>, but found {0}"),
    "flow-sequence": ("väntade ',' eller ']', men fann {0}", "expected ',' or ']', but got {0}"),
    "flow-mapping": ("väntade ',' eller '}}', men fann {0}", "expected ',' or '}}', but got {0}"),
    "node-content": ("väntade ett värde, men fann {0}", "expected the node content, but found {0}"),
    "document-start": ("väntade början på ett dokument ('---'), men fann {0}",
                       "expected '<document start>', but found {0}"),
    "alphanumeric": ("väntade en bokstav eller siffra, men fann {0}",
                     "expected alphabetic or numeric character, but found {0}"),
    "expected-char": ("väntade {0}, men fann {1}", "expected {0}, but found {1}"),
    "comment-or-break": ("väntade en kommentar eller radslut, men fann {0}",
                         "expected a comment or a line break, but found {0}"),
    "indentation-indicator": ("indragsangivelsen måste vara 1 till 9, men är 0",
                              "expected indentation indicator in the range 1-9, but found 0"),
    "chomping": ("väntade '+', '-' eller en siffra efter '|' eller '>', men fann {0}",
                 "expected chomping or indentation indicators, but found {0}"),
    "undefined-tag-handle": ("okänd tagg {0}", "found undefined tag handle {0}"),
    "non-specific-tag": ("taggen '!' är inte tillåten", "found non-specific tag '!'"),
    "directive": ("ett direktiv ('%') som inte kan läsas: {0}", "{0}"),
    "unknown-problem": ('texten går inte att läsa som YAML (tolken säger: "{0}")', "{0}"),
    "unknown-context": ('ett stycke (tolken säger: "{0}")', "{0}"),
    # the contexts PyYAML names, English as PyYAML writes them
    "in-quoted": ("i en text inom citattecken", "while scanning a quoted scalar"),
    "in-double-quoted": ("i en text inom dubbla citattecken",
                         "while scanning a double-quoted scalar"),
    "in-simple-key": ("i en nyckel", "while scanning a simple key"),
    "in-next-token": ("på väg till nästa värde", "while scanning for the next token"),
    "in-block-mapping": ("i mappningen", "while parsing a block mapping"),
    "in-block-collection": ("i stycket", "while parsing a block collection"),
    "in-flow-mapping": ("i mappningen inom {{}}", "while parsing a flow mapping"),
    "in-flow-sequence": ("i listan inom []", "while parsing a flow sequence"),
    "in-block-node": ("i värdet", "while parsing a block node"),
    "in-flow-node": ("i värdet inom klamrar", "while parsing a flow node"),
    "in-node": ("i värdet", "while parsing a node"),
    "in-block-scalar": ("i textblocket ('|' eller '>')", "while scanning a block scalar"),
    "in-anchor": ("i ankaret ('&')", "while scanning an anchor"),
    "in-alias": ("i aliaset ('*')", "while scanning an alias"),
    "in-tag": ("i taggen ('!')", "while scanning a tag"),
    "in-parsing-tag": ("i taggen ('!')", "while parsing a tag"),
    "in-directive": ("i direktivet ('%')", "while scanning a directive"),
    # what PyYAML found, by its token names
    "token-scalar": ("ett värde", "'<scalar>'"),
    "token-stream-end": ("filens slut", "'<stream end>'"),
    "token-block-mapping-start": ("en ny mappning", "'<block mapping start>'"),
    "token-block-sequence-start": ("en ny lista", "'<block sequence start>'"),
    "token-block-end": ("slutet på ett stycke", "'<block end>'"),
    "token-document-start": ("'---'", "'<document start>'"),
    "token-document-end": ("'...'", "'<document end>'"),
    "token-directive": ("ett direktiv ('%')", "'<directive>'"),
    "token-alias": ("ett alias ('*')", "'<alias>'"),
    "token-anchor": ("ett ankare ('&')", "'<anchor>'"),
    "token-tag": ("en tagg ('!')", "'<tag>'"),
    "token-block-entry": ("'-'", "'-'"),
    # hints, Swedish first
    "hint-close-quote": ("stäng citattecknet som börjar på rad {0}",
                         "close the quote that starts on line {0}"),
    "hint-tab": ("YAML-indrag görs med mellanslag, inte tabbar",
                 "YAML indentation must use spaces, not tabs"),
    "hint-cannot-start": ("sätt värdet inom citattecken om tecknet hör till texten",
                          "put the value in quotes if the character belongs to the text"),
    "hint-mapping-values": (("kontrollera indraget, eller sätt ett värde som innehåller ': ' "
                            "inom citattecken"),
                            "check the indentation, or quote a value containing ': '"),
    "hint-no-colon": ("skriv varje post som 'nyckel: värde' med ett mellanslag efter ':'",
                      "write each entry as 'key: value' with a space after ':'"),
    "hint-block-end": ("kontrollera indraget: posterna i en mappning står i samma kolumn",
                       "check the indentation: entries of one mapping share a column"),
    "hint-tag": ("ta bort taggen '!'; sätt värdet inom citattecken om det är text",
                 "remove the '!' tag; quote the value if it is text"),
    "hint-close-flow": ("stäng klammern som börjar på rad {0} och skilj posterna åt med ','",
                        "close the bracket that starts on line {0} and separate entries with ','"),
    "hint-escape": ("skriv ett omvänt snedstreck som \\\\, eller använd enkla citattecken",
                    "write a backslash as \\\\, or use single quotes"),
    "hint-value": ("skriv ett värde efter ':', eller sätt det inom citattecken",
                   "write a value after ':', or put it in quotes"),
    "hint-separator": ("ta bort raden '---' eller '...', eller sätt texten inom citattecken",
                       "remove the '---' or '...' line, or quote the text"),
    "hint-sequence-entries": ("kontrollera indraget: en lista står under sin nyckel",
                              "check the indentation: a list goes under its key"),
    "hint-generic": ("jämför med ett exempel i docs/submission-format.md",
                     "compare with an example in docs/submission-format.md"),
    # the JSON reader's problems
    "json-after-end": ("text efter slutet på JSON-värdet; en fil har ett enda värde",
                       "text after the end of the JSON value; a file holds one value"),
    "json-expected-value": ("väntade ett JSON-värde (objekt, lista, text, tal, true, false, null)",
                            ("expected a JSON value (object, array, string, number, true, false, "
                            "null)")),
    "json-expected-name": ("väntade ett fältnamn inom dubbla citattecken",
                           "expected a field name in double quotes"),
    "json-expected": ("väntade '{0}'{1}", "expected '{0}'{1}"),
    "json-or": (" eller '{0}'", " or '{0}'"),
    "json-found": (", fann {0}", ", found {0}"),
    "json-found-end": (", fann filens slut", ", found the end of the file"),
    "json-trailing-comma": ("avslutande kommatecken före '{0}'", "trailing comma before '{0}'"),
    "json-control": ("en tabb eller ett radbyte i en text skrivs \\t eller \\n",
                     "a tab or line break inside a string must be written as \\t or \\n"),
    "json-unterminated": ("den här texten saknar avslutande dubbelt citattecken",
                          "this string has no closing double quote"),
    "json-bad-escape": ("ogiltig escape-sekvens{0}", "invalid \\escape{0}"),
    "json-bad-unicode": ("ogiltig \\uXXXX-sekvens", "invalid \\uXXXX escape"),
    "json-other": ('texten går inte att läsa ("{0}")', "{0}"),
    "hint-trailing-comma": ("ta bort kommatecknet efter den sista posten",
                            "remove the comma after the last entry"),
    "hint-json-quote": ('avsluta texten med "', 'end the string with "'),
    # the strict reader's own refusals
    "empty-file": ("filen är tom", "the file is empty"),
    "hint-empty": ("filen behöver minst en rad 'nyckel: värde'",
                   "the file needs at least one 'key: value' line"),
    "multiple-documents": ("ett andra YAML-dokument börjar här; en fil har exakt ett dokument",
                           ("a second YAML document starts here; a file holds exactly one "
                           "document")),
    "hint-multiple": ("ta bort raden '---' och det som följer, eller dela filen",
                      "remove the '---' line and what follows, or split the file"),
    "duplicate-key": ("nyckeln '{0}' finns redan (på rad {1}); varje nyckel får stå en gång i {2}",
                      ("duplicate key '{0}' (first defined on line {1}); each key may appear once "
                      "in {2}")),
    "an-object": ("ett objekt", "an object"),
    "key-kind": ("en nyckel måste vara text, inte {0}", "a key must be text, not {0}"),
    "kind-mapping": ("en mappning", "a mapping"),
    "kind-list": ("en lista", "a list"),
    "kind-alias": ("ett alias", "an alias"),
    "kind-value": ("ett värde", "a value"),
    "kind-boolean": ("ett sant/falskt-värde", "a true/false value"),
    "kind-null": ("tom (null)", "empty (null)"),
    "kind-number": ("ett tal", "a number"),
    "key-read-as": ("nyckeln '{0}' läses som {1}; nycklar måste vara text",
                    "the key '{0}' is read as {1}; keys must be text"),
    "hint-quote-key": ('sätt den inom citattecken: "{0}"', 'quote it: "{0}"'),
    "merge-key": ("sammanslagningsnycklar ('<<') stöds inte",
                  "merge keys ('<<') are not supported"),
    "hint-merge": ("skriv ut nycklarna i sin helhet; ankare och alias på hela värden fungerar",
                   "write the keys out in full; anchors and aliases on whole values still work"),
    "undefined-alias": ("aliaset '*{0}' pekar inte på något ankare",
                        "alias '*{0}' refers to no anchor"),
    "hint-alias": ("definiera '&{0}' på ett värde före aliaset",
                   "define '&{0}' on a value before this alias"),
    "recursive-alias": (("aliaset '*{0}' står inuti värdet det pekar på; rekursiva strukturer är "
                        "inte tillåtna"),
                        ("alias '*{0}' is inside the value it refers to; recursive structures are "
                        "not allowed")),
    "explicit-tag": ("den uttryckliga taggen '{0}' är inte tillåten; bara vanliga data läses",
                     "explicit tag '{0}' is not allowed; only plain data is read"),
    "hint-explicit-tag": ("ta bort taggen; sätt värdet inom citattecken om det ska vara text",
                          "remove the tag; quote the value if it should be text"),
    "bad-character": ("tecknet U+{0} är inte tillåtet i YAML ({1})",
                      "character U+{0} is not allowed in YAML ({1})"),
    "hint-bad-character": ("ta bort tecknet; är filen sparad som text?",
                           "remove the character; was the file saved as text?"),
    "number-out-of-range": ("talet '{0}' är utanför det tillåtna området",
                            "number '{0}' is out of range"),
    "hint-digits": ("tal får ha högst {0} siffror", "numbers may have at most {0} digits"),
    "not-finite": ("'{0}' är inget ändligt tal", "'{0}' is not a finite number"),
    "hint-finite": ("antal, belopp och andelar måste vara vanliga tal som 0 eller 12.5",
                    "counts, amounts and shares must be ordinary numbers such as 0 or 12.5"),
    "too-many-nodes": ("dokumentet har fler än {0} värden när alias har expanderats",
                       "the document has more than {0} values once aliases are expanded"),
    "hint-nodes": ("en inlämning eller regelfil är mycket mindre; är det här en aliasbomb?",
                   "a submission or rule file is far smaller; is this an alias bomb?"),
    "too-deep": ("värdena är nästlade i mer än {0} nivåer", ("values are nested more than {0} "
                 "levels deep")),
    "hint-deep": ("platta till strukturen; riktiga inlämningar har några få nivåer",
                  "flatten the structure; real submissions nest a few levels"),
    "lone-surrogate": ("escape-sekvensen för U+{0} är halva ett UTF-16-surrogatpar, inget tecken",
                       "the escape for U+{0} is half of a UTF-16 surrogate pair, not a character"),
    "hint-surrogate": (("skriv tecknet självt, eller båda halvorna av paret, t.ex. "
                       "\\ud83d\\ude00"),
                       ("write the character itself, or both halves of a pair, e.g. "
                       "\\ud83d\\ude00")),
    "other-encoding": ("filen är {0}-text (den börjar med en {0}-byteordningsmarkering)",
                       "the file is {0} text (it starts with a {0} byte-order mark)"),
    "hint-utf8": ("spara den som UTF-8; inlämningar och regelfiler är UTF-8-text",
                  "save it as UTF-8; submissions and rule files are UTF-8 text"),
    "nul-byte": (("NUL-byte vid byteposition {0} (rad {1}, kolumn {2}); en inlämning eller "
                 "regelfil är UTF-8-text"),
                 ("NUL byte at byte offset {0} (line {1}, column {2}); a submission or rule file "
                 "is UTF-8 text")),
    "hint-nul": ("är det en binärfil, eller text sparad som UTF-16? Spara den som UTF-8.",
                 "is this a binary file, or text saved as UTF-16? Save it as UTF-8."),
    "invalid-utf8": ("ogiltig UTF-8 vid byteposition {0} (rad {1}, kolumn {2}): byte 0x{3}",
                     "invalid UTF-8 at byte offset {0} (line {1}, column {2}): byte 0x{3}"),
    "hint-latin1": ("spara filen som UTF-8; den kan vara i Latin-1 eller Windows-1252",
                    "save the file as UTF-8; it may be in Latin-1 or Windows-1252"),
}


@dataclass(frozen=True, slots=True)
class Worded(reasons.Reason):
    """A reading problem's words: a ``WORDING`` code and its values (text or ``Worded``).

    Example:
        >>> problem, hint = yaml_said("found unexpected end of stream",
        ...                           "while scanning a quoted scalar", 1)
        >>> problem.words("sv"), hint.words("en") if hint else None
        ('ogiltig YAML: filen tar slut för tidigt (i en text inom citattecken som börjar på rad \
1)', 'close the quote that starts on line 1')
    """

    TABLE: ClassVar[dict[str, tuple[str, str]]] = WORDING


_TOKENS = {WORDING[code][1]: Worded(code) for code in WORDING if code.startswith("token-")}
_FOUND = r"(?P<found>'.*'|\".*\")"
# PyYAML problem text -> code; the named groups are its values, in order. Compiled on first use
# (``_patterns``): a file that reads well never needs them, and compiling took some 2 ms.
_PROBLEMS: tuple[tuple[str, str], ...] = (
    (rf"found character {_FOUND} that cannot start any token", "cannot-start"),
    (r"found unexpected end of stream", "end-of-stream"),
    (r"found unexpected document separator", "document-separator"),
    (rf"found unknown escape character {_FOUND}", "unknown-escape"),
    (rf"expected escape sequence of (?P<n>\d+) hexadecimal numbers, but found {_FOUND}",
     "hex-escape"),
    (r"mapping values are not allowed here", "mapping-values"),
    (r"mapping keys are not allowed here", "mapping-keys"),
    (r"sequence entries are not allowed here", "sequence-entries"),
    (r"could not find expected ':'", "no-colon"),
    (rf"expected <block end>, but found {_FOUND}", "block-end"),
    (rf"expected ',' or '\]', but got {_FOUND}", "flow-sequence"),
    (rf"expected ',' or '}}', but got {_FOUND}", "flow-mapping"),
    (rf"expected the node content, but found {_FOUND}", "node-content"),
    (rf"expected '<document start>', but found {_FOUND}", "document-start"),
    (rf"expected alphabetic or numeric character, but found {_FOUND}", "alphanumeric"),
    (rf"expected a comment or a line break, but found {_FOUND}", "comment-or-break"),
    (r"expected indentation indicator in the range 1-9, but found 0", "indentation-indicator"),
    (rf"expected chomping or indentation indicators, but found {_FOUND}", "chomping"),
    (rf"found undefined tag handle {_FOUND}", "undefined-tag-handle"),
    (r"found non-specific tag '!'", "non-specific-tag"),
    (rf"expected (?P<what>'.'|URI), but found {_FOUND}", "expected-char"),
)
_CONTEXTS = {WORDING[code][1]: Worded(code) for code in WORDING if code.startswith("in-")}
# problem code -> hint code; the hints naming a line get the context's line
_HINTS = {
    "mapping-values": "hint-mapping-values", "no-colon": "hint-no-colon",
    "block-end": "hint-block-end", "undefined-tag-handle": "hint-tag",
    "non-specific-tag": "hint-tag", "flow-sequence": "hint-close-flow",
    "flow-mapping": "hint-close-flow", "unknown-escape": "hint-escape",
    "hex-escape": "hint-escape", "node-content": "hint-value",
    "document-separator": "hint-separator", "sequence-entries": "hint-sequence-entries",
    "cannot-start": "hint-cannot-start",
}


def yaml_said(problem: str | None, context: str | None,
              context_line: int | None) -> tuple[Worded, Worded | None]:
    """PyYAML's problem (and the context it started in) as a worded problem and a hint."""
    code, values = _problem(problem or "")
    shown = Worded(code, values)
    where = Worded("no-context")
    if context and context_line is not None:
        named = _CONTEXTS.get(context, Worded("unknown-context", (context,)))
        where = Worded("context", (named, str(context_line)))
    return Worded("yaml-syntax", (shown, where)), _hint(code, values, context, context_line)


def _problem(text: str) -> tuple[str, tuple[object, ...]]:
    if text.startswith(("expected a directive", "expected a digit", "found duplicate",
                        "found incompatible", "expected URI escape")):
        return "directive", (text,)
    for pattern, code in _patterns():
        found = pattern.fullmatch(text)
        if found is not None:
            return code, tuple(_TOKENS.get(v, v) for v in found.groupdict().values())
    return "unknown-problem", (text or "?",)


def _hint(code: str, values: tuple[object, ...], context: str | None,
          line: int | None) -> Worded | None:
    if code == "cannot-start" and values == ("'\\t'",):
        return Worded("hint-tab")
    if code == "end-of-stream" and context and "quoted" in context and line is not None:
        return Worded("hint-close-quote", (str(line),))
    hint = _HINTS.get(code)
    if hint == "hint-close-flow":
        return Worded(hint, (str(line),)) if line is not None else None
    if hint is None and code in ("unknown-problem", "directive", "end-of-stream"):
        return Worded("hint-generic")
    return Worded(hint) if hint else None


def json_string_said(msg: str) -> Worded:
    """Python's ``json`` message about a string, in the words a person fixing it needs."""
    if msg.startswith("Invalid control character"):
        return Worded("json-control")
    if msg.startswith("Unterminated string"):
        return Worded("json-unterminated")
    if msg.startswith("Invalid \\escape"):
        return Worded("json-bad-escape", (msg.removeprefix("Invalid \\escape"),))
    if msg.startswith("Invalid \\uXXXX escape"):
        return Worded("json-bad-unicode")
    return Worded("json-other", (msg.removesuffix(" at").replace("Invalid", "invalid"),))


@functools.cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(pattern), code) for pattern, code in _PROBLEMS)
