"""The Polish words the core makes: counts agree with their nouns, a member's repeated answer
is told naturally, a quorum of one is "1 obecny(-a)"."""

import pytest

from models.polish import ANSWER_PL, TALLY_PL, fold, fold_letters, plural
from models.rejection import Rejection
from models.rules import quorum_problem
from models.terms import FinalAnswer
from server.council_csv import read_members
from tests.chamber import opened

GLOS = ("głos", "głosy", "głosów")


@pytest.mark.parametrize(("count", "words"), [
    (0, "0 głosów"), (1, "1 głos"), (2, "2 głosy"), (4, "4 głosy"), (5, "5 głosów"),
    (11, "11 głosów"), (12, "12 głosów"), (13, "13 głosów"), (14, "14 głosów"),
    (21, "21 głosów"), (22, "22 głosy"), (24, "24 głosy"), (25, "25 głosów"),
    (101, "101 głosów"), (112, "112 głosów"), (122, "122 głosy"), (1004, "1004 głosy"),
])
def test_a_count_takes_the_form_polish_gives_it(count, words):
    assert plural(count, *GLOS) == words


def test_too_many_totals_are_counted_in_agreeing_words():
    sim = opened(members=30, seats=30, present=20)
    sim("open_vote", subject="wybór", mode="secret")
    with pytest.raises(Rejection) as rejected:
        sim("record_totals", yes=22, no=0, abstain=0)
    assert rejected.value.message("pl").startswith("Oddano 22 głosy, a uprawnionych obecnych")
    with pytest.raises(Rejection) as rejected:
        sim("record_totals", yes=25, no=0, abstain=0)
    assert rejected.value.message("pl").startswith("Oddano 25 głosów,")


def test_an_answer_given_twice_is_told_with_the_name_and_the_answer():
    sim = opened(present=3)
    sim("open_vote", subject="budżet")
    sim("record_answer", member="m02", answer="abstain")
    with pytest.raises(Rejection) as rejected:
        sim("record_answer", member="m02", answer="abstain")
    assert rejected.value.message("pl") == "Ta odpowiedź jest już zapisana: Radny 2 — wstrzymuje się."
    assert rejected.value.message("en") == "That answer is already recorded: Radny 2 — abstain."
    with pytest.raises(Rejection) as rejected:
        sim("record_answer", member="m03", answer=None)
    assert rejected.value.message("pl") == "Radny 3: brak zapisanej odpowiedzi do cofnięcia."


def test_a_quorum_of_one_present_member_is_singular():
    pl, _en = quorum_problem(1, 1, 11)
    assert pl == "brak kworum przy otwarciu (1 obecny(-a), wymagane 6 z 11)"
    assert quorum_problem(5, 5, 11)[0] == "brak kworum przy otwarciu (5 obecnych, wymagane 6 z 11)"


def test_a_members_answer_is_genderless_and_the_tally_counts_in_the_neuter():
    assert ANSWER_PL[FinalAnswer.ABSTAIN] == "wstrzymuje się"
    assert TALLY_PL[FinalAnswer.ABSTAIN] == "wstrzymało się"
    gendered = [word for word in ANSWER_PL.values()
                if word.split()[-1].endswith(("ł", "y")) and "(-a)" not in word]
    assert gendered == []


def test_a_majority_of_one_vote_cast_is_counted_in_the_singular():
    sim = opened(present=6)
    sim("open_vote", subject="wniosek", rule={"kind": "absolute_cast"})
    sim("record_answer", member="m01", answer="yes")
    (closed,) = sim("close_vote")
    assert closed.result.explanation_pl.endswith("z 1 oddanego: 1 za")


@pytest.mark.parametrize(("text", "folded"), [
    ("Łódź", "lodz"), ("ŻÓŁW", "zolw"), ("Gęś", "ges"),
    ("Nazwisko i imie\u0328", "nazwisko i imie"),  # "ę" decomposed, as some editors save it
])
def test_fold_drops_polish_letters_marks_and_case(text, folded):
    assert fold(text) == folded


def test_fold_letters_keeps_every_letter_in_its_place():
    assert fold_letters("Unieważnij") == "unieważnij".replace("ż", "z")
    assert len(fold_letters("Straße")) == len("Straße")


def test_a_members_file_header_is_matched_with_its_letters_folded():
    decomposed = "Nazwisko i imie\u0328;Klub\nKowalski Jan;Razem\n".encode()
    members, _encoding = read_members(decomposed)
    assert [(m.name, m.club) for m in members] == [("Kowalski Jan", "Razem")]
