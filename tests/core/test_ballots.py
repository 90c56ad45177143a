"""A secret ballot's totals may carry the ballots issued and the invalid ones: invalid
ballots come from members present, who are counted as not voting; nothing returned may
exceed what was issued or who is present."""

import pytest

from models.rejection import Rejection
from models.terms import VoteMode
from server.publish.prose import vote_prose
from server.publish.record import sitting_record
from tests.chamber import opened


def secret(present: int = 9):
    sim = opened(members=10, seats=11, present=present)
    sim("open_vote", subject="Wybór przewodniczącego", mode=VoteMode.SECRET.value)
    return sim


def test_invalid_ballots_count_as_present_not_voting():
    sim = secret()
    sim("record_totals", yes=5, no=2, abstain=0, invalid=1, ballots_issued=9)
    sim("close_vote")
    vote = sim.sitting.votes["v1"]
    assert (vote.ballots_issued, vote.invalid_ballots) == (9, 1)
    # 9 present: 7 valid votes, 2 present without one (1 invalid ballot, 1 not returned)
    assert (vote.result.not_voting, vote.result.absent) == (2, 1)


@pytest.mark.parametrize(("totals", "said"), [
    ({"yes": 8, "no": 1, "abstain": 0, "invalid": 1}, "Oddano 10 kart (ważne i nieważne), "
                                                      "a uprawnionych obecnych jest 9."),
    ({"yes": 1, "no": 0, "abstain": 0, "ballots_issued": 10}, "Wydano 10 kart, a uprawnionych "
                                                              "obecnych jest 9."),
    ({"yes": 5, "no": 2, "abstain": 0, "invalid": 1, "ballots_issued": 7},
     "Oddano 8 kart, a wydano 7."),
])
def test_more_ballots_than_issued_or_present_are_refused(totals, said):
    sim = secret()
    with pytest.raises(Rejection) as refused:
        sim("record_totals", **totals)
    assert refused.value.pl == said
    assert sim.sitting.votes["v1"].totals is None


def test_the_prose_of_every_format_tells_the_invalid_and_issued_ballots():
    sim = secret()
    sim("record_totals", yes=4, no=2, abstain=1, invalid=2, ballots_issued=9)
    sim("close_vote")
    record = sitting_record(sim.state, sim.log, sim.sitting.id)
    prose = vote_prose(record, record.votes[0])
    assert prose.ballots == ("2 głosy nieważne", "9 kart wydanych")
    assert prose.counts.startswith("4 głosy za, 2 głosy przeciw, 1 głos wstrzymujący się, "
                                   "2 głosy nieważne, 9 kart wydanych; ")


def test_totals_without_ballots_say_nothing_of_them():
    sim = secret()
    sim("record_totals", yes=5, no=2, abstain=1)
    sim("close_vote")
    record = sitting_record(sim.state, sim.log, sim.sitting.id)
    assert vote_prose(record, record.votes[0]).ballots == ()
