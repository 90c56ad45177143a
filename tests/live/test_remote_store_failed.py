"""A command the server's log could not take reaches a `--connect` console in its
language: the server sends the Polish and the English (`store_failed`), RemoteService
keeps both, and the remote backend tells the one the console speaks."""

import pytest

from models.commands import parse_command
from server.live.remote import RemoteError, RemoteService
from session_console import i18n
from session_console.backend import NotSaved
from session_console.remote_backend import RemoteBackend
from tests.full_disk import full_disk


async def test_a_write_the_server_failed_is_told_in_both_languages(live, service):
    remote = RemoteService(live.urls()["websocket"], live.tokens.token("control"),
                           "console:remote")
    await remote.connect()
    backend = RemoteBackend(remote, "console:remote")
    check_in = parse_command({"type": "check_in", "member": "m01"})
    try:
        with full_disk(service.store):
            with pytest.raises(RemoteError) as failed:
                await remote.submit(check_in, "console:remote")
            with pytest.raises(NotSaved) as polish:
                await backend.submit(check_in)
            i18n.use("en")
            try:
                with pytest.raises(NotSaved) as english:
                    await backend.submit(check_in)
            finally:
                i18n.use("pl")
    finally:
        await remote.close()
    assert failed.value.code == "store_failed"
    assert str(polish.value).startswith("Zapis się nie powiódł: nie można zapisać w dzienniku "
                                        f"zdarzeń {service.store.target}: database or disk is "
                                        "full; nic z tej czynności nie zostało zapisane")
    assert str(english.value).startswith("Writing failed: cannot write to the event log "
                                         f"{service.store.target}: database or disk is full")
    assert str(failed.value) == str(english.value)  # what the server's refusal log reads
    assert not service.state.sitting.is_present("m01")
