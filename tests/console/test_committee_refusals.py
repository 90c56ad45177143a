"""A refusal the console shows for a committee's sitting calls it a "posiedzenie komisji",
as the core says it (tests/core/test_sitting_refusals.py has every such refusal)."""

from models.commands import ConveneSitting, DefineCouncil
from server.demo import demo_council
from server.service import SittingService
from server.store import EventStore
from session_console.life_screens import LIFE_ACTIONS, SittingMenu
from tests.console.conftest import SIZE, console, events_of, frozen
from tests.console.test_flows import modal, settle, started, until


async def test_stating_the_quorum_of_a_convened_committee_meeting_is_refused_in_its_words(
        tmp_path):
    service = SittingService(EventStore(tmp_path / "sesja.db"), clock=frozen)
    service.execute(DefineCouncil(council=demo_council()), "setup")
    service.execute(ConveneSitting.model_validate({"number": "7", "date": "2026-11-23",
                                                   "sitting_type": "committee"}), "setup")
    app = console(service)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await modal(pilot, "f8", SittingMenu)
        await pilot.press(*["down"] * LIFE_ACTIONS.index("state_quorum"), "enter")
        await settle(pilot)
        said = "Posiedzenie komisji 7 nie zostało jeszcze otwarte."
        await until(pilot, lambda: any(str(n.message) == said for n in app._notifications),
                    "the refusal told")
        assert not any("sesj" in str(n.message).lower() for n in app._notifications)
        assert not events_of(service, "quorum_stated")
    service.close()
