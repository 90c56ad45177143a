"""The database tables: the event log, its head, and the projections `sesja verify` re-derives.

Declared with SQLAlchemy Core, not SQLModel table classes: nothing maps rows to objects
(the store executes statements compiled once on DB-API cursors), and SQLModel brought in
SQLAlchemy's ORM and a pydantic model per table, about a third of the console's imports
before its first frame (docs/performance.md, issue 12). The tables, columns and types are
the ones SQLModel created (VARCHAR, INTEGER, NOT NULL unless optional), so logs written
before and after are the same.
"""

from typing import NamedTuple

from sqlalchemy import Column, Integer, MetaData, String, Table

METADATA = MetaData()


def _text(name: str, *, key: bool = False, optional: bool = False) -> Column[str]:
    return Column(name, String(), primary_key=key, nullable=optional)


def _number(name: str, *, key: bool = False) -> Column[int]:
    return Column(name, Integer(), primary_key=key, nullable=False)


# no indexes: the log is always read whole, and each would cost every append
EVENTS = Table(
    "event", METADATA,
    _number("seq", key=True),
    _text("at"),  # ISO 8601 with offset, UTC
    _text("actor"),
    _text("type"),
    _text("sitting_id", optional=True),
    _text("payload"),  # canonical JSON of the event
    _text("prev_hash"),
    _text("hash"),
)

# One closed vote's declared result (projection of vote_closed).
VOTES = Table(
    "vote_result", METADATA,
    _text("sitting_id", key=True),
    _text("vote_id", key=True),
    _number("seq"),
    _text("outcome"),
    _text("result"),  # canonical JSON of VoteResult
)

# The resolution register (projection of resolution_registered / _voided).
RESOLUTIONS = Table(
    "resolution", METADATA,
    _text("number", key=True),
    _number("ordinal"),
    _text("sitting_id"),
    _text("vote_id"),
    _text("title"),
    _text("voided_by", optional=True),
)

# The last event's seq and hash, updated in the same transaction as every append. The hash
# chain shows a changed, removed or reordered event, but not a log cut short at its end;
# `verify` compares the last stored event with this row to see that too.
HEAD = Table(
    "chain_head", METADATA,
    Column("id", Integer(), primary_key=True, nullable=False, default=1),
    _number("seq"),
    _text("hash"),
)

# A checkpoint of the state just after event `seq` (`models.checkpoint`): its document in
# canonical JSON and the document's SHA-256. Only the newest few are kept.
CHECKPOINTS = Table(
    "checkpoint", METADATA,
    _number("seq", key=True),
    _text("hash"),  # the hash of event `seq`, which the checkpoint stands for
    _number("version"),  # models.checkpoint.STATE_VERSION of the code that wrote it
    _text("content_hash"),
    _text("document"),
)

# One sitting's state in a checkpoint, named by the SHA-256 of its canonical JSON; a
# sitting unchanged between checkpoints is one row for both.
CHECKPOINT_PARTS = Table(
    "checkpoint_part", METADATA,
    _text("digest", key=True),
    _text("text"),
)

LOG_TABLES = (EVENTS, VOTES, RESOLUTIONS, HEAD, CHECKPOINTS, CHECKPOINT_PARTS)


class VoteRow(NamedTuple):
    """A row of `vote_result`."""

    sitting_id: str
    vote_id: str
    seq: int
    outcome: str
    result: str


class ResolutionRow(NamedTuple):
    """A row of `resolution`."""

    number: str
    ordinal: int
    sitting_id: str
    vote_id: str
    title: str
    voided_by: str | None
