"""A cache of the most recently used entries: what the engine and reports keep per region and
quarter stays a fixed size however many kinds of submission a batch holds (issue 21: flat
memory), where a cache that grows to a high cap and is then cleared holds thousands of entries
and scatters long-lived objects over the heap.

Example:
    >>> from vardval.checker.recent import Recent
    >>> cache = Recent(2)
    >>> cache["a"], cache["b"] = 1, 2
    >>> cache.get("a")
    1
    >>> cache["c"] = 3  # "b" was used least recently
    >>> cache.get("b") is None, len(cache)
    (True, 2)
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Recent(Generic[K, V]):
    """At most ``size`` entries; setting one more drops the least recently used."""

    __slots__ = ("_items", "size")

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K) -> V | None:
        found = self._items.get(key)
        if found is not None:
            self._items.move_to_end(key)
        return found

    def __setitem__(self, key: K, value: V) -> None:
        self._items[key] = value
        self._items.move_to_end(key)
        if len(self._items) > self.size:
            self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)

    def clear(self) -> None:
        self._items.clear()
