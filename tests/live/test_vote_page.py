"""The members' voting page in a real browser on an emulated 5-inch phone: a device votes,
sees "recorded" only after the server's durable write, and many members vote at once."""

import asyncio
import random

import pytest
from axe_playwright_python.async_playwright import Axe
from playwright.async_api import expect

from models.events import AnswerRecorded
from models.terms import AnswerSource
from tests.live.conftest import big_council_service, run
from tests.live.devices import give_codes

pytestmark = pytest.mark.browser
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "resultTypes": ["violations", "passes"]}
PHONE = {"viewport": {"width": 360, "height": 640}, "device_scale_factor": 3,
         "is_mobile": True, "has_touch": True}  # a 5-inch phone


async def _phone(browser, url: str):
    context = await browser.new_context(**PHONE)
    page = await context.new_page()
    await page.goto(url)
    return context, page


async def _present(service, count: int) -> None:
    for number in range(1, count + 1):
        await run(service, "check_in", member=f"m{number:02d}")


def _device_answers(service, vote_id: str) -> dict[str, str]:
    found = {}
    for stored in service.store.load():
        event = stored.event
        if isinstance(event, AnswerRecorded) and event.vote_id == vote_id:
            assert event.source is AnswerSource.DEVICE and stored.actor == f"device:{event.member_id}"
            found[event.member_id] = event.answer.value
    return found


async def test_a_phone_votes_and_is_told_recorded_with_named_buttons(browser, live, service):
    await _present(service, 3)
    codes = give_codes(service, ["m01", "m03"])
    await run(service, "set_current_item", item="i6")
    context, page = await _phone(browser, live.urls()["vote"] + f"?code={codes['m01']}")
    await expect(page.locator("#state")).to_contain_text("Nie trwa żadne głosowanie")
    await run(service, "open_vote", subject="Projekt uchwały budżetowej", mode="electronic")
    yes = page.get_by_role("button", name="ZA", exact=True)
    await expect(yes).to_be_enabled()
    for name in ("PRZECIW", "WSTRZYMUJĘ SIĘ"):
        await expect(page.get_by_role("button", name=name)).to_be_visible()
    await yes.click()
    await expect(page.get_by_role("status").filter(has_text="Zapisano")).to_contain_text(
        "Zapisano Twój głos: ZA")
    assert _device_answers(service, "v1") == {"m01": "yes"}  # durable before "recorded"
    await expect(yes).to_have_attribute("aria-pressed", "true")
    tree = await page.locator("#vote").aria_snapshot()
    assert 'button "ZA' in tree and 'button "PRZECIW"' in tree and "Zapisano" in tree
    box = await yes.bounding_box()
    assert box["width"] <= 360 and box["height"] >= 44  # a large target inside the phone
    results = await Axe().run(page, options=WCAG)
    assert results.response["violations"] == [], results.generate_report()
    await page.get_by_role("button", name="PRZECIW").click()  # changeable by default
    await expect(page.locator("#recorded")).to_contain_text("PRZECIW")
    await run(service, "record_answer", member="m02", answer="yes")
    await run(service, "close_vote")
    await expect(page.locator("#result")).to_contain_text("Twój głos: przeciw")
    await context.close()


async def test_english_recused_and_absent_members_see_why_they_cannot_vote(browser, live,
                                                                          service):
    await _present(service, 2)
    codes = give_codes(service, ["m02", "m05"])
    await run(service, "open_vote", subject="Motion", mode="electronic", recused=["m02"])
    context, recused = await _phone(browser, live.urls()["vote"]
                                    + f"?code={codes['m02']}&lang=en")
    await expect(recused.locator("#state")).to_contain_text("You are recused from this vote")
    assert await recused.evaluate("document.documentElement.lang") == "en"
    await expect(recused.get_by_role("button", name="YES")).to_be_hidden()
    results = await Axe().run(recused, options=WCAG)
    assert results.response["violations"] == [], results.generate_report()
    absent = await context.new_page()
    await absent.goto(live.urls()["vote"] + f"?code={codes['m05']}")
    await expect(absent.locator("#state")).to_contain_text("nie możesz głosować")
    await context.close()


async def test_a_code_typed_on_the_page_and_a_wrong_one(browser, live, service):
    codes = give_codes(service, ["m01"])
    context, page = await _phone(browser, live.urls()["vote"])
    field = page.get_by_label("Kod urządzenia")
    await field.fill("ZZZZZZZZZZ")
    await page.get_by_role("button", name="Połącz").click()
    await expect(page.locator("#login-error")).to_contain_text("Ten kod nie działa")
    await field.fill(codes["m01"].lower())
    await page.get_by_role("button", name="Połącz").click()
    await expect(page.locator("#who")).to_contain_text("Radny(-a): ")
    await expect(page.locator("#login")).to_be_hidden()
    await context.close()


async def test_twenty_three_members_vote_at_once_and_the_log_equals_what_they_pressed(
        browser, tmp_path):
    from server.live import LiveServer
    service = big_council_service(tmp_path / "big.db", 23)
    members = [f"m{i:04d}" for i in range(1, 24)]
    codes = give_codes(service, members)
    server = LiveServer(service, port=0, token_dir=tmp_path / "tokens")
    await server.start()
    try:
        pages = {}
        for member in members:
            pages[member] = await _phone(browser, server.urls()["vote"]
                                         + f"?code={codes[member]}")
        await run(service, "open_vote", subject="Budżet", mode="electronic")
        labels = {"yes": "ZA", "no": "PRZECIW", "abstain": "WSTRZYMUJĘ SIĘ"}
        pressed = {member: random.choice(list(labels)) for member in members}
        for _context, page in pages.values():
            await expect(page.get_by_role("button", name="ZA", exact=True)).to_be_enabled()
        await asyncio.gather(*(
            page.get_by_role("button", name=labels[pressed[member]], exact=True).click()
            for member, (_context, page) in pages.items()))
        for member, (_context, page) in pages.items():
            await expect(page.locator("#recorded")).to_contain_text(
                f"Zapisano Twój głos: {labels[pressed[member]]}")
        assert _device_answers(service, "v1") == pressed
        for context, _page in pages.values():
            await context.close()
    finally:
        await server.stop()
        service.close()


async def test_a_phone_cut_off_by_the_network_comes_back_to_what_it_missed(browser, live,
                                                                           service):
    from tests.live.proxy import Proxy
    await _present(service, 3)
    codes = give_codes(service, ["m01"])
    proxy = Proxy(live.port)
    await proxy.start()
    try:
        context, page = await _phone(browser, f"http://127.0.0.1:{proxy.port}/vote"
                                     f"?code={codes['m01']}")
        await run(service, "open_vote", subject="Pierwszy wniosek", mode="electronic")
        await page.get_by_role("button", name="ZA", exact=True).click()
        await expect(page.locator("#recorded")).to_contain_text("Zapisano Twój głos: ZA")
        await proxy.cut()
        await expect(page.locator("#lost")).to_be_visible()
        await run(service, "close_vote")  # the sitting goes on while the phone is away
        await run(service, "open_vote", subject="Drugi wniosek", mode="electronic")
        await proxy.restore()
        await expect(page.locator("#lost")).to_be_hidden(timeout=20_000)
        await expect(page.locator("#vote-subject")).to_have_text("Drugi wniosek")
        await expect(page.get_by_role("button", name="ZA", exact=True)).to_have_attribute(
            "aria-pressed", "false")
        assert _device_answers(service, "v1") == {"m01": "yes"}  # what it saw recorded
        await context.close()
    finally:
        await proxy.close()


async def test_a_dead_phones_member_is_recorded_from_the_console_in_the_same_vote(browser, live,
                                                                                  service):
    await _present(service, 2)
    codes = give_codes(service, ["m01", "m02"])
    dead, dead_page = await _phone(browser, live.urls()["vote"] + f"?code={codes['m01']}")
    alive, page = await _phone(browser, live.urls()["vote"] + f"?code={codes['m02']}")
    await run(service, "open_vote", subject="Wniosek", mode="electronic")
    await expect(dead_page.get_by_role("button", name="ZA", exact=True)).to_be_enabled()
    await dead.close()  # the phone dies mid-vote
    await page.get_by_role("button", name="PRZECIW").click()
    await expect(page.locator("#recorded")).to_contain_text("Zapisano Twój głos: PRZECIW")
    await run(service, "record_answer", member="m01", answer="yes")  # asked by the member
    vote = service.state.sitting.votes["v1"]
    assert vote.sources == {"m01": AnswerSource.CONSOLE, "m02": AnswerSource.DEVICE}
    again = await alive.new_page()  # the member's spare device sees the secretary's record
    await again.goto(live.urls()["vote"] + f"?code={codes['m01']}")
    await expect(again.locator("#recorded")).to_contain_text("Sekretarz zapisał Twój głos: ZA")
    await alive.close()
