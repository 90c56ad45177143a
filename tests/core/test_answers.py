"""One rule for a member's answer while a named vote is open: the roll-call, the chamber's
grid and the stored result all read `provisional_answer`."""

from models.answers import can_answer, provisional_answer
from models.decide import vote_result
from models.terms import FinalAnswer
from tests.chamber import opened


def _open_vote():
    sim = opened(members=6, seats=6, present=5)
    sim("open_vote", subject="w sprawie budżetu", recused=["m05"])
    sim("record_answer", member="m01", answer="yes")
    sim("record_answer", member="m02", answer="abstain")
    sim("check_out", member="m02")  # answered, then left: the answer stands
    return sim


def test_each_members_answer_before_the_close():
    sim = _open_vote()
    sitting = sim.sitting
    vote = sitting.votes[sitting.open_vote]
    shown = {m.id: provisional_answer(sitting, vote, m.id) for m in sitting.roster}
    assert shown == {"m01": FinalAnswer.YES, "m02": FinalAnswer.ABSTAIN, "m03": None,
                     "m04": None, "m05": FinalAnswer.RECUSED, "m06": FinalAnswer.ABSENT}
    assert [m.id for m in sitting.roster if can_answer(sitting, vote, m.id)] \
        == ["m01", "m03", "m04"]


def test_the_stored_result_is_the_provisional_answers_with_silence_as_not_voting():
    sim = _open_vote()
    sitting = sim.sitting
    vote = sitting.votes[sitting.open_vote]
    assert dict(vote_result(sitting, vote).named) == {
        "m01": FinalAnswer.YES, "m02": FinalAnswer.ABSTAIN, "m03": FinalAnswer.NOT_VOTING,
        "m04": FinalAnswer.NOT_VOTING, "m05": FinalAnswer.RECUSED, "m06": FinalAnswer.ABSENT}
