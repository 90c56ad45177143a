"""The chamber screen at every usual size: the whole named grid on screen, its text big.

Each page is laid out by its own CSS and a little JS that picks the grid's columns and
tile text size; these tests look at what Chromium laid out: every tile inside the
viewport, no word or answer spilling out of its tile, and the tile text's size.
"""

from pathlib import Path

import pytest
from playwright.async_api import Page, expect

from server.live import LiveServer
from tests.cli import ROOT
from tests.live.conftest import council_service, run
from tests.publish.katowice import published

pytestmark = pytest.mark.browser
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
            await pages[width, height].goto(live.urls()["chamber"])
        await _check_every_size(pages, members, closed=False)
        await run(service, "close_vote")  # the longest name did not vote: the widest answer
        await _check_every_size(pages, members, closed=True)
        for page in pages.values():
            await page.close()
    finally:
        await live.stop()
        service.close()
