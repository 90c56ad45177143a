"""A member checks in from their own phone, where the council allows it: the /vote page in
a real browser, the secretary's console beside it (the roster marks the check-in as made
by the device, and the secretary corrects it with a key); where the council does not allow
it, the page offers no button and a check-in sent all the same is refused, nothing written."""

import pytest
from playwright.async_api import expect

from models.events import MemberCheckedIn, MemberCheckedOut
from models.terms import AnswerSource
from tests.console.conftest import SIZE, console
from tests.console.test_flows import on_roster, settle, started, until
from tests.live.conftest import run
from tests.live.devices import give_codes
from tests.live.test_vote_page import _phone

pytestmark = pytest.mark.browser


def _attendance_events(service, member: str) -> list:
    return [stored for stored in service.store.load()
            if isinstance(stored.event, MemberCheckedIn | MemberCheckedOut)
            and stored.event.member_id == member]


def _roster_line(pilot, member_id: str) -> str:
    rows = pilot.app.query_one("#roster")
    member = next(row for row in rows.rows if row.id == member_id)
    return "".join(segment.text for segment in rows.cells(member, 120))


async def test_a_phone_checks_in_the_console_shows_it_and_the_secretary_corrects_it(
        browser, live, service):
    await run(service, "set_voting_settings", settings={"self_check_in": True})
    codes = give_codes(service, ["m17"])
    context, page = await _phone(browser, live.urls()["vote"] + f"?code={codes['m17']}")
    button = page.get_by_role("button", name="Zgłaszam obecność")
    await expect(button).to_be_visible()
    await button.click()
    await expect(button).to_be_hidden()  # the view now says present: nothing left to press
    (checked_in,) = _attendance_events(service, "m17")
    assert checked_in.event.source is AnswerSource.DEVICE and checked_in.actor == "device:m17"
    async with console(service).run_test(size=SIZE) as pilot:
        await started(pilot)
        await on_roster(pilot, "17")
        assert "obecność zgłoszona z urządzenia" in _roster_line(pilot, "m17")
        await pilot.press("minus")  # the member is not in the chamber after all
        await settle(pilot)
        await until(pilot, lambda: "z urządzenia" not in _roster_line(pilot, "m17"),
                    "the mark gone")
    corrected = _attendance_events(service, "m17")[-1]
    assert isinstance(corrected.event, MemberCheckedOut) and corrected.actor == "test:sekretarz"
    assert not service.state.sitting.is_present("m17")
    await expect(button).to_be_visible()  # the phone follows the secretary's correction
    await context.close()


async def test_without_the_councils_setting_a_phone_cannot_check_in(browser, live, service):
    codes = give_codes(service, ["m17"])
    assert service.state.voting.self_check_in is False  # the default
    context, page = await _phone(browser, live.urls()["vote"] + f"?code={codes['m17']}")
    await expect(page.locator("#state")).to_contain_text("Nie jesteś na liście obecności")
    await expect(page.get_by_role("button", name="Zgłaszam obecność")).to_be_hidden()
    before = service.state.last_seq
    await page.evaluate("send({type: 'check_in', id: 'c99'})")  # a page that sends it anyway
    await expect(page.locator("#error")).to_have_text(
        "Rada nie pozwala zgłaszać obecności z urządzenia; zgłoś się do sekretarza.")
    assert service.state.last_seq == before and _attendance_events(service, "m17") == []
    await context.close()
