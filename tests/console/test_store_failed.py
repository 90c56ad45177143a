"""A command the log could not take (a full disk during a sitting) is told in the console's
language: the store's own error, raised by its real append, reaches the secretary in
Polish, or in English for a console started with --lang en; nothing of it is written."""

import pytest

from models.commands import OpenVote
from models.terms import Answer
from session_console import i18n
from session_console.backend import NotSaved
from session_console.local_backend import LocalBackend
from tests.console.conftest import SIZE, console
from tests.console.test_flows import settle, sitting, started, tab
from tests.full_disk import full_disk


async def test_a_command_the_log_could_not_take_is_told_in_polish(service):
    service.execute(OpenVote(subject="budżet"), "setup")
    app = console(service)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        with full_disk(service.store):
            await pilot.press("1")
            await settle(pilot)
        told = [str(n.message) for n in app._notifications]
        assert any(message.startswith("Polecenie nie zostało zapisane: nie można zapisać w "
                                      f"dzienniku zdarzeń {service.store.target}: database or "
                                      "disk is full; nic z tej czynności nie zostało zapisane")
                   for message in told), told
        assert not any("cannot write" in message for message in told)
        assert sitting(service).votes["v1"].answers == {}
        await pilot.press("1")  # room again: the same key is taken
        await settle(pilot)
        assert sitting(service).votes["v1"].answers == {"m01": Answer.YES}


async def test_in_english_the_console_says_it_in_english(service):
    backend = LocalBackend(service, "test:secretary")
    i18n.use("en")
    try:
        with full_disk(service.store), pytest.raises(NotSaved) as refused:
            await backend.submit(OpenVote(subject="budżet"))
    finally:
        i18n.use("pl")
    assert str(refused.value).startswith(f"cannot write to the event log {service.store.target}: "
                                         "database or disk is full; nothing of this action")
    assert sitting(service).votes == {}  # nothing of it written or folded


async def test_a_log_the_log_tab_cannot_read_is_told_and_read_again_later(service, monkeypatch):
    from server.store_errors import unreadable
    from session_console.panes.log import LogPane

    def unreadable_log():
        raise unreadable(service.store.target, "disk I/O error")

    app = console(service)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        with monkeypatch.context() as patched:
            patched.setattr(service.store, "load", unreadable_log)
            await tab(pilot, "f6")
            await settle(pilot)
        told = [str(n.message) for n in app._notifications]
        assert (f"Nie udało się wczytać dziennika: nie można odczytać dziennika zdarzeń "
                f"{service.store.target}: disk I/O error") in told, told
        pane = app.query_one(LogPane)
        assert not pane.loaded
        await tab(pilot, "f2")
        await tab(pilot, "f6")  # shown again: read again, and this time it can be
        await settle(pilot)
        assert pane.loaded and pane.events
