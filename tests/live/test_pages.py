"""The display pages in a real browser: Debian's chromium, driven by Playwright."""

import json
import re
import signal

import pytest
from axe_playwright_python.async_playwright import Axe
from playwright.async_api import expect

from server.live import LiveServer
from tests.cli import ROOT
from tests.live.conftest import big_council_service, run
from tests.live.serve_process import demo_db, serving

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "test-artifacts"
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "resultTypes": ["violations", "passes"]}


async def _page(browser, url: str):
    page = await browser.new_page(viewport={"width": 1920, "height": 1080})
    await page.goto(url)
    return page


async def _present(service, count: int) -> None:
    for number in range(1, count + 1):
        await run(service, "check_in", member=f"m{number:02d}")


async def test_chamber_follows_item_speaker_live_tally_and_result(browser, live, service):
    ARTIFACTS.mkdir(exist_ok=True)
    page = await _page(browser, live.urls()["chamber"])
    await expect(page.locator("#council")).to_have_text("Rada Miasta Nadwarcie")
    await _present(service, 14)
    await expect(page.locator("#attendance")).to_contain_text("Obecni: 14 / 23")
    await expect(page.locator("#attendance")).to_contain_text("kworum: jest")
    await run(service, "set_current_item", item="i6")
    await expect(page.locator("#item")).to_contain_text("w sprawie zmian w budżecie miasta")
    await expect(page.locator("#item")).to_contain_text("druk nr 412")
    await run(service, "queue_speaker", member="m04")
    await run(service, "start_speech")
    await expect(page.locator("#speaker-name")).to_have_text("Dąbrowski Łukasz")
    await expect(page.locator("#countdown")).to_have_text(
        re.compile(r"^[45]:\d\d$"))
    await run(service, "stop_speech")
    await expect(page.locator("#speaker")).to_be_hidden()
    await run(service, "open_vote", subject="Projekt uchwały w sprawie zmian w budżecie",
              kind="resolution")
    await expect(page.locator("#vote-head")).to_contain_text("Głosowanie nr 1 — trwa")
    tiles = page.locator("#grid li")
    await expect(tiles).to_have_count(22)
    for number, answer in [(1, "yes"), (2, "yes"), (3, "no")]:
        await run(service, "record_answer", member=f"m{number:02d}", answer=answer)
    await expect(page.locator("#tally")).to_have_text("ZA 2PRZECIW 1WSTRZ. 0")
    await expect(page.locator('#grid li[data-member="m03"] .answer')).to_have_text("✗ PRZECIW")
    await expect(page.locator('#grid li[data-member="m01"] .answer')).to_have_text("✓ ZA")
    await expect(page.locator('#grid li[data-member="m20"] .answer')).to_have_text("∅ nieobecny(-a)")
    await run(service, "record_answer", member="m04", answer="yes")
    await expect(page.locator("#tally")).to_contain_text("ZA 3")
    await page.screenshot(path=str(ARTIFACTS / "chamber-vote.png"))
    await run(service, "close_vote")
    await expect(page.locator("#result")).to_contain_text("PRZYJĘTO")
    await expect(page.locator("#result .why")).to_have_text(re.compile(r"^3 za, 1 przeciw"))
    await expect(page.locator("#result")).not_to_contain_text("Przyjęto")  # said once, above
    await expect(page.locator('#grid li[data-member="m05"] .answer')).to_have_text(
        "○ nie głosował(-a)")
    await page.screenshot(path=str(ARTIFACTS / "chamber-result.png"))
    await page.close()


async def test_overlay_is_transparent_with_speaker_and_result_bar(browser, live, service):
    ARTIFACTS.mkdir(exist_ok=True)
    page = await _page(browser, live.urls()["overlay"])
    await _present(service, 12)
    await run(service, "set_current_item", item="i4")
    await run(service, "queue_speaker", guest={"name": "Anna Nowicka", "role": "Skarbnik Miasta"})
    await run(service, "start_speech")
    await expect(page.locator("#speaker-name")).to_have_text("Anna Nowicka")
    await expect(page.locator("#speaker-club")).to_have_text("Skarbnik Miasta")
    background = await page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgba(0, 0, 0, 0)"
    await page.screenshot(path=str(ARTIFACTS / "overlay-speaker.png"), omit_background=True)
    await run(service, "stop_speech")
    await run(service, "open_vote", subject="Wniosek o zamknięcie dyskusji", kind="procedural")
    for number in range(1, 8):
        await run(service, "record_answer", member=f"m{number:02d}", answer="no")
    await run(service, "close_vote")
    await expect(page.locator("#result")).to_contain_text("ODRZUCONO")
    await expect(page.locator("#result")).to_contain_text("PRZECIW 7")
    await page.screenshot(path=str(ARTIFACTS / "overlay-result.png"), omit_background=True)
    await page.close()


RETRIES = """window.retries = [];
    const later = window.setTimeout;
    window.setTimeout = (callback, ms, ...rest) => {
      if (callback.name === "connect") window.retries.push(ms);
      return later(callback, ms, ...rest);
    };"""


@pytest.mark.parametrize("view", ["chamber", "overlay"])
async def test_connection_lost_then_reconnect_with_backoff_and_resync(browser, service, tmp_path,
                                                                      view):
    live = LiveServer(service, port=0, token_dir=tmp_path / "t")
    await live.start()
    page = await browser.new_page(viewport={"width": 1920, "height": 1080})
    await page.add_init_script(RETRIES)
    await page.goto(live.urls()[view] + "&lang=en")
    await expect(page.locator("body")).to_have_attribute("data-connection", "live")
    assert await page.title() == {"chamber": "Sitting — chamber screen",
                                  "overlay": "Sitting — overlay"}[view]
    await live.stop()
    await expect(page.locator("#lost")).to_contain_text("Connection to the server lost")
    assert await page.evaluate("document.body.dataset.connection") == "lost"
    await page.screenshot(path=str(ARTIFACTS / f"{view}-lost.png"))
    await page.wait_for_function("() => window.retries.length >= 4", timeout=15_000)
    retries = await page.evaluate("window.retries")
    for attempt, delay in enumerate(retries[:4]):  # 0.5 s doubling, with jitter of +-25 %
        assert 0.75 * 500 * 2 ** attempt <= delay <= 1.25 * 500 * 2 ** attempt, retries
    await _present(service, 3)  # the sitting goes on while the screen is away
    await run(service, "set_current_item", item="i4")
    await run(service, "queue_speaker", member="m01")
    await run(service, "start_speech")
    again = LiveServer(service, port=live.port, token_dir=tmp_path / "t")
    await again.start()
    try:
        await expect(page.locator("#lost")).to_be_hidden(timeout=20_000)
        await expect(page.locator("#speaker-name")).to_have_text("Adamczyk Barbara")
        await run(service, "stop_speech")
        await expect(page.locator("#speaker")).to_be_hidden()
        assert await page.evaluate("document.body.dataset.connection") == "live"
    finally:
        await page.close()
        await again.stop()


async def test_while_the_line_is_lost_the_screen_is_dimmed_stamped_and_its_countdown_stands(
        browser, service, tmp_path):
    live = LiveServer(service, port=0, token_dir=tmp_path / "t")
    await live.start()
    await run(service, "set_current_item", item="i4")
    await run(service, "queue_speaker", member="m01")
    await run(service, "start_speech")
    page = await _page(browser, live.urls()["chamber"])
    await expect(page.locator("#speaker-name")).to_have_text("Adamczyk Barbara")
    dimmed = "getComputedStyle(document.querySelector('main')).opacity"
    assert await page.evaluate(dimmed) == "1"
    await live.stop()
    await expect(page.locator("#lost")).to_contain_text(re.compile(r"stan z \d\d:\d\d:\d\d"))
    assert await page.evaluate(dimmed) == "0.45"
    shown = await page.locator("#countdown").text_content()
    await page.wait_for_timeout(2_500)  # a running speech would have lost two seconds
    assert await page.locator("#countdown").text_content() == shown
    await page.close()


async def test_a_wall_clock_step_is_not_silence(browser, live, service):
    """NTP corrects a chamber PC by +20 s: the page must not think the server went quiet."""
    page = await browser.new_page(viewport={"width": 1920, "height": 1080})
    await page.add_init_script("""const realNow = Date.now; let step = 0;
        Date.now = () => realNow() + step; window.stepClock = () => { step = 20_000; };
        window.states = [];
        new MutationObserver(() => window.states.push(document.body.dataset.connection))
          .observe(document, {attributes: true, subtree: true,
                              attributeFilter: ["data-connection"]});""")
    await page.goto(live.urls()["chamber"])
    await expect(page.locator("body")).to_have_attribute("data-connection", "live")
    await page.evaluate("window.stepClock()")
    await page.wait_for_timeout(5_500)  # past a heartbeat (5 s) and five silence checks
    assert await page.evaluate("window.states") == ["live"]  # never lost, not even briefly
    await page.close()


async def test_what_the_server_said_before_closing_is_shown(browser, live):
    page = await browser.new_page(viewport={"width": 1920, "height": 1080})
    await page.add_init_script("""const send = WebSocket.prototype.send;
        WebSocket.prototype.send = function (data) {  // a page older than the server
          return send.call(this, data.replace('"v":1', '"v":99')); };""")
    await page.goto(live.urls()["chamber"])
    await expect(page.locator("#lost")).to_contain_text("Serwer mówi protokołem v1")
    await page.close()


async def test_a_frozen_server_is_noticed_by_the_heartbeat_and_the_page_comes_back(browser,
                                                                                   tmp_path):
    """SIGSTOP: the socket stays open but nothing answers, so only the page's own
    heartbeat can tell; after SIGCONT the page reconnects by itself."""
    with serving("--db", str(demo_db(tmp_path / "rada.db")), "--port", "0") as served:
        page = await _page(browser, served.url("chamber"))
        await expect(page.locator("body")).to_have_attribute("data-connection", "live")
        served.process.send_signal(signal.SIGSTOP)
        try:
            await expect(page.locator("#lost")).to_be_visible(timeout=30_000)
            assert await page.evaluate("document.body.dataset.connection") == "lost"
        finally:
            served.process.send_signal(signal.SIGCONT)
        await expect(page.locator("#lost")).to_be_hidden(timeout=30_000)
        await expect(page.locator("#council")).to_have_text("Rada Miasta Nadwarcie")
        await page.close()


async def test_the_countdown_runs_locally_on_the_servers_clock(browser, live, service):
    page = await browser.new_page(viewport={"width": 1920, "height": 1080})
    await page.add_init_script("const realNow = Date.now; Date.now = () => realNow() + 7_200_000;")
    frames: list[str] = []
    page.on("websocket", lambda ws: ws.on(
        "framereceived", lambda payload: frames.append(json.loads(payload)["type"])))
    await page.goto(live.urls()["chamber"])  # this screen's clock is two hours fast
    await run(service, "set_current_item", item="i2")
    await run(service, "queue_speaker", member="m02")
    await run(service, "start_speech")
    countdown = page.locator("#countdown")
    await expect(countdown).to_have_text(re.compile(r"^(5:00|4:5\d)$"))
    shown = await countdown.text_content()
    frames.clear()
    await expect(countdown).not_to_have_text(shown)  # it ticks with no frame from the server
    await expect(countdown).to_have_text(re.compile(r"^4:5\d$"))
    assert set(frames) <= {"pong"}, frames
    await page.close()


async def test_a_wrong_token_says_access_denied(browser, live):
    page = await _page(browser, live.urls()["chamber"].split("?")[0] + "?token=wrong")
    await expect(page.locator("#lost")).to_contain_text("Brak dostępu")
    await page.close()


@pytest.mark.parametrize("members", [51, 100])
async def test_a_large_council_grid_fits_the_screen(browser, tmp_path, members):
    service = big_council_service(tmp_path / "big.db", members)
    live = LiveServer(service, port=0, token_dir=tmp_path / "t")
    await live.start()
    try:
        await run(service, "open_vote", subject="Projekt uchwały budżetowej województwa na rok "
                  "2027 wraz z wieloletnią prognozą finansową")
        await run(service, "record_answer", member="m0007", answer="abstain")
        page = await _page(browser, live.urls()["chamber"])
        await expect(page.locator("#grid li")).to_have_count(members)
        await expect(page.locator('#grid li[data-member="m0007"] .answer')).to_have_text(
            "– WSTRZ.")
        box = await page.locator("#grid").bounding_box()
        assert box["y"] + box["height"] <= 1080
        await page.screenshot(path=str(ARTIFACTS / f"chamber-{members}-members.png"))
        await page.close()
    finally:
        await live.stop()
        service.close()


async def test_a_gap_in_seq_makes_the_page_resync(browser, live, service):
    await run(service, "set_current_item", item="i2")
    page = await browser.new_page(viewport={"width": 1920, "height": 1080})
    await page.add_init_script("""window.sent = [];
        const send = WebSocket.prototype.send;
        WebSocket.prototype.send = function (data) { window.sent.push(JSON.parse(data).type);
                                                     return send.call(this, data); };""")
    await page.goto(live.urls()["chamber"])
    await expect(page.locator("#item")).to_contain_text("Przyjęcie porządku obrad")
    seq = live.feeds["chamber"].seq
    await page.evaluate("""(seq) => receive({type: "patch", view: "chamber", seq, log_seq: 0,
                                              now: Date.now(), patch: {item: {title: "FAŁSZ"}}})""",
                        seq + 5)
    await run(service, "check_in", member="m01")
    await expect(page.locator("#attendance")).to_contain_text("Obecni: 1 / 23")
    await expect(page.locator("#item")).to_contain_text("Przyjęcie porządku obrad")
    assert await page.evaluate("document.body.dataset.seq") == str(live.feeds["chamber"].seq)
    assert "resync" in await page.evaluate("window.sent")
    seq = live.feeds["chamber"].seq
    await page.evaluate("""(seq) => { for (const gap of [5, 6, 7]) receive({type: "patch",
        view: "chamber", seq: seq + gap, log_seq: 0, now: Date.now(), patch: {}}); }""", seq)
    await run(service, "check_in", member="m02")
    await expect(page.locator("#attendance")).to_contain_text("Obecni: 2 / 23")
    assert (await page.evaluate("window.sent")).count("resync") == 2  # one per gap, not per patch
    await page.close()


async def test_a_member_id_like_proto_is_a_plain_key_in_a_patch(browser, live):
    page = await _page(browser, live.urls()["chamber"])
    await expect(page.locator("body")).to_have_attribute("data-connection", "live")
    grid = await page.evaluate("""() => {
        const patched = mergePatch({}, JSON.parse('{"grid": {"__proto__": {"name": "A"}}}'));
        const answered = mergePatch(patched, JSON.parse('{"grid": {"__proto__": {"answer": "yes"}}}'));
        return [Object.keys(answered.grid), answered.grid["__proto__"]];
    }""")
    assert grid == [["__proto__"], {"name": "A", "answer": "yes"}]
    await page.close()


async def test_chamber_screen_passes_wcag_aa_rules_during_a_vote(browser, live, service):
    await _present(service, 12)
    await run(service, "set_current_item", item="i6")
    await run(service, "queue_speaker", member="m02")
    await run(service, "start_speech")
    await run(service, "open_vote", subject="Projekt uchwały", kind="resolution")
    for number, answer in [(1, "yes"), (2, "no"), (3, "abstain")]:
        await run(service, "record_answer", member=f"m{number:02d}", answer=answer)
    page = await _page(browser, live.urls()["chamber"])
    await expect(page.locator("#tally")).to_contain_text("WSTRZ. 1")
    results = await Axe().run(page, options=WCAG)
    assert results.response["violations"] == [], results.generate_report()
    assert "color-contrast" in {rule["id"] for rule in results.response["passes"]}
    await page.close()
