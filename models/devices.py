"""Members' voting devices: the council's voting settings and the personal device codes.

A code is never stored: the log keeps `code_hash(salt, code)`, the SHA-256 of the code
with the log's own salt (chosen by the server with the first code it issues), because
every event reaches every console.
"""

import hashlib

from pydantic import Field

from models.council import Frozen

MAX_VOTING_TIME_S = 3600


class VotingSettings(Frozen):
    """How a council votes on devices; set by an event, so a replay refuses the same answers."""

    answers_changeable: bool = True  # a member may change a device answer until the close
    self_check_in: bool = False  # a member may check in from the device
    voting_time_s: int | None = Field(default=None, ge=1, le=MAX_VOTING_TIME_S)  # None: no limit


def code_hash(salt: str, code: str) -> str:
    """The hex SHA-256 of a device code with the log's salt, as the log keeps it."""
    return hashlib.sha256(f"{salt}:{code}".encode()).hexdigest()
