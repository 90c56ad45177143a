"""The commands that bring a file's votes into a sitting entered afterwards.

Each vote, at its published time (one time per vote: the opening, the answers and the close
share it): the attendance made what the vote's list shows (a member with an answer, or
present without one, is checked in; one absent or "brak danych" is checked out, since the
source does not show them present), the vote opened on the agenda item its label names, the
answers recorded with source `import`, and the vote closed with its quorum as the source
states it and the resolution number the council gave (a vote without one is not put to the
register: the import invents no number). A member the file does not list in a vote is
"brak danych" there. Nothing is decided here: the core refuses what the law refuses.
"""

from dataclasses import dataclass

from models import commands as cmd
from models.state import Chamber, Sitting
from models.terms import Answer, FinalAnswer, SittingStatus, VoteKind
from server.import_votes.errors import VoteImportError
from server.import_votes.layouts import Cell, SourceVote

PRESENT = (FinalAnswer.YES, FinalAnswer.NO, FinalAnswer.ABSTAIN, FinalAnswer.NOT_VOTING)
ANSWERED = {FinalAnswer.YES: Answer.YES, FinalAnswer.NO: Answer.NO,
            FinalAnswer.ABSTAIN: Answer.ABSTAIN, FinalAnswer.UNKNOWN: Answer.UNKNOWN}


@dataclass(frozen=True, slots=True)
class Planned:
    command: cmd.Command
    row: int  # the file's row the command comes from
    column: str | None = None


def sitting_of(state: Chamber, sitting_id: str | None) -> Sitting:
    chosen = sitting_id or state.current_sitting
    sitting = state.sittings.get(chosen) if chosen else None
    if sitting is None:
        known = ", ".join(f"{s.id} ({s.number}, {s.date})" for s in state.sittings.values())
        named = f" {chosen}" if chosen else ""
        raise VoteImportError(f"no sitting{named} in the log to import into"
                              + (f"; known: {known}" if known else ""),
                              f"w dzienniku nie ma sesji{named}, do której można importować"
                              + (f"; znane: {known}" if known else ""))
    if not sitting.entered_afterwards:
        raise VoteImportError(f"sitting {sitting.number} of {sitting.date} is not entered "
                              "afterwards; votes are imported only into one opened with "
                              "`sesja apply --afterwards` (its opening gives happened_at)",
                              f"sesja {sitting.number} z {sitting.date} nie jest wprowadzana "
                              "później; głosowania importuje się tylko do sesji otwartej przez "
                              "`sesja apply --afterwards` (jej otwarcie podaje happened_at)")
    if sitting.status is not SittingStatus.OPEN:
        raise VoteImportError(f"sitting {sitting.number} of {sitting.date} is "
                              f"{sitting.status.value}, not open: nothing can be added to it",
                              f"sesja {sitting.number} z {sitting.date} nie jest otwarta (stan: "
                              f"{sitting.status.value}): nic nie można do niej dodać")
    return sitting


def _members(sitting: Sitting) -> dict[str, str]:
    """A member's id by their id or name, as files write them (case and spaces aside)."""
    found: dict[str, str] = {}
    for member in sitting.roster:
        for key in (member.id, member.name):
            found[" ".join(key.lower().split())] = member.id
    return found


def _items(sitting: Sitting) -> dict[str, str]:
    return {number.lower(): item.item.id for number, _depth, item in sitting.numbered_items()
            if not item.withdrawn}


def _answers(sitting: Sitting, vote: SourceVote, members: dict[str, str]) -> dict[str, Cell]:
    """Each roster member's cell in the vote, refusing strangers and members given twice."""
    cells: dict[str, Cell] = {}
    for cell in vote.cells:
        member_id = members.get(" ".join(cell.member.lower().split()))
        if member_id is None:
            raise VoteImportError(f"{cell.member!r} is not a member of the sitting's roster "
                                  f"(sitting {sitting.number})",
                                  f"„{cell.member}” nie jest na liście radnych sesji "
                                  f"{sitting.number}", cell.row, cell.member_column)
        if member_id in cells:
            raise VoteImportError(f"{cell.member!r} is given twice in vote {vote.number} "
                                  f"(also in row {cells[member_id].row})",
                                  f"„{cell.member}” występuje dwa razy w głosowaniu "
                                  f"{vote.number} (także w wierszu {cells[member_id].row})",
                                  cell.row, cell.member_column)
        cells[member_id] = cell
    return cells


def plan(state: Chamber, sitting_id: str | None, votes: list[SourceVote]) -> list[Planned]:
    """Raises VoteImportError for what the file gets wrong before anything is decided."""
    sitting = sitting_of(state, sitting_id)
    members, items = _members(sitting), _items(sitting)
    present = {m.id for m in sitting.roster if sitting.is_present(m.id)}
    planned: list[Planned] = []
    previous: SourceVote | None = None
    for vote in votes:
        if previous is not None and vote.voted_at < previous.voted_at:
            times = f"{vote.voted_at:%H:%M} < {previous.voted_at:%H:%M}"
            raise VoteImportError(f"vote {vote.number} is timed before vote {previous.number} "
                                  f"({times})",
                                  f"głosowanie {vote.number} ma godzinę wcześniejszą niż "
                                  f"głosowanie {previous.number} ({times})", vote.row)
        previous = vote
        item = items.get(vote.label.lower()) if vote.label else None
        if vote.label and item is None:
            listed = ", ".join(items)
            raise VoteImportError(f"no agenda item {vote.label!r} in sitting {sitting.number} "
                                  f"(its items: {listed})",
                                  f"w porządku obrad sesji {sitting.number} nie ma punktu "
                                  f"„{vote.label}” (jej punkty: {listed})", vote.row)
        cells = _answers(sitting, vote, members)
        finals = {m.id: cells[m.id].answer if m.id in cells else FinalAnswer.UNKNOWN
                  for m in sitting.roster}
        at, sid = vote.voted_at, sitting.id
        for member_id, answer in finals.items():
            here = answer in PRESENT
            if here and member_id not in present:
                planned.append(Planned(cmd.CheckIn(member=member_id, sitting=sid, happened_at=at), vote.row))
                present.add(member_id)
            elif answer in (FinalAnswer.ABSENT, FinalAnswer.UNKNOWN) and member_id in present:
                planned.append(Planned(cmd.CheckOut(member=member_id, sitting=sid, happened_at=at), vote.row))
                present.discard(member_id)
        recused = tuple(m for m, answer in finals.items() if answer is FinalAnswer.RECUSED)
        planned.append(Planned(cmd.OpenVote(
            subject=vote.subject, item=item, recused=recused,
            kind=VoteKind.RESOLUTION if vote.resolution else VoteKind.OTHER, rule=vote.rule,
            sitting=sid,
            happened_at=at), vote.row))
        for member_id, answer in finals.items():
            if answer in ANSWERED:
                cell = cells.get(member_id)
                planned.append(Planned(cmd.ImportAnswer(
                    member=member_id, answer=ANSWERED[answer], sitting=sid, happened_at=at),
                    cell.row if cell else vote.row, cell.column if cell else None))
        planned.append(Planned(cmd.CloseVote(
            quorum_as_stated=vote.quorum, resolution_number=vote.resolution or None,
            sitting=sid, happened_at=at),
            vote.row))
    return planned
