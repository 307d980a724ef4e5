"""The store's one error: what went wrong with which store, and what to do, in sv and en."""

from __future__ import annotations

from vardval.dsl.errors import VardvalError


class StoreError(VardvalError):
    """A store that cannot be opened, read or written; nothing already stored is changed."""

    def __init__(self, store: str, sv: str, en: str) -> None:
        self.store, self.sv, self.en = store, sv, en
        super().__init__([])

    def shown(self, lang: str) -> str:
        """The error in ``lang``, as a command prints it.

        Example:
            >>> StoreError("a.db", "är en mapp.", "is a folder.").shown("en")
            'vardval: results store a.db: is a folder.'
        """
        if lang == "en":
            return f"vardval: results store {self.store}: {self.en}"
        return f"vardval: resultatlagret {self.store}: {self.sv}"

    def __str__(self) -> str:
        """Both languages, where no language is known (a log)."""
        return f"{self.shown('sv')}\n{self.shown('en')}"
