"""The store's one error: what went wrong with which store, and what to do, in sv and en."""

from __future__ import annotations

from vardval.dsl.errors import VardvalError


class StoreError(VardvalError):
    """A store that cannot be opened, read or written; nothing already stored is changed."""

    def __init__(self, store: str, sv: str, en: str) -> None:
        self.store, self.sv, self.en = store, sv, en
        super().__init__([])

    def __str__(self) -> str:
        return (f"vardval: resultatlagret {self.store}: {self.sv}\n"
                f"vardval: results store {self.store}: {self.en}")
