"""The store's one error: what went wrong with which store, and what to do, in sv and en."""

from __future__ import annotations

from vardval.dsl.errors import VardvalError


class StoreError(VardvalError):
    """A store that cannot be opened, read or written; nothing already stored is changed.

    ``subject``, when given, is what the error is about in each language (an option such as
    ``--clinic``, a user), named instead of the store.
    """

    def __init__(self, store: str, sv: str, en: str, *,
                 subject: tuple[str, str] | None = None) -> None:
        self.store, self.sv, self.en, self.subject = store, sv, en, subject
        super().__init__([])

    @classmethod
    def about(cls, subject: str | tuple[str, str], sv: str, en: str) -> StoreError:
        """An error about ``subject`` (an option, a user: the same in both languages when a
        plain string), not about the store itself.

        Example:
            >>> StoreError.about("--by", "ange vem.", "say who.").shown("sv")
            'vardval: --by: ange vem.'
        """
        both = (subject, subject) if isinstance(subject, str) else subject
        return cls(both[1], sv, en, subject=both)

    def shown(self, lang: str) -> str:
        """The error in ``lang``, as a command prints it.

        Example:
            >>> StoreError("a.db", "är en mapp.", "is a folder.").shown("en")
            'vardval: results store a.db: is a folder.'
        """
        english = lang == "en"
        said = self.en if english else self.sv
        if self.subject is not None:
            return f"vardval: {self.subject[english]}: {said}"
        if english:
            return f"vardval: results store {self.store}: {said}"
        return f"vardval: resultatlagret {self.store}: {said}"

    def __str__(self) -> str:
        """Both languages, where no language is known (a log)."""
        return f"{self.shown('sv')}\n{self.shown('en')}"
