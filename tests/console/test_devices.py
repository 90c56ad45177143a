"""The secretary's side of members' devices, driven by keys: a code issued from the roster
is shown once and kept in the log only as a hash; a lost phone's code is revoked; the
roster marks connected devices and self check-ins; an electronic vote takes a failed
device's answer from the console."""

from models.commands import OpenVote, RecordAnswer
from models.devices import code_hash
from models.terms import Answer, AnswerSource, VoteMode
from session_console.dialogs import Confirm, ShownOnce
from tests.console.conftest import SIZE, console, events_of
from tests.console.test_flows import modal, on_roster, settle, started, submit


def _roster_line(pilot, member_id: str) -> str:
    rows = pilot.app.query_one("#roster")
    member = next(row for row in rows.rows if row.id == member_id)
    return "".join(segment.text for segment in rows.cells(member, 120))


async def test_a_code_is_issued_shown_once_revoked_and_marked_on_the_roster(service):
    async with console(service).run_test(size=SIZE) as pilot:
        await started(pilot)
        await on_roster(pilot, "17")
        shown = await modal(pilot, "ctrl+o", ShownOnce)
        code = shown.body.split("\n")[0].removeprefix("Kod: ")
        (issued,) = events_of(service, "device_code_issued")
        assert issued.member_id == "m17" and issued.code_hash == code_hash(issued.salt, code)
        assert code not in "".join(stored.model_dump_json() for stored in service.store.load())
        await submit(pilot)
        assert "kod urządzenia wydany" in _roster_line(pilot, "m17")
        pilot.app.panes["attendance"].show_devices(frozenset({"m17"}))
        assert "urządzenie połączone" in _roster_line(pilot, "m17")
        await modal(pilot, "ctrl+r", Confirm)
        await submit(pilot)
        assert [e.member_id for e in events_of(service, "device_code_revoked")] == ["m17"]
        assert "m17" not in service.state.member_codes


async def test_the_console_records_a_failed_devices_answer_as_its_own(service):
    service.execute(OpenVote(subject="Wniosek", mode=VoteMode.ELECTRONIC), "setup")
    async with console(service).run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.app.submit(RecordAnswer(member="m03", answer=Answer.NO))
        await settle(pilot)
    (answer,) = events_of(service, "answer_recorded")
    assert answer.source is AnswerSource.CONSOLE
    assert service.state.sitting.votes["v1"].sources == {"m03": AnswerSource.CONSOLE}


async def test_the_devices_clock_ticking_while_the_roster_is_not_mounted_keeps_the_console(
        service):
    """The console's one-second clock marks connected devices on the roster; it also fires
    while Textual mounts or unmounts the panes (a CI run caught it closing the app)."""
    async with console(service).run_test(size=SIZE) as pilot:
        await started(pilot)
        pane = pilot.app.panes["attendance"]
        await pilot.app.query_one("#roster").remove()
        pane.show_devices(frozenset({"m17"}))
        await pilot.pause()
        assert pilot.app.is_running
