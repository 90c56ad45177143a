"""`sesja import` as one call: read, find the votes, plan the commands, then write them all
in one transaction, or nothing (the service decides every command before it writes)."""

from dataclasses import dataclass
from pathlib import Path

from server.bilingual import Words
from server.import_votes.errors import VoteImportError
from server.import_votes.layouts import votes_of
from server.import_votes.plan import plan, sitting_of
from server.import_votes.reading import read_table
from server.service import BatchRejected, SittingService


@dataclass(frozen=True, slots=True)
class Imported:
    votes: int
    answers: int  # named answers in the file's votes, every roster member once per vote
    events: int
    described: Words  # the file: "CSV, Windows-1250, semicolons; members x votes matrix"
    sitting: str  # "XV of 2025-05-29"
    last_seq: int


def import_votes(service: SittingService, path: Path, actor: str, *, sitting_id: str | None = None,
                 encoding: str | None = None, sheet: str | None = None) -> Imported:
    """Raises VoteImportError naming the row and column, in English and Polish (a refusal
    of the model's with its reason in both); nothing is written then."""
    table = read_table(path, encoding, sheet)
    votes, layout = votes_of(table.rows)
    planned = plan(service.state, sitting_id, votes)
    try:
        events = service.execute_all([p.command for p in planned], actor)
    except BatchRejected as batch:
        refused = planned[batch.index]
        reason = batch.rejection
        raise VoteImportError(f"refused: {reason.message('en').rstrip('.')}",
                              f"odrzucone: {reason.message('pl').rstrip('.')}",
                              refused.row, refused.column) from batch
    sitting = sitting_of(service.state, sitting_id)
    return Imported(len(votes), len(votes) * len(sitting.roster), len(events),
                    table.described.joined(layout), f"{sitting.number} of {sitting.date}",
                    service.state.last_seq)
