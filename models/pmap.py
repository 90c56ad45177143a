"""`PMap`: an immutable mapping whose `set` and `delete` cost the same at any size.

The state is a chain of immutable snapshots, so a plain dict in it is copied whole by every
event that changes one entry: a sitting's 9,000th vote copied the 8,999 before it, and each
answer copied every vote of the sitting and every sitting of the log. A `PMap` shares all
but the path to the changed entry with the map it was made from (a trie of 32-wide nodes),
so an earlier snapshot keeps seeing exactly what it saw, and each change costs a few small
copies whatever the size.

Like a dict it keeps insertion order (a changed entry keeps its place; a deleted and
re-added key goes to the end): the entries live in a persistent vector, in order, and a
hash trie finds a key's place in it.
"""

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Generic, TypeVar, cast, overload

K = TypeVar("K")
V = TypeVar("V")
D = TypeVar("D")

_BITS = 5
_WIDTH = 1 << _BITS
_MASK = _WIDTH - 1
_LEAF = 32  # a hash leaf splits into 32 when it would pass this size
_DEEPEST = 60  # beyond this many hash bits a leaf only grows (equal hashes)
_HOLE: Any = object()  # a deleted entry's place in the vector

# The hash index: a leaf is a dict {key: place}; a node is a tuple of 32 children.
# The walks test `type(node) is tuple` (the exact-type test is the fastest on this hot
# path); mypy does not narrow the union to the dict after it, hence the three targeted
# `type: ignore`s below, each on a line where node is a leaf.
_Index = dict[Any, int] | tuple[Any, ...]


def _index_get(node: _Index, key: object, digest: int) -> int | None:
    shift = 0
    while type(node) is tuple:
        node = node[(digest >> shift) & _MASK]
        shift += _BITS
    return node.get(key)  # type: ignore[union-attr]


def _split(leaf: dict[Any, int], shift: int) -> tuple[Any, ...]:
    children: list[dict[Any, int]] = [{} for _ in range(_WIDTH)]
    for key, place in leaf.items():
        children[(hash(key) >> shift) & _MASK][key] = place
    return tuple(children)


def _index_put(node: _Index, key: object, digest: int, place: int, shift: int) -> _Index:
    if type(node) is tuple:
        slot = (digest >> shift) & _MASK
        child = _index_put(node[slot], key, digest, place, shift + _BITS)
        return (*node[:slot], child, *node[slot + 1:])
    leaf = {**node, key: place}  # type: ignore[dict-item]
    if len(leaf) > _LEAF and shift < _DEEPEST:
        return _split(leaf, shift)
    return leaf


def _index_drop(node: _Index, key: object, digest: int, shift: int) -> _Index:
    if type(node) is tuple:
        slot = (digest >> shift) & _MASK
        child = _index_drop(node[slot], key, digest, shift + _BITS)
        return (*node[:slot], child, *node[slot + 1:])
    return {k: v for k, v in node.items() if k != key}  # type: ignore[union-attr]


def _index_of(leaf: dict[Any, int], shift: int) -> _Index:
    """The index of these keys as `set` would leave it, built at once."""
    if len(leaf) <= _LEAF or shift >= _DEEPEST:
        return leaf
    return tuple(_index_of(child, shift + _BITS) for child in _split(leaf, shift))


class Deferred:
    """A value a `PMap` reads only when it is first asked for: `load(key)` makes it (a closed
    sitting kept on disk until the register or an export wants it). Each read gives the
    same value, so the map stays immutable to whoever uses it; the loaded value is kept."""

    __slots__ = ("_load", "_value", "key")

    def __init__(self, key: str, load: Callable[[str], Any]) -> None:
        self.key = key
        self._load: Callable[[str], Any] | None = load
        self._value: Any = _HOLE

    def value(self) -> Any:
        if self._value is _HOLE:
            load = self._load
            assert load is not None, "a deferred value is loaded once"
            self._value = load(self.key)
            self._load = None
        return self._value

    @property
    def loaded(self) -> bool:
        return self._value is not _HOLE


def _resolved(value: Any) -> Any:
    return value.value() if type(value) is Deferred else value


# The vector: `size` places; a node of height h holds 32**h places in 32 children, a leaf
# (height 0) is a tuple of up to 32 entries (key, value) or _HOLE.


def _vector_get(node: tuple[Any, ...], height: int, place: int) -> Any:
    while height:
        node = node[(place >> (height * _BITS)) & _MASK]
        height -= 1
    return node[place & _MASK]


def _vector_put(node: tuple[Any, ...], height: int, place: int, entry: Any) -> tuple[Any, ...]:
    slot = (place >> (height * _BITS)) & _MASK
    if height == 0:
        return (*node[:slot], entry, *node[slot + 1:])
    child = node[slot] if slot < len(node) else ()
    return (*node[:slot], _vector_put(child, height - 1, place, entry), *node[slot + 1:])


def _vector_walk(node: tuple[Any, ...], height: int) -> Iterator[Any]:
    if height == 0:
        yield from node
        return
    for child in node:
        yield from _vector_walk(child, height - 1)


class PMap(Mapping[K, V], Generic[K, V]):
    """An immutable, insertion-ordered mapping; `set`, `delete` and `update` return new maps."""

    __slots__ = ("_count", "_height", "_index", "_size", "_vector")

    _index: _Index
    _vector: tuple[Any, ...]
    _height: int
    _size: int  # places used in the vector, holes included
    _count: int  # live entries

    def __new__(cls, entries: Mapping[K, V] | Iterable[tuple[K, V]] = ()) -> "PMap[K, V]":
        if entries == ():  # the default: every new vote starts with three empty maps
            return _EMPTY
        items = entries.items() if isinstance(entries, Mapping) else entries
        return _EMPTY.update(items)

    def _place(self, key: object) -> int | None:
        index = self._index
        if type(index) is dict:  # a small map: one leaf
            return index.get(key)
        return _index_get(index, key, hash(key))

    def __getitem__(self, key: K) -> V:
        place = self._place(key)
        if place is None:
            raise KeyError(key)
        if self._height == 0:
            value = self._vector[place][1]  # the vector holds (key, value) entries
        else:
            value = _vector_get(self._vector, self._height, place)[1]
        return cast(V, value.value() if type(value) is Deferred else value)

    @overload
    def get(self, key: K, /) -> V | None: ...

    @overload
    def get(self, key: K, /, default: V | D) -> V | D: ...

    def get(self, key: K, /, default: Any = None) -> Any:
        place = self._place(key)
        if place is None:
            return default
        return _resolved(_vector_get(self._vector, self._height, place)[1])

    def __contains__(self, key: object) -> bool:
        return self._place(key) is not None

    def __len__(self) -> int:
        return self._count

    def _entries(self) -> Iterator[tuple[K, V]]:
        return (e for e in _vector_walk(self._vector, self._height) if e is not _HOLE)

    def __iter__(self) -> Iterator[K]:
        return (key for key, _value in self._entries())

    def items(self) -> Any:
        return [(key, _resolved(value)) for key, value in self._entries()]

    def values(self) -> Any:
        return [_resolved(value) for _key, value in self._entries()]

    def stored_items(self) -> list[tuple[K, "V | Deferred"]]:
        """The entries as held: a `Deferred` value not loaded (a checkpoint names it)."""
        return list(self._entries())

    @classmethod
    def built(cls, entries: Sequence[tuple[K, "V | Deferred"]]) -> "PMap[K, V]":
        """A map of distinct keys, in order, built at once (what `update` gives, without
        copying a path per entry): how a checkpoint's maps are read back."""
        places = {key: place for place, (key, _value) in enumerate(entries)}
        if len(places) != len(entries):
            raise ValueError("PMap.built needs distinct keys")
        nodes: list[tuple[Any, ...]] = [tuple(entries[start:start + _WIDTH])
                                         for start in range(0, len(entries), _WIDTH)]
        height = 0
        while len(nodes) > 1:
            nodes = [tuple(nodes[start:start + _WIDTH])
                     for start in range(0, len(nodes), _WIDTH)]
            height += 1
        return _made(_index_of(places, 0), nodes[0] if nodes else (), height, len(entries),
                     len(entries))

    def set(self, key: K, value: V) -> "PMap[K, V]":
        """The map with `key` set to `value` (in its old place, or added at the end)."""
        place = self._place(key)
        if place is not None:  # the same index, one path of the vector copied
            if self._height == 0:
                old = self._vector
                vector = (*old[:place], (key, value), *old[place + 1:])
            else:
                vector = _vector_put(self._vector, self._height, place, (key, value))
            return _made(self._index, vector, self._height, self._size, self._count)
        digest = hash(key)
        place, vector, height = self._size, self._vector, self._height
        if place == _WIDTH ** (height + 1):  # full: a new root above the old one
            vector, height = (vector,), height + 1
        vector = _vector_put(vector, height, place, (key, value))
        index = _index_put(self._index, key, digest, place, 0)
        return _made(index, vector, height, place + 1, self._count + 1)

    def delete(self, key: K) -> "PMap[K, V]":
        """The map without `key`; raises KeyError if it has none."""
        digest = hash(key)
        place = _index_get(self._index, key, digest)
        if place is None:
            raise KeyError(key)
        vector = _vector_put(self._vector, self._height, place, _HOLE)
        index = _index_drop(self._index, key, digest, 0)
        return _made(index, vector, self._height, self._size, self._count - 1)

    def update(self, entries: Iterable[tuple[K, V]]) -> "PMap[K, V]":
        """The map with each entry set in turn, as `set` would leave it. While the map fits
        in one leaf (32 places), the leaf and its index are copied once, not once an entry."""
        pending = iter(entries)
        made = self
        if self._height == 0:
            vector, index = list(self._vector), cast(dict[Any, int], self._index).copy()
            count = self._count
            for key, value in pending:
                place = index.get(key)
                if place is not None:
                    vector[place] = (key, value)
                    continue
                if len(vector) == _WIDTH:  # the leaf is full: the rest goes on by `set`
                    made = _made(index, tuple(vector), 0, _WIDTH, count).set(key, value)
                    break
                index[key] = len(vector)
                vector.append((key, value))
                count += 1
            else:
                return _made(index, tuple(vector), 0, len(vector), count)
        for key, value in pending:
            made = made.set(key, value)
        return made

    def __repr__(self) -> str:
        return f"PMap({dict(self.items())!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (PMap, (self.items(),))


_new = object.__new__


def _made(index: _Index, vector: tuple[Any, ...], height: int, size: int,
          count: int) -> PMap[Any, Any]:
    made: PMap[Any, Any] = _new(PMap)
    made._index, made._vector, made._height = index, vector, height
    made._size, made._count = size, count
    return made


_EMPTY: PMap[Any, Any] = _made({}, (), 0, 0, 0)
