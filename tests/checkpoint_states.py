"""A rich chamber for the checkpoint tests: two sittings (one closed), their whole life;
and the logs those tests build of it and edit behind the store's back."""

import sqlite3
from pathlib import Path

from models.commands import DefineCouncil
from models.devices import code_hash
from models.events import StoredEvent
from server.service import SittingService
from server.store import EventStore
from tests.chamber import Sim, council

SALT = "salt-of-this-log-0001"
AGENDA = [
    {"title": "Otwarcie sesji", "kind": "procedural"},
    {"title": "Projekt uchwały w sprawie budżetu", "kind": "resolution", "label": "6",
     "print_number": "412", "rapporteur": "Skarbnik", "rule": {"kind": "absolute_seats"}},
    {"title": "Projekt uchwały w sprawie drogi", "kind": "resolution", "label": "6a",
     "children": [{"title": "Autopoprawka", "kind": "resolution"}]},
    {"title": "Wolne wnioski"},
]


def _sitting_day(sim: Sim, number: str) -> None:
    sim("convene_sitting", number=number, date="2026-12-03", hour="16:00",
        place="Sala sesyjna", chair="m01", agenda=AGENDA)
    for i in range(1, 9):
        sim("check_in", member=f"m{i:02d}")
    sim("excuse", member="m10", reason="choroba")
    sim.tick(60)
    sim("start_sitting")
    sim("set_current_item", item="i2")
    sim("queue_speaker", member="m03")
    sim("queue_speaker", guest={"name": "Burmistrz"})
    sim("queue_speaker", member="m04", kind="reply")
    sim("start_speech")
    sim.tick(95)
    sim("pause_speech")
    sim("resume_speech")
    sim("stop_speech")
    sim("remove_speaker", entry=sim.sitting.queue[-1])
    sim("open_vote", subject="Projekt uchwały w sprawie budżetu", kind="resolution",
        item="i2", rule={"kind": "absolute_seats"}, recused=["m08"])
    for i, answer in zip(range(1, 8), ["yes", "yes", "no", "abstain", "yes", "yes", "yes"], strict=True):
        sim.tick(2)
        sim("record_answer", member=f"m{i:02d}", answer=answer)
    sim("record_answer", member="m03", answer="yes")
    sim("close_vote")
    sim("start_break", reason="narada klubów")
    sim.tick(600)
    sim("end_break")
    sim("hand_over_chair", member="m02")
    sim("open_vote", subject="Wybór komisji", kind="other", mode="secret",
        rule={"kind": "simple"})
    sim("record_totals", yes=5, no=1, abstain=1)
    sim("close_vote")
    sim("propose_agenda_change", change={"op": "add", "title": "Informacja", "position": 1})
    for i in range(1, 8):
        sim("record_answer", member=f"m{i:02d}", answer="yes")
    sim("close_vote")
    sim("check_out", member="m05")
    sim("adjourn_sitting", resume_on="2026-12-10", reason="późna pora")


def rich() -> Sim:
    """Devices set up, a sitting closed after two days, and a second one going on."""
    sim = Sim()
    sim.run(DefineCouncil(council=council(10, 11)))
    sim("set_voting_settings", settings={"voting_time_s": 60})
    for i in range(1, 4):
        sim("issue_device_code", member=f"m{i:02d}", code_hash=code_hash(SALT, f"code-{i}"),
            salt=SALT)
    sim("revoke_device_code", member="m03")
    _sitting_day(sim, "xli")
    sim.tick(7 * 24 * 3600)
    sim("continue_sitting", date="2026-12-10")
    sim("check_in", member="m05")
    sim("state_quorum")
    sim("close_sitting")
    sim.tick(3600)
    _sitting_day(sim, "xlii")
    return sim


def log_of(folder: Path, events: list[StoredEvent]) -> Path:
    """`sesja.db` in the folder, holding the events."""
    path = folder / "sesja.db"
    store = EventStore(path)
    store.append(events)
    store.close()
    return path


def checkpoint_at_60(folder: Path, sim: Sim) -> Path:
    """A log of `sim`'s events with a checkpoint at event 60 and the rest appended after it."""
    path = log_of(folder, sim.log[:60])
    SittingService(EventStore(path)).close()  # a clean close writes one
    store = EventStore(path)
    store.append(sim.log[60:])
    store.close()
    return path


def sql(path: Path, *statements: tuple) -> None:
    """Runs the statements on the log's file as another program would, in one transaction."""
    connection = sqlite3.connect(path)
    with connection:
        for statement in statements:
            connection.execute(*statement)
    connection.close()
