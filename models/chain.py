"""The SHA-256 chain that links each stored event to the one before it."""

import hashlib
import json
from datetime import datetime

from models.events import EVENT_ADAPTER, Event, StoredEvent

GENESIS = "0" * 64


def canonical_event(event: Event) -> str:
    """The event's JSON as stored and hashed: sorted keys, no spaces, UTF-8 text."""
    data = EVENT_ADAPTER.dump_python(event, mode="json")
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def link_hash(prev_hash: str, seq: int, at: datetime, actor: str, payload: str) -> str:
    head = f"{prev_hash}\n{seq}\n{at.isoformat()}\n{actor}\n"
    return hashlib.sha256(head.encode() + payload.encode()).hexdigest()


def seal(prev_hash: str, seq: int, at: datetime, actor: str, event: Event) -> StoredEvent:
    digest = link_hash(prev_hash, seq, at, actor, canonical_event(event))
    return StoredEvent(seq=seq, at=at, actor=actor, event=event, prev_hash=prev_hash,
                       hash=digest)
