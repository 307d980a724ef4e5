"""Bytes and text in, safely: bounded reads, strict YAML/JSON with marks, located parse errors."""

from typing import TYPE_CHECKING

from vardval.checker.faces import lazy_face

if TYPE_CHECKING:
    from vardval.checker.reading import (
        collect,
        fast_yaml,
        file_words,
        files,
        locate,
        quick_files,
        strict_yaml,
        typed_dicts,
        yaml_core,
        yaml_problems,
    )
    from vardval.checker.reading.collect import SUFFIXES, Skipped, submission_files
    from vardval.checker.reading.csv_table import read_csv
    from vardval.checker.reading.fast_yaml import load_plain
    from vardval.checker.reading.file_words import FileSaid, Refused, counted, described, one_of
    from vardval.checker.reading.files import (
        DEFAULT_MAX_BYTES,
        MAX_RULE_FILE_BYTES,
        ReadRefused,
        Reads,
        TooLarge,
        digest,
        read_bounded,
        recording,
        rule_text,
    )
    from vardval.checker.reading.locate import (
        Loaded,
        Mark,
        expression_source,
        pydantic_diagnostics,
        span_at,
    )
    from vardval.checker.reading.refusals import Refusal
    from vardval.checker.reading.spreadsheet import Formula, open_workbook, sheet_table
    from vardval.checker.reading.strict_yaml import (
        LoadedYaml,
        NodeMark,
        NodePath,
        YamlError,
        decode_text,
        load_yaml,
    )
    from vardval.checker.reading.table import MAX_ROWS, Cell, Table, TableRefused, column_letters
    from vardval.checker.reading.yaml_words import Worded

__getattr__, __dir__ = lazy_face(__name__, __file__)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "MAX_ROWS",
    "MAX_RULE_FILE_BYTES",
    "SUFFIXES",
    "Cell",
    "FileSaid",
    "Formula",
    "Loaded",
    "LoadedYaml",
    "Mark",
    "NodeMark",
    "NodePath",
    "ReadRefused",
    "Reads",
    "Refusal",
    "Refused",
    "Skipped",
    "Table",
    "TableRefused",
    "TooLarge",
    "Worded",
    "YamlError",
    "collect",
    "column_letters",
    "counted",
    "decode_text",
    "described",
    "digest",
    "expression_source",
    "fast_yaml",
    "file_words",
    "files",
    "load_plain",
    "load_yaml",
    "locate",
    "one_of",
    "open_workbook",
    "pydantic_diagnostics",
    "quick_files",
    "read_bounded",
    "read_csv",
    "recording",
    "rule_text",
    "sheet_table",
    "span_at",
    "strict_yaml",
    "submission_files",
    "typed_dicts",
    "yaml_core",
    "yaml_problems",
]
