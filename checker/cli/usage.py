"""argparse's own usage errors, worded in the run's language.

argparse words its errors in English ("the following arguments are required: PATH"). Its
messages are few and fixed (``argparse`` passes each through ``gettext``), so each is matched
here and said again in Swedish; in English they stay argparse's, except that the name of a
converting function ("invalid fromisoformat value") is left out: it is ours, not the user's.
"""

from __future__ import annotations

import functools
import re

# argparse's message -> (Swedish, English or None for argparse's own); groups by name.
_MESSAGES: tuple[tuple[str, str, str | None], ...] = (
    (r"argument (?P<name>[^:]+): (?P<inner>.*)", "{name}: {inner}", "argument {name}: {inner}"),
    (r"invalid choice: (?P<value>.*) \(choose from (?P<choices>.*)\)",
     "okänt val {value}; välj ett av {choices}", None),
    (r"invalid int value: (?P<value>.*)", "{value} är inget heltal",
     "{value} is not a whole number"),
    (r"invalid \S+ value: (?P<value>.*)", "ogiltigt värde {value}", "invalid value {value}"),
    (r"expected one argument", "behöver ett värde", None),
    (r"expected at most one argument", "tar högst ett värde", None),
    (r"expected at least one argument", "behöver minst ett värde", None),
    (r"expected (?P<n>\d+) arguments?", "behöver {n} värden", None),
    (r"ignored explicit argument (?P<value>.*)", "tar inget värde (fick {value})", None),
    (r"not allowed with argument (?P<other>.*)", "kan inte kombineras med {other}", None),
    (r"one of the arguments (?P<names>.*) is required", "ange ett av {names}", None),
    (r"ambiguous option: (?P<option>\S+) could match (?P<matches>.*)",
     "tvetydig flagga: {option} kan vara {matches}", None),
    (r"the following arguments are required: (?P<names>.*)",
     "följande argument saknas: {names}", None),
    (r"unrecognized arguments: (?P<words>.*)", "okända argument: {words}", None),
    (r"unknown parser (?P<value>.*) \(choices: (?P<choices>.*)\)",
     "okänt kommando {value}; välj ett av {choices}", None),
)


@functools.cache
def _patterns() -> tuple[tuple[re.Pattern[str], str, str | None], ...]:
    """``_MESSAGES`` compiled, when a usage error is first worded: compiling them cost every
    command's start-up about a millisecond (issue 21), and most runs have no usage error."""
    return tuple((re.compile(pattern, re.DOTALL), sv, en) for pattern, sv, en in _MESSAGES)


# What argparse names a subcommand's argument (its ``dest``), in Swedish.
_NAMES = {"command": "kommando", "action": "åtgärd"}


def worded(message: str, lang: str) -> str:
    """argparse's ``message`` in ``lang``; a message it does not know is returned as it is.

    Example:
        >>> worded("the following arguments are required: PATH", "sv")
        'följande argument saknas: PATH'
        >>> worded("argument --jobs: invalid int value: 'x'", "en")
        "argument --jobs: 'x' is not a whole number"
    """
    for pattern, sv, en in _patterns():
        found = pattern.fullmatch(message)
        if found is None:
            continue
        template = sv if lang == "sv" else en
        if template is None:
            return message
        parts = found.groupdict()
        if "inner" in parts:
            parts["inner"] = worded(parts["inner"], lang)
        if lang == "sv":
            parts = {key: _NAMES.get(value, value) for key, value in parts.items()}
        return template.format(**parts)
    return message


def usage_line(usage: str, lang: str) -> str:
    """argparse's ``usage: …`` line, its first word in ``lang``."""
    return usage.replace("usage: ", "användning: ", 1) if lang == "sv" else usage
