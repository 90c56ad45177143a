"""The BIP page on a phone and a desktop: the index's table becomes one block per vote at
390 px, no subject fills the screen, nothing is wider than the viewport; each vote tells its
quorum, date and times; columns empty for the whole sitting are not shown."""

import json
import re
from pathlib import Path

import pytest
from axe_playwright_python.async_playwright import Axe
from playwright.async_api import async_playwright

from server.publish import export_package
from tests.cli import ROOT
from tests.publish.katowice import replayed
from tests.publish.sittings import clubs, rich
from tests.publish.test_accessibility import CHROMIUM_ARGS, WCAG

ARTIFACTS = ROOT / "test-artifacts" / "publish"
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def packages(tmp_path_factory) -> dict[str, Path]:
    made = {}
    for name, sim in (("rich", rich()), ("clubs", clubs()), ("katowice", replayed())):
        made[name] = tmp_path_factory.mktemp(name) / "bip"
        export_package(sim.state, sim.log, made[name], formats=["html"])
    return made


def read(folder: Path, name: str) -> str:
    return (folder / name).read_text(encoding="utf-8")


def test_each_vote_tells_its_quorum_date_and_times(packages):
    index = read(packages["rich"], "index.html")
    first = read(packages["rich"], "glosowania/glosowanie-001.html")
    for page in (index, first):
        assert "Kworum: jest — obecnych 8 z 11, wymagane 6." in page
        assert "22 listopada 2026 r., otwarto 11:04:26, zamknięto 11:04:56." in page
    assert "Kworum: jest — obecnych 7 z 11, wymagane 6." in index  # vote 3, after one left
    assert "Ustawowy skład rady: 11." in first
    katowice = read(packages["katowice"], "glosowania/glosowanie-001.html")
    assert re.search(r"Kworum: jest — obecnych \d+ z 28, wymagane 14\.", katowice)
    assert "Ustawowy skład rady: 28." in katowice


def columns(page: str, caption: str) -> list[str]:
    head = page.split(f"<caption>{caption}</caption>")[1].split("</thead>")[0]
    return re.findall(r'<th scope="col">([^<]+)</th>', head)


def test_columns_empty_for_the_whole_sitting_are_not_shown(packages):
    rich_index, club_index = read(packages["rich"], "index.html"), read(packages["clubs"], "index.html")
    assert "Klub" not in columns(rich_index, "Imienny wykaz głosowania nr 1")
    assert "Klub" in columns(club_index, "Imienny wykaz głosowania nr 1")
    assert "Klub" not in columns(rich_index, "Lista obecności radnych")
    assert "Wyłączeni" in columns(rich_index, "Wyniki głosowań")  # vote 1 had a recusal
    assert "Wyłączeni" not in columns(club_index, "Wyniki głosowań")
    assert "Punkt" not in columns(read(packages["katowice"], "index.html"), "Wyniki głosowań")
    assert "Usprawiedliwienie" not in columns(club_index, "Lista obecności radnych")


LAYOUT = """() => {
  const width = window.innerWidth;
  const wide = [...document.querySelectorAll('main *')].filter(
      e => e.getBoundingClientRect().right > width + 0.5 && e.getClientRects().length)
      .map(e => e.tagName + ' ' + (e.textContent || '').slice(0, 40));
  const rows = [...document.querySelectorAll('table.blocks')][0];
  const blocks = rows ? [...rows.tBodies[0].rows].map(r => {
      const box = r.getBoundingClientRect();
      return {display: getComputedStyle(r).display, height: box.height, width: box.width};
  }) : [];
  return {scroll: document.documentElement.scrollWidth, width, wide, blocks,
          head: rows ? rows.tHead.getBoundingClientRect().height : null,
          captions: [...document.querySelectorAll('caption')].map(
              c => c.getBoundingClientRect().height)};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
async def test_the_pages_fit_the_screen_and_the_index_is_blocks_on_a_phone(packages, viewport):
    assert Path("/usr/bin/chromium").exists(), "Debian's chromium is needed (bash .ci/run)"
    folder = packages["katowice"]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                   args=CHROMIUM_ARGS)
        try:
            page = await browser.new_page(viewport=viewport)
            layouts = {}
            for name in ("index.html", "glosowania/glosowanie-001.html"):
                await page.goto((folder / name).as_uri())
                layouts[name] = await page.evaluate(LAYOUT)
                await page.screenshot(path=str(ARTIFACTS / f"katowice-{viewport['width']}-"
                                                 f"{name.replace('/', '-')}.png"))
                if viewport is PHONE:
                    results = await Axe().run(page, options=WCAG)
                    assert results.response["violations"] == [], results.generate_report()
        finally:
            await browser.close()
    for name, layout in layouts.items():
        assert layout["scroll"] <= viewport["width"], (name, json.dumps(layout["wide"][:5]))
        assert layout["wide"] == [], name
        assert max(layout["captions"]) < 80, name  # a caption on one or two lines, not a column
    blocks = layouts["index.html"]["blocks"]
    assert len(blocks) == 21
    if viewport is PHONE:
        assert {b["display"] for b in blocks} == {"block"}
        assert layouts["index.html"]["head"] <= 1  # the header row is for screen readers only
        assert max(b["height"] for b in blocks) < viewport["height"] / 2
    else:
        assert {b["display"] for b in blocks} == {"table-row"}
