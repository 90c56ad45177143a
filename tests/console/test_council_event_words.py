"""The Log tab's line for the council's own events that belong to no sitting (devices and
their settings): they have no sitting id, and describing them must not need one."""

from models import events as ev
from models.devices import VotingSettings
from models.state import Chamber
from server.demo import demo_council
from session_console.words import describe_event


def chamber() -> Chamber:
    return Chamber(council=demo_council())


def test_device_codes_are_told_with_the_members_name():
    first = demo_council().members[0]
    issued = ev.DeviceCodeIssued(member_id=first.id, code_hash="0" * 64, salt="s")
    assert describe_event(issued, chamber()) == f"wydano kod urządzenia: {first.name}"
    revoked = ev.DeviceCodeRevoked(member_id=first.id)
    assert describe_event(revoked, chamber()) == f"unieważniono kod urządzenia: {first.name}"


def test_voting_settings_are_told_in_full():
    settings = ev.VotingSettingsSet(settings=VotingSettings(answers_changeable=False,
                                                            self_check_in=True, voting_time_s=15))
    assert describe_event(settings, chamber()) == (
        "ustawienia głosowania: odpowiedzi ostateczne, obecność z urządzenia włączona, "
        "15 s na głos")


def test_the_overlays_tally_setting_is_told_both_ways():
    assert describe_event(ev.OverlayTallySet(shown=False), chamber()) == (
        "nakładka transmisji: wyniki na żywo ukryte (tylko wynik)")
    assert describe_event(ev.OverlayTallySet(shown=True), chamber()) == (
        "nakładka transmisji: wyniki na żywo widoczne")
