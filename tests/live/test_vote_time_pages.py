"""The council's settings on the display pages, in a real browser: an electronic vote's
voting time counted down on the chamber screen to the server's deadline, and the stream
overlay's live tally following the council's setting in the log."""

import asyncio
import re

import pytest
from playwright.async_api import expect

from server.live.views import chamber_view, overlay_view
from tests.live.conftest import run

pytestmark = pytest.mark.browser
FAST_CLOCK = "const realNow = Date.now; Date.now = () => realNow() + 7_200_000;"


async def _present(service, count: int) -> None:
    for number in range(1, count + 1):
        await run(service, "check_in", member=f"m{number:02d}")


async def test_the_chamber_counts_the_voting_time_down_to_the_servers_deadline(browser, live,
                                                                             service):
    await _present(service, 12)
    await run(service, "set_current_item", item="i6")
    await run(service, "set_voting_settings", settings={"voting_time_s": 10})
    await run(service, "open_vote", subject="Projekt uchwały budżetowej", mode="electronic")
    deadline = chamber_view(service.state)["vote"]["deadline"]
    await asyncio.sleep(1.5)  # the screen opens after the vote did: 8.5 s are left, not 10
    page = await browser.new_page(viewport={"width": 1920, "height": 1080})
    await page.add_init_script(FAST_CLOCK)  # this screen's own clock is two hours fast
    await page.goto(live.urls()["chamber"])
    timer = page.locator("#vote-timer")
    await expect(timer).to_have_text(re.compile(r"^Czas na głos: 0:0[1-8]$"))
    assert await timer.get_attribute("data-state") == "running"
    assert await timer.get_attribute("role") == "timer"
    left_ms = await page.evaluate(f"{deadline} - serverNow()")
    assert 0 < left_ms <= 8_600, left_ms  # from the server's deadline and clock
    await expect(timer).to_have_text("Czas na głosowanie minął", timeout=12_000)
    assert await timer.get_attribute("data-state") == "over"
    await run(service, "record_answer", member="m01", answer="yes")  # the secretary still may
    await run(service, "close_vote")
    await expect(page.locator("#result")).to_be_visible()
    await expect(timer).to_be_hidden()
    await page.close()


async def test_a_vote_without_a_voting_time_shows_no_countdown(browser, live, service):
    await _present(service, 12)
    await run(service, "set_current_item", item="i6")
    await run(service, "open_vote", subject="Wniosek formalny", mode="electronic")
    page = await browser.new_page(viewport={"width": 1920, "height": 1080})
    await page.goto(live.urls()["chamber"])
    await expect(page.locator("#vote-head")).to_contain_text("Głosowanie nr 1 — trwa")
    await expect(page.locator("#vote-timer")).to_be_hidden()
    assert "deadline" not in chamber_view(service.state)["vote"]
    await page.close()


async def test_the_overlay_shows_the_live_tally_as_the_council_set_it(browser, live, service):
    await _present(service, 12)
    await run(service, "set_current_item", item="i6")
    page = await browser.new_page(viewport={"width": 1920, "height": 1080})
    await page.goto(live.urls()["overlay"])
    await run(service, "open_vote", subject="Projekt uchwały budżetowej")
    await run(service, "record_answer", member="m01", answer="yes")
    bar = page.locator("#vote-bar")
    await expect(bar).to_contain_text("ZA 1")
    await run(service, "set_overlay_tally", shown=False)  # pushed live, mid-vote
    await expect(bar).to_be_hidden()
    assert "tally" not in overlay_view(service.state)["vote"]  # not in the view's JSON either
    await run(service, "record_answer", member="m02", answer="no")
    await run(service, "close_vote")
    await expect(page.locator("#result")).to_contain_text("PRZECIW 1")  # the result still is
    await run(service, "set_overlay_tally", shown=True)
    await run(service, "open_vote", subject="Wniosek o zamknięcie dyskusji", kind="procedural")
    await run(service, "record_answer", member="m03", answer="abstain")
    await expect(bar).to_contain_text("WSTRZ. 1")
    await page.close()
