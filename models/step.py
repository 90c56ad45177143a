"""One command against a state, in memory: decide, seal each event into the chain, fold."""

from dataclasses import dataclass
from datetime import datetime

from models.afterwards import happened_time, stamped
from models.chain import Sealed, seal_event
from models.commands import Command
from models.decide import decide
from models.reducer import apply
from models.state import Chamber


@dataclass(frozen=True, slots=True)
class Step:
    state: Chamber  # the state after the command's events
    sealed: tuple[Sealed, ...]  # its events, numbered and hashed after the given state


def step(state: Chamber, command: Command, at: datetime, actor: str) -> Step:
    """Raises `Rejection` when the command is not allowed; the given state is never changed.
    `at` is when the events are written; a sitting entered afterwards gives each event the
    time it happened besides (models/afterwards.py)."""
    sealed = []
    happened = happened_time(state, command, at)
    for body in decide(state, command):
        item = seal_event(state.last_hash, state.last_seq + 1, at, actor, stamped(body, happened))
        state = apply(state, item.stored)
        sealed.append(item)
    return Step(state, tuple(sealed))
