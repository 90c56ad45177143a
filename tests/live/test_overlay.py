"""The stream overlay in Chromium (OBS's browser source is Chromium too): the live tally of an
open vote, the speaker, the result; sized by the source, transparent around its bars, and
its options by URL parameter (docs/overlay.md)."""

import io
import re

import pytest
from PIL import Image
from playwright.async_api import Page, expect

from tests.cli import ROOT
from tests.live.conftest import run

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "test-artifacts" / "overlay"
BARS = "#vote-bar, #result, #speaker"


async def _overlay(browser, live, options: str = "", size=(1280, 720)) -> Page:
    page = await browser.new_page(viewport={"width": size[0], "height": size[1]})
    await page.goto(live.urls()["overlay"] + options)
    await expect(page.locator("body")).to_have_attribute("data-connection", "live")
    return page


async def _bar_boxes(page: Page) -> list[dict]:
    return [await bar.bounding_box() for bar in await page.locator(BARS).all()
            if await bar.is_visible()]


async def _inside(page: Page, boxes: list[dict]) -> None:
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    for box in boxes:
        assert box["x"] >= 0 and box["y"] >= 0, box
        assert box["x"] + box["width"] <= width and box["y"] + box["height"] <= height, box
    for text in await page.locator(f"{BARS} >> css=.name, .sub, .subject, .counts").all():
        if await text.is_visible():  # nothing cut off inside a bar either
            assert await text.evaluate("node => node.scrollWidth <= node.clientWidth"
                                       " && node.scrollHeight <= node.clientHeight"), (
                await text.text_content())


def _transparent_outside(png: bytes, boxes: list[dict]) -> None:
    """Every pixel outside the bars is fully transparent; the bars themselves are not."""
    image = Image.open(io.BytesIO(png)).convert("RGBA")
    alpha = image.getchannel("A")
    inside = Image.new("L", image.size, 0)
    for box in boxes:
        inside.paste(255, (int(box["x"]) - 1, int(box["y"]) - 1,
                           int(box["x"] + box["width"]) + 2, int(box["y"] + box["height"]) + 2))
    outside = Image.composite(Image.new("L", image.size, 0), alpha, inside)
    assert outside.getbbox() is None, f"opaque pixels outside the bars at {outside.getbbox()}"
    for box in boxes:
        middle = (int(box["x"] + box["width"] / 2), int(box["y"] + box["height"] / 2))
        assert alpha.getpixel(middle) > 200, box


async def test_an_open_vote_shows_its_live_tally_and_a_speaker_their_club_at_1280x720(
        browser, live, service):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = await _overlay(browser, live)
    for number in range(1, 13):
        await run(service, "check_in", member=f"m{number:02d}")
    await run(service, "set_current_item", item="i6")
    await run(service, "queue_speaker", member="m04")
    await run(service, "start_speech")
    await expect(page.locator("#speaker-name")).to_have_text("Dąbrowski Łukasz")
    await expect(page.locator("#speaker-club")).to_have_text(
        "Klub Radnych Obywatelskie Nadwarcie")
    await expect(page.locator("#countdown")).to_have_text(re.compile(r"^[45]:\d\d$"))
    await run(service, "stop_speech")
    await run(service, "open_vote", subject="Projekt uchwały w sprawie zmian w budżecie miasta "
              "na rok 2027 oraz w wieloletniej prognozie finansowej", kind="resolution")
    vote_bar = page.locator("#vote-bar")
    await expect(vote_bar).to_contain_text("Głosowanie nr 1")
    await expect(vote_bar).to_contain_text("ZA 0")
    for number, answer in [(1, "yes"), (2, "yes"), (3, "no"), (4, "abstain")]:
        await run(service, "record_answer", member=f"m{number:02d}", answer=answer)
    await expect(vote_bar.locator(".counts")).to_have_text("ZA 2PRZECIW 1WSTRZ. 1")
    await run(service, "queue_speaker", guest={"name": "Anna Nowicka", "role": "Skarbnik Miasta"})
    await run(service, "start_speech")
    await expect(page.locator("#speaker-club")).to_have_text("Skarbnik Miasta")
    boxes = await _bar_boxes(page)
    assert len(boxes) == 2
    await _inside(page, boxes)
    png = await page.screenshot(omit_background=True)
    (ARTIFACTS / "overlay-tally-speaker-1280x720.png").write_bytes(png)
    _transparent_outside(png, boxes)
    await run(service, "stop_speech")
    await run(service, "close_vote")
    await expect(vote_bar).to_be_hidden()
    await expect(page.locator("#result")).to_contain_text("PRZYJĘTO")
    await expect(page.locator("#result .counts")).to_have_text("ZA 2PRZECIW 1WSTRZ. 1")
    boxes = await _bar_boxes(page)
    await _inside(page, boxes)
    png = await page.screenshot(omit_background=True)
    (ARTIFACTS / "overlay-result-1280x720.png").write_bytes(png)
    _transparent_outside(png, boxes)
    await page.close()


async def test_the_tally_can_be_turned_off_and_the_result_still_shows(browser, live, service):
    page = await _overlay(browser, live, "&tally=0")
    await run(service, "check_in", member="m01")
    await run(service, "set_current_item", item="i4")
    await run(service, "open_vote", subject="Wniosek formalny", kind="procedural")
    await run(service, "record_answer", member="m01", answer="yes")
    await page.wait_for_function("() => view.vote && view.vote.tally.yes === 1")
    await expect(page.locator("#vote-bar")).to_be_hidden()
    await run(service, "close_vote")
    await expect(page.locator("#result")).to_contain_text("ZA 1")
    await page.close()


async def test_position_size_and_background_follow_the_url(browser, live, service):
    await run(service, "set_current_item", item="i4")
    await run(service, "queue_speaker", member="m12")  # the demo's chair
    await run(service, "start_speech")
    plain = await _overlay(browser, live, size=(1920, 1080))
    options = "&position=top-right&size=1.5&bg=00b140"
    moved = await _overlay(browser, live, options, size=(1920, 1080))
    for page in (plain, moved):
        await expect(page.locator("#speaker-name")).to_have_text("Nowak Jan")
        await expect(page.locator("#speaker-club")).to_have_text(
            "przewodniczący(-a) obrad · Klub Radnych Wspólnota Samorządowa")
    default = await plain.locator("#speaker").bounding_box()
    box = await moved.locator("#speaker").bounding_box()
    assert default["y"] > 1080 / 2 and default["x"] < 1920 / 4  # bottom left by default
    assert box["y"] < 1080 / 4 and box["x"] + box["width"] > 1920 * 0.9  # top right
    sizes = [float((await page.locator("#speaker-name").evaluate(
        "node => getComputedStyle(node).fontSize")).removesuffix("px")) for page in (plain, moved)]
    assert sizes[1] == pytest.approx(sizes[0] * 1.5, rel=0.02)
    assert await moved.evaluate("getComputedStyle(document.body).backgroundColor") == (
        "rgb(0, 177, 64)")
    assert await plain.evaluate("getComputedStyle(document.body).backgroundColor") == (
        "rgba(0, 0, 0, 0)")
    await moved.screenshot(path=str(ARTIFACTS / "overlay-top-right-green.png"))
    for page in (plain, moved):
        await page.close()
