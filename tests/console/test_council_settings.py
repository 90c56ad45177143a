"""Ctrl+G: the council's settings (devices' answers changeable, self check-in, voting time,
the overlay's live tally) seen and changed from the console, as events in the log; a
change the law refuses now is told in the form, in Polish, and nothing is written."""

from textual.widgets import Input, Label

from models.commands import OpenVote
from models.devices import VotingSettings
from models.terms import VoteMode
from session_console.settings_screen import CouncilSettingsForm
from tests.console.conftest import SIZE, console, events_of
from tests.console.test_flows import modal, settle, started, submit, type_text, until


def _error(pilot) -> str:
    return str(pilot.app.screen.query_one("#error", Label).render())


async def _choose_second(pilot, field_id: str) -> None:
    """Opens a drop-down with Down and picks its second line (the 'no' of each)."""
    pilot.app.screen.query_one(f"#{field_id}").focus()
    await pilot.press("down")
    await until(pilot, lambda: pilot.app.screen.query_one(f"#{field_id}").expanded, "open list")
    await pilot.press("down", "enter")
    await until(pilot, lambda: not pilot.app.screen.query_one(f"#{field_id}").expanded,
                "list closed")


async def test_the_settings_are_shown_changed_and_kept_in_the_log(service):
    async with console(service).run_test(size=SIZE) as pilot:
        await started(pilot)
        form = await modal(pilot, "ctrl+g", CouncilSettingsForm)
        assert form.query_one("#changeable").value is True  # what the log says now
        assert form.query_one("#voting_time", Input).value == ""
        await _choose_second(pilot, "changeable")
        form.query_one("#voting_time", Input).focus()
        await type_text(pilot, "15")
        await submit(pilot)
    (settings,) = events_of(service, "voting_settings_set")
    assert settings.settings == VotingSettings(answers_changeable=False, voting_time_s=15)
    assert events_of(service, "overlay_tally_set") == []  # only what was changed is sent
    assert service.state.voting.voting_time_s == 15


async def test_the_overlay_tally_is_a_council_event_changed_even_mid_vote(service):
    service.execute(OpenVote(subject="Wniosek", mode=VoteMode.ELECTRONIC), "setup")
    async with console(service).run_test(size=SIZE) as pilot:
        await started(pilot)
        await modal(pilot, "ctrl+g", CouncilSettingsForm)
        await _choose_second(pilot, "tally")
        await submit(pilot)
    assert [e.shown for e in events_of(service, "overlay_tally_set")] == [False]
    assert service.state.overlay_tally is False


async def test_voting_settings_mid_vote_are_refused_in_polish_and_nothing_is_written(service):
    service.execute(OpenVote(subject="Wniosek", mode=VoteMode.ELECTRONIC), "setup")
    before = service.state.last_seq
    async with console(service).run_test(size=SIZE) as pilot:
        await started(pilot)
        form = await modal(pilot, "ctrl+g", CouncilSettingsForm)
        await _choose_second(pilot, "tally")  # allowed alone, but not sent with a refusal
        form.query_one("#voting_time", Input).focus()
        await type_text(pilot, "20")
        await pilot.press("enter")
        await until(pilot, lambda: _error(pilot) == "Trwa głosowanie nr 1; najpierw je zamknij.",
                    "the refusal")
        assert isinstance(pilot.app.screen, CouncilSettingsForm)  # what was typed is kept
        assert form.query_one("#voting_time", Input).value == "20"
        await pilot.press("escape")
        await settle(pilot)
    assert service.state.last_seq == before


async def test_a_bad_voting_time_or_no_change_is_told_and_nothing_is_written(service):
    before = service.state.last_seq
    async with console(service).run_test(size=SIZE) as pilot:
        await started(pilot)
        form = await modal(pilot, "ctrl+g", CouncilSettingsForm)
        await pilot.press("enter")
        await until(pilot, lambda: "Nic nie zmieniono" in _error(pilot), "nothing changed")
        field = form.query_one("#voting_time", Input)
        for typed in ("abc", "0", "3601", "-5", "1.5"):
            field.value = ""
            field.focus()
            await type_text(pilot, typed)
            await pilot.press("enter")
            await until(pilot, lambda: "od 1 do 3600" in _error(pilot), f"refused {typed}")
            assert isinstance(pilot.app.screen, CouncilSettingsForm)
        await pilot.press("escape")
        await settle(pilot)
    assert service.state.last_seq == before


async def test_the_settings_key_is_in_the_help_and_the_palette(service):
    async with console(service).run_test(size=SIZE) as pilot:
        await started(pilot)
        app = pilot.app
        (binding,) = [b for b in app.BINDINGS if getattr(b, "id", None) == "council_settings"]
        assert binding.key == "ctrl+g" and binding.description.startswith("Ustawienia rady")
        sections = dict(app.sections())
        assert any(b.action == "council_settings" for b in sections["Wszędzie"])
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Ustawienia rady (urządzenia, nakładka)" in titles

