"""A sitting entered afterwards: each event keeps the time it happened beside the time it was
entered, the happened times go forward, "brak danych" is its own answer there only, and a
resolution may carry the number the council gave it."""

from datetime import UTC, datetime

import pytest

from models.commands import DefineCouncil, OpenSitting
from models.rejection import Rejection
from models.terms import AnswerSource, FinalAnswer, Outcome
from tests.chamber import Sim, council, opened

DAY = "2025-05-29"


def _at(hhmm: str) -> str:
    return f"{DAY}T{hhmm}:00+02:00"


def _afterwards(members: int = 5, seats: int = 5) -> Sim:
    sim = Sim()
    sim.run(DefineCouncil(council=council(members, seats)))
    sim.run(OpenSitting.model_validate({
        "number": "XV", "date": DAY, "happened_at": _at("11:00"),
        "agenda": [{"title": "Uchwały", "kind": "resolution", "label": "17a"}]}))
    for i in range(1, members + 1):
        sim("check_in", member=f"m{i:02d}", happened_at=_at("11:00"))
    return sim


def test_each_event_keeps_both_times_and_the_state_the_happened_one():
    sim = _afterwards()
    sim("open_vote", subject="Budżet", item="i1", kind="resolution", happened_at=_at("11:05"))
    stored = sim.log[-1]
    assert stored.at == sim.at  # entered now: the log's own time
    assert stored.event.happened_at == datetime.fromisoformat(_at("11:05"))
    sitting = sim.sitting
    assert sitting.entered_afterwards and sitting.entered_from == sim.at
    assert sitting.opened_at == datetime.fromisoformat(_at("11:00"))
    assert sitting.votes["v1"].opened_at == datetime.fromisoformat(_at("11:05"))
    assert sitting.attendance["m01"].stays[0][0] == datetime.fromisoformat(_at("11:00"))


def test_a_live_sitting_is_not_entered_afterwards_and_takes_no_past_time():
    sim = opened(members=5, seats=5, present=5)
    assert not sim.sitting.entered_afterwards and sim.log[-1].event.happened_at is None
    with pytest.raises(Rejection) as refused:
        sim("open_vote", subject="Budżet", happened_at=_at("11:05"))
    assert refused.value.code == "afterwards_live"


def test_every_command_of_a_sitting_entered_afterwards_gives_its_time_in_order():
    sim = _afterwards()
    with pytest.raises(Rejection) as missing:
        sim("open_vote", subject="Budżet")
    assert missing.value.code == "afterwards_time_missing"
    sim("open_vote", subject="Budżet", happened_at=_at("11:05"))
    sim("record_answer", member="m01", answer="yes", happened_at=_at("11:05"))  # same minute
    before = sim.state
    with pytest.raises(Rejection) as back:
        sim("record_answer", member="m02", answer="yes", happened_at=_at("11:04"))
    assert back.value.code == "afterwards_order" and "11:04" in back.value.en
    assert sim.state is before


def test_nothing_is_entered_before_it_happened_nor_on_another_day():
    sim = Sim()
    sim.run(DefineCouncil(council=council(3, 3)))
    with pytest.raises(Rejection) as future:
        sim("open_sitting", number="XV", date="2026-11-22", happened_at="2026-11-22T12:00:00+00:00")
    assert future.value.code == "afterwards_future"
    with pytest.raises(Rejection) as day:
        sim("open_sitting", number="XV", date=DAY, happened_at="2025-05-30T09:00:00+02:00")
    assert day.value.code == "afterwards_day"


def test_unknown_is_counted_on_its_own_and_never_as_present_or_absent():
    sim = _afterwards(members=5, seats=5)
    sim("check_out", member="m05", happened_at=_at("11:04"))
    sim("check_out", member="m04", happened_at=_at("11:04"))
    sim("open_vote", subject="Budżet", item="i1", kind="resolution", happened_at=_at("11:05"))
    for member, answer in (("m01", "yes"), ("m02", "yes"), ("m03", "no")):
        sim("record_answer", member=member, answer=answer, happened_at=_at("11:05"))
    sim("import_answer", member="m04", answer="unknown", happened_at=_at("11:05"))
    sim("close_vote", happened_at=_at("11:06"), quorum_as_stated="Kworum zostało osiągnięte")
    vote = sim.sitting.votes["v1"]
    result = vote.result
    assert (result.yes, result.no, result.abstain, result.not_voting, result.absent,
            result.unknown) == (2, 1, 0, 0, 1, 1)
    assert dict(result.named)["m04"] is FinalAnswer.UNKNOWN
    assert result.outcome is Outcome.ADOPTED and result.quorum  # 3 of 5 known present
    assert vote.sources["m04"] is AnswerSource.IMPORT and vote.sources["m01"] is AnswerSource.CONSOLE
    assert vote.quorum_as_stated == "Kworum zostało osiągnięte"


def test_unknown_and_a_stated_quorum_are_refused_in_a_live_sitting():
    sim = opened(members=5, seats=5, present=5)
    sim("open_vote", subject="Budżet")
    with pytest.raises(Rejection) as unknown:
        sim("record_answer", member="m01", answer="unknown")
    assert unknown.value.code == "unknown_live"
    with pytest.raises(Rejection) as imported:
        sim("import_answer", member="m01", answer="yes")
    assert imported.value.code == "import_live"
    with pytest.raises(Rejection) as stated:
        sim("close_vote", quorum_as_stated="Kworum jest")
    assert stated.value.code == "quorum_stated_live"


def test_a_number_the_council_gave_goes_into_the_register_unnumbered():
    sim = _afterwards()
    sim("open_vote", subject="Budżet", item="i1", kind="resolution", happened_at=_at("11:05"))
    for i in range(1, 6):
        sim("record_answer", member=f"m{i:02d}", answer="yes", happened_at=_at("11:05"))
    sim("close_vote", happened_at=_at("11:06"), resolution_number="XV/345/25")
    (entry,) = sim.state.register
    assert (entry.number, entry.ordinal, entry.given) == ("XV/345/25", 0, True)
    assert sim.state.next_resolution == 1  # the register's own numbering goes on unchanged
    assert sim.sitting.items["i1"].resolution == "XV/345/25"
    assert entry.registered_at == datetime(2025, 5, 29, 9, 6, tzinfo=UTC)


def test_a_given_number_is_refused_where_no_resolution_is_adopted_or_it_is_taken():
    sim = _afterwards()
    sim("open_vote", subject="Wniosek", happened_at=_at("11:05"))
    with pytest.raises(Rejection) as refused:
        sim("close_vote", happened_at=_at("11:06"), resolution_number="XV/1/25")
    assert refused.value.code == "resolution_not_numbered"
    assert "not a vote on a resolution" in refused.value.en
    sim("cancel_vote", reason="pomyłka", happened_at=_at("11:06"))
    sim("open_vote", subject="Budżet", item="i1", kind="resolution", happened_at=_at("11:07"))
    for i in range(1, 6):
        sim("record_answer", member=f"m{i:02d}", answer="yes", happened_at=_at("11:07"))
    sim("close_vote", happened_at=_at("11:08"), resolution_number="XV/1/25")
    sim("open_vote", subject="Budżet 2", kind="resolution", item="i1", happened_at=_at("11:09"))
    with pytest.raises(Rejection) as taken:
        sim("close_vote", happened_at=_at("11:10"), resolution_number="XV/1/25")
    assert taken.value.code == "resolution_number_used"
