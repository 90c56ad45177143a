"""Live publication latency: from `close_vote` returning to the vote published.

    python3 -m bench.export_live [--members 45] [--prior 30] [--votes 10]

A real service on a real log (WAL, synchronous=FULL) holds a sitting with `--prior` closed
votes; then `--votes` more are run through the service (open, every member answers,
close) while a LivePublisher publishes after each. Measured from close returned to (1) the
vote's own files (CSV, CSV for Excel, JSON, HTML) and the index page renamed into the
package, and (2) the
sitting's whole package (index, PDF, minutes, manifest) swapped in with the vote in it (the
manifest's last event at or after the close). The floor, per vote: write that vote's named
list alone as one CSV file and rename it into place. Prints one line: median and max of
both, the floor, the target (1 s).
"""

import argparse
import csv
import json
import os
import statistics
import tempfile
import threading
import time
from pathlib import Path

from bench.export_all import big_sitting
from models.commands import CloseVote, OpenVote, RecordAnswer
from models.terms import Answer
from server.publish import LivePublisher
from server.service import SittingService
from server.store import EventStore

CHOICES = (Answer.YES, Answer.YES, Answer.YES, Answer.NO, Answer.ABSTAIN)


def floor(service: SittingService, folder: Path) -> float:
    sitting = service.state.sitting
    vote = max(sitting.votes.values(), key=lambda v: v.number)
    names = {m.id: m.name for m in sitting.roster}
    began = time.perf_counter()
    temp = folder / "floor.csv.tmp"
    with temp.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows((vote.number, m, names[m], a.value) for m, a in vote.result.named)
    os.replace(temp, folder / "floor.csv")
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=45)
    parser.add_argument("--prior", type=int, default=30)
    parser.add_argument("--votes", type=int, default=10)
    args = parser.parse_args()
    _state, events = big_sitting(args.prior, args.members)
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        store = EventStore(root / "bench.db")
        store.append(events)
        store.close()
        service = SittingService(EventStore(root / "bench.db"))
        published = threading.Condition()
        packages: list[tuple[float, int]] = []  # (when, the manifest's last event)
        lists: list[tuple[float, set[int]]] = []  # (when, the vote numbers whose files came)

        def on_published(manifest: Path) -> None:
            seq = json.loads(manifest.read_text(encoding="utf-8"))["last_event"]["seq"]
            with published:
                packages.append((time.perf_counter(), seq))
                published.notify_all()

        def on_votes_published(paths: list[Path]) -> None:
            with published:
                lists.append((time.perf_counter(), {int(p.name[11:14]) for p in paths
                                                    if p.name.startswith("glosowanie-")}))

        publisher = LivePublisher(service, root / "www", on_published=on_published,
                                  on_votes_published=on_votes_published)
        publisher.start()
        with published:  # the package as the sitting stood at the start
            published.wait_for(lambda: packages, timeout=60)
        to_list, to_package, floors = [], [], []
        members = [m.id for m in service.state.sitting.roster]
        for number in range(args.votes):
            service.execute(OpenVote(subject=f"Wniosek nr {number}"), "bench")
            for index, member in enumerate(members):
                service.execute(RecordAnswer(member=member,
                                             answer=CHOICES[(index + number) % len(CHOICES)]), "bench")
            closed_at = time.perf_counter()
            seq = service.execute(CloseVote(), "bench")[-1].seq
            vote = args.prior + number + 1
            with published:
                published.wait_for(lambda seq=seq: any(s >= seq for _t, s in packages), timeout=60)
                to_package.append(min(t for t, s in packages if s >= seq) - closed_at)
                to_list.append(min(t for t, votes in lists if vote in votes) - closed_at)
            floors.append(floor(service, root))
        publisher.stop()
        service.close()
    base = statistics.median(floors)
    print(f"export_live: {args.members} members, votes {args.prior + 1}-{args.prior + args.votes}: "
          f"close -> the vote's files median {statistics.median(to_list) * 1000:.0f} ms, max "
          f"{max(to_list) * 1000:.0f} ms; -> whole package median "
          f"{statistics.median(to_package) * 1000:.0f} ms, max {max(to_package) * 1000:.0f} ms "
          f"(target 1 s); floor one vote's CSV written and renamed {base * 1000:.1f} ms")


if __name__ == "__main__":
    main()
