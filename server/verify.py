"""`sesja verify`: checks the hash chain and that replay reproduces the stored projections."""

import json
from dataclasses import dataclass, field

from pydantic import ValidationError

from models.chain import GENESIS, link_hash
from models.reducer import fold
from models.state import Chamber
from server.store import EventStore, stored_from_row


@dataclass
class Report:
    events: int = 0
    last_hash: str = GENESIS
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _check_chain(store: EventStore, report: Report) -> list | None:
    """Walks the rows in order; returns the parsed events, or None at the first bad one."""
    expected_prev, parsed = GENESIS, []
    for index, row in enumerate(store.rows(), start=1):
        if row.seq != index:
            report.problems.append(
                f"event {index}: missing (the next stored event is {row.seq}); "
                "events were removed or renumbered")
            return None
        if row.prev_hash != expected_prev:
            report.problems.append(
                f"event {row.seq}: does not follow event {row.seq - 1} (broken link); "
                "events were removed, inserted or reordered")
            return None
        try:
            at = stored_from_row(row).at
        except (ValidationError, ValueError) as error:
            report.problems.append(f"event {row.seq}: unreadable ({error.__class__.__name__})")
            return None
        if link_hash(row.prev_hash, row.seq, at, row.actor, row.payload) != row.hash:
            report.problems.append(
                f"event {row.seq}: content changed after it was written (hash mismatch)")
            return None
        parsed.append(stored_from_row(row))
        expected_prev = row.hash
    report.events, report.last_hash = len(parsed), expected_prev
    return parsed


def _expected_votes(state: Chamber) -> dict[tuple[str, str], str]:
    return {
        (sitting.id, vote.id): json.dumps(vote.result.model_dump(mode="json"), sort_keys=True,
                                          ensure_ascii=False)
        for sitting in state.sittings.values()
        for vote in sitting.votes.values() if vote.result is not None
    }


def _check_projections(store: EventStore, state: Chamber, report: Report) -> None:
    expected = _expected_votes(state)
    stored = {(r.sitting_id, r.vote_id): r.result for r in store.vote_rows()}
    for key in sorted(expected.keys() | stored.keys()):
        if expected.get(key) != stored.get(key):
            report.problems.append(
                f"vote {key[1]} of sitting {key[0]}: the stored result differs from replay")
    register = {r.number: (r.ordinal, r.sitting_id, r.vote_id, r.title, r.voided_by)
                for r in state.register}
    rows = {r.number: (r.ordinal, r.sitting_id, r.vote_id, r.title, r.voided_by)
            for r in store.resolution_rows()}
    for number in sorted(register.keys() | rows.keys()):
        if register.get(number) != rows.get(number):
            report.problems.append(
                f"resolution {number}: the stored register differs from replay")


def verify(store: EventStore) -> Report:
    report = Report()
    events = _check_chain(store, report)
    if events is not None:
        _check_projections(store, fold(events), report)
    return report


