"""Pieces of a report encoded once, where they are made, and written as bytes.

``vardval check --jobs N`` prepares each result's text in a worker; sent back as ``str`` it
would be decoded from the pipe and encoded again by the output stream in the one process that
writes the report, twice over every byte of a 300 MB JSON report on the core the workers need.
A ``Utf8Sink`` encodes a piece as the stream would (its encoding and error handler) and writes
the bytes straight to the stream's buffer; a stream without one (a ``StringIO`` in a test, or a
non-UTF-8 terminal) is given the text, so the output is the same bytes either way.
"""

from __future__ import annotations

import codecs
import os
from typing import BinaryIO, TextIO


class Utf8Sink:
    """Writes UTF-8 pieces to ``out``: into its byte buffer when that gives the same bytes."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.errors = getattr(out, "errors", None) or "strict"
        self._raw: BinaryIO | None = getattr(out, "buffer", None) if _is_utf8(out) else None
        self._text_written = True  # ``out`` may hold text not yet in its buffer
        self._by_line = bool(getattr(out, "line_buffering", False))  # a terminal: show it now

    def encode(self, text: str) -> bytes:
        """``text`` as the stream would write it (a worker calls this on its piece)."""
        return text.encode("utf-8", self.errors)

    def write(self, data: bytes) -> None:
        raw = self._raw
        if raw is None:
            self.out.write(data.decode("utf-8", self.errors))
            return
        if self._text_written:  # what was written as text goes first
            self.out.flush()
            self._text_written = False
        raw.write(data)
        if self._by_line:
            raw.flush()

    def text(self, text: str) -> None:
        """Text written through the stream itself (a header, a summary), kept in order."""
        self.out.write(text)
        self._text_written = True


def _is_utf8(out: TextIO) -> bool:
    """Bytes in the buffer are what the stream writes only for UTF-8 with no newline change."""
    try:
        encoding = codecs.lookup(getattr(out, "encoding", None) or "").name
    except LookupError:
        return False
    return encoding == "utf-8" and os.linesep == "\n"
