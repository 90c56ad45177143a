"""`sesja verify`: checks the hash chain, the log's head, that replay reproduces the
stored projections, that every closed vote's result is what the majority rules of its
own version give for its counts, and that every checkpoint holds the state the events give
at its event. Every problem names the first bad event (or the checkpoint).

The service runs the chain and head checks when it opens a log (`server.log_open`:
every event after its checkpoint re-hashed, every link checked), so a damaged or edited
log is refused before anything is served from it or appended to it.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from pydantic import ValidationError

from models import events as ev
from models.chain import GENESIS
from models.collector import collector_paused
from models.reducer import apply
from models.rules import RULES_VERSIONS, Tally, decide_outcome, quorum_problem
from models.state import Chamber
from server.chain_check import log_problem
from server.checkpoint_check import checkpoint_problems
from server.log_rows import StoredRow, stored_from_row
from server.store import EventStore, vote_row


@dataclass
class Report:
    events: int = 0
    last_hash: str = GENESIS
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


VoteKey = tuple[str, str]  # (sitting, vote)
VoteFacts = tuple[int, str, str]  # (seq, outcome, result JSON)


class _Replayed(NamedTuple):
    state: Chamber
    states_at: dict[int, Chamber]  # the state just after each checkpoint's event
    implied_votes: dict[VoteKey, VoteFacts]  # the vote rows the events imply
    result_problems: list[str]  # stored results the rules of their version do not give


def _replay(rows: Sequence[StoredRow], report: Report,
            keep_at: frozenset[int] = frozenset()) -> _Replayed | None:
    """Each row parsed and folded as it comes, so the events are never all held at once
    (a term's log is long); None (and a problem) for an unreadable event. A closed vote's
    result is checked against the state just after it: its rule and the seats are the
    sitting's from its opening on, as in the final state."""
    state: Chamber = Chamber()
    implied: dict[VoteKey, VoteFacts] = {}
    problems: list[str] = []
    states_at: dict[int, Chamber] = {}
    for row in rows:
        try:
            stored = stored_from_row(row)
        except (ValidationError, ValueError) as error:
            report.problems.append(f"event {row.seq}: unreadable ({error.__class__.__name__})")
            return None
        state = apply(state, stored)
        if row.seq in keep_at:
            states_at[row.seq] = state  # immutable, shared with what follows: no copy
        vote = vote_row(stored)
        if vote is not None:
            implied[(vote["sitting_id"], vote["vote_id"])] = (vote["seq"], vote["outcome"],
                                                              vote["result"])
        problem = result_problem(stored, state)
        if problem:
            problems.append(problem)
    return _Replayed(state, states_at, implied, problems)


def _check_projections(store: EventStore, expected_votes: dict[VoteKey, VoteFacts],
                       state: Chamber, report: Report) -> None:
    stored_votes = {(r.sitting_id, r.vote_id): (r.seq, r.outcome, r.result)
                    for r in store.vote_rows()}
    for key in sorted(expected_votes.keys() | stored_votes.keys()):
        if expected_votes.get(key) != stored_votes.get(key):
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


def result_problem(stored: ev.StoredEvent, state: Chamber) -> str | None:
    """Whether a vote_closed event's outcome and required yes votes are what the rules of
    the version it was closed with give for its counts, rule, seats and presence."""
    closed = stored.event
    if not isinstance(closed, ev.VoteClosed):
        return None
    if closed.rules_version not in RULES_VERSIONS:
        return (f"event {stored.seq}: closed with majority rules version "
                f"{closed.rules_version}, which this sesja does not know")
    sitting = state.sittings[closed.sitting_id]
    vote, result = sitting.votes[closed.vote_id], closed.result
    seats = sitting.statutory_seats
    decision = decide_outcome(
        vote.rule, Tally(result.yes, result.no, result.abstain), seats,
        quorum_problem(result.present_at_open, result.present_at_close, seats),
        closed.rules_version)
    if (decision.outcome, decision.needed) != (result.outcome, result.needed):
        return (f"event {stored.seq}: vote {closed.vote_id} is stored as {result.outcome.value} "
                f"with {result.needed} yes required, but the rules (version "
                f"{closed.rules_version}) give {decision.outcome.value} with {decision.needed}")
    return None


def verify(store: EventStore) -> Report:
    report = Report()
    with collector_paused():  # what the check reads and folds lives until its end
        rows = store.rows()
        problem = log_problem(rows, store.head())
        if problem is not None:
            report.problems.append(problem.en)
            return report
        stored = store.checkpoints()
        replayed = _replay(rows, report, frozenset(c.seq for c in stored))
        if replayed is None:
            return report
        report.events, report.last_hash = len(rows), rows[-1].hash if rows else GENESIS
        _check_projections(store, replayed.implied_votes, replayed.state, report)
        report.problems.extend(replayed.result_problems)
        report.problems.extend(checkpoint_problems(store, stored, rows, replayed.states_at))
    return report
