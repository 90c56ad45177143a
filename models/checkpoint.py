"""A checkpoint: the state just after one event, stored so opening a log need not fold it all.

A checkpoint stands for the event it follows (its seq and hash) and holds the state in the
same canonical JSON as events (sorted keys, no spaces, UTF-8; never pickle), split in two:

- one **part** per sitting: the sitting's JSON, named by its SHA-256. A sitting that did not
  change since the last checkpoint has the same part, so a checkpoint stores (and encodes)
  only the sittings that changed;
- the **document**: the format, `STATE_VERSION`, the seq and hash of its event, the chamber's
  other fields, and each sitting's id with the hash of its part and whether it is closed
  (a closed sitting's part is read only when something asks for it). Its own SHA-256 is the
  checkpoint's content hash, so it covers every part.

A checkpoint is used only when its version is this code's `STATE_VERSION`: a state of
another shape, or made by another reducer, is never read as this one.
"""

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields
from typing import Any, get_type_hints

from models.pmap import Deferred, PMap
from models.state import Chamber, Sitting
from models.state_json import Json, StateJsonError, decoder, encoder, shape

FORMAT = "sesja-checkpoint"
# One more whenever the state's shape (STATE_SHAPES guards it) or what the reducer makes of
# an event changes: a checkpoint of another version is refused and the log folded instead.
STATE_VERSION = 1
# The SHA-256 of `state_shape()` for each version, newest last; a test fails when the state
# no longer has the newest shape (then: bump STATE_VERSION and add the new shape here).
STATE_SHAPES = {
    1: "d1e98b962bf4f331a169a641ea5e5b0f0c25834e83ab52e3f46d6b7cf42009e3",
}
_CHAMBER_FIELDS = tuple(f.name for f in fields(Chamber) if f.name != "sittings")


class CheckpointError(ValueError):
    """A stored checkpoint that cannot stand for its event; the message says why."""


def canonical(data: Json) -> str:
    """JSON as events are stored: sorted keys, no spaces, UTF-8 text."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def state_shape() -> str:
    return digest(shape(Chamber))


@dataclass(frozen=True)
class Part:
    digest: str
    text: str


@dataclass(frozen=True)
class Encoded:
    """A checkpoint ready to store: its document, its content hash, and the parts of the
    sittings encoded for it (those its `SittingParts` had not seen already stored)."""

    seq: int
    hash: str
    document: str
    content_hash: str
    parts: tuple[Part, ...]


class SittingParts:
    """The part digest of each sitting already stored, by the sitting object: snapshots are
    immutable, so an unchanged sitting is the same object and is not encoded again."""

    def __init__(self) -> None:
        self._known: dict[int, tuple[Sitting, str]] = {}

    def digest_of(self, sitting: Sitting) -> str | None:
        known = self._known.get(id(sitting))
        return known[1] if known is not None and known[0] is sitting else None

    def remember(self, sitting: Sitting, part_digest: str) -> None:
        self._known[id(sitting)] = (sitting, part_digest)

    def keep_only(self, sittings: Iterable[Sitting]) -> None:
        """Forgets sittings no longer in the state (they would otherwise live on here)."""
        wanted = {id(sitting) for sitting in sittings}
        self._known = {key: value for key, value in self._known.items() if key in wanted}

    def forget(self) -> None:
        """After a write that failed: nothing is known to be stored."""
        self._known = {}


def encode(state: Chamber, parts: SittingParts | None = None) -> Encoded:
    """The checkpoint of `state`, standing for its last event. With `parts`, a sitting whose
    part is already stored is named by its digest and not encoded again (nor is a closed
    sitting still on disk: its part is the one it was read from)."""
    known = parts if parts is not None else SittingParts()
    named: list[list[Any]] = []
    new: list[Part] = []
    held: list[Sitting] = []
    for sitting_id, stored in state.sittings.stored_items():
        if isinstance(stored, Deferred) and not stored.loaded:
            named.append([sitting_id, stored.key, True])
            continue
        sitting: Sitting = stored.value() if isinstance(stored, Deferred) else stored
        part_digest = known.digest_of(sitting)
        if part_digest is None:
            text = canonical(encoder(Sitting)(sitting))
            part_digest = digest(text)
            new.append(Part(part_digest, text))
            known.remember(sitting, part_digest)
        held.append(sitting)
        named.append([sitting_id, part_digest, not sitting.is_open])
    known.keep_only(held)
    chamber = {name: encoder(_field_type(name))(getattr(state, name))
               for name in _CHAMBER_FIELDS}
    document = canonical({
        "format": FORMAT, "version": STATE_VERSION, "seq": state.last_seq,
        "hash": state.last_hash, "chamber": chamber, "sittings": named,
    })
    return Encoded(state.last_seq, state.last_hash, document, digest(document), tuple(new))


def header(document: str) -> dict[str, Any]:
    """The document's fields, after checking its format (no state is decoded yet)."""
    try:
        data = json.loads(document)
    except ValueError as error:
        raise CheckpointError(f"its document is not JSON ({error})") from error
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise CheckpointError("its document is not a sesja checkpoint")
    return data


def part_digests(document: str) -> list[str]:
    """The digest of each sitting's part, in the document's order."""
    return [entry[1] for entry in header(document)["sittings"]]


def decode(document: str, part_text: Callable[[str], str],
           parts: SittingParts | None = None, lazy: bool = False) -> Chamber:
    """The state a checkpoint holds. `part_text(digest)` gives a part's stored text; each is
    checked against its digest when read. With `lazy`, a closed sitting is read only when
    something asks for it (`Deferred`). Raises CheckpointError for anything that does not
    fit (a deferred sitting: when it is read)."""
    data = header(document)
    if data.get("version") != STATE_VERSION:
        raise CheckpointError(f"it was made for state version {data.get('version')}, "
                              f"this sesja reads version {STATE_VERSION}")

    def load(part_digest: str) -> Sitting:
        text = part_text(part_digest)
        if digest(text) != part_digest:
            raise CheckpointError(f"the part {part_digest[:12]} changed after it was written "
                                  "(hash mismatch)")
        sitting: Sitting = decoder(Sitting)(json.loads(text))
        if parts is not None:
            parts.remember(sitting, part_digest)
        return sitting

    try:
        entries: list[tuple[str, Sitting | Deferred]] = [
            (sitting_id, Deferred(part_digest, load) if lazy and closed else load(part_digest))
            for sitting_id, part_digest, closed in data["sittings"]]
        chamber: Mapping[str, Json] = data["chamber"]
        if chamber.keys() != set(_CHAMBER_FIELDS):
            raise CheckpointError("its chamber does not have this version's fields")
        values = {name: decoder(_field_type(name))(chamber[name]) for name in _CHAMBER_FIELDS}
        state = Chamber(sittings=PMap.built(entries), **values)
    except (StateJsonError, KeyError, TypeError, ValueError) as error:
        if isinstance(error, CheckpointError):
            raise
        raise CheckpointError(f"its state does not fit this version ({error})") from error
    if (state.last_seq, state.last_hash) != (data.get("seq"), data.get("hash")):
        raise CheckpointError("its state ends at another event than the one it names")
    return state


def _field_type(name: str) -> Any:
    return _CHAMBER_TYPES[name]


_CHAMBER_TYPES = get_type_hints(Chamber)
