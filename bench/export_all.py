"""Export of 100 votes x 750 members to every format, beside a floor measured in the same run.

The floor is Python's csv.writer writing the same named rows (75,000) once. Prints one
summary line: median of the runs, the floor and the ratio.

    python3 -m bench.export_all [--runs 5] [--votes 100] [--members 750]
"""

import argparse
import csv
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from models.chain import GENESIS, seal
from models.commands import SpeechLimits
from models.council import Council, Member
from models.events import (
    CouncilDefined,
    MemberCheckedIn,
    SittingOpened,
    VoteClosed,
    VoteOpened,
    VoteResult,
)
from models.reducer import fold
from models.rules import MajorityRule
from models.terms import FinalAnswer, MajorityKind, Outcome, SittingType, VoteKind, VoteMode
from server.publish import export_package

ANSWERS = (FinalAnswer.YES, FinalAnswer.YES, FinalAnswer.NO, FinalAnswer.ABSTAIN,
           FinalAnswer.YES, FinalAnswer.NOT_VOTING, FinalAnswer.ABSENT)


def big_sitting(votes: int, members: int):
    """A sitting of `members` with `votes` closed named votes, sealed as a real log is."""
    roster = tuple(Member(id=f"m{i:04d}", name=f"Radna Żółkiewska-Łęcka {i}", club="Klub Ąę",
                          seat=i) for i in range(1, members + 1))
    start = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
    bodies = [CouncilDefined(council=Council(name="Sejmik Województwa Testowego",
                                             statutory_seats=members, members=roster)),
              SittingOpened(sitting_id="s1", number="XL", sitting_type=SittingType.ORDINARY,
                            date=date(2026, 11, 22), place="Sala Sejmiku", chair="m0001",
                            council_name="Sejmik Województwa Testowego", statutory_seats=members,
                            roster=roster, agenda=(), speech_limits=SpeechLimits())]
    bodies += [MemberCheckedIn(sitting_id="s1", member_id=m.id) for m in roster]
    for number in range(1, votes + 1):
        named = tuple((m.id, ANSWERS[(i + number) % len(ANSWERS)]) for i, m in enumerate(roster))
        finals = [a for _m, a in named]
        bodies.append(VoteOpened(sitting_id="s1", vote_id=f"v{number}", number=number, item_id=None,
                                 subject=f"Projekt uchwały nr {number} w sprawie zmian w budżecie",
                                 kind=VoteKind.OTHER, rule=MajorityRule(), mode=VoteMode.ROLL_CALL,
                                 recused=(), present_at_open=members, revote_of=None))
        bodies.append(VoteClosed(sitting_id="s1", vote_id=f"v{number}", result=VoteResult(
            outcome=Outcome.ADOPTED, rule_kind=MajorityKind.SIMPLE,
            yes=finals.count(FinalAnswer.YES), no=finals.count(FinalAnswer.NO),
            abstain=finals.count(FinalAnswer.ABSTAIN), not_voting=finals.count(FinalAnswer.NOT_VOTING),
            absent=finals.count(FinalAnswer.ABSENT), recused=0, needed=1, present_at_open=members,
            present_at_close=members, quorum=True, explanation_pl="Przyjęto", explanation_en="Adopted",
            named=named)))
    events, prev = [], GENESIS
    for seq, body in enumerate(bodies, start=1):
        stored = seal(prev, seq, start + timedelta(seconds=seq), "bench", body)
        events.append(stored)
        prev = stored.hash
    return fold(events), events


def floor(state, folder: Path) -> float:
    sitting = state.sitting
    names = {m.id: m.name for m in sitting.roster}
    began = time.perf_counter()
    with (folder / "floor.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        for vote in sitting.votes.values():
            writer.writerows((vote.number, member_id, names[member_id], answer.value)
                             for member_id, answer in vote.result.named)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--votes", type=int, default=100)
    parser.add_argument("--members", type=int, default=750)
    args = parser.parse_args()
    state, events = big_sitting(args.votes, args.members)
    times, floors, size = [], [], 0
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        for run in range(args.runs):
            floors.append(floor(state, root))
            began = time.perf_counter()
            manifest = export_package(state, events, root / f"run{run}")
            times.append(time.perf_counter() - began)
            size = sum(p.stat().st_size for p in manifest.parent.rglob("*") if p.is_file())
    took, base = statistics.median(times), statistics.median(floors)
    print(f"export_all: {args.votes} votes x {args.members} members, every format "
          f"({size / 1e6:.0f} MB): median {took:.2f} s over {args.runs} runs (target 2 s); "
          f"floor csv.writer of the same rows {base:.3f} s; ratio {took / base:.0f}x")


if __name__ == "__main__":
    main()
