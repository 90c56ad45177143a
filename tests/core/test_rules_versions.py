"""The required yes votes of a rule over votes cast, and old votes kept as they were closed:
a vote stores the rules' version it was closed with, and `verify` checks it with that version."""

import csv
from datetime import date

import pytest

import models.decide
from models.commands import parse_command
from models.rules import Decision
from server.demo import demo_commands
from server.publish.from_log import export_log
from server.service import SittingService
from server.store import EventStore
from server.verify import verify

# 14 za, 6 przeciw, 2 wstrzymało się: 22 cast, an absolute majority of them is 12
ANSWERS = ["yes"] * 14 + ["no"] * 6 + ["abstain"] * 2


def absolute_cast_vote(service: SittingService) -> None:
    for command in demo_commands(date(2026, 11, 22)):
        service.execute(command, "test")
    members = [m.id for m in service.state.sitting.roster][:len(ANSWERS)]
    run = [{"type": "check_in", "member": m} for m in members]
    run += [{"type": "set_current_item", "item": "i6"},
            {"type": "open_vote", "subject": "Projekt uchwały w sprawie drogi",
             "kind": "resolution", "rule": {"kind": "absolute_cast"}}]
    run += [{"type": "record_answer", "member": m, "answer": a}
            for m, a in zip(members, ANSWERS, strict=True)]
    run += [{"type": "close_vote"}]
    for command in run:
        service.execute(parse_command(command), "test")


def last_result(service: SittingService):
    return max(service.state.sitting.votes.values(), key=lambda v: v.number).result


def required_in_csv(events, out) -> list[str]:
    export_log(events, out, formats=("csv",))
    (results,) = out.rglob("wyniki.csv")
    with results.open(encoding="utf-8") as f:
        return [row["Wymagane za"] for row in csv.DictReader(f)]


def test_an_absolute_majority_of_votes_cast_requires_more_than_half_of_them(tmp_path):
    service = SittingService(EventStore(tmp_path / "sesja.db"))
    absolute_cast_vote(service)
    result = last_result(service)
    assert (result.outcome.value, result.needed) == ("adopted", 12)
    assert result.explanation_pl.endswith("bezwzględna większość głosów z 22 oddanych: 12 za")
    assert required_in_csv(service.store.load(), tmp_path / "out") == ["12"]
    assert verify(service.store).ok


def test_a_vote_closed_with_the_old_rules_keeps_its_number_and_verifies(tmp_path, monkeypatch):
    service = SittingService(EventStore(tmp_path / "sesja.db"))
    with monkeypatch.context() as old_sesja:
        old_sesja.setattr(models.decide, "RULES_VERSION", 1)
        absolute_cast_vote(service)
    assert last_result(service).needed == 9  # what version 1 stated: no + abstain + 1

    reopened = SittingService(EventStore(tmp_path / "sesja.db"))
    assert last_result(reopened).needed == 9  # a fact, never recomputed
    assert verify(reopened.store).ok
    assert required_in_csv(reopened.store.load(), tmp_path / "out") == ["9"]


def test_verify_names_a_result_its_rules_do_not_give(tmp_path, monkeypatch):
    service = SittingService(EventStore(tmp_path / "sesja.db"))
    honest = models.decide.decide_outcome

    def one_short(*args, **kwargs) -> Decision:
        decision = honest(*args, **kwargs)
        return Decision(decision.outcome, decision.needed - 1, decision.explanation_pl,
                        decision.explanation_en)

    monkeypatch.setattr(models.decide, "decide_outcome", one_short)
    absolute_cast_vote(service)
    report = verify(service.store)
    close = next(e for e in service.store.load() if e.event.type == "vote_closed")
    assert report.problems == [
        f"event {close.seq}: vote {close.event.vote_id} is stored as adopted with 11 yes "
        "required, but the rules (version 2) give adopted with 12"]


@pytest.mark.parametrize("version", [0, 3])
def test_verify_refuses_a_rules_version_it_does_not_know(tmp_path, monkeypatch, version):
    service = SittingService(EventStore(tmp_path / "sesja.db"))
    monkeypatch.setattr(models.decide, "RULES_VERSION", version)
    absolute_cast_vote(service)
    (problem,) = verify(service.store).problems
    assert problem.endswith(f"closed with majority rules version {version}, which this sesja "
                            "does not know")
