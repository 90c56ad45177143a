"""Test helpers: run commands against the pure core, with a clock the test controls."""

from datetime import UTC, date, datetime, timedelta

from models.commands import Command, DefineCouncil, OpenSitting, parse_command
from models.council import Council, Member
from models.state import Chamber
from models.step import step

START = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)


class Sim:
    """A chamber driven in memory: `sim("check_in", member="m01")`."""

    def __init__(self, state: Chamber | None = None) -> None:
        self.state = state or Chamber()
        self.log = []
        self.at = START

    def tick(self, seconds: float) -> None:
        self.at += timedelta(seconds=seconds)

    def run(self, command: Command):
        done = step(self.state, command, self.at, "test")
        self.log.extend(item.stored for item in done.sealed)
        self.state = done.state
        return tuple(item.stored.event for item in done.sealed)

    def __call__(self, type_: str, **fields):
        return self.run(parse_command({"type": type_, **fields}))

    @property
    def sitting(self):
        return self.state.sitting


def council(members: int = 10, seats: int = 11, **extra) -> Council:
    return Council(
        name="Rada Gminy Testowo", statutory_seats=seats,
        members=tuple(Member(id=f"m{i:02d}", name=f"Radny {i}", seat=i)
                      for i in range(1, members + 1)), **extra)


def opened(members: int = 10, seats: int = 11, present: int = 0, **council_extra) -> Sim:
    """A sitting with one resolution item (i2 under i1) and the first `present` checked in."""
    sim = Sim()
    sim.run(DefineCouncil(council=council(members, seats, **council_extra)))
    sim.run(OpenSitting.model_validate({
        "number": "XL", "date": date(2026, 11, 22).isoformat(),
        "agenda": [
            {"title": "Otwarcie", "kind": "procedural"},
            {"title": "Podjęcie uchwał", "kind": "resolution", "children": [
                {"title": "w sprawie budżetu", "kind": "resolution", "print_number": "412"}]},
            {"title": "Wolne wnioski"},
        ]}))
    for i in range(1, present + 1):
        sim("check_in", member=f"m{i:02d}")
    return sim
