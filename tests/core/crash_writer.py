"""The writer the crash test kills: appends through the service, acknowledging each write.

    python3 -m tests.core.crash_writer DB

Prints "ready" once the log is open, then one line per acknowledged command, flushed as
soon as `execute` returns: the last seq it wrote and a digest of the state at that seq.
It continues whatever sitting the log holds, so each restart picks up after the crash.
"""

import sys
from datetime import date
from pathlib import Path

from models import commands as cmd
from models.state import Chamber
from server.demo import demo_commands
from server.service import SittingService
from server.store import EventStore

ANSWERS = ("yes", "yes", "no", "abstain")


def digest(state: Chamber) -> str:
    """What the state at a seq must look like after replay, in one short word."""
    sitting = state.sitting
    if sitting is None:
        return f"{state.last_seq}:{state.last_hash[:16]}:-"
    vote = sitting.votes.get(sitting.open_vote) if sitting.open_vote else None
    tally = f"{vote.tally().yes}/{vote.tally().no}/{vote.tally().abstain}" if vote else "none"
    return (f"{state.last_seq}:{state.last_hash[:16]}:{sitting.present_count}:"
            f"{len(sitting.votes)}:{len(state.register)}:{tally}")


def next_command(state: Chamber) -> cmd.Command:
    """The next step of an endless sitting: check-ins, then votes of every member present."""
    if state.council is None or state.sitting is None:
        return demo_commands(date(2026, 11, 22))[0 if state.council is None else 1]
    sitting = state.sitting
    absent = [m.id for m in sitting.roster if not sitting.is_present(m.id)]
    if sitting.open_vote is None:
        if absent:
            return cmd.CheckIn(member=absent[0])
        if sitting.current_item is None:
            return cmd.SetCurrentItem(item="i6")
        number = len(sitting.votes) + 1
        return cmd.OpenVote(subject=f"Głosowanie {number}", kind="resolution",
                            rule={"kind": "absolute_cast"})
    vote = sitting.votes[sitting.open_vote]
    leaver = sitting.roster[vote.number % len(sitting.roster)]
    if vote.number % 4 == 0 and sitting.is_present(leaver.id) and leaver.id in vote.answers:
        return cmd.CheckOut(member=leaver.id)  # answered, then left: back before the next vote
    for index, member in enumerate(sitting.roster):
        if sitting.is_present(member.id) and member.id not in vote.answers:
            return cmd.RecordAnswer(member=member.id,
                                    answer=ANSWERS[(index + vote.number) % len(ANSWERS)])
    return cmd.CloseVote()


def main(db: Path) -> None:
    service = SittingService(EventStore(db))
    print("ready", flush=True)
    while True:
        service.execute(next_command(service.state), "crash-writer")
        print(digest(service.state), flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
