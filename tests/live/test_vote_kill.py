"""A real `sesja serve` killed with SIGKILL while phones vote, then started again: every
answer a page showed as recorded is in the log, and the pages come back by themselves."""

import asyncio
import random
import signal

import pytest
from playwright.async_api import expect

from models.commands import CheckIn, OpenVote
from models.events import AnswerRecorded
from models.terms import AnswerSource, VoteMode
from server.live.devices import issue_code
from server.service import SittingService
from server.store import EventStore
from tests.live.serve_process import demo_db, serving

pytestmark = pytest.mark.browser
MEMBERS = [f"m{i:02d}" for i in range(1, 13)]
LABELS = {"yes": "ZA", "no": "PRZECIW", "abstain": "WSTRZYMUJĘ SIĘ"}


def _prepared(tmp_path) -> tuple[object, dict[str, str]]:
    db = demo_db(tmp_path / "rada.db")
    service = SittingService(EventStore(db))
    codes = {}
    for member in MEMBERS:
        service.execute(CheckIn(member=member), "test")
        code, command = issue_code(service.state, member)
        service.execute(command, "test")
        codes[member] = code
    service.execute(OpenVote(subject="Budżet", mode=VoteMode.ELECTRONIC), "test")
    service.close()
    return db, codes


async def test_every_answer_a_page_showed_recorded_survives_a_sigkill(browser, tmp_path):
    db, codes = _prepared(tmp_path)
    pressed = {member: random.choice(list(LABELS)) for member in MEMBERS}
    with serving("--db", str(db), "--port", "0") as first:
        port, vote_url = first.port, first.url("vote")
        pages = {}
        for member in MEMBERS:
            context = await browser.new_context(viewport={"width": 360, "height": 640})
            page = await context.new_page()
            await page.goto(f"{vote_url}?code={codes[member]}")
            await expect(page.get_by_role("button", name="ZA", exact=True)).to_be_enabled()
            pages[member] = page

        async def press(member: str, within: float) -> None:
            await asyncio.sleep(random.random() * within)
            await pages[member].get_by_role("button", name=LABELS[pressed[member]],
                                            exact=True).click(timeout=5_000)

        early, late = MEMBERS[:6], MEMBERS[6:]
        await asyncio.gather(*(press(member, 0.0) for member in early))
        for member in early:  # these are surely recorded before the kill
            await expect(pages[member].locator("#recorded")).to_contain_text("Zapisano")
        presses = asyncio.gather(*(press(member, 0.3) for member in late),
                                 return_exceptions=True)
        await asyncio.sleep(0.15)  # the rest: some through, some on their way, some to come
        first.process.send_signal(signal.SIGKILL)
        first.process.wait(timeout=10)
        await presses
        shown = {member for member, page in pages.items()
                 if "Zapisano Twój głos" in await page.locator("#recorded").inner_text()}
    with serving("--db", str(db), "--port", str(port)):
        for page in pages.values():  # back by themselves, with the vote as the log has it
            await expect(page.locator("#lost")).to_be_hidden(timeout=20_000)
        store = EventStore(db)
        logged = {stored.event.member_id: stored.event.answer.value for stored in store.load()
                  if isinstance(stored.event, AnswerRecorded)
                  and stored.event.source is AnswerSource.DEVICE}
        store.close()
        assert set(early) <= shown
        for member in shown:
            assert logged.get(member) == pressed[member], member
        for member, page in pages.items():
            if member in logged:
                await expect(page.locator("#recorded")).to_contain_text(
                    f"Zapisano Twój głos: {LABELS[logged[member]]}")
    for page in pages.values():
        await page.context.close()
