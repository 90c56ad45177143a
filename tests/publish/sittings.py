"""Sittings for the publication tests, driven in memory with a clock the test controls."""

from pathlib import Path

from models.commands import DefineCouncil, Guest
from models.council import Council, Member
from server.store import EventStore
from tests.chamber import Sim, opened

ROLL = {"m01": "yes", "m02": "yes", "m03": "yes", "m04": "no", "m05": "abstain", "m06": "yes"}


def rich(close: bool = True) -> Sim:
    """10 members of 11 seats: speeches, a named vote with a recusal, a secret ballot, a
    re-vote that voids a resolution, an excused member and one who leaves early."""
    sim = opened(present=8)
    sim("excuse", member="m10", reason="choroba")
    sim.tick(60)
    sim("set_current_item", item="i3")
    sim("queue_speaker", member="m03")
    sim("queue_speaker", guest=Guest(name="Anna Skarbnik", role="Skarbnik Miasta").model_dump())
    sim("start_speech")
    sim.tick(125)
    sim("start_speech")
    sim.tick(61)
    sim("stop_speech")
    sim.tick(20)
    sim("open_vote", subject="Projekt uchwały w sprawie budżetu „Żółć”", kind="resolution",
        recused=["m07"])
    for member, answer in ROLL.items():
        sim("record_answer", member=member, answer=answer)
    sim.tick(30)
    sim("close_vote")
    sim.tick(15)
    sim("open_vote", subject="Wybór przewodniczącego komisji", mode="secret")
    sim("record_totals", yes=4, no=2, abstain=1)
    sim("close_vote")
    sim.tick(40)
    sim("check_out", member="m08")
    sim("open_vote", subject="Reasumpcja głosowania nr 1", kind="resolution", revote_of="v1")
    sim("record_answer", member="m01", answer="yes")
    sim("record_answer", member="m02", answer="no")
    sim("record_answer", member="m03", answer="no")
    sim.tick(25)
    sim("close_vote")
    sim.tick(30)
    sim("set_current_item", item="i4")
    if close:
        sim.tick(90)
        sim("close_sitting")
    return sim


def write_log(path: Path, sim: Sim) -> Path:
    """A real event log holding what the simulated sitting logged."""
    store = EventStore(path)
    store.append(sim.log)
    store.close()
    return path


CLUBS = ("Klub Radnych „Wspólna Gmina”", "Klub Radnych Prawa i Sprawiedliwości", "")


def clubs(sitting_type: str = "ordinary", subject: str = "Projekt uchwały w sprawie budżetu",
          close: bool = True) -> Sim:
    """6 members of 7 seats in two clubs and none, a named resolution vote and a secret one;
    `sitting_type="committee"` makes it a committee's sitting."""
    sim = Sim()
    members = [Member(id=f"c{i}", name=f"Radna {i}" if i % 2 else f"Radny {i}", seat=i,
                      club=CLUBS[i % len(CLUBS)]) for i in range(1, 7)]
    sim.run(DefineCouncil(council=Council(name="Rada Gminy Klubowo", statutory_seats=7,
                                          members=tuple(members))))
    sim("open_sitting", number="III", date="2026-11-22", sitting_type=sitting_type,
        agenda=[{"title": "Podjęcie uchwał", "kind": "resolution"}])
    for member in members[:5]:
        sim("check_in", member=member.id)
    sim.tick(60)
    sim("set_current_item", item="i1")
    sim("open_vote", subject=subject, kind="resolution")
    for member, answer in zip(members[:5], ("yes", "yes", "no", "abstain", "yes"), strict=True):
        sim("record_answer", member=member.id, answer=answer)
    sim.tick(30)
    sim("close_vote")
    sim.tick(15)
    sim("open_vote", subject="Wybór sekretarza obrad", mode="secret")
    sim("record_totals", yes=4, no=1, abstain=0)
    sim("close_vote")
    sim.tick(60)
    if close:
        sim("close_sitting")
    return sim
