"""A refusal that names the sitting calls a committee's a "posiedzenie komisji", in the case
the sentence needs and with the words that agree with it ("zamknięte", "je", "tego"), and a
"committee meeting" in English; a council's refusals say "sesja" word for word as before.

Each row is one refusal: how to reach it for a sitting of a given type, its code, and its
words for the council's sitting XL and the committee's meeting 3, in Polish and English."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from models.commands import DefineCouncil
from models.rejection import Rejection
from models.sitting_life import require_status
from models.terms import SittingStatus, SittingType
from tests.chamber import Sim, council

DAY = "2026-11-22"  # the Sim's clock stands at 10:00 UTC that day
NUMBER = {SittingType.ORDINARY: "XL", SittingType.COMMITTEE: "3"}


def _sitting(kind: SittingType, step: str = "open_sitting", present: int = 0,
             **fields: object) -> Sim:
    """A council and its sitting of type `kind` (opened, or convened with `step`)."""
    sim = _council()
    sim(step, number=NUMBER.get(kind, "XL"), sitting_type=kind.value, date=DAY, **fields)
    for seat in range(1, present + 1):
        sim("check_in", member=f"m{seat:02d}", **_at(fields, "09:00"))
    return sim


def _council() -> Sim:
    sim = Sim()
    sim.run(DefineCouncil(council=council()))
    return sim


def _at(fields: dict, hhmm: str) -> dict:
    """A command's happened_at at `hhmm` if the sitting is entered afterwards."""
    return {"happened_at": f"{DAY}T{hhmm}:00+00:00"} if "happened_at" in fields else {}


def _afterwards(kind: SittingType) -> Sim:
    return _sitting(kind, happened_at=f"{DAY}T09:00:00+00:00", present=3)


def _vote(kind: SittingType) -> Sim:
    sim = _sitting(kind, present=6)
    sim("open_vote", subject="Budżet")
    return sim


def _closed(kind: SittingType) -> None:
    sim = _sitting(kind)
    sim("close_sitting")
    sim("check_in", member="m01")


def _closed_stage(kind: SittingType) -> None:
    sim = _sitting(kind)
    sim("close_sitting")
    require_status(sim.sitting, SittingStatus.OPEN)


def _on_break(kind: SittingType) -> None:
    sim = _sitting(kind)
    sim("start_break")
    sim("open_vote", subject="Budżet")


def _adjourned(kind: SittingType) -> None:
    sim = _sitting(kind)
    sim("adjourn_sitting", resume_on="2026-11-29")
    sim("open_vote", subject="Budżet")


@dataclass(frozen=True)
class Row:
    reach: Callable[[SittingType], object]
    code: str
    council_pl: str
    committee_pl: str
    council_en: str
    committee_en: str


ROWS = {
    "closed": Row(
        _closed, "sitting_closed",
        "Sesja XL jest już zamknięta.", "Posiedzenie komisji 3 jest już zamknięte.",
        "Sitting XL is already closed.", "Committee meeting 3 is already closed."),
    "unknown sitting": Row(
        lambda kind: _sitting(kind)("check_in", member="m01", sitting="s9"), "sitting_unknown",
        "Nie ma sesji s9.", "Nie ma posiedzenia komisji s9.",
        "No sitting s9.", "No committee meeting s9."),
    "member not in the roster": Row(
        lambda kind: _sitting(kind)("check_in", member="m99"), "member_unknown",
        "Nie ma radnego m99 w składzie tej sesji.",
        "Nie ma radnego m99 w składzie tego posiedzenia komisji.",
        "No member m99 in this sitting's roster.",
        "No member m99 in this committee meeting's roster."),
    "chair not in the roster": Row(
        lambda kind: _sitting(kind)("hand_over_chair", member="m99"), "member_unknown",
        "Nie ma radnego m99 w składzie tej sesji.",
        "Nie ma radnego m99 w składzie tego posiedzenia komisji.",
        "No member m99 in this sitting's roster.",
        "No member m99 in this committee meeting's roster."),
    "council changed during it": Row(
        lambda kind: _sitting(kind).run(DefineCouncil(council=council())), "sitting_open",
        "Nie można zmienić rady w trakcie sesji; najpierw zamknij sesję.",
        "Nie można zmienić rady w trakcie posiedzenia komisji; najpierw zamknij posiedzenie "
        "komisji.",
        "The council cannot change during a sitting; close the sitting first.",
        "The council cannot change during a committee meeting; close the committee meeting "
        "first."),
    "another while one is convened": Row(
        lambda kind: _sitting(kind, "convene_sitting")("open_sitting", number="99", date=DAY),
        "sitting_prepared",
        "Sesja XL jest zwołana; najpierw ją otwórz i zamknij.",
        "Posiedzenie komisji 3 jest zwołane; najpierw je otwórz i zamknij.",
        "Sitting XL is convened; open and close it first.",
        "Committee meeting 3 is convened; open and close it first."),
    "another while one is open": Row(
        lambda kind: _sitting(kind)("convene_sitting", number="99", date=DAY), "sitting_open",
        "Sesja XL jest wciąż otwarta.", "Posiedzenie komisji 3 jest wciąż otwarte.",
        "Sitting XL is still open.", "Committee meeting 3 is still open."),
    "a number neither Roman nor arabic": Row(
        lambda kind: _council()("open_sitting", number="12a", sitting_type=kind.value, date=DAY),
        "bad_number",
        "Numer sesji „12a” nie jest liczbą rzymską ani arabską.",
        "Numer posiedzenia komisji „12a” nie jest liczbą rzymską ani arabską.",
        "Sitting number “12a” is neither Roman nor arabic.",
        "Committee meeting number “12a” is neither Roman nor arabic."),
    "a vote before the opening": Row(
        lambda kind: _sitting(kind, "convene_sitting")("open_vote", subject="Budżet"),
        "sitting_prepared",
        "Sesja XL nie została jeszcze otwarta.", "Posiedzenie komisji 3 nie zostało jeszcze otwarte.",
        "Sitting XL has not been opened yet.", "Committee meeting 3 has not been opened yet."),
    "a vote during a break": Row(
        _on_break, "sitting_break",
        "Sesja XL jest w przerwie.", "Posiedzenie komisji 3 jest w przerwie.",
        "Sitting XL is on a break.", "Committee meeting 3 is on a break."),
    "a vote while adjourned": Row(
        _adjourned, "sitting_adjourned",
        "Sesja XL jest przerwana do innego dnia.",
        "Posiedzenie komisji 3 jest przerwane do innego dnia.",
        "Sitting XL is adjourned to another day.", "Committee meeting 3 is adjourned to another day."),
    "opened twice": Row(
        lambda kind: _sitting(kind)("start_sitting"), "sitting_open",
        "Sesja XL obraduje.", "Posiedzenie komisji 3 obraduje.",
        "Sitting XL is in session.", "Committee meeting 3 is in session."),
    "a step of the open stage once closed": Row(
        _closed_stage, "sitting_closed",
        "Sesja XL jest zamknięta.", "Posiedzenie komisji 3 jest zamknięte.",
        "Sitting XL is closed.", "Committee meeting 3 is closed."),
    "continued on the same day": Row(
        lambda kind: _sitting(kind)("adjourn_sitting", resume_on=DAY), "bad_date",
        "Dalszy ciąg sesji musi być innego, późniejszego dnia niż 22.11.2026, a podano "
        "22.11.2026.",
        "Dalszy ciąg posiedzenia komisji musi być innego, późniejszego dnia niż 22.11.2026, "
        "a podano 22.11.2026.",
        "The continuation must be on a later day than 2026-11-22, not 2026-11-22.",
        "The continuation must be on a later day than 2026-11-22, not 2026-11-22."),
    "no data, live": Row(
        lambda kind: _vote(kind)("record_answer", member="m01", answer="unknown"),
        "unknown_live",
        "„Brak danych” wpisuje się tylko w sesji wprowadzanej po fakcie; na bieżąco radny "
        "głosuje, nie głosuje albo jest nieobecny.",
        "„Brak danych” wpisuje się tylko w posiedzeniu komisji wprowadzanym po fakcie; na "
        "bieżąco radny głosuje, nie głosuje albo jest nieobecny.",
        "“No data” is entered only in a sitting entered afterwards; live, a member votes, "
        "does not vote or is absent.",
        "“No data” is entered only in a committee meeting entered afterwards; live, a member "
        "votes, does not vote or is absent."),
    "an import, live": Row(
        lambda kind: _vote(kind)("import_answer", member="m01", answer="yes"), "import_live",
        "Głosy importuje się tylko do sesji wprowadzanej po fakcie.",
        "Głosy importuje się tylko do posiedzenia komisji wprowadzanego po fakcie.",
        "Votes are imported only into a sitting entered afterwards.",
        "Votes are imported only into a committee meeting entered afterwards."),
    "a stated quorum, live": Row(
        lambda kind: _vote(kind)("close_vote", quorum_as_stated="Kworum jest"),
        "quorum_stated_live",
        "Kworum „jak podano w źródle” wpisuje się tylko w sesji wprowadzanej po fakcie; na "
        "bieżąco liczy je system.",
        "Kworum „jak podano w źródle” wpisuje się tylko w posiedzeniu komisji wprowadzanym po "
        "fakcie; na bieżąco liczy je system.",
        "A quorum “as the source states it” is entered only in a sitting entered afterwards; "
        "live, it is counted.",
        "A quorum “as the source states it” is entered only in a committee meeting entered "
        "afterwards; live, it is counted."),
    "a past time, live": Row(
        lambda kind: _sitting(kind)("check_in", member="m01", happened_at=f"{DAY}T09:00:00Z"),
        "afterwards_live",
        "Ta sesja jest prowadzona na bieżąco: polecenie nie może podawać czasu z przeszłości "
        "(happened_at).",
        "To posiedzenie komisji jest prowadzone na bieżąco: polecenie nie może podawać czasu "
        "z przeszłości (happened_at).",
        "This sitting is run live: a command cannot give a past time (happened_at).",
        "This committee meeting is run live: a command cannot give a past time (happened_at)."),
    "no time, afterwards": Row(
        lambda kind: _afterwards(kind)("check_out", member="m01"), "afterwards_time_missing",
        "Ta sesja jest wprowadzana po fakcie: każde polecenie podaje czas, w którym się odbyło "
        "(happened_at); użyj `sesja apply --afterwards` albo `sesja import`.",
        "To posiedzenie komisji jest wprowadzane po fakcie: każde polecenie podaje czas, w "
        "którym się odbyło (happened_at); użyj `sesja apply --afterwards` albo `sesja import`.",
        "This sitting is entered afterwards: every command gives the time it happened "
        "(happened_at); use `sesja apply --afterwards` or `sesja import`.",
        "This committee meeting is entered afterwards: every command gives the time it "
        "happened (happened_at); use `sesja apply --afterwards` or `sesja import`."),
    "a time going back, afterwards": Row(
        lambda kind: _afterwards(kind)("check_out", member="m01",
                                       happened_at=f"{DAY}T08:59:00+00:00"),
        "afterwards_order",
        "Czas 2026-11-22T08:59:00+00:00 jest wcześniejszy niż czas poprzedniego zdarzenia tej "
        "sesji (2026-11-22T09:00:00+00:00); wprowadzaj w kolejności.",
        "Czas 2026-11-22T08:59:00+00:00 jest wcześniejszy niż czas poprzedniego zdarzenia tego "
        "posiedzenia komisji (2026-11-22T09:00:00+00:00); wprowadzaj w kolejności.",
        "The time 2026-11-22T08:59:00+00:00 is earlier than the sitting's previous event "
        "(2026-11-22T09:00:00+00:00); enter them in order.",
        "The time 2026-11-22T08:59:00+00:00 is earlier than the committee meeting's previous "
        "event (2026-11-22T09:00:00+00:00); enter them in order."),
    "opened on another day, afterwards": Row(
        lambda kind: _sitting(kind, happened_at="2026-11-21T12:00:00+00:00"), "afterwards_day",
        "Sesja z dnia 2026-11-22 nie mogła zacząć się 2026-11-21.",
        "Posiedzenie komisji z dnia 2026-11-22 nie mogło zacząć się 2026-11-21.",
        "A sitting of 2026-11-22 cannot have begun on 2026-11-21.",
        "A committee meeting of 2026-11-22 cannot have begun on 2026-11-21."),
}


def _refusal(row: Row, kind: SittingType) -> Rejection:
    with pytest.raises(Rejection) as refused:
        row.reach(kind)
    return refused.value


@pytest.mark.parametrize("name", ROWS)
def test_a_councils_refusal_says_sesja_word_for_word_as_before(name):
    row = ROWS[name]
    refusal = _refusal(row, SittingType.ORDINARY)
    assert refusal.code == row.code
    assert (refusal.message("pl"), refusal.message("en")) == (row.council_pl, row.council_en)


@pytest.mark.parametrize("name", ROWS)
def test_a_committees_refusal_says_posiedzenie_komisji_in_the_right_form(name):
    row = ROWS[name]
    refusal = _refusal(row, SittingType.COMMITTEE)
    assert refusal.code == row.code
    assert (refusal.message("pl"), refusal.message("en")) == (row.committee_pl, row.committee_en)
    assert "sesj" not in refusal.pl.replace("`sesja ", "`")  # the command's name stays


@pytest.mark.parametrize("kind", [SittingType.EXTRAORDINARY, SittingType.CEREMONIAL])
def test_every_council_sitting_type_is_a_sesja(kind):
    refusal = _refusal(ROWS["closed"], kind)
    assert refusal.pl == "Sesja XL jest już zamknięta."


def test_with_no_sitting_at_all_the_refusal_names_a_councils():
    sim = Sim()
    sim.run(DefineCouncil(council=council()))
    with pytest.raises(Rejection) as refused:
        sim("check_in", member="m01")
    assert (refused.value.code, refused.value.pl, refused.value.en) == (
        "no_sitting", "Żadna sesja nie jest otwarta.", "No sitting is open.")
