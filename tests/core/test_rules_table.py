"""Every majority rule and quorum edge, end to end through a vote in the pure core.

A row's `room` gives each roster member's place, in roster order (m01, m02, ...):
Y / N / A  present and answered yes / no / abstain
-          present, no answer (becomes not_voting)
x          absent (never checked in)
r / R      recused, present / absent
"""

import pytest

from models.rejection import Rejection
from models.terms import FinalAnswer, Outcome
from tests.chamber import Sim, opened

A, R, INVALID = Outcome.ADOPTED, Outcome.REJECTED, Outcome.INVALID

SIMPLE = {"kind": "simple"}
ABS_CAST = {"kind": "absolute_cast"}
ABS_SEATS = {"kind": "absolute_seats"}
Q35_SEATS = {"kind": "qualified_seats", "numerator": 3, "denominator": 5}
Q23_CAST = {"kind": "qualified_cast", "numerator": 2, "denominator": 3}

ANSWERS = {"Y": "yes", "N": "no", "A": "abstain"}


def member(index: int) -> str:
    return f"m{index + 1:02d}"


def sitting_with(room: str, seats: int) -> Sim:
    sim = opened(members=len(room), seats=seats)
    for index, place in enumerate(room):
        if place in "YNA-r":
            sim("check_in", member=member(index))
    return sim


def named_vote(room: str, seats: int, rule: dict):
    sim = sitting_with(room, seats)
    recused = [member(i) for i, place in enumerate(room) if place in "rR"]
    sim("open_vote", subject="Wniosek", rule=rule, recused=recused)
    for index, place in enumerate(room):
        if place in ANSWERS:
            sim("record_answer", member=member(index), answer=ANSWERS[place])
    sim("close_vote")
    return sim.sitting.votes["v1"].result


# seats 11 with 10 members (a vacancy) unless a row says otherwise; quorum of 11 seats is 6
ROWS = [
    # rule, seats, room, outcome, needed, not_voting, absent, recused
    pytest.param(SIMPLE, 11, "YYYNNNxxxx", R, 4, 0, 4, 0, id="simple-tie"),
    pytest.param(SIMPLE, 11, "YYYYNNAAxx", A, 3, 0, 2, 0, id="simple-more-yes"),
    pytest.param(SIMPLE, 11, "AAAAAAxxxx", R, 1, 0, 4, 0, id="simple-all-abstain"),
    pytest.param(SIMPLE, 11, "YY-N--xxxx", A, 2, 3, 4, 0, id="simple-not-voting-ignored"),
    pytest.param(SIMPLE, 11, "YYYrNN-xxR", A, 3, 1, 2, 2, id="simple-recused"),
    pytest.param(SIMPLE, 11, "YYYYYxxxxx", INVALID, 1, 0, 5, 0, id="simple-no-quorum"),
    pytest.param(ABS_CAST, 11, "YYYNNAxxxx", R, 4, 0, 4, 0, id="abs-cast-half-not-enough"),
    pytest.param(ABS_CAST, 11, "YYYYNNA---", A, 4, 3, 0, 0, id="abs-cast-more-than-half"),
    # required: more than half of the votes actually cast (7 cast: 4), not "no + abstain + 1"
    pytest.param(ABS_CAST, 11, "AAAAAAAxxx", R, 4, 0, 3, 0, id="abs-cast-all-abstain"),
    pytest.param(ABS_CAST, 11, "YY-------x", A, 2, 7, 1, 0, id="abs-cast-not-voting-ignored"),
    pytest.param(ABS_CAST, 11, "YYrrNN-xxx", R, 3, 1, 3, 2, id="abs-cast-recused-tie"),
    pytest.param(ABS_SEATS, 11, "YYYYYYxxxx", A, 6, 0, 4, 0, id="abs-seats-vacancy-counts"),
    pytest.param(ABS_SEATS, 11, "YYYYY-xxxx", R, 6, 1, 4, 0, id="abs-seats-one-short"),
    pytest.param(ABS_SEATS, 10, "YYYYYNNNNN", R, 6, 0, 0, 0, id="abs-seats-exactly-half"),
    pytest.param(ABS_SEATS, 10, "AAAAAAAAAA", R, 6, 0, 0, 0, id="abs-seats-all-abstain"),
    pytest.param(ABS_SEATS, 11, "YYYYYrrxxx", R, 6, 0, 3, 2, id="abs-seats-recused-no-help"),
    pytest.param(Q35_SEATS, 11, "YYYYYYYxxx", A, 7, 0, 3, 0, id="q35-seats-ceil"),
    pytest.param(Q35_SEATS, 11, "YYYYYYNxxx", R, 7, 0, 3, 0, id="q35-seats-one-short"),
    pytest.param(Q35_SEATS, 10, "YYYYYYNNNN", A, 6, 0, 0, 0, id="q35-seats-exactly"),
    pytest.param(Q35_SEATS, 11, "AAAAAAAAAA", R, 7, 0, 0, 0, id="q35-seats-all-abstain"),
    pytest.param(Q35_SEATS, 11, "YYYYYYrrrR", R, 7, 0, 0, 4, id="q35-seats-recused"),
    pytest.param(Q23_CAST, 11, "YYYYNNxxxx", A, 4, 0, 4, 0, id="q23-cast-exactly"),
    pytest.param(Q23_CAST, 11, "YYYNNAxxxx", R, 4, 0, 4, 0, id="q23-cast-half"),
    pytest.param(Q23_CAST, 11, "YYYYNNA---", R, 5, 3, 0, 0, id="q23-cast-ceil"),
    pytest.param(Q23_CAST, 11, "AAAAAAxxxx", R, 4, 0, 4, 0, id="q23-cast-all-abstain"),
    pytest.param(Q23_CAST, 11, "YY--------", A, 2, 8, 0, 0, id="q23-cast-not-voting-ignored"),
    pytest.param(Q23_CAST, 11, "YYYYNrrxxx", A, 4, 0, 3, 2, id="q23-cast-recused"),
    pytest.param(Q23_CAST, 11, "---rr-xxxx", R, 1, 4, 4, 2, id="q23-cast-nobody-votes"),
    # quorum: at least half of the statutory seats, from attendance
    pytest.param(SIMPLE, 22, "Y" * 6 + "N" * 5 + "x" * 11, A, 6, 0, 11, 0,
                 id="quorum-exactly-half-of-22"),
    pytest.param(SIMPLE, 23, "Y" * 6 + "N" * 5 + "x" * 11, INVALID, 6, 0, 11, 0,
                 id="quorum-11-of-23-vacancy"),
    pytest.param(SIMPLE, 23, "Y" * 6 + "N" * 5 + "r" + "x" * 10, A, 6, 0, 10, 1,
                 id="quorum-recused-count-as-present"),
    pytest.param(ABS_SEATS, 11, "------xxxx", R, 6, 6, 4, 0, id="quorum-everyone-silent"),
]


@pytest.mark.parametrize(
    ("rule", "seats", "room", "outcome", "needed", "not_voting", "absent", "recused"), ROWS)
def test_named_vote_table(rule, seats, room, outcome, needed, not_voting, absent, recused):
    result = named_vote(room, seats, rule)
    assert result.outcome is outcome
    assert result.needed == needed
    assert (result.yes, result.no, result.abstain) == (room.count("Y"), room.count("N"),
                                                       room.count("A"))
    assert (result.not_voting, result.absent, result.recused) == (not_voting, absent, recused)
    assert result.quorum is (outcome is not INVALID)
    finals = [answer for _member, answer in result.named]
    assert len(finals) == len(room)
    assert finals.count(FinalAnswer.NOT_VOTING) == not_voting
    assert finals.count(FinalAnswer.ABSENT) == absent
    assert finals.count(FinalAnswer.RECUSED) == recused


SECRET_ROWS = [
    # rule, seats, room (only presence and recusal matter), yes/no/abstain, outcome, needed,
    # not_voting, absent
    pytest.param(SIMPLE, 11, "------xxxx", (3, 3, 0), R, 4, 0, 4, id="secret-simple-tie"),
    pytest.param(ABS_CAST, 11, "-------xxx", (4, 1, 1), A, 4, 1, 3, id="secret-abs-cast"),
    pytest.param(ABS_SEATS, 11, "-------xxx", (5, 0, 0), R, 6, 2, 3, id="secret-abs-seats"),
    pytest.param(Q35_SEATS, 10, "--------rR", (6, 0, 2), A, 6, 0, 0, id="secret-q35-recused"),
    pytest.param(Q23_CAST, 11, "------xxxx", (0, 0, 6), R, 4, 0, 4, id="secret-all-abstain"),
    pytest.param(SIMPLE, 11, "-----xxxxx", (5, 0, 0), INVALID, 1, 0, 5, id="secret-no-quorum"),
]


@pytest.mark.parametrize(
    ("rule", "seats", "room", "totals", "outcome", "needed", "not_voting", "absent"),
    SECRET_ROWS)
def test_secret_vote_table(rule, seats, room, totals, outcome, needed, not_voting, absent):
    sim = sitting_with(room, seats)
    recused = [member(i) for i, place in enumerate(room) if place in "rR"]
    sim("open_vote", subject="Wybór", rule=rule, mode="secret", recused=recused)
    yes, no, abstain = totals
    sim("record_totals", yes=yes, no=no, abstain=abstain)
    sim("close_vote")
    result = sim.sitting.votes["v1"].result
    assert (result.outcome, result.needed) == (outcome, needed)
    assert (result.not_voting, result.absent, result.recused) == (not_voting, absent,
                                                                  len(recused))
    assert result.named == ()


def test_a_secret_voter_who_left_before_the_close_is_a_vote_not_an_absence():
    """Found by the property test: the parts of a secret result must add up to the roster."""
    sim = sitting_with("--------xx", seats=11)
    sim("open_vote", subject="Wybór", mode="secret")
    sim("record_totals", yes=6, no=1, abstain=1)
    sim("check_out", member="m01")
    sim("check_out", member="m02")
    sim("close_vote")
    result = sim.sitting.votes["v1"].result
    assert (result.yes, result.no, result.abstain, result.not_voting, result.absent) == (
        6, 1, 1, 0, 2)
    assert result.present_at_close == 6


def test_not_voting_and_absent_follow_presence_at_the_close():
    """An answer given stays after its member leaves; silence is absence once they left."""
    sim = sitting_with("-" * 10, seats=11)
    sim("open_vote", subject="Wniosek")
    sim("record_answer", member="m01", answer="yes")
    sim("record_answer", member="m02", answer="no")
    sim("check_out", member="m01")  # answered, then left: the answer stays
    sim("check_out", member="m03")  # left without an answer: absent
    sim("check_in", member="m03")  # ... unless they came back: not voting
    sim("check_out", member="m04")
    sim("close_vote")
    result = sim.sitting.votes["v1"].result
    named = dict(result.named)
    assert named["m01"] is FinalAnswer.YES and named["m02"] is FinalAnswer.NO
    assert named["m03"] is FinalAnswer.NOT_VOTING and named["m04"] is FinalAnswer.ABSENT
    assert (result.not_voting, result.absent) == (7, 1)
    assert result.present_at_close == 8


def test_quorum_lost_before_the_close_makes_the_vote_invalid():
    sim = sitting_with("YYYYYY" + "xxxx", seats=11)
    sim("open_vote", subject="Wniosek")
    for index in range(6):
        sim("record_answer", member=member(index), answer="yes")
    sim("check_out", member="m06")
    sim("close_vote")
    result = sim.sitting.votes["v1"].result
    assert result.outcome is INVALID and (result.present_at_open, result.present_at_close) == (6, 5)
    assert result.explanation_pl == (
        "Głosowanie nieważne: brak kworum przy zamknięciu (5 obecnych, wymagane 6 z 11)")
    assert result.yes == 6  # the answers are kept on the record


def test_an_excused_member_is_absent_and_cannot_answer():
    sim = sitting_with("------xxxx", seats=11)
    sim("excuse", member="m07", reason="delegacja")
    sim("open_vote", subject="Wniosek")
    with pytest.raises(Rejection) as rejected:
        sim("record_answer", member="m07", answer="yes")
    assert rejected.value.code == "not_present"
    sim("close_vote")
    assert dict(sim.sitting.votes["v1"].result.named)["m07"] is FinalAnswer.ABSENT
