"""`fold` folds a log without making the states between its events; whatever it skips,
it ends in the very state `apply` gives event by event (`fold_each`): the same fields, and
every map in the same order (compared through the checkpoint's canonical JSON, which keeps
order), and it never changes a state it was given."""

import itertools
from collections.abc import Iterable

from hypothesis import given, settings
from hypothesis import strategies as st

from bench.core_replay import sitting_day
from bench.term_log import term_commands
from models.checkpoint import encode
from models.commands import Command
from models.reducer import fold, fold_each
from models.state import Chamber
from tests.chamber import Sim, opened
from tests.checkpoint_states import rich
from tests.core.test_afterwards import _afterwards, _at
from tests.core.test_properties import draw_command, run
from tests.publish.katowice import replayed


def _text(state: Chamber) -> tuple[str, tuple[str, ...]]:
    made = encode(state)
    return made.document, tuple(part.text for part in made.parts)


def _same(folded: Chamber, expected: Chamber) -> None:
    assert folded == expected
    assert _text(folded) == _text(expected)


def _commands(sim: Sim, commands: Iterable[Command]) -> Sim:
    for command in commands:
        sim.run(command)
        sim.tick(7)
    return sim


@settings(max_examples=100)
@given(present=st.integers(min_value=0, max_value=8), data=st.data())
def test_random_sittings_fold_to_the_state_applied_event_by_event(present, data):
    """Answers given, changed and taken back, votes of every kind, speeches, agenda votes,
    sittings closed and opened again, in any order the commands allow; then the log folded
    whole, and in two pieces from a state a caller holds, which stays as it was."""
    sim = opened(members=8, seats=9, present=present)
    for _ in range(data.draw(st.integers(min_value=0, max_value=150), label="steps")):
        run(sim, draw_command(data, sim.state), data.draw(st.integers(0, 90)))
    _same(fold(sim.log), sim.state)
    cut = data.draw(st.integers(min_value=0, max_value=len(sim.log)), label="cut")
    held = fold_each(sim.log[:cut])
    before = _text(held)
    _same(fold(sim.log[cut:], held), sim.state)
    assert _text(held) == before


def test_the_katowice_sitting_folds_to_the_state_applied_event_by_event():
    sim = replayed()
    _same(fold(sim.log), sim.state)
    _same(fold(sim.log), fold_each(sim.log))


def test_a_whole_sitting_life_with_devices_folds_to_the_state_applied_event_by_event():
    sim = rich()
    _same(fold(sim.log), sim.state)


def test_a_sitting_entered_afterwards_folds_to_the_state_applied_event_by_event():
    """Each event carries the time it happened: an answer changes the sitting too."""
    sim = _afterwards()
    sim("open_vote", subject="Projekt", kind="resolution", item="i1", happened_at=_at("11:05"))
    for index, answer in enumerate(["yes", "no", "yes", "abstain", "yes"], start=1):
        sim.tick(3)
        sim("record_answer", member=f"m{index:02d}", answer=answer, happened_at=_at("11:06"))
    sim("record_answer", member="m02", answer="yes", happened_at=_at("11:07"))
    sim("close_vote", happened_at=_at("11:08"))
    _same(fold(sim.log), sim.state)


def test_the_bench_logs_fold_to_the_state_applied_event_by_event():
    """The two shapes the replay bench measures: one long sitting, a term of sittings."""
    for commands in (sitting_day(), term_commands()):
        sim = _commands(Sim(), itertools.islice(commands, 2500))
        _same(fold(sim.log), sim.state)


def test_folding_nothing_gives_the_state_itself():
    state = opened(present=3).state
    assert fold([], state) is state
    assert fold([]) == Chamber()
