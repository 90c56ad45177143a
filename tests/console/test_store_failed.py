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
from tests.console.test_flows import settle, sitting, started
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
