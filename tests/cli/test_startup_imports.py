"""Start-up: a command imports only what it uses; a cold load parses with the stand-alone parser,
never importing Lark."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from vardval.checker.cli import entry
from vardval.checker.core_engine import EXTENSION
from vardval.checker.program import cache, schema_store

ROOT = Path(__file__).resolve().parents[2]
VALID = ROOT / "fixtures" / "submissions" / "halland-2018-Q2.yaml"

# What no command below needs with the load cache warm: the docs, the store, the servers and
# the language server, the what-if analyses, the spreadsheets, the rule-file reader and the rule
# language's parser (the cache holds the corpus read), and the libraries only they use.
NOT_AT_START = (
    "vardval.checker.docgen", "vardval.checker.store", "vardval.checker.service",
    "vardval.checker.lsp", "vardval.checker.analysis", "vardval.checker.corpus.rulebooks",
    "vardval.checker.submission.spreadsheets", "vardval.checker.submission.template_form",
    "vardval.checker.submission.export", "vardval.checker.submission.mapping",
    "vardval.dsl.standalone_parser", "vardval.dsl.parser",
    "sqlalchemy", "alembic", "psycopg", "lark", "mkdocs", "openpyxl", "jinja2", "fastapi",
    "starlette", "uvicorn", "httpx", "hypothesis",
)
# The pydantic models of the rule data files and their readers: a corpus from the load cache is
# plain records (decisions, parameters, sources), so unpickling it names none of these (issue 21).
RULE_FILE_MODELS = (
    "vardval.checker.corpus.decisions", "vardval.checker.parameters.files",
    "vardval.checker.parameters.loading", "vardval.checker.sources.models",
    "vardval.checker.sources.loading", "vardval.checker.corpus.decision_reader",
    "vardval.checker.parameters.file_reader", "vardval.checker.corpus.rule_records",
)
# The submission's pydantic model: a valid file is validated by pydantic-core from the schema
# kept in the load cache (``submission.quick_validator``); the model only explains an invalid one.
SUBMISSION_MODEL = ("pydantic", "vardval.checker.submission.model",
                    "vardval.checker.submission.plain_schema")
# What only an invalid submission, a declined or malformed file or another problem needs: the
# wording of problems, the strict reader with marks (``reading.yaml_core`` holds what the quick
# reader shares with it), the citation syntax, the explanation of an invalid submission, name
# suggestions (difflib) and temporary files. A warm JSON check of a valid file uses none of
# them (issue 21); nor the text report (``report.text``), which only ``--format text`` shows.
ERROR_PATHS = (
    "vardval.checker.reading.strict_yaml", "vardval.checker.reading.yaml_words",
    "vardval.checker.reading.file_words", "vardval.checker.corpus.words",
    "vardval.checker.sources.words", "vardval.checker.sources.citation_syntax",
    "vardval.checker.parameters.words", "vardval.checker.submission.wording",
    "vardval.checker.submission.explain", "vardval.checker.report.text",
    "vardval.checker.report.neutral", "vardval.dsl.literals", "difflib", "tempfile", "secrets",
)
# A plain `vardval check` of valid files needs neither lint nor the other commands, nor
# jsonschema (invalid files only), nor pydantic.
NOT_FOR_CHECK = (
    *NOT_AT_START, *RULE_FILE_MODELS, *SUBMISSION_MODEL, *ERROR_PATHS, "vardval.checker.authoring",
    "vardval.checker.corpus.rulefile", "jsonschema",
    *(f"vardval.checker.cli.{c.module}" for n, c in entry.COMMANDS.items() if n != "check"),
)
# `vardval lint` of the corpus: no submission is read, checked or reported.
# It lints the corpus the cache holds, so it needs no validator either: not pydantic-core (the
# submission's), nor the rule files' pydantic models (the decisions' checks read the records).
NOT_FOR_LINT = (
    *NOT_AT_START, *RULE_FILE_MODELS, "pydantic", "pydantic_core", "vardval.checker.engine",
    "vardval.checker.report", "vardval.checker.submission.intake",
    "vardval.checker.authoring.cases", "jsonschema",
    *(f"vardval.checker.cli.{c.module}" for n, c in entry.COMMANDS.items() if n != "lint"),
)
# The case files' pydantic models, the strict reader with marks, and what validates and reads a
# submission: case files read before come from the store of loaded case files
# (``authoring.case_store``) with each case's changed submission validated already, so a warm
# test names none of them: neither pydantic nor pydantic-core nor a YAML library (issue 21).
CASE_MODEL = ("pydantic", "pydantic_core", "yaml", "vardval.checker.authoring.case_model",
              "vardval.checker.reading.strict_yaml", "vardval.checker.reading.locate",
              "vardval.checker.reading.fast_yaml")
# What valid case files not in the store are read without (``case_model``'s quick reading): the
# strict reader with marks, its words and the suggestions of close names, for files with a
# problem only.
MARKS = ("vardval.checker.reading.strict_yaml", "vardval.checker.reading.yaml_words", "difflib")
# `vardval test RULE`: cases are checked, but nothing is linted or written as a report file.
NOT_FOR_TEST = (
    *NOT_AT_START, *RULE_FILE_MODELS, *CASE_MODEL, "vardval.checker.corpus.rulefile",
    "vardval.checker.authoring.lint", "vardval.checker.report.destination",
    *(f"vardval.checker.cli.{c.module}" for n, c in entry.COMMANDS.items()
      if n != "test"),
)

PROBE = """
import io, json, sys
from vardval.checker.cli import run
out = io.StringIO()
code = run(sys.argv[1:], out, io.StringIO())
print(json.dumps({"code": code, "out": out.getvalue(), "modules": sorted(sys.modules)}))
"""


def modules_after(argv: list[str], cache_dir: Path) -> tuple[int, str, list[str]]:
    """Exit status, output and every module imported of ``vardval ARGV`` in a fresh process."""
    env = {**os.environ, "VARDVAL_CACHE_DIR": str(cache_dir)}
    env.pop("VARDVAL_NO_CACHE", None)
    done = subprocess.run([sys.executable, "-c", PROBE, *argv], env=env, capture_output=True,
                          text=True, check=True, timeout=120)
    found = json.loads(done.stdout.splitlines()[-1])  # after any help argparse printed
    return found["code"], found["out"], found["modules"]


def unwanted(modules: list[str], names: tuple[str, ...]) -> list[str]:
    """The ``modules`` that are one of ``names`` or inside one."""
    return sorted(m for m in modules if any(m == u or m.startswith(u + ".") for u in names))


def test_a_plain_check_imports_no_docs_lint_store_or_server_code(tmp_path: Path) -> None:
    argv = ["check", str(VALID), "--format", "json"]
    modules_after(argv, tmp_path / "cache")  # fills the load cache
    code, out, modules = modules_after(argv, tmp_path / "cache")
    assert code == 0
    assert json.loads(out)["results"][0]["valid"] is True  # the check really ran
    assert unwanted(modules, NOT_FOR_CHECK) == []


def test_a_plain_check_loads_pydantic_cores_engine_without_its_typing_module(
        tmp_path: Path) -> None:
    argv = ["check", str(VALID), "--format", "json"]
    modules_after(argv, tmp_path / "cache")
    code, _, modules = modules_after(argv, tmp_path / "cache")
    assert code == 0
    assert EXTENSION in modules  # the submission was validated by pydantic-core's engine
    assert {"pydantic_core", "pydantic_core.core_schema"} & set(modules) == set()


def test_an_invalid_file_is_explained_by_pydantic_built_on_the_engine_loaded_alone(
        tmp_path: Path) -> None:
    broken = ROOT / "fixtures" / "broken" / "kronoberg-broken-2025-Q1.yaml"
    argv = ["check", str(broken), "--format", "json"]
    modules_after(argv, tmp_path / "cache")
    code, out, modules = modules_after(argv, tmp_path / "cache")
    assert "pydantic" in modules  # the model explained the problems
    here = io.StringIO()
    assert (code, _without_time(out)) == (entry.run(argv, here, io.StringIO()),
                                          _without_time(here.getvalue()))
    assert json.loads(out)["results"][0]["valid"] is False


def _without_time(report: str) -> object:
    found = json.loads(report)
    del found["producer"]["generated_at"]
    return found


def test_pydantic_builds_on_the_engine_loaded_alone() -> None:
    probe = ("import sys; from vardval.checker.core_engine import engine; alone = engine(); "
             "import pydantic; from pydantic_core import SchemaValidator; "
             "assert SchemaValidator is alone.SchemaValidator; "
             "assert pydantic.TypeAdapter(int).validate_python('3') == 3; print('ok')")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=False, timeout=120)
    assert done.stdout.strip() == "ok", done.stderr


def test_a_cold_check_reads_the_rule_files_but_still_no_docs_lint_or_server(
        tmp_path: Path) -> None:
    code, _, modules = modules_after(["check", str(VALID)], tmp_path / "cache")
    assert code == 0
    assert "vardval.checker.corpus.rulebooks" in modules  # the guard above means something
    assert set(RULE_FILE_MODELS) <= set(modules)  # and so does the one on the rule-file models
    assert "vardval.dsl.standalone_parser" in modules  # it parsed the rules' text
    cold_extras = ("vardval.checker.corpus.rulebooks", "vardval.checker.corpus.rulefile",
                   "vardval.dsl.standalone_parser", "vardval.dsl.parser",
                   *RULE_FILE_MODELS, *SUBMISSION_MODEL,  # a first run also generates the schema
                   *ERROR_PATHS)  # and reads rule files strictly, checking their citations
    assert unwanted(modules, tuple(n for n in NOT_FOR_CHECK if n not in cold_extras)) == []


# What a cold load of valid rule files no longer needs once the load cache keeps the rule files'
# schemas (``program.file_schemas``): pydantic, the files' models, the submission's model and
# the generators of schemas (issue 21). pydantic-core's engine validates the files.
COLD_WITHOUT = ("pydantic", "vardval.checker.corpus.rulefile", "vardval.checker.corpus.decisions",
                "vardval.checker.parameters.files", "vardval.checker.sources.models",
                "vardval.checker.submission.model", "vardval.checker.submission.plain_schema",
                "vardval.checker.reading.typed_dicts")


def test_a_cold_check_of_the_bundled_corpus_imports_no_pydantic(tmp_path: Path) -> None:
    argv = ["check", str(VALID), "--format", "json"]
    modules_after(argv, tmp_path / "cache")  # keeps the schemas
    entries = list((tmp_path / "cache").glob("ruleset-*.pickle"))
    assert len(entries) == 1
    entries[0].unlink()  # the corpus must be read, checked and compiled again
    code, out, modules = modules_after(argv, tmp_path / "cache")
    assert code == 0
    assert json.loads(out)["results"][0]["valid"] is True
    assert "vardval.checker.corpus.rulebooks" in modules  # the rule files were read
    assert EXTENSION in modules  # pydantic-core's engine validated them
    assert {"pydantic_core", "pydantic_core.core_schema"} & set(modules) == set()
    assert list((tmp_path / "cache").glob("ruleset-*.pickle"))  # and stored again
    assert unwanted(modules, COLD_WITHOUT) == []


def test_lint_of_the_corpus_imports_no_engine_report_or_rule_file_reader(tmp_path: Path) -> None:
    argv = ["lint", "--format", "json"]
    modules_after(argv, tmp_path / "cache")
    code, out, modules = modules_after(argv, tmp_path / "cache")
    assert code == 0
    assert json.loads(out)["ok"] is True  # the lint really ran
    assert unwanted(modules, NOT_FOR_LINT) == []


def test_test_of_one_rule_imports_no_lint_docs_or_server_code(tmp_path: Path) -> None:
    argv = ["test", "VG-KONTAKT", "--format", "json"]
    modules_after(argv, tmp_path / "cache")
    code, out, modules = modules_after(argv, tmp_path / "cache")
    assert code == 0
    assert {c["rule"] for c in json.loads(out)["cases"]} == {"VG-KONTAKT"}  # only its cases ran
    assert "vardval.checker.engine.evaluate" in modules  # the cases were checked
    assert unwanted(modules, NOT_FOR_TEST) == []


def test_a_first_test_reads_the_case_files_with_their_models(tmp_path: Path) -> None:
    """The guard above means something: without the store, the case files are read (on a very
    first run the models make the case file's schema) and the cases' submissions are read and
    validated; valid case files without marks (``case_model``'s quick reading)."""
    argv = ["test", "VG-KONTAKT", "--format", "json"]
    modules_after(["check", str(VALID)], tmp_path / "cache")  # the corpus cached, not the cases
    code, _, modules = modules_after(argv, tmp_path / "cache")
    assert code == 0
    assert set(CASE_MODEL) - set(MARKS) <= set(modules)
    assert unwanted(modules, MARKS) == []
    assert list((tmp_path / "cache").glob("cases-*.pickle"))


# What a `vardval test` of valid case files not in the store of loaded case files no longer
# needs once the load cache keeps the case file's schema (``authoring.case_schemas``): pydantic,
# the case file's models and the generator of schemas (issue 21). pydantic-core's engine
# validates the files, read without marks (``MARKS``).
CASES_COLD_WITHOUT = ("pydantic", "vardval.checker.authoring.case_models",
                      "vardval.checker.reading.typed_dicts", *MARKS)


def test_a_test_whose_case_entry_was_removed_imports_no_pydantic(tmp_path: Path) -> None:
    argv = ["test", "VG-KONTAKT", "--format", "json"]
    _, first, _ = modules_after(argv, tmp_path / "cache")  # keeps the corpus and the schemas
    entries = list((tmp_path / "cache").glob("cases-*.pickle"))
    assert len(entries) == 1
    entries[0].unlink()  # the case files must be read again; the corpus entry is kept
    code, out, modules = modules_after(argv, tmp_path / "cache")
    assert code == 0
    assert json.loads(out) == json.loads(first)
    assert "vardval.checker.authoring.case_model" in modules  # the case files were read
    assert "vardval.checker.corpus.rulebooks" not in modules  # the corpus came from its entry
    assert EXTENSION in modules  # pydantic-core's engine validated them
    assert {"pydantic_core", "pydantic_core.core_schema"} & set(modules) == set()
    assert list((tmp_path / "cache").glob("cases-*.pickle"))  # and stored again
    assert unwanted(modules, CASES_COLD_WITHOUT) == []


def test_help_lists_every_command_without_importing_them(tmp_path: Path) -> None:
    code, _, modules = modules_after(["--help"], tmp_path / "cache")
    assert code == 0
    commands = {c.module for c in entry.COMMANDS.values()}
    assert [m for m in modules if m.rpartition(".")[::2] in
            {("vardval.checker.cli", c) for c in commands}] == []
    shown = entry.build_parser(["--help"]).format_help()
    for name, command in entry.COMMANDS.items():
        assert f"    {name} " in shown
        assert command.help.split()[0] in shown


@pytest.mark.parametrize("argv", [["check", "x.yaml"], ["lint"], ["test", "VG-KONTAKT"]])
def test_a_command_parsed_alone_keeps_the_usage_that_names_every_command(argv: list[str]) -> None:
    alone = entry.build_parser(argv)
    assert alone.format_usage() == entry.build_parser().format_usage()
    assert alone.parse_args(argv).command == argv[0]


def test_every_command_module_is_in_the_table() -> None:
    """A module of cli/ that sets up a parser (``configure``) is a command, and is listed."""
    modules = {p.stem for p in (ROOT / "checker" / "cli").glob("*.py")
               if "\ndef configure(" in p.read_text(encoding="utf-8")}
    commands = {c.module for c in entry.COMMANDS.values()}
    assert modules == commands


@pytest.mark.parametrize("name", list(entry.COMMANDS))
def test_each_command_sets_up_its_own_parser(name: str,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert entry.run([name, "--help"], io.StringIO(), io.StringIO()) == 0
    shown = capsys.readouterr().out
    assert shown.startswith(f"usage: vardval {name}")
    description = shown.split("\n\n")[1]
    assert description.strip()
    assert not description.lstrip().startswith(("positional arguments", "options"))


def test_a_schema_entry_not_sealed_by_this_user_is_not_loaded(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "_IMPORTED_AT", float("inf"))
    folder = tmp_path / "cache"
    store = schema_store.SealedStore(folder, "submission", schema_store.SCHEMA_MAGIC, ".json")
    store.save("k", b'{"type": "any"}')
    assert store.load("k") == b'{"type": "any"}'
    entry_file = folder / "submission-k.json"
    entry_file.write_bytes(schema_store.SCHEMA_MAGIC + b"\0" * 32 + b'{"type": "any"}')
    assert store.load("k") is None
    assert not entry_file.exists()  # removed, to be made again
