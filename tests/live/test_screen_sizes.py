"""The chamber screen at every usual size: the whole named grid on screen, its text big.

Each page is laid out by its own CSS and a little JS that picks the grid's columns and
tile text size; these tests look at what Chromium laid out: every tile inside the
viewport, no word or answer spilling out of its tile, and the tile text's size.
"""

from pathlib import Path

import pytest
from axe_playwright_python.async_playwright import Axe
from playwright.async_api import Page, expect

from server.live import LiveServer
from tests.cli import ROOT
from tests.live.conftest import council_service, run
from tests.publish.katowice import published

pytestmark = pytest.mark.browser
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "resultTypes": ["violations"]}
ARTIFACTS = ROOT / "test-artifacts" / "sizes"
SIZES = [(1280, 720), (1920, 1080), (3840, 2160), (1080, 1920)]
LONGEST = "Grodzka-Łopuszyńska Elżbieta"  # the longest name of Rada Miasta Katowice
CLUBS = ["Koalicja Obywatelska", "Prawo i Sprawiedliwość", "Forum Samorządowe i Marcin Krupa",
         "Trzecia Droga"]
# the least tile text, in px on a 1920x1080 screen, scaled with the screen's shorter side;
# a portrait screen (1080 wide) gets 95 % of it: a third of its width must hold the longest
# surname, "Grodzka-Łopuszyńska", and two columns would need 15 rows
MIN_FONT_AT_1080 = {23: 40, 30: 40, 60: 24, 100: 30}
PORTRAIT = 0.95

LAYOUT = """() => {
    const W = innerWidth, H = innerHeight;
    const inside = (r) => r.left >= -0.5 && r.top >= -0.5 && r.right <= W + 0.5
                          && r.bottom <= H + 0.5;
    const within = (r, box) => r.left >= box.left - 0.5 && r.right <= box.right + 0.5
                               && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5;
    const tiles = [...document.querySelectorAll("#grid li")].filter((tile) => !tile.hidden);
    const outside = [], spilled = [];
    for (const tile of tiles) {
        const box = tile.getBoundingClientRect();
        if (!inside(box)) outside.push(tile.dataset.member);
        for (const part of tile.querySelectorAll(".word, .answer")) {
            if (!within(part.getBoundingClientRect(), box)) spilled.push(tile.dataset.member);
        }
    }
    const fonts = [...document.querySelectorAll("#grid li:not([hidden]) .word, "
                                                + "#grid li:not([hidden]) .answer")]
        .map((node) => parseFloat(getComputedStyle(node).fontSize));
    const longest = [...document.querySelectorAll("#grid li:not([hidden])")]
        .find((tile) => tile.querySelector(".who").textContent === arguments[0]);
    const seen = (id) => { const node = document.getElementById(id);
                           return !node.hidden && inside(node.getBoundingClientRect()); };
    return {shown: tiles.length, outside, spilled: [...new Set(spilled)],
            font: Math.min(...fonts),
            longestHeight: longest ? Math.min(...[...longest.querySelectorAll(".word")].map(
                (word) => word.getBoundingClientRect().height)) : null,
            attendance: seen("attendance"), tally: seen("tally"), result: seen("result"),
            compact: seen("compact"), clubs: seen("clubs")};
}"""


def _names(count: int) -> list[str]:
    """Real names (Katowice's council, the longest among them), repeated past its 28."""
    names = published()["members"]
    return [names[i % len(names)] for i in range(count)]


async def _layout(page: Page, longest: str = LONGEST) -> dict:
    return await page.evaluate(LAYOUT.replace("arguments[0]", repr(longest)))


async def _check_every_size(pages: dict, members: int, closed: bool) -> None:
    for (width, height), page in pages.items():
        if closed:
            await expect(page.locator("#result")).to_be_visible()
        else:
            await expect(page.locator("#tally")).to_contain_text("ZA 2")
        await expect(page.locator("#grid li")).to_have_count(members)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        stage = "closed" if closed else "open"
        await page.screenshot(path=str(ARTIFACTS / f"chamber-{members}-{width}x{height}-{stage}.png"))
        layout = await _layout(page)
        where = f"{members} members at {width}x{height}, vote {stage}: {layout}"
        compact = members > 60
        assert layout["shown"] == (members if not compact else 25), where  # 4 pages of 25
        assert layout["outside"] == [] and layout["spilled"] == [], where
        assert layout["attendance"] and layout["tally"], where
        assert layout["result"] is closed, where
        assert layout["compact"] is compact and layout["clubs"] is compact, where
        least = (MIN_FONT_AT_1080[members] * min(width, height) / 1080
                 * (PORTRAIT if height > width else 1))
        assert layout["font"] >= least, where
        assert layout["longestHeight"] >= least, where


@pytest.mark.parametrize("members", [23, 30, 60, 100])
async def test_the_whole_grid_is_on_screen_at_every_size_before_and_after_the_close(
        browser, tmp_path: Path, members: int):
    service = council_service(tmp_path / "rada.db", _names(members), CLUBS, "Rada Miasta Katowice",
                              number="XV")
    live = LiveServer(service, port=0, token_dir=tmp_path / "t")
    await live.start()
    try:
        await run(service, "open_vote", subject="Projekt uchwały w sprawie zmian w budżecie "
                  "miasta na rok 2025 oraz w wieloletniej prognozie finansowej", kind="resolution")
        for seat, answer in [(1, "yes"), (2, "no"), (5, "yes"), (6, "abstain")]:
            await run(service, "record_answer", member=f"m{seat:04d}", answer=answer)
        pages = {}
        for width, height in SIZES:
            pages[width, height] = await browser.new_page(
                viewport={"width": width, "height": height})
            # the compact view's pages turn only when the test says (a loaded machine took
            # longer than the 8 s a page stays before the first page was checked)
            await pages[width, height].goto(live.urls()["chamber"] + "&page_s=0")
        await _check_every_size(pages, members, closed=False)
        await run(service, "close_vote")  # the longest name did not vote: the widest answer
        await _check_every_size(pages, members, closed=True)
        if members > 60:
            await _check_the_pages_turn(pages[1920, 1080])
        for page in pages.values():
            await page.close()
    finally:
        await live.stop()
        service.close()


async def _check_the_pages_turn(page: Page) -> None:
    compact = page.locator("#compact")
    await expect(compact).to_have_text(
        "Widok skrócony, członków: 100 — wyniki klubów, lista imienna: strona 1 z 4")
    await expect(page.locator("#clubs tbody tr")).to_have_count(len(CLUBS))
    await expect(page.locator("#clubs tbody tr").first).to_contain_text("Forum Samorządowe")
    await page.evaluate("turnPage()")  # every 8 s by itself, without page_s=0
    await expect(compact).to_contain_text("strona 2 z 4")
    shown = page.locator("#grid li:not([hidden])")
    await expect(shown).to_have_count(25)
    await expect(shown.first).to_have_attribute("data-member", "m0026")
    layout = await _layout(page)
    assert layout["outside"] == [] and layout["spilled"] == [], layout
    results = await Axe().run(page, options=WCAG)  # the clubs' table has real headers
    assert results.response["violations"] == [], results.generate_report()


async def test_the_lost_banner_never_hides_the_presence_line(browser, tmp_path: Path):
    service = council_service(tmp_path / "rada.db", _names(30), CLUBS, "Rada Miasta Katowice")
    live = LiveServer(service, port=0, token_dir=tmp_path / "t")
    await live.start()
    await run(service, "open_vote", subject="Projekt uchwały", kind="resolution")
    page = await browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        await page.goto(live.urls()["chamber"])
        await expect(page.locator("#attendance")).to_contain_text("Obecni: 30 / 30")
        await live.stop()
        await expect(page.locator("#lost")).to_be_visible()
        await page.screenshot(path=str(ARTIFACTS / "chamber-lost-1280x720.png"))
        banner = await page.locator("#lost").bounding_box()
        presence = await page.locator("#attendance").bounding_box()
        assert banner["y"] + banner["height"] <= presence["y"], (banner, presence)
        layout = await _layout(page)
        assert layout["attendance"] and layout["outside"] == [], layout  # the grid made room
    finally:
        await page.close()
        service.close()


async def test_a_committee_meets_in_a_posiedzenie_on_the_chamber_screen_and_the_overlay(
        browser, tmp_path: Path):
    service = council_service(tmp_path / "komisja.db", _names(7), CLUBS, "Komisja Budżetu",
                              sitting_type="committee", number="12")
    live = LiveServer(service, port=0, token_dir=tmp_path / "t")
    await live.start()
    chamber = await browser.new_page(viewport={"width": 1920, "height": 1080})
    overlay = await browser.new_page(viewport={"width": 1920, "height": 1080})
    try:
        await chamber.goto(live.urls()["chamber"])
        await overlay.goto(live.urls()["overlay"])
        await expect(chamber.locator("#sitting")).to_have_text("Posiedzenie 12 · 2026-11-23")
        await expect(chamber).to_have_title("Posiedzenie — ekran sali")
        await expect(overlay).to_have_title("Posiedzenie — nakładka")
        await run(service, "close_sitting")
        await expect(chamber.locator("#idle")).to_have_text("Posiedzenie zamknięte.")
        await chamber.goto(live.urls()["chamber"] + "&lang=en")
        await expect(chamber.locator("#sitting")).to_have_text("Meeting 12 · 2026-11-23")
        await expect(chamber).to_have_title("Meeting — chamber screen")
        await expect(chamber.locator("#idle")).to_have_text("The meeting is closed.")
    finally:
        await chamber.close()
        await overlay.close()
        await live.stop()
        service.close()


async def test_the_compact_views_pages_turn_by_themselves_as_often_as_page_s_says(
        browser, tmp_path: Path):
    service = council_service(tmp_path / "rada.db", _names(100), CLUBS, "Rada Miasta Katowice",
                              number="XV")
    live = LiveServer(service, port=0, token_dir=tmp_path / "t")
    await live.start()
    try:
        await run(service, "open_vote", subject="Projekt uchwały", kind="resolution")
        page = await browser.new_page(viewport={"width": 1920, "height": 1080})
        await page.goto(live.urls()["chamber"] + "&page_s=1")
        await expect(page.locator("#compact")).to_contain_text("strona 3 z 4", timeout=10_000)
        await page.close()
    finally:
        await live.stop()
        service.close()
