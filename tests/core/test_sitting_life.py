"""A sitting's life in the pure core: convened -> open <-> break -> closed, a second day,
the chair handed over, recusal after the opening, amendments, re-votes of any kind and a
close that must confirm the result it showed."""

from datetime import date

import pytest

from models.commands import DefineCouncil
from models.law import Rule, article
from models.rejection import Rejection
from models.sitting_life import agenda_specs, open_matters, quorum_warning
from models.terms import (
    AttendanceStatus,
    CouncilKind,
    FinalAnswer,
    SittingStatus,
    VoteKind,
)
from tests.chamber import Sim, council, opened

AGENDA = [
    {"title": "Otwarcie sesji", "kind": "procedural"},
    {"title": "Projekt uchwały w sprawie budżetu", "kind": "resolution", "label": "6",
     "print_number": "412", "rapporteur": "Skarbnik", "rule": {"kind": "absolute_seats"}},
    {"title": "Projekt uchwały w sprawie drogi", "kind": "resolution", "label": "6a",
     "print_number": "413"},
    {"title": "Wolne wnioski"},
]


def convened(present: int = 0, kind: CouncilKind = CouncilKind.GMINA, **fields) -> Sim:
    sim = Sim()
    sim.run(DefineCouncil(council=council(10, 11, kind=kind)))
    sim("convene_sitting", number="xli", date="2026-12-03", hour="16:00", place="Sala sesyjna",
        chair="m01", agenda=AGENDA, **fields)
    for i in range(1, present + 1):
        sim("check_in", member=f"m{i:02d}")
    return sim


def test_a_convened_sitting_is_prepared_and_keeps_its_labels():
    sim = convened()
    sitting = sim.sitting
    assert sitting.status is SittingStatus.PREPARED and sitting.number == "XLI"
    assert sitting.hour.isoformat() == "16:00:00" and sitting.chairing == "m01"
    assert [number for number, _d, _i in sitting.numbered_items()] == ["1", "6", "6a", "7"]
    budget = sitting.items["i2"].item
    assert (budget.rapporteur, budget.print_number, budget.rule.kind.value) == \
        ("Skarbnik", "412", "absolute_seats")
    with pytest.raises(Rejection) as rejected:
        sim("open_vote", subject="Cokolwiek")
    assert rejected.value.code == "sitting_prepared"


def test_a_label_is_never_renumbered_when_an_item_is_added_before_it():
    sim = convened(present=6)
    sim("start_sitting")
    sim("propose_agenda_change", change={"op": "add", "title": "Informacja", "position": 1})
    for i in range(1, 7):
        sim("record_answer", member=f"m{i:02d}", answer="yes")
    sim("close_vote")
    assert [number for number, _d, _i in sim.sitting.numbered_items()] == \
        ["1", "2", "6", "6a", "7"]


def test_opening_states_quorum_with_the_right_act_for_the_council():
    sim = convened(present=5, kind=CouncilKind.POWIAT)
    events = sim("start_sitting")
    assert [e.type for e in events] == ["sitting_started", "quorum_stated"]
    stated = events[1]
    assert (stated.present, stated.needed, stated.quorum) == (5, 6, False)
    sitting = sim.sitting
    assert sitting.status is SittingStatus.OPEN and sitting.periods[0].day == date(2026, 12, 3)
    warning = quorum_warning(sim.state, sitting)
    assert "obecnych 5, wymaganych 6 z 11 (art. 13 ust. 1 u.s.p.)" in warning
    assert quorum_warning(sim.state, sitting, "en") == (
        "No quorum: 5 present, 6 needed of 11 (art. 13 ust. 1 u.s.p.). A vote opened without "
        "quorum will be invalid. Open it anyway?")
    sim("check_in", member="m06")
    assert quorum_warning(sim.state, sim.sitting) is None


def test_articles_differ_by_council_kind():
    assert article(Rule.AGENDA_CHANGE, CouncilKind.GMINA) == "art. 20 ust. 1a u.s.g."
    assert article(Rule.AGENDA_CHANGE, CouncilKind.WOJEWODZTWO) == "art. 21 ust. 2 u.s.w."
    assert article(Rule.EXTRAORDINARY, CouncilKind.POWIAT) == "art. 15 ust. 7 u.s.p."
    assert article(Rule.QUORUM, CouncilKind.COMMITTEE) == ""


def test_an_extraordinary_sitting_needs_its_request():
    with pytest.raises(Rejection) as rejected:
        convened(sitting_type="extraordinary")
    assert "art. 20 ust. 3 u.s.g." in rejected.value.pl
    sim = convened(sitting_type="extraordinary", requested_by="Burmistrz")
    assert sim.sitting.requested_by == "Burmistrz"


def test_a_break_stops_votes_and_keeps_its_times():
    sim = convened(present=6)
    sim("start_sitting")
    sim.tick(600)
    sim("start_break", reason="narada klubów")
    with pytest.raises(Rejection) as rejected:
        sim("open_vote", subject="Wniosek")
    assert rejected.value.code == "sitting_break"
    sim.tick(900)
    sim("end_break")
    (pause,) = sim.sitting.breaks
    assert (pause.ended_at - pause.started_at).total_seconds() == 900
    assert pause.reason == "narada klubów" and sim.sitting.status is SittingStatus.OPEN


def test_a_sitting_continued_on_another_day_takes_attendance_again():
    sim = convened(present=6)
    sim("start_sitting")
    sim("adjourn_sitting", resume_on="2026-12-10")
    sitting = sim.sitting
    assert sitting.status is SittingStatus.ADJOURNED and sitting.present_count == 0
    assert sitting.attendance["m01"].status is AttendanceStatus.ABSENT
    with pytest.raises(Rejection):
        sim("continue_sitting", date="2026-12-03")  # the same day is no continuation
    sim("continue_sitting", date="2026-12-10")
    sim("check_in", member="m02")
    stated = sim("state_quorum")[0]
    assert (stated.present, stated.quorum) == (1, False)
    assert sim.sitting.days == (date(2026, 12, 3), date(2026, 12, 10))


def test_the_chair_hands_over_and_takes_back():
    sim = convened(present=6)
    sim("start_sitting")
    sim("hand_over_chair", member="m02")
    assert sim.sitting.chairing == "m02"
    with pytest.raises(Rejection) as rejected:
        sim("hand_over_chair", member="m09")  # absent
    assert rejected.value.code == "not_present"
    sim("hand_over_chair", member="m01")
    assert [turn.member_id for turn in sim.sitting.chair_turns] == ["m01", "m02", "m01"]


def test_a_recusal_after_the_opening_is_its_own_event_until_the_member_answers():
    sim = opened(present=8)
    sim("set_current_item", item="i2")
    sim("open_vote", subject="Projekt", kind="resolution")
    sim("record_answer", member="m01", answer="yes")
    with pytest.raises(Rejection) as rejected:
        sim("declare_recusal", member="m01")
    assert rejected.value.code == "answered"
    (event,) = sim("declare_recusal", member="m02", reason="interes prawny")
    assert event.type == "recusal_declared"
    opening = next(s.event for s in sim.log if s.event.type == "vote_opened")
    assert opening.recused == ()  # the opening's list stays as it was
    with pytest.raises(Rejection):
        sim("record_answer", member="m02", answer="no")
    closed = sim("close_vote")[0]
    assert dict(closed.result.named)["m02"] is FinalAnswer.RECUSED
    assert closed.result.recused == 1


def test_an_amendment_is_voted_before_its_resolution_and_linked_to_it():
    sim = opened(present=8)
    with pytest.raises(Rejection) as rejected:
        sim("open_vote", subject="Poprawka bez punktu", kind="amendment")
    assert rejected.value.code == "no_item"
    sim("set_current_item", item="i2")
    sim("open_vote", subject="Poprawka nr 1", kind="amendment")
    sim("record_answer", member="m01", answer="yes")
    sim("close_vote")
    (opening,) = sim("open_vote", subject="Projekt w całości", kind="resolution")
    assert opening.amendments == ("v1",)
    for i in range(1, 8):
        sim("record_answer", member=f"m{i:02d}", answer="yes")
    sim("close_vote")
    with pytest.raises(Rejection) as rejected:
        sim("open_vote", subject="Poprawka spóźniona", kind="amendment")
    assert rejected.value.code == "amendment_late"


def test_a_revote_keeps_the_recusals_and_says_why_and_on_whose_motion():
    sim = opened(present=8)
    sim("set_current_item", item="i2")
    sim("open_vote", subject="Projekt", kind="resolution", recused=["m08"])
    sim("declare_recusal", member="m07")
    sim("record_answer", member="m01", answer="no")
    sim("close_vote")
    (opening,) = sim("open_vote", subject="Reasumpcja: Projekt", revote_of="v1",
                     revote_reason="pomyłka przy liczeniu", revote_motion="m03")
    assert set(opening.recused) == {"m07", "m08"}
    assert (opening.kind, opening.item_id) == (VoteKind.RESOLUTION, "i2")
    assert (opening.revote_reason, opening.revote_motion) == ("pomyłka przy liczeniu", "m03")


def test_an_agenda_change_vote_can_be_revoted_and_its_change_applies_once():
    sim = opened(present=8)
    sim("propose_agenda_change", change={"op": "add", "title": "Nowy punkt"})
    sim("record_answer", member="m01", answer="yes")
    sim("close_vote")  # rejected: 1 of 11 seats
    items_before = len(sim.sitting.items)
    (opening,) = sim("open_vote", subject="Reasumpcja zmiany porządku", revote_of="v1")
    assert opening.kind is VoteKind.AGENDA_CHANGE and opening.agenda_change.title == "Nowy punkt"
    assert opening.rule.kind.value == "absolute_seats"
    for i in range(1, 9):
        sim("record_answer", member=f"m{i:02d}", answer="yes")
    events = sim("close_vote")
    assert [e.type for e in events] == ["vote_closed", "agenda_item_added"]
    assert len(sim.sitting.items) == items_before + 1
    sim("open_vote", subject="Reasumpcja jeszcze raz", revote_of="v2")
    for i in range(1, 9):
        sim("record_answer", member=f"m{i:02d}", answer="yes")
    events = sim("close_vote")
    assert [e.type for e in events] == ["vote_closed"]  # adopted already: not added twice


def test_a_close_confirming_a_stale_result_is_refused():
    sim = opened(present=8)
    sim("open_vote", subject="Wniosek")
    sim("record_answer", member="m01", answer="yes")
    shown = sim.sitting.votes["v1"].revision
    sim("record_answer", member="m02", answer="no")  # another console changes an answer
    with pytest.raises(Rejection) as rejected:
        sim("close_vote", confirmed_revision=shown)
    assert rejected.value.code == "stale_confirmation" and "zmienił się" in rejected.value.pl
    (closed,) = sim("close_vote", confirmed_revision=sim.sitting.votes["v1"].revision)
    assert (closed.result.yes, closed.result.no) == (1, 1)


def test_closing_lists_what_is_still_open_and_a_prepared_sitting_cannot_close():
    sim = convened(present=6)
    with pytest.raises(Rejection) as rejected:
        sim("close_sitting")
    assert rejected.value.code == "sitting_prepared"
    sim("start_sitting")
    sim("set_current_item", item="i1")
    sim("queue_speaker", member="m03")
    sim("start_speech")
    sim("open_vote", subject="Wniosek formalny")
    matters = open_matters(sim.sitting)
    assert matters[0].startswith("trwa głosowanie nr 1")
    assert matters[1] == "trwa wystąpienie: Radny 3"
    assert matters[2] == "punkty nierozpatrzone: 6, 6a, 7"
    assert open_matters(sim.sitting, "en") == (
        "vote no. 1 is open: Wniosek formalny", "a speech is running: Radny 3",
        "items not taken up: 6, 6a, 7")
    sim("cancel_vote", reason="pomyłka")
    sim("close_sitting")
    assert sim.sitting.status is SittingStatus.CLOSED
    assert sim.sitting.periods[0].ended_at is not None


def test_an_earlier_sittings_agenda_is_a_proposal_for_the_next():
    sim = convened(present=6)
    sim("start_sitting")
    sim("close_sitting")
    specs = agenda_specs(sim.sitting)
    assert [(s.label, s.title) for s in specs][:3] == [
        ("", "Otwarcie sesji"), ("6", "Projekt uchwały w sprawie budżetu"),
        ("6a", "Projekt uchwały w sprawie drogi")]
    sim("convene_sitting", number="XLII", date="2026-12-17",
        agenda=[s.model_dump() for s in specs])
    assert [n for n, _d, _i in sim.sitting.numbered_items()] == ["1", "6", "6a", "7"]
    assert sim.sitting.items["i2"].item.rapporteur == "Skarbnik"

