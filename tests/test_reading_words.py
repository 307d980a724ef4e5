"""Issue 15, item 16: YAML and JSON syntax problems and folder-walk refusals in both languages.

PyYAML and Python's ``json`` word their errors in English; a Swedish report must say them in
Swedish, located (file:line:col) and with a hint how to fix the file. The property test mangles
the bundled submissions many ways and holds every syntax problem to that.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from cli_runs import vardval
from vardval.checker.reading import collect
from vardval.checker.reading.yaml_words import yaml_said
from vardval.checker.submission.intake import load_submission_text

FIXTURES = sorted((Path(__file__).parents[1] / "fixtures" / "submissions").glob("*.*"))
# Words of PyYAML's and json's English that must not reach a Swedish report.
ENGLISH = re.compile(r"\b(found|expected|scanning|parsing|stream|token|scalar|mapping values|"
                     r"while|could not|but got|invalid|trailing|string|starts on line)\b")


def problems(text: str, name: str, lang: str) -> list[str]:
    return [p.shown(lang) for p in load_submission_text(text, name).problems]


@pytest.mark.parametrize(("text", "name", "sv", "en"), [
    ('period: "2025-Q2\n', "bad.yaml",
     ("bad.yaml:2:1: $: ogiltig YAML: filen tar slut för tidigt (i en text inom citattecken som "
     "börjar på rad 1) (stäng citattecknet som börjar på rad 1)"),
     ("bad.yaml:2:1: $: invalid YAML: found unexpected end of stream (while scanning a quoted "
     "scalar that starts on line 1) (close the quote that starts on line 1)")),
    ('{"a": 1,}', "bad.json",
     ("bad.json:1:9: $: ogiltig JSON: avslutande kommatecken före '}' (ta bort kommatecknet "
     "efter den sista posten)"),
     ("bad.json:1:9: $: invalid JSON: trailing comma before '}' (remove the comma after the "
     "last entry)")),
    ("a:\n\tb: 1\n", "tab.yaml",
     ("tab.yaml:2:1: $: ogiltig YAML: tecknet '\\t' kan inte inleda något här (YAML-indrag görs "
     "med mellanslag, inte tabbar)"),
     ("tab.yaml:2:1: $: invalid YAML: found character '\\t' that cannot start any token (YAML "
     "indentation must use spaces, not tabs)")),
    ("a: b: c\n", "colon.yaml",
     ("colon.yaml:1:5: $: ogiltig YAML: ett kolon med mellanslag (': ') får inte stå här "
     "(kontrollera indraget, eller sätt ett värde som innehåller ': ' inom citattecken)"),
     ("colon.yaml:1:5: $: invalid YAML: mapping values are not allowed here (check the "
     "indentation, or quote a value containing ': ')")),
    ("a: 1\na: 2\n", "dup.yaml",
     ("dup.yaml:2:1: $: nyckeln 'a' finns redan (på rad 1); varje nyckel får stå en gång i en "
     "mappning"),
     ("dup.yaml:2:1: $: duplicate key 'a' (first defined on line 1); each key may appear once "
     "in a mapping")),
    ('{"a": 1 "b": 2}', "comma.json",
     "comma.json:1:9: $: ogiltig JSON: väntade ',' eller '}', fann '\"'",
     "comma.json:1:9: $: invalid JSON: expected ',' or '}', found '\"'"),
    ('{"a": "x', "open.json",
     ("open.json:1:7: $: ogiltig JSON: den här texten saknar avslutande dubbelt citattecken "
     '(avsluta texten med ")'),
     ('open.json:1:7: $: invalid JSON: this string has no closing double quote (end the string '
     'with ")')),
    ("", "empty.yaml",
     "empty.yaml:1:1: $: filen är tom (filen behöver minst en rad 'nyckel: värde')",
     "empty.yaml:1:1: $: the file is empty (the file needs at least one 'key: value' line)"),
])
def test_a_syntax_problem_reads_in_each_language(text: str, name: str, sv: str, en: str) -> None:
    assert problems(text, name, "sv") == [sv]
    assert problems(text, name, "en") == [en]


def test_an_unknown_pyyaml_text_is_still_worded_with_the_text_quoted() -> None:
    said, hint = yaml_said("found a thing PyYAML may say one day", "while doing something", 3)
    assert said.words("sv") == (
        'ogiltig YAML: texten går inte att läsa som YAML (tolken säger: "found a thing PyYAML '
        'may say one day") (ett stycke (tolken säger: "while doing something") som börjar på '
        "rad 3)")
    assert said.words("en") == ("invalid YAML: found a thing PyYAML may say one day "
                                "(while doing something that starts on line 3)")
    assert hint is not None
    assert hint.words("sv") == "jämför med ett exempel i docs/submission-format.md"


def mangled(text: str) -> list[str]:
    """Many broken versions of one file: cut short, a quote, bracket, tab or colon put in."""
    step = max(1, len(text) // 12)
    cuts = [text[:n] for n in range(step, len(text), step)]
    inserts = []
    for n in range(step // 2, len(text), step):
        inserts += [text[:n] + bad + text[n:] for bad in ('"', "[", "{", "\t", ": x: ", "}", "&")]
    return cuts + inserts


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
def test_every_syntax_problem_of_a_mangled_file_is_swedish_and_located(fixture: Path) -> None:
    text = fixture.read_text("utf-8")
    syntax = 0
    for broken in mangled(text):
        intake = load_submission_text(broken, fixture.name)
        for problem in intake.problems:
            if not problem.message.startswith(("invalid YAML", "invalid JSON")):
                continue
            syntax += 1
            sv = problem.shown("sv")
            assert sv.startswith(f"{fixture.name}:{problem.line}:{problem.column}: $: ogiltig ")
            assert ENGLISH.search(problem.words("sv")) is None, sv
    assert syntax >= 10  # the mangling does break the file


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_refusals_met_walking_a_folder_are_worded_in_each_language(tmp_path: Path) -> None:
    top = tmp_path / "top"
    (top / "sub").mkdir(parents=True)
    os.mkfifo(top / "pipe.yaml")
    (tmp_path / "elsewhere.yaml").write_text("x", "utf-8")
    (top / "out.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    (top / "sub" / "loop").symlink_to(top)
    found = {Path(path).name: why for path, why in collect.submission_files([str(top)])}
    assert {name: why.words("sv") for name, why in found.items() if why} == {
        "out.yaml": f"symbolisk länk till '{tmp_path / 'elsewhere.yaml'}', utanför den angivna "
                    "mappen; följdes inte (ange filen själv för att kontrollera den)",
        "pipe.yaml": "det är ett namngivet rör (FIFO), inte en vanlig fil; hoppades över (att "
                     "läsa den kunde vänta för evigt)",
        "loop": f"symbolisk länk till en mapp som redan gåtts igenom som '{top}' (en länkslinga "
                "eller en andra väg in); hoppades över så att ingen fil kontrolleras två gånger",
    }
    assert found["pipe.yaml"] is not None
    assert found["pipe.yaml"].words("en").startswith("it is a named pipe (FIFO)")
    _, out_sv, _ = vardval("check", top, "--lang", "sv")
    _, out_en, _ = vardval("check", top, "--lang", "en")
    assert "utanför den angivna mappen" in out_sv
    assert "outside the folder given" not in out_sv
    assert "outside the folder given; not followed" in out_en
