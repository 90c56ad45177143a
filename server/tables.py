"""The database tables: the event log and the projections that `sesja verify` re-derives."""

from sqlmodel import Field, SQLModel


class EventRow(SQLModel, table=True):
    __tablename__ = "event"

    seq: int = Field(primary_key=True)
    at: str  # ISO 8601 with offset, UTC
    actor: str
    type: str = Field(index=True)
    sitting_id: str | None = Field(default=None, index=True)
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
