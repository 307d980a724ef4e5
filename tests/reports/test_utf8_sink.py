"""A report's pieces written as bytes give the bytes the stream would have written as text."""

from __future__ import annotations

import io

import pytest
from vardval.checker.engine import BatchTally, Tallied
from vardval.checker.report.utf8_sink import Utf8Sink

TEXT = "Vårdcentralen Åby: 3 av 4 (75 %)\n"


def _stream(encoding: str = "utf-8", *, line_buffering: bool = False) -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(), encoding=encoding, newline="\n",
                            line_buffering=line_buffering)


def _bytes(stream: io.TextIOWrapper) -> bytes:
    stream.flush()
    buffer = stream.buffer
    assert isinstance(buffer, io.BytesIO)
    return buffer.getvalue()


def test_text_and_pieces_keep_their_order() -> None:
    as_text, mixed = _stream(), _stream()
    for part in ("{", TEXT, ",", TEXT, "}"):
        as_text.write(part)
    sink = Utf8Sink(mixed)
    sink.text("{")
    sink.write(sink.encode(TEXT))
    sink.text(",")
    sink.write(sink.encode(TEXT))
    sink.text("}")
    assert _bytes(mixed) == _bytes(as_text)


def test_a_stream_without_a_buffer_is_given_text() -> None:
    out = io.StringIO()
    sink = Utf8Sink(out)
    sink.write(sink.encode(TEXT))
    assert out.getvalue() == TEXT


def test_a_stream_in_another_encoding_encodes_the_text_itself() -> None:
    out = _stream("latin-1")
    sink = Utf8Sink(out)
    sink.write(sink.encode(TEXT))
    assert _bytes(out) == TEXT.encode("latin-1")


def test_a_terminal_sees_each_piece_at_once() -> None:
    screen = io.BytesIO()
    out = io.TextIOWrapper(io.BufferedWriter(screen), encoding="utf-8", line_buffering=True)  # type: ignore[arg-type]
    sink = Utf8Sink(out)
    sink.write(sink.encode(TEXT))
    assert screen.getvalue() == TEXT.encode()  # nothing waits in a buffer for the next piece


def test_the_stream_s_error_handler_is_kept() -> None:
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="surrogateescape")
    sink = Utf8Sink(out)
    sink.write(sink.encode("namn-\udce9.yaml"))
    assert _bytes(out) == b"namn-\xe9.yaml"
    strict = Utf8Sink(_stream())
    with pytest.raises(UnicodeEncodeError):
        strict.encode("namn-\udce9.yaml")


def test_the_tally_lists_its_rules_first_then_others_as_met() -> None:
    tally = BatchTally(["B", "A"])
    tally.count(Tallied(True, (("C", "fail"), ("A", "pass")), None, "fail"))
    tally.count(Tallied(True, (("D", "pass"), ("C", "fail"), ("A", "fail")), None, "fail"))
    assert list(tally.by_rule) == ["B", "A", "C", "D"]
    assert tally.by_rule["A"] == {**dict.fromkeys(tally.by_status, 0), "pass": 1, "fail": 1}
    assert tally.by_rule["C"]["fail"] == 2
    assert tally.by_status["fail"] == 3
    assert tally.by_status["pass"] == 2
    assert sum(tally.by_status.values()) == 5
