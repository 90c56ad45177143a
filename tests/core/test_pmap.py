"""`PMap`, the state's shared-structure mapping: it behaves as a dict that is never changed,
and a map made from another leaves the other exactly as it was."""

import random

import pytest

from models.pmap import PMap


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
