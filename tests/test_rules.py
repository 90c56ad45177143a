"""Every majority rule and quorum edge, as a table."""

import pytest

from models.rules import (
    MajorityRule,
    Tally,
    decide_outcome,
    has_quorum,
    quorum_needed,
    quorum_problem,
)
from models.terms import MajorityKind as K
from models.terms import Outcome

SIMPLE = MajorityRule(kind=K.SIMPLE)
ABS_CAST = MajorityRule(kind=K.ABSOLUTE_CAST)
ABS_SEATS = MajorityRule(kind=K.ABSOLUTE_SEATS)
Q35_SEATS = MajorityRule(kind=K.QUALIFIED_SEATS, numerator=3, denominator=5)
Q23_CAST = MajorityRule(kind=K.QUALIFIED_CAST, numerator=2, denominator=3)

A, R = Outcome.ADOPTED, Outcome.REJECTED


@pytest.mark.parametrize(
    ("rule", "yes", "no", "abstain", "seats", "outcome", "needed"),
    [
        # simple: yes > no
        (SIMPLE, 5, 4, 10, 23, A, 5),
        (SIMPLE, 5, 5, 0, 23, R, 6),  # a tie does not pass
        (SIMPLE, 0, 0, 15, 23, R, 1),  # all abstain: nothing is adopted
        (SIMPLE, 1, 0, 14, 23, A, 1),
        # absolute of votes cast: yes > half of the votes cast, stated as cast // 2 + 1
        (ABS_CAST, 8, 4, 4, 23, R, 9),  # exactly half of the cast votes is not enough
        (ABS_CAST, 9, 4, 4, 23, A, 9),
        (ABS_CAST, 0, 0, 0, 23, R, 1),
        (ABS_CAST, 14, 6, 2, 23, A, 12),  # the walk-through's vote: "z 22 oddanych: 12 za", not 9
        (ABS_CAST, 2, 0, 15, 23, R, 9),  # abstentions count as cast: 17 cast need 9
        (ABS_CAST, 3, 0, 0, 23, A, 2),
        # absolute of statutory seats: yes > seats / 2
        (ABS_SEATS, 11, 0, 0, 21, A, 11),  # the chair's example: 21 seats need 11
        (ABS_SEATS, 10, 0, 0, 21, R, 11),
        (ABS_SEATS, 12, 0, 0, 23, A, 12),  # 23 seats (one vacancy doesn't matter): 12
        (ABS_SEATS, 11, 0, 0, 22, R, 12),  # exactly half of an even number is not enough
        (ABS_SEATS, 12, 10, 0, 22, A, 12),
        # qualified of statutory seats, 3/5 of 23 = 13.8 -> 14
        (Q35_SEATS, 14, 0, 0, 23, A, 14),
        (Q35_SEATS, 13, 0, 0, 23, R, 14),
        (Q35_SEATS, 9, 0, 0, 15, A, 9),  # 3/5 of 15 = 9 exactly
        # qualified of votes cast, 2/3 of 12 cast = 8
        (Q23_CAST, 8, 4, 0, 23, A, 8),
        (Q23_CAST, 7, 3, 2, 23, R, 8),
        (Q23_CAST, 0, 0, 0, 23, R, 1),  # no votes cast: never adopted
        (Q23_CAST, 1, 0, 0, 23, A, 1),
    ],
)
def test_majority(rule, yes, no, abstain, seats, outcome, needed):
    decision = decide_outcome(rule, Tally(yes, no, abstain), seats)
    assert (decision.outcome, decision.needed) == (outcome, needed)
    head = "Przyjęto" if outcome is A else "Odrzucono"
    assert decision.explanation_pl.startswith(f"{head}: {yes} za, {no} przeciw, {abstain} wstrz.")
    assert decision.explanation_pl.endswith(f": {needed} za")


def test_explanation_reads_as_the_chair_says_it():
    decision = decide_outcome(ABS_SEATS, Tally(12, 5, 3), 21)
    assert decision.explanation_pl == (
        "Przyjęto: 12 za, 5 przeciw, 3 wstrz.; "
        "wymagana bezwzględna większość ustawowego składu (21): 11 za")
    assert decision.explanation_en == (
        "Adopted: 12 yes, 5 no, 3 abstain; "
        "required absolute majority of the statutory seats (21): 11 yes")


@pytest.mark.parametrize(
    ("seats", "present", "quorate"),
    [(23, 12, True), (23, 11, False), (22, 11, True), (22, 10, False), (15, 8, True),
     (15, 7, False), (28, 14, True), (1, 1, True)],
)
def test_quorum_is_half_of_statutory_seats(seats, present, quorate):
    assert has_quorum(present, seats) is quorate
    assert quorum_needed(seats) == -(-seats // 2)


def test_no_quorum_makes_the_vote_invalid_and_says_when():
    problem = quorum_problem(present_at_open=12, present_at_close=10, statutory_seats=23)
    decision = decide_outcome(SIMPLE, Tally(10, 0, 0), 23, problem)
    assert decision.outcome is Outcome.INVALID
    assert decision.explanation_pl == (
        "Głosowanie nieważne: brak kworum przy zamknięciu (10 obecnych, wymagane 12 z 23)")
    assert quorum_problem(11, 12, 23)[1].startswith("no quorum at opening")
    assert quorum_problem(12, 12, 23) is None


@pytest.mark.parametrize(
    "bad",
    [
        {"kind": "qualified_seats"},
        {"kind": "qualified_cast", "numerator": 3, "denominator": 2},
        {"kind": "simple", "numerator": 1, "denominator": 2},
    ],
)
def test_a_rule_with_a_wrong_fraction_is_refused(bad):
    with pytest.raises(ValueError):
        MajorityRule(**bad)
