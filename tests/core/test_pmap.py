"""`PMap`, the state's shared-structure mapping: it behaves as a dict that is never changed,
and a map made from another leaves the other exactly as it was."""

import random

import pytest

from models.pmap import Deferred, PMap


class _SameHash:
    """A key whose hash says nothing, so every key lands in one leaf at every depth."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __hash__(self) -> int:
        return 7

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _SameHash) and other.name == self.name


def _random_history(seed: int, keys: int, steps: int):
    """(dict, PMap) after each step of random sets and deletes applied to both (the dict is
    changed in place by the next step; the PMap never is)."""
    rng = random.Random(seed)
    plain, shared = {}, PMap()
    for _ in range(steps):
        key = rng.choice([f"k{rng.randrange(keys)}", rng.randrange(keys)])
        if key in plain and rng.random() < 0.3:
            del plain[key]
            shared = shared.delete(key)
        else:
            plain[key] = rng.random()
            shared = shared.set(key, plain[key])
        yield plain, shared


@pytest.mark.parametrize(("keys", "steps"), [(10, 200), (3000, 5000), (40000, 40000)])
def test_it_is_a_dict_in_insertion_order_and_earlier_maps_never_change(keys, steps):
    kept = []
    for number, (plain, shared) in enumerate(_random_history(keys, keys, steps)):
        if number % (steps // 8) == 0:
            kept.append((dict(plain), shared))
    kept.append((dict(plain), shared))
    for plain, shared in kept:  # every map, the earliest included, is still what it was
        assert list(shared.items()) == list(plain.items())
        assert list(shared) == list(plain) and shared.values() == list(plain.values())
        assert len(shared) == len(plain) and shared == plain and plain == shared
        assert all(shared[key] == value and key in shared for key, value in plain.items())


def test_a_changed_entry_keeps_its_place_and_a_key_added_again_goes_last():
    shared = PMap([("a", 1), ("b", 2), ("c", 3)])
    assert list(shared.set("a", 9).items()) == [("a", 9), ("b", 2), ("c", 3)]
    assert list(shared.delete("a").set("a", 1)) == ["b", "c", "a"]
    assert list(shared) == ["a", "b", "c"]


def test_missing_keys_and_equal_hashes():
    shared = PMap((_SameHash(str(n)), n) for n in range(100))
    assert [shared[_SameHash(str(n))] for n in range(100)] == list(range(100))
    smaller = shared.delete(_SameHash("50"))
    assert _SameHash("50") not in smaller and _SameHash("50") in shared and len(smaller) == 99
    assert smaller.get(_SameHash("50"), "none") == "none"
    with pytest.raises(KeyError):
        smaller[_SameHash("50")]
    with pytest.raises(KeyError):
        smaller.delete(_SameHash("50"))


@pytest.mark.parametrize("size", [0, 1, 31, 32, 33, 1024, 1025, 40_000])
def test_a_map_built_at_once_is_the_map_its_entries_make_and_grows_like_it(size):
    entries = [(f"k{index}", index) for index in range(size)]
    built = PMap.built(entries)
    assert list(built.items()) == entries and len(built) == size
    assert all(built[key] == value for key, value in entries)
    assert built == PMap(entries)
    grown = built.set("new", -1).set("k0", 99) if size else built.set("new", -1)
    assert list(grown)[-1] == "new" and grown["new"] == -1
    assert len(built) == size and "new" not in built  # the built map is left as it was
    if size:
        assert grown["k0"] == 99 and built["k0"] == 0
        assert "k0" not in grown.delete("k0")


def test_a_map_is_built_from_distinct_keys_only():
    with pytest.raises(ValueError, match="distinct"):
        PMap.built([("a", 1), ("a", 2)])


def test_a_deferred_value_is_loaded_once_when_first_asked_for():
    loads: list[str] = []

    def load(key: str) -> str:
        loads.append(key)
        return key.upper()

    shared = PMap.built([("a", Deferred("x", load)), ("b", "plain")])
    assert loads == [] and list(shared) == ["a", "b"] and "a" in shared
    stored = dict(shared.stored_items())
    assert isinstance(stored["a"], Deferred) and not stored["a"].loaded
    assert shared["a"] == "X" and shared.get("a") == "X" and shared.values() == ["X", "plain"]
    assert loads == ["x"] and stored["a"].loaded
    changed = shared.set("b", "other")
    assert changed["a"] == "X" and loads == ["x"]  # shared with the map it came from


@pytest.mark.parametrize(("start", "added"), [(0, 20), (5, 27), (30, 10), (31, 1), (40, 40)])
def test_update_is_each_entry_set_in_turn_across_the_leafs_edge(start, added):
    """A map of one leaf is updated at once, the entries past its 32 places by `set`:
    either way the map `set` makes, in its order, with the map updated left as it was."""
    base = PMap((f"k{i}", i) for i in range(start))
    if start > 3:
        base = base.delete("k1")  # a hole where k1 was; k1 comes back last
    entries = [("k2", -2), ("k1", -1), *((f"n{i}", i) for i in range(added)), ("k2", -3)]
    stepped = base
    for key, value in entries:
        stepped = stepped.set(key, value)
    before = list(base.items())
    updated = base.update(iter(entries))
    assert list(updated.items()) == list(stepped.items())
    assert len(updated) == len(stepped) and all(updated[k] == v for k, v in stepped.items())
    assert list(base.items()) == before
    assert list(updated.set("z", 0).delete("k2")) == list(stepped.set("z", 0).delete("k2"))
