"""`Trail`: an immutable list that only grows at its end, for the state's history.

Each snapshot of the state is a new object, so a history kept as a tuple would be copied
whole by every event that adds to it: a sitting's thousandth entry would copy 999. A trail
is a chain of cells, newest first; adding (or changing the newest entry) makes one cell
that points to the old chain, which every earlier snapshot keeps sharing.
"""

from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class _Cell(Generic[T]):
    __slots__ = ("before", "length", "value")

    def __init__(self, value: T, before: "_Cell[T] | None") -> None:
        self.value = value
        self.before = before
        self.length: int = before.length + 1 if before is not None else 1


class Trail(Generic[T]):
    """Oldest first when iterated; `push` and `replace_last` cost the same at any length."""

    __slots__ = ("_newest",)

    def __init__(self, newest: _Cell[T] | None = None) -> None:
        self._newest = newest

    def push(self, value: T) -> "Trail[T]":
        return Trail(_Cell(value, self._newest))

    def replace_last(self, value: T) -> "Trail[T]":
        """The trail with its newest entry replaced (an empty trail gets its first)."""
        before = self._newest.before if self._newest is not None else None
        return Trail(_Cell(value, before))

    @property
    def last(self) -> T | None:
        return self._newest.value if self._newest is not None else None

    def newest_first(self) -> Iterator[T]:
        cell = self._newest
        while cell is not None:
            yield cell.value
            cell = cell.before

    def find(self, wanted: Callable[[T], bool]) -> T | None:
        """The newest entry for which `wanted` is true."""
        return next((value for value in self.newest_first() if wanted(value)), None)

    def __iter__(self) -> Iterator[T]:
        return reversed(list(self.newest_first()))

    def __len__(self) -> int:
        return self._newest.length if self._newest is not None else 0

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Trail):
            return NotImplemented
        return self._newest is other._newest or list(self) == list(other)

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Trail({list(self)!r})"
