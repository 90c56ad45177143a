"""The sitting's rules end to end in the pure core: attendance, agenda, speakers, votes."""

import pytest

from models.rejection import Rejection
from models.terms import AttendanceStatus, FinalAnswer, Outcome, SpeechStatus
from tests.chamber import opened


def test_attendance_counts_and_keeps_times():
    sim = opened(present=6)
    assert sim.sitting.present_count == 6 and sim.sitting.has_quorum
    sim.tick(60)
    sim("check_out", member="m01")
    sim("excuse", member="m10", reason="choroba")
    sitting = sim.sitting
    assert sitting.present_count == 5 and not sitting.has_quorum
    assert sitting.attendance["m01"].status is AttendanceStatus.LEFT
    (came, left), = sitting.attendance["m01"].stays
    assert (left - came).total_seconds() == 60
    assert sitting.attendance["m10"].excuse == "choroba"
    with pytest.raises(Rejection) as rejected:
        sim("check_in", member="m02")
    assert rejected.value.code == "no_change"


def test_named_vote_with_recusal_not_voting_and_absent():
    sim = opened(present=8)
    sim("set_current_item", item="i2")
    sim("open_vote", subject="Projekt uchwały", kind="resolution",
        rule={"kind": "absolute_seats"}, recused=["m08"])
    for member, answer in [("m01", "yes"), ("m02", "yes"), ("m03", "yes"), ("m04", "no"),
                           ("m05", "yes"), ("m06", "yes"), ("m07", "abstain")]:
        sim("record_answer", member=member, answer=answer)
    sim("record_answer", member="m07", answer="yes")  # changed before close
    sim("record_answer", member="m07", answer=None)  # and taken back
    with pytest.raises(Rejection) as rejected:
        sim("record_answer", member="m08", answer="yes")
    assert rejected.value.code == "recused"
    with pytest.raises(Rejection) as rejected:
        sim("record_answer", member="m09", answer="yes")
    assert rejected.value.code == "not_present"
    sim("close_vote")
    vote = sim.sitting.votes["v1"]
    result = vote.result
    assert vote.changes == 2
    assert (result.yes, result.no, result.abstain) == (5, 1, 0)
    assert (result.not_voting, result.absent, result.recused) == (1, 2, 1)
    named = dict(result.named)
    assert named["m07"] is FinalAnswer.NOT_VOTING and named["m08"] is FinalAnswer.RECUSED
    assert named["m09"] is FinalAnswer.ABSENT and named["m10"] is FinalAnswer.ABSENT
    assert result.outcome is Outcome.REJECTED
    assert result.needed == 6  # 11 seats, a vacancy: absolute majority is still 6


def test_adopted_resolution_gets_the_next_number_and_a_revote_keeps_the_old_vote():
    sim = opened(present=7, next_resolution_number=312)
    sim("set_current_item", item="i2")
    sim("open_vote", subject="Projekt uchwały", kind="resolution")
    for i in range(1, 7):
        sim("record_answer", member=f"m{i:02d}", answer="yes")
    sim("close_vote")
    assert [r.number for r in sim.state.register] == ["XL/312/2026"]
    assert sim.sitting.items["i2"].resolution == "XL/312/2026"
    sim("open_vote", subject="Reasumpcja", kind="resolution", revote_of="v1")
    for i in range(1, 7):
        sim("record_answer", member=f"m{i:02d}", answer="no")
    sim("close_vote")
    assert sim.sitting.votes["v1"].result.outcome is Outcome.ADOPTED  # kept as it was
    assert sim.sitting.votes["v2"].revote_of == "v1"
    assert sim.state.register[0].voided_by == "v2"


def test_vote_without_quorum_is_invalid():
    sim = opened(present=5)  # 11 seats need 6
    sim("open_vote", subject="Wniosek")
    sim("record_answer", member="m01", answer="yes")
    sim("close_vote")
    result = sim.sitting.votes["v1"].result
    assert result.outcome is Outcome.INVALID and not result.quorum
    assert "brak kworum przy otwarciu (5 obecnych, wymagane 6 z 11)" in result.explanation_pl


def test_secret_vote_stores_totals_only():
    sim = opened(present=8)
    sim("open_vote", subject="Wybór", mode="secret")
    with pytest.raises(Rejection):
        sim("record_answer", member="m01", answer="yes")
    with pytest.raises(Rejection) as rejected:
        sim("record_totals", yes=7, no=1, abstain=1)
    assert rejected.value.code == "too_many"
    sim("record_totals", yes=6, no=1, abstain=0)
    sim("close_vote")
    result = sim.sitting.votes["v1"].result
    assert result.named == () and (result.yes, result.not_voting, result.absent) == (6, 1, 2)
    assert result.outcome is Outcome.ADOPTED


def test_agenda_change_needs_the_absolute_majority_of_statutory_seats():
    sim = opened(present=10)
    sim("propose_agenda_change", change={"op": "add", "title": "Nowy punkt", "position": 1})
    for i in range(1, 6):  # 5 of 11 seats: not enough
        sim("record_answer", member=f"m{i:02d}", answer="yes")
    sim("close_vote")
    assert sim.sitting.votes["v1"].result.outcome is Outcome.REJECTED
    assert len(sim.sitting.items) == 4
    sim("propose_agenda_change", change={"op": "add", "title": "Nowy punkt", "position": 1})
    for i in range(1, 7):
        sim("record_answer", member=f"m{i:02d}", answer="yes")
    sim("close_vote")
    numbers = [(n, item.item.title) for n, _d, item in sim.sitting.numbered_items()]
    assert numbers[1] == ("2", "Nowy punkt") and numbers[3] == ("3.1", "w sprawie budżetu")
    sim("propose_agenda_change", change={"op": "withdraw", "item_id": "i4", "reason": "x"})
    for i in range(1, 7):
        sim("record_answer", member=f"m{i:02d}", answer="yes")
    sim("close_vote")
    assert [n for n, _d, _i in sim.sitting.numbered_items()] == ["1", "2", "3", "3.1", "—"]


def test_speakers_points_of_order_first_and_time_is_kept():
    sim = opened(present=5)
    sim("set_current_item", item="i2")
    sim("queue_speaker", member="m01")
    sim("queue_speaker", guest={"name": "Anna Prezydent", "role": "Prezydent Miasta"})
    sim("queue_speaker", member="m02", kind="point_of_order")
    waiting = [e.member_id or e.guest.name for e in sim.sitting.waiting("i2")]
    assert waiting == ["m02", "m01", "Anna Prezydent"]
    sim("start_speech")
    sim.tick(30)
    sim("pause_speech")
    sim.tick(100)
    sim("resume_speech")
    sim.tick(15)
    sim("start_speech")  # the next speaker ends the current speech
    entry = sim.sitting.speakers["e3"]
    assert entry.status is SpeechStatus.DONE and entry.elapsed_s == 45
    assert sim.sitting.speaking_totals["m02"] == 45
    assert sim.sitting.speakers["e1"].status is SpeechStatus.SPEAKING
    with pytest.raises(Rejection):
        sim("queue_speaker", guest={"name": "Mieszkaniec"}, kind="point_of_order")


def test_commands_after_the_sitting_closes_are_rejected():
    sim = opened(present=6)
    sim("close_sitting")
    with pytest.raises(Rejection) as rejected:
        sim("check_in", member="m07")
    assert rejected.value.code == "sitting_closed"
