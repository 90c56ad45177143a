"""The database tables: the event log, its head, and the projections `sesja verify` re-derives."""

from sqlalchemy import Table
from sqlmodel import Field, SQLModel


class EventRow(SQLModel, table=True):
    __tablename__ = "event"

    seq: int = Field(primary_key=True)
    at: str  # ISO 8601 with offset, UTC
    actor: str
    type: str  # no indexes: the log is always read whole, and each would cost every append
    sitting_id: str | None = None
    payload: str  # canonical JSON of the event
    prev_hash: str
    hash: str


class VoteRow(SQLModel, table=True):
    """One closed vote's declared result (projection of vote_closed)."""

    __tablename__ = "vote_result"

    sitting_id: str = Field(primary_key=True)
    vote_id: str = Field(primary_key=True)
    seq: int
    outcome: str
    result: str  # canonical JSON of VoteResult


class ResolutionRow(SQLModel, table=True):
    """The resolution register (projection of resolution_registered / _voided)."""

    __tablename__ = "resolution"

    number: str = Field(primary_key=True)
    ordinal: int
    sitting_id: str
    vote_id: str
    title: str
    voided_by: str | None = None


class HeadRow(SQLModel, table=True):
    """The last event's seq and hash, updated in the same transaction as every append.

    The hash chain shows a changed, removed or reordered event, but not a log cut short at
    its end; `verify` compares the last stored event with this row to see that too.
    """

    __tablename__ = "chain_head"

    id: int = Field(default=1, primary_key=True)
    seq: int
    hash: str


class CheckpointRow(SQLModel, table=True):
    """A checkpoint of the state just after event `seq` (`models.checkpoint`): its document
    in canonical JSON and the document's SHA-256. Only the newest few are kept."""

    __tablename__ = "checkpoint"

    seq: int = Field(primary_key=True)
    hash: str  # the hash of event `seq`, which the checkpoint stands for
    version: int  # models.checkpoint.STATE_VERSION of the code that wrote it
    content_hash: str
    document: str


class CheckpointPartRow(SQLModel, table=True):
    """One sitting's state in a checkpoint, named by the SHA-256 of its canonical JSON; a
    sitting unchanged between checkpoints is one row for both."""

    __tablename__ = "checkpoint_part"

    digest: str = Field(primary_key=True)
    text: str


# SQLModel gives each table class its `__table__` without declaring it; the metadata holds the
# same Table objects, typed, by name.
EVENTS: Table = SQLModel.metadata.tables[EventRow.__tablename__]
VOTES: Table = SQLModel.metadata.tables[VoteRow.__tablename__]
RESOLUTIONS: Table = SQLModel.metadata.tables[ResolutionRow.__tablename__]
HEAD: Table = SQLModel.metadata.tables[HeadRow.__tablename__]
CHECKPOINTS: Table = SQLModel.metadata.tables[CheckpointRow.__tablename__]
CHECKPOINT_PARTS: Table = SQLModel.metadata.tables[CheckpointPartRow.__tablename__]
LOG_TABLES = (EVENTS, VOTES, RESOLUTIONS, HEAD, CHECKPOINTS, CHECKPOINT_PARTS)
