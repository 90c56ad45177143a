"""Who did what: `sesja apply --as`, $SESJA_SECRETARY and a console's name sign the events,
and the published record (the minutes, the Popolo JSON) says who recorded the sitting."""

import json

from models.commands import CheckIn
from server.demo import demo_commands
from server.service import SittingService
from server.store import EventStore
from session_console.cli.common import actor
from tests.cli import sesja
from tests.console.conftest import DAY

VOTE = "\n".join(json.dumps(line) for line in (
    {"type": "open_vote", "subject": "Projekt uchwały w sprawie drogi"},
    {"type": "record_answer", "member": "m01", "answer": "yes"},
))


def test_apply_as_and_the_environment_name_the_secretary_and_the_record_says_so(tmp_path,
                                                                                monkeypatch):
    db = tmp_path / "sesja.db"
    service = SittingService(EventStore(db))
    for command in demo_commands(DAY):
        service.execute(command, actor("console", "Anna Nowak"))  # a console's secretary
    service.execute(CheckIn(member="m01"), actor("console", "Anna Nowak"))
    service.close()
    (tmp_path / "vote.jsonl").write_text(VOTE, encoding="utf-8")
    (tmp_path / "close.jsonl").write_text('{"type": "close_vote"}\n', encoding="utf-8")
    done = sesja("apply", "--db", str(db), "--as", "Ewa Lis", str(tmp_path / "vote.jsonl"))
    assert done.returncode == 0, done.stderr
    monkeypatch.setenv("SESJA_SECRETARY", "Jan Kos")
    done = sesja("apply", "--db", str(db), str(tmp_path / "close.jsonl"))
    assert done.returncode == 0, done.stderr

    store = EventStore(db, readonly=True)
    actors = [(e.event.type, e.actor) for e in store.load()][-4:]
    store.close()
    assert actors == [("member_checked_in", "console:Anna Nowak"),
                      ("vote_opened", "apply:Ewa Lis"), ("answer_recorded", "apply:Ewa Lis"),
                      ("vote_closed", "apply:Jan Kos")]

    done = sesja("export", "--db", str(db), "--format", "json,md", "--out", str(tmp_path / "p"))
    assert done.returncode == 0, done.stderr
    minutes = (tmp_path / "p" / "protokol.md").read_text(encoding="utf-8")
    assert ("Przebieg sesji zapisali w dzienniku zdarzeń: Anna Nowak (konsola), "
            in minutes)
    assert "Ewa Lis (skrypt), 2 zdarzenia; Jan Kos (skrypt), 1 zdarzenie." in minutes
    document = json.loads((tmp_path / "p" / "sesja.json").read_text(encoding="utf-8"))
    (vote,) = document["vote_events"]
    assert (vote["sesja"]["opened_by"], vote["sesja"]["closed_by"]) == ("apply:Ewa Lis",
                                                                        "apply:Jan Kos")
    assert [r["actor"] for r in document["recorded_by"]] == [
        "console:Anna Nowak", "apply:Ewa Lis", "apply:Jan Kos"]
