"""The history the state keeps for its readers (the video chapters, the console's log): when
each agenda item was taken up and left, and the speakers taken off the list. It grows by
sharing what earlier snapshots hold, never by copying it."""

from datetime import timedelta

from models.reducer import fold
from models.state import ItemVisit
from models.trail import Trail
from tests.chamber import START, opened


def _visits(sim) -> list[tuple[str, float, float | None]]:
    """(item, minutes after the start taken up, minutes after the start left)."""
    def minutes(at):
        return None if at is None else (at - START) / timedelta(minutes=1)
    return [(v.item_id, minutes(v.taken_up_at), minutes(v.left_at))
            for v in sim.sitting.item_visits]


def test_each_item_taken_up_is_kept_with_when_it_was_left():
    sim = opened()
    sim.tick(60)
    sim("set_current_item", item="i1")
    sim.tick(60)
    sim("set_current_item", item="i2")
    sim.tick(60)
    sim("set_current_item", item=None)
    sim.tick(60)
    sim("set_current_item", item="i1")  # taken up again: a second visit
    assert _visits(sim) == [("i1", 1, 2), ("i2", 2, 3), ("i1", 4, None)]


def test_withdrawing_the_current_item_or_closing_the_sitting_leaves_it():
    sim = opened(present=6)
    sim("set_current_item", item="i4")
    sim.tick(60)
    sim("propose_agenda_change", change={"op": "withdraw", "item_id": "i4",
                                         "reason": "bez wniosków"})
    for seat in range(1, 7):
        sim("record_answer", member=f"m{seat:02d}", answer="yes")
    sim.tick(60)
    sim("close_vote")
    assert sim.sitting.items["i4"].withdrawn and sim.sitting.current_item is None
    assert _visits(sim) == [("i4", 0, 2)]
    sim("set_current_item", item="i2")
    sim.tick(60)
    sim("close_sitting")
    assert _visits(sim) == [("i4", 0, 2), ("i2", 2, 3)]


def test_a_speaker_taken_off_the_list_is_kept_as_they_were():
    sim = opened(present=2)
    sim("queue_speaker", member="m01", item="i2")
    sim("queue_speaker", guest={"name": "Anna Prezydent", "role": "Prezydent Miasta"}, item="i2")
    first, guest = (e.id for e in sim.sitting.waiting("i2"))
    sim("remove_speaker", entry=guest)
    sim("remove_speaker", entry=first)
    sitting = sim.sitting
    assert first not in sitting.speakers and guest not in sitting.speakers
    assert sitting.removed_speaker(guest).guest.name == "Anna Prezydent"
    assert sitting.removed_speaker(first).member_id == "m01"
    assert [e.id for e in sitting.removed_speakers] == [guest, first]
    assert sitting.removed_speaker("e99") is None


def test_history_is_shared_between_snapshots_not_copied():
    sim = opened()
    sim("set_current_item", item="i1")
    sim("set_current_item", item="i2")
    before = sim.state
    sim("set_current_item", item="i3")
    old, new = before.sitting.item_visits, sim.sitting.item_visits
    assert list(old) == [ItemVisit("i1", START, START), ItemVisit("i2", START)]  # unchanged
    shared = old._newest.before  # i1's visit: the same cell in both snapshots, not a copy
    assert shared is not None and new._newest.before.before is shared
    sim("check_in", member="m01")  # an event that adds no history keeps the very same trail
    assert sim.sitting.item_visits is new
    assert fold(sim.log) == sim.state  # a replay gives an equal state


def test_a_trail_grows_at_its_end_and_compares_by_its_entries():
    empty: Trail[int] = Trail()
    one = empty.push(1)
    two = one.push(2)
    assert (list(empty), list(one), list(two), len(two), two.last) == ([], [1], [1, 2], 2, 2)
    assert list(two.replace_last(5)) == [1, 5] and list(two) == [1, 2]
    assert two == Trail().push(1).push(2) and two != one and empty.last is None
    assert two.find(lambda n: n < 3) == 2 and two.find(lambda n: n > 2) is None


def test_an_answer_shares_the_other_votes_and_sittings_and_leaves_the_snapshot_alone():
    sim = opened(present=3)
    for number in range(40):  # enough votes that the votes map is a trie, not one leaf
        sim("open_vote", subject=f"Głosowanie {number}", rule={"kind": "simple"})
        sim("record_answer", member="m01", answer="yes")
        sim("close_vote")
    sim("open_vote", subject="Ostatnie", rule={"kind": "simple"})
    before = sim.state
    sim("record_answer", member="m02", answer="no")
    after = sim.sitting
    assert before.sitting.votes["v41"].answers == {}
    assert dict(after.votes["v41"].answers) == {"m02": "no"}
    assert all(after.votes[f"v{n}"] is before.sitting.votes[f"v{n}"] for n in range(1, 41))
    assert list(after.votes) == [f"v{n}" for n in range(1, 42)]
    assert fold(sim.log) == sim.state
