"""A refresh rebuilds only the device views its events concern: a press rebuilds its own
member's view, not every connected device's; a vote opened or a setting changed, all."""

import asyncio
from datetime import UTC, datetime

from models import events as ev
from server.live.member_view import concerned_members
from tests.live.conftest import run
from tests.live.devices import answer_reply, device, give_codes

AT = datetime(2026, 11, 23, 10, tzinfo=UTC)


def _stored(seq: int, event: ev.Event) -> ev.StoredEvent:
    return ev.StoredEvent(seq=seq, at=AT, actor="test", event=event, prev_hash="0", hash="1")


def test_one_members_events_concern_that_member_and_any_other_every_member():
    press = ev.AnswerRecorded(sitting_id="s1", vote_id="v1", member_id="m01", answer="yes")
    check_in = ev.MemberCheckedIn(sitting_id="s1", member_id="m02")
    revoked = ev.DeviceCodeRevoked(member_id="m03")
    assert concerned_members([_stored(1, press), _stored(2, check_in), _stored(3, revoked)]
                             ) == {"m01", "m02", "m03"}
    assert concerned_members([]) == frozenset()
    item = ev.CurrentItemSet(sitting_id="s1", item_id="i2")
    assert concerned_members([_stored(1, press), _stored(2, item)]) is None
    settings = ev.OverlayTallySet(shown=False)
    assert concerned_members([_stored(1, settings)]) is None


async def _builds_after(live, members, action) -> dict[str, int]:
    """How many times each member's device view was built while `action` ran and the
    refresh it caused went out."""
    counts = dict.fromkeys(members, 0)
    for member in members:
        feed = live.devices.feeds[member]

        def counted(state, member=member, build=feed.build):
            counts[member] += 1
            return build(state)

        feed.build = counted
    await action()
    await asyncio.sleep(0.2)  # past the 50 ms window: every refresh due has gone out
    return counts


async def test_a_press_rebuilds_its_own_members_view_only(live, service):
    for number in range(1, 4):
        await run(service, "check_in", member=f"m{number:02d}")
    codes = give_codes(service, ["m01", "m02", "m03"])
    devices = [(await device(live, codes[member]))[0] for member in codes]
    await asyncio.sleep(0.2)
    counts = await _builds_after(live, codes, lambda: run(
        service, "open_vote", subject="Wniosek", mode="electronic"))
    assert all(count >= 1 for count in counts.values()), counts  # every device sees the vote
    await asyncio.sleep(0.2)

    async def press() -> None:
        reply = await answer_reply(devices[0], {"type": "answer", "id": "a1", "answer": "yes"})
        assert reply["type"] == "recorded"

    counts = await _builds_after(live, codes, press)
    assert counts["m01"] >= 1 and counts["m02"] == counts["m03"] == 0, counts
    assert live.devices.feeds["m01"].data["vote"]["answer"] == "yes"
    assert "answer" not in live.devices.feeds["m02"].data["vote"]
    for ws in devices:
        await ws.close()
