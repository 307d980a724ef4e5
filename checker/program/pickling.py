"""The load cache's pickles, written so that they read back fast: each frozen slotted dataclass
as a call of its class with its fields.

Why: pickle restores a frozen dataclass with slots through the ``__setstate__`` dataclasses
gives it, a Python loop over ``fields()`` for every object (some 1.6 µs each); a warm
``vardval check`` unpickles about 1,900 of them (spans, the AST, message placeholders). Written
as ``cls(*fields)``, one costs the generated ``__init__`` (some 0.7 µs; issue 21). Only a class
whose ``__init__`` takes exactly its fields, in order, and does nothing more is written so;
any other object is pickled as before.
"""

from __future__ import annotations

import copyreg
import dataclasses
import io
import pickle
from collections.abc import Callable
from typing import Any

Reduced = tuple[type, tuple[Any, ...]]


def dumps(value: object) -> bytes:
    """``pickle.dumps(value)`` at the highest protocol, frozen slotted dataclasses as calls.

    Example:
        >>> import pickle
        >>> from vardval.dsl.spans import Span
        >>> from vardval.checker.program.pickling import dumps
        >>> pickle.loads(dumps([Span("a.yaml", 1, 2, 1, 5)]))
        [Span(file='a.yaml', line=1, column=2, end_line=1, end_column=5)]
    """
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _ByFields()
    pickler.dump(value)
    return out.getvalue()


class _ByFields(dict[type, Callable[[Any], Reduced]]):
    """copyreg's reductions, and for each class that qualifies (asked once) a call with its
    fields; pickle asks only for the types it has no fast path of its own for."""

    def __init__(self) -> None:
        super().__init__()
        self.others: set[type] = set()  # asked before: pickled as pickle would

    def __missing__(self, cls: type) -> Callable[[Any], Reduced]:
        known = copyreg.dispatch_table.get(cls)
        if known is not None:
            return known  # type: ignore[return-value]
        if cls in self.others or not isinstance(cls, type) or not by_fields(cls):
            self.others.add(cls)
            raise KeyError(cls)
        names = tuple(field.name for field in dataclasses.fields(cls))
        self[cls] = reduce = _reducer(names)
        return reduce


def by_fields(cls: type) -> bool:
    """Whether ``cls(*fields)`` remakes an instance exactly: a frozen dataclass with slots (the
    kind pickle restores slowly) whose every field is a positional ``__init__`` argument, with
    no ``__post_init__`` and no pickling of its own."""
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen or "__slots__" not in cls.__dict__:
        return False
    if hasattr(cls, "__post_init__") or any(
            name in cls.__dict__ for name in ("__reduce__", "__reduce_ex__", "__getnewargs__")):
        return False
    return all(field.init and not field.kw_only for field in dataclasses.fields(cls))


def _reducer(names: tuple[str, ...]) -> Callable[[Any], Reduced]:
    def reduce(value: Any) -> Reduced:
        return type(value), tuple(getattr(value, name) for name in names)

    return reduce
