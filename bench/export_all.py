"""Export of a sitting to every format, beside a floor measured in the same run.

Three timings, each the median of the runs: the whole package; the package without the
PDF (what the issue asks within 2 s for 100 votes x 750 members); the tagged PDF alone,
from a record already made (within 5 s at that size), with the CPU time its process used
where that process retired after it (as the kept one does after a PDF this size), a figure
less shaken by a loaded machine than the wall time. A real council (30 votes x 45
members) has the whole package within 1 s. The floor is Python's csv.writer writing the
same named rows once. Prints one summary line.

    python3 -m bench.export_all [--runs 3] [--votes 100] [--members 750]
    python3 -m bench.export_all --votes 30 --members 45
"""

import argparse
import csv
import resource
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
from server.publish.package import DEFAULT_FORMATS
from server.publish.pdf_document import sitting_pdf
from server.publish.record import sitting_record

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


# (votes, members): the targets of issue 16 in seconds, (whole package, without the PDF, PDF)
TARGETS = {(30, 45): (1.0, None, None), (100, 750): (None, 2.0, 5.0)}
WITHOUT_PDF = [f for f in DEFAULT_FORMATS if f != "pdf"]


def _timed(action) -> float:
    began = time.perf_counter()
    action()
    return time.perf_counter() - began


def _children_cpu() -> float:
    """CPU seconds of the child processes waited for so far (a PDF process that retired)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _figure(took: float, target: float | None) -> str:
    return f"{took:.2f} s" + (f" (target {target:g} s)" if target else "")


def _cpu(seconds: list[float]) -> str:
    """The PDF process's CPU time, where it was counted: the kept process is counted when it
    retires, which a PDF this size makes it do (pdf_worker.RETIRE_ABOVE), a small one not."""
    counted = [s for s in seconds if s > 0]
    return f" (its process's CPU {statistics.median(counted):.2f} s)" if counted else ""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--votes", type=int, default=100)
    parser.add_argument("--members", type=int, default=750)
    args = parser.parse_args()
    state, events = big_sitting(args.votes, args.members)
    record = sitting_record(state, events, None)
    whole, without, pdf, pdf_cpu, floors, size = [], [], [], [], [], 0
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        for run in range(args.runs):
            floors.append(floor(state, root))
            full, bare = root / f"run{run}", root / f"bez{run}"
            whole.append(_timed(lambda out=full: export_package(state, events, out)))
            size = sum(p.stat().st_size for p in full.rglob("*") if p.is_file())
            without.append(_timed(lambda out=bare: export_package(state, events, out,
                                                                  formats=WITHOUT_PDF)))
            cpu_before = _children_cpu()
            pdf.append(_timed(lambda: sitting_pdf(record)))
            pdf_cpu.append(_children_cpu() - cpu_before)
    base = statistics.median(floors)
    targets = TARGETS.get((args.votes, args.members), (None, None, None))
    took = [statistics.median(times) for times in (whole, without, pdf)]
    print(f"export_all: {args.votes} votes x {args.members} members ({size / 1e6:.0f} MB), "
          f"median of {args.runs}: whole package {_figure(took[0], targets[0])}; without the "
          f"PDF {_figure(took[1], targets[1])}; tagged PDF alone {_figure(took[2], targets[2])}"
          f"{_cpu(pdf_cpu)}; "
          f"floor csv.writer of the same rows {base:.3f} s; ratios "
          f"{took[0] / base:.0f}x / {took[1] / base:.0f}x / {took[2] / base:.0f}x")


if __name__ == "__main__":
    main()
