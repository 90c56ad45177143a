"""The SHA-256 chain that links each stored event to the one before it."""

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from models.events import EVENT_ADAPTER, Event, StoredEvent

GENESIS = "0" * 64


def canonical_event(event: Event) -> str:
    """The event's JSON as stored and hashed: sorted keys, no spaces, UTF-8 text."""
    data = EVENT_ADAPTER.dump_python(event, mode="json")
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def link_hash(prev_hash: str, seq: int, at: datetime, actor: str, payload: str) -> str:
    return stored_link_hash(prev_hash, seq, at.isoformat(), actor, payload)


def stored_link_hash(prev_hash: str, seq: int, at: str, actor: str, payload: str) -> str:
    """The hash of an event as stored, its time as the ISO 8601 text in the log."""
    head = f"{prev_hash}\n{seq}\n{at}\n{actor}\n"
    return hashlib.sha256(head.encode() + payload.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Sealed:
    """A stored event with the canonical JSON it was hashed from, so it is computed once."""

    stored: StoredEvent
    payload: str


def seal_event(prev_hash: str, seq: int, at: datetime, actor: str, event: Event) -> Sealed:
    payload = canonical_event(event)
    digest = link_hash(prev_hash, seq, at, actor, payload)
    stored = StoredEvent(seq=seq, at=at, actor=actor, event=event, prev_hash=prev_hash,
                         hash=digest)
    return Sealed(stored, payload)


def seal(prev_hash: str, seq: int, at: datetime, actor: str, event: Event) -> StoredEvent:
    return seal_event(prev_hash, seq, at, actor, event).stored
