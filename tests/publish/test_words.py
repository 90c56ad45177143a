"""The exports' Polish: counts agree with their nouns in the minutes, and a member's status
and answer read the same for a man and a woman."""

from server.publish import minutes
from server.publish.labels import ATTENDANCE_PL
from server.publish.record import sitting_record
from tests.chamber import opened


def test_the_minutes_count_votes_and_people_in_agreeing_words():
    sim = opened(members=10, seats=11, present=8)
    sim("open_vote", subject="budżet", recused=["m08"])
    for member, answer in {"m01": "yes", "m02": "yes", "m03": "no", "m04": "abstain"}.items():
        sim("record_answer", member=member, answer=answer)
    sim("close_vote")
    text = minutes.markdown(sitting_record(sim.state, sim.log, None))
    assert ("2 głosy za, 1 głos przeciw, 1 głos wstrzymujący się; 3 osoby nie głosowały, "
            "2 osoby nieobecne, 1 osoba wyłączona z głosowania.") in text


def test_the_minutes_count_many_in_the_genitive():
    sim = opened(members=30, seats=30, present=25)
    sim("open_vote", subject="budżet")
    for seat in range(1, 23):
        sim("record_answer", member=f"m{seat:02d}", answer="yes")
    sim("close_vote")
    text = minutes.markdown(sitting_record(sim.state, sim.log, None))
    assert ("22 głosy za, 0 głosów przeciw, 0 głosów wstrzymujących się; 3 osoby nie głosowały, "
            "5 osób nieobecnych.") in text


def test_a_members_status_in_the_attendance_list_is_not_masculine_only():
    assert set(ATTENDANCE_PL.values()) == {"nieobecny(-a)", "obecny(-a)", "wyszedł(-a)",
                                           "nieobecność usprawiedliwiona"}
