"""Members' devices in the pure core: settings, codes kept as hashes, and every refusal of
a device's answer (each one writes nothing)."""

import pytest

from models.devices import code_hash
from models.events import AnswerRecorded, MemberCheckedIn
from models.reducer import fold
from models.rejection import Rejection
from models.terms import AnswerSource, FinalAnswer
from tests.chamber import opened

SALT = "salt-of-this-log-0001"


def _hash(code: str) -> str:
    return code_hash(SALT, code)


def _with_codes(present: int = 6, **settings):
    sim = opened(present=present)
    if settings:
        sim("set_voting_settings", settings=settings)
    for i in range(1, 11):
        sim("issue_device_code", member=f"m{i:02d}", code_hash=_hash(f"code-{i}"), salt=SALT)
    return sim


def _answer(sim, member: str, answer: str, code: str | None = None):
    number = int(member[1:])
    return sim("device_answer", member=member, answer=answer,
               code_hash=_hash(code or f"code-{number}"), at=sim.at.isoformat())


def _refused(sim, reason: str, *args, **kwargs) -> None:
    before = sim.state
    with pytest.raises(Rejection) as rejected:
        _answer(sim, *args, **kwargs)
    assert rejected.value.code == reason
    assert sim.state is before  # nothing written


def test_device_answers_carry_their_source_and_time_and_the_console_can_correct():
    sim = _with_codes()
    sim("open_vote", subject="Wniosek", mode="electronic")
    sim.tick(3)
    (event,) = _answer(sim, "m01", "yes")
    assert isinstance(event, AnswerRecorded) and event.source is AnswerSource.DEVICE
    sim("record_answer", member="m02", answer="no")  # m02's device failed
    vote = sim.sitting.votes["v1"]
    assert vote.sources == {"m01": AnswerSource.DEVICE, "m02": AnswerSource.CONSOLE}
    assert (vote.answered_at["m01"] - vote.opened_at).total_seconds() == 3
    sim("record_answer", member="m01", answer="abstain")  # the secretary corrects m01
    assert sim.sitting.votes["v1"].sources["m01"] is AnswerSource.CONSOLE
    sim("close_vote")
    assert dict(sim.sitting.votes["v1"].result.named)["m01"] is FinalAnswer.ABSTAIN


def test_an_old_answer_event_without_a_source_reads_as_console():
    sim = _with_codes()
    sim("open_vote", subject="Wniosek", mode="electronic")
    sim("record_answer", member="m01", answer="yes")
    data = sim.log[-1].event.model_dump(mode="json")
    del data["source"]
    assert AnswerRecorded.model_validate(data).source is AnswerSource.CONSOLE


def test_a_code_answers_for_its_own_member_only_and_a_revoked_code_not_at_all():
    sim = _with_codes()
    sim("open_vote", subject="Wniosek", mode="electronic")
    _refused(sim, "other_member", "m02", "yes", code="code-1")  # m01's code for m02
    _refused(sim, "code_invalid", "m01", "yes", code="guessed")
    sim("revoke_device_code", member="m01")
    _refused(sim, "code_invalid", "m01", "yes")
    sim("issue_device_code", member="m01", code_hash=_hash("new-1"), salt=SALT)
    _refused(sim, "code_invalid", "m01", "yes")  # the old code stays dead
    _answer(sim, "m01", "yes", code="new-1")


def test_codes_are_kept_as_salted_hashes_with_one_salt_per_log():
    sim = _with_codes()
    assert sim.state.device_salt == SALT
    assert sim.state.member_codes["m03"] == _hash("code-3")
    assert all("code-3" not in stored.model_dump_json() for stored in sim.log)
    with pytest.raises(Rejection) as rejected:
        sim("issue_device_code", member="m03", code_hash=_hash("x"), salt="another-salt-00001")
    assert rejected.value.code == "salt_mismatch"
    with pytest.raises(Rejection) as rejected:
        sim("issue_device_code", member="m04", code_hash=_hash("code-3"), salt=SALT)
    assert rejected.value.code == "code_in_use"
    with pytest.raises(Rejection) as rejected:
        sim("issue_device_code", member="m99", code_hash=_hash("y"), salt=SALT)
    assert rejected.value.code == "member_unknown"
    sim("revoke_device_code", member="m03")
    with pytest.raises(Rejection) as rejected:
        sim("revoke_device_code", member="m03")
    assert rejected.value.code == "no_code"


@pytest.mark.parametrize(("mode", "code"), [
    ("secret", "secret_vote"), ("roll_call", "not_electronic"), ("summary", "not_electronic"),
])
def test_devices_answer_only_in_an_electronic_vote(mode, code):
    sim = _with_codes()
    _refused(sim, "no_open_vote", "m01", "yes")
    sim("open_vote", subject="Wniosek", mode=mode)
    _refused(sim, code, "m01", "yes")


def test_a_recused_or_absent_member_cannot_answer_from_a_device():
    sim = _with_codes(present=6)
    sim("open_vote", subject="Wniosek", mode="electronic", recused=["m02"])
    _refused(sim, "recused", "m02", "yes")
    _refused(sim, "not_present", "m07", "yes")


def test_the_voting_time_is_the_servers_clock_against_the_opening_and_binds_devices_only():
    sim = _with_codes(voting_time_s=15)
    sim("open_vote", subject="Wniosek", mode="electronic")
    assert sim.sitting.votes["v1"].time_limit_s == 15
    sim.tick(15)
    _answer(sim, "m01", "yes")  # at the limit: still in time
    sim.tick(1)
    _refused(sim, "voting_time_over", "m02", "yes")
    sim("record_answer", member="m02", answer="yes")  # the secretary may still record
    sim("close_vote")
    replayed = fold(sim.log)
    assert replayed.sittings["s1"].votes["v1"].answers == sim.sitting.votes["v1"].answers


def test_answers_are_changeable_unless_the_council_says_otherwise():
    sim = _with_codes()
    sim("open_vote", subject="Wniosek", mode="electronic")
    _answer(sim, "m01", "yes")
    _refused(sim, "no_change", "m01", "yes")
    _answer(sim, "m01", "no")
    sim("close_vote")
    sim("set_voting_settings", settings={"answers_changeable": False})
    sim("open_vote", subject="Drugi wniosek", mode="electronic")
    _answer(sim, "m01", "yes")
    _refused(sim, "answer_final", "m01", "no")


def test_settings_do_not_change_during_a_vote_nor_to_what_they_are():
    sim = _with_codes()
    with pytest.raises(Rejection) as rejected:
        sim("set_voting_settings", settings={})
    assert rejected.value.code == "no_change"
    sim("open_vote", subject="Wniosek", mode="electronic")
    with pytest.raises(Rejection) as rejected:
        sim("set_voting_settings", settings={"voting_time_s": 10})
    assert rejected.value.code == "vote_open"


def test_self_check_in_only_where_the_council_allows_it_and_marked_as_such():
    sim = _with_codes(present=0)
    with pytest.raises(Rejection) as rejected:
        sim("device_check_in", member="m01", code_hash=_hash("code-1"), at=sim.at.isoformat())
    assert rejected.value.code == "self_check_in_off"
    sim("set_voting_settings", settings={"self_check_in": True})
    (event,) = sim("device_check_in", member="m01", code_hash=_hash("code-1"),
                   at=sim.at.isoformat())
    assert isinstance(event, MemberCheckedIn) and event.source is AnswerSource.DEVICE
    assert sim.sitting.attendance["m01"].checked_in_by is AnswerSource.DEVICE
    with pytest.raises(Rejection) as rejected:
        sim("device_check_in", member="m02", code_hash=_hash("code-1"), at=sim.at.isoformat())
    assert rejected.value.code == "other_member"
    sim("check_out", member="m01")  # the secretary corrects it
    assert not sim.sitting.is_present("m01")


def test_the_overlays_live_tally_is_a_council_setting_a_replay_keeps():
    sim = _with_codes()
    assert sim.state.overlay_tally is True  # shown, as before the setting existed
    with pytest.raises(Rejection) as rejected:
        sim("set_overlay_tally", shown=True)
    assert rejected.value.code == "no_change"
    sim("open_vote", subject="Wniosek", mode="electronic")
    sim("set_overlay_tally", shown=False)  # a display setting: allowed mid-vote
    assert sim.state.overlay_tally is False
    assert fold(sim.log).overlay_tally is False
    sim("set_overlay_tally", shown=True)
    assert fold(sim.log).overlay_tally is True
