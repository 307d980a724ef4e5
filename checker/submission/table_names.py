"""Which files are tables (spreadsheets or CSV), by name alone.

Apart from ``spreadsheets`` so that deciding how to read a file costs no spreadsheet code: a
YAML or JSON check never imports openpyxl, the template or the mapping reader.
"""

from __future__ import annotations

import pathlib

TABLE_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".xls")


def is_table(path: str) -> bool:
    """Whether ``path`` names a spreadsheet or CSV file (by its suffix).

    Example:
        >>> is_table("mall.XLSX"), is_table("a.yaml")
        (True, False)
    """
    return pathlib.PurePath(path).suffix.lower() in TABLE_SUFFIXES
