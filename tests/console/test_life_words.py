"""The words of a sitting's life, in both languages and for both kinds of sitting: the
header's stage and the log's lines along a whole life (convened, opened with quorum stated,
a break, the chair handed over, adjourned, continued, a recusal, closed); every word of the
three modules that show it goes through gettext."""

import ast
import re
from pathlib import Path

import pytest
from textual.widgets import Input, Label, OptionList

from models.commands import DefineCouncil, OpenSitting
from models.terms import SittingType
from server.demo import demo_council
from server.service import SittingService
from server.store import EventStore
from session_console import i18n, life_screens, life_words, sitting_actions
from session_console.dialogs import Confirm, Prompt
from session_console.life_screens import (
    LIFE_ACTIONS,
    CloseSittingConfirm,
    ConveneForm,
    SittingMenu,
    _types,
)
from session_console.life_words import stage_text
from session_console.sitting_actions import palette_entries
from session_console.sitting_nouns import kind_in_view
from session_console.words import describe_event
from tests.chamber import Sim, council
from tests.console.conftest import SIZE, console, events_of, frozen
from tests.console.test_flows import modal, started, submit
from tests.console.test_sitting_life import AGENDA_CSV, header, tab_log, until_screen
from tests.console.test_words import source_messages


@pytest.fixture
def english():
    i18n.use("en")
    yield
    i18n.use("pl")


def _life(kind: SittingType, number: str) -> tuple[list[str], list[str]]:
    """The header's stage after each step that has one, and the log's lines, of a sitting
    of type `kind` lived from its convening to its close."""
    sim = Sim()
    sim.run(DefineCouncil(council=council()))
    stages = []
    sim("convene_sitting", number=number, sitting_type=kind.value, date="2026-11-22",
        hour="16:00", chair="m01")
    stages.append(stage_text(sim.state))
    for seat in range(1, 7):
        sim("check_in", member=f"m{seat:02d}")
    sim("start_sitting")
    sim("start_break", reason="obiad")
    stages.append(stage_text(sim.state))
    sim("end_break")
    sim("hand_over_chair", member="m02")
    sim("adjourn_sitting", resume_on="2026-11-29")
    stages.append(stage_text(sim.state))
    sim("continue_sitting", date="2026-11-29")
    stages.append(stage_text(sim.state))
    sim("check_in", member="m02")
    sim("open_vote", subject="opinia")
    sim("declare_recusal", member="m02", reason="interes prawny")
    sim("cancel_vote", reason="pomyłka")
    sim("close_sitting")
    lines = [describe_event(stored.event, sim.state) for stored in sim.log
             if stored.event.type not in ("council_defined", "member_checked_in",
                                          "vote_opened", "vote_cancelled")]
    return stages, lines


def test_a_council_sitting_says_what_it_said_before_without_guessing_a_gender():
    stages, lines = _life(SittingType.ORDINARY, "XLI")
    assert stages == [
        " · ZWOŁANA na 16:00, nie otwarta · prowadzi: Radny 1",
        " · PRZERWA od 11:00 (obiad) · prowadzi: Radny 1",
        " · PRZERWANA do innego dnia · prowadzi: Radny 2",
        " · dni: 2026-11-22, 2026-11-29 · prowadzi: Radny 2",
    ]
    assert lines == [
        "zwołano sesję XLI na 2026-11-22 16:00",
        "otwarto sesję",
        "Kworum jest: obecnych 6, wymaganych 6 z 11 (art. 14 u.s.g.).",
        "przerwa: obiad",
        "koniec przerwy, obrady wznowione",
        "prowadzenie obrad: Radny 2",
        "sesję przerwano do 2026-11-29; obecność zostanie sprawdzona ponownie",
        "dalszy ciąg sesji w dniu 2026-11-29",
        "wyłączenie z głosowania: Radny 2 (interes prawny)",
        "zamknięto sesję",
    ]


def test_a_committee_meets_in_a_posiedzenie_along_its_whole_life():
    stages, lines = _life(SittingType.COMMITTEE, "3")
    assert stages[0] == " · ZWOŁANE na 16:00, nie otwarte · prowadzi: Radny 1"
    assert stages[2] == " · PRZERWANE do innego dnia · prowadzi: Radny 2"
    assert lines[:2] == ["zwołano posiedzenie komisji 3 na 2026-11-22 16:00",
                         "otwarto posiedzenie komisji"]
    assert lines[6:8] == [
        "posiedzenie komisji przerwano do 2026-11-29; obecność zostanie sprawdzona ponownie",
        "dalszy ciąg posiedzenia komisji w dniu 2026-11-29"]
    assert not any("sesj" in line for line in stages + lines)


def test_the_english_console_says_a_sittings_life_in_english(english):
    stages, lines = _life(SittingType.ORDINARY, "XLI")
    assert stages == [
        " · CONVENED for 16:00, not opened · chair: Radny 1",
        " · BREAK since 11:00 (obiad) · chair: Radny 1",
        " · ADJOURNED to another day · chair: Radny 2",
        " · days: 2026-11-22, 2026-11-29 · chair: Radny 2",
    ]
    assert lines == [
        "sitting XLI convened for 2026-11-22 16:00",
        "sitting opened",
        "Quorum: 6 present, 6 needed of 11 (art. 14 u.s.g.).",
        "break: obiad",
        "break over, proceedings resumed",
        "chair handed over to Radny 2",
        "sitting adjourned to 2026-11-29; attendance will be checked again",
        "sitting continued on 2026-11-29",
        "recused from the vote: Radny 2 (interes prawny)",
        "sitting closed",
    ]
    stages, lines = _life(SittingType.COMMITTEE, "3")
    assert lines[:2] == ["committee meeting 3 convened for 2026-11-22 16:00",
                         "committee meeting opened"]
    assert lines[6] == ("committee meeting adjourned to 2026-11-29; attendance will be "
                        "checked again")


POLISH = re.compile(r"[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]|sesj|posiedz|przerw|zwoła|obrad|kworum|radn", re.I)
GETTEXT = {"_", "pgettext"}


def _words_outside_gettext(module) -> list[str]:
    """The string literals of `module`, docstrings and gettext's arguments left out, that
    look Polish."""
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in GETTEXT:
            skipped |= {id(arg) for arg in node.args}
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                skipped.add(id(first.value))
    return [node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in skipped and POLISH.search(node.value)]


@pytest.mark.parametrize("module", [life_words, life_screens, sitting_actions])
def test_every_word_of_the_sittings_life_screens_goes_through_gettext(module):
    assert _words_outside_gettext(module) == []


def test_the_catalog_test_sees_the_sittings_life_messages():
    """tests/console/test_words.py checks each message it finds has Polish; these are found,
    the committee's forms (context "meeting") too."""
    found = source_messages()
    assert (None, "Close {sitting} {number}?") in found
    assert ("meeting", "CONVENED for {hour}, not opened") in found
    assert (None, "Break / resume") in found


def _labels(screen) -> list[str]:
    return [str(label.content) for label in screen.query(Label)]


def _steps(menu: SittingMenu) -> list[str]:
    return [str(option.prompt) for option in menu.query_one("#steps", OptionList).options]


async def test_the_english_console_convenes_breaks_and_closes_in_english(tmp_path, english):
    (tmp_path / "porzadek.csv").write_text(AGENDA_CSV, encoding="cp1250")
    service = SittingService(EventStore(tmp_path / "sesja.db"), clock=frozen)
    service.execute(DefineCouncil(council=demo_council()), "setup")
    app = console(service)
    async with app.run_test(size=SIZE) as pilot:
        form = await until_screen(pilot, ConveneForm)
        assert _labels(form)[:5] == [
            "Convening a sitting", "Number (Roman, e.g. XLI) · type",
            "Day (YYYY-MM-DD) · hour (HH:MM) · place",
            "Chair (surname or seat no.) · request (an extraordinary sitting)",
            "Agenda: a CSV/JSON file or an earlier sitting"]
        assert [label for label, _kind in _types(SittingType.ORDINARY)] == [
            "ordinary", "extraordinary (on request)", "ceremonial"]
        form.query_one("#number", Input).value = "XLI"
        form.query_one("#hour", Input).value = "16:00"
        form.query_one("#chair", Input).value = "Kołodziej"
        form.query_one("#agenda_file", Input).value = str(tmp_path / "porzadek.csv")
        await submit(pilot)
        assert "CONVENED for 16:00, not opened · chair: Kołodziej Anna" in header(app)
        menu_screen = await modal(pilot, "f8", SittingMenu)
        assert _labels(menu_screen) == ["Sitting", "Enter: choose · Esc: close"]
        assert _steps(menu_screen) == [
            "Convene a sitting (the agenda from a file or an earlier sitting)",
            "Open the convened sitting (states the quorum)", "State the quorum",
            "Break / resumption of the proceedings",
            "Hand the chair over (a vice-chair) or take it back",
            "Recuse a member from the vote in progress", "Adjourn the sitting to another day",
            "Continue the sitting (a new day)", "Close the sitting"]
        await pilot.press(*["down"] * LIFE_ACTIONS.index("start_sitting"), "enter")
        confirm = await until_screen(pilot, Confirm)
        assert "Open sitting XLI?" in _labels(confirm)
        assert str(confirm.query_one("#body").content) == (
            "No quorum: 0 present, 12 needed of 23 (art. 14 u.s.g.).")
        await submit(pilot)
        await modal(pilot, "f9", Prompt)
        await pilot.press(*"lunch")
        await submit(pilot)
        assert "BREAK since 10:00 (lunch)" in header(app)
        closing = await modal(pilot, "f10", CloseSittingConfirm)
        assert _labels(closing) == ["Close sitting XLI?",
                                    "Still open:\n• items not taken up: 1, 6, 6a",
                                    "Enter: close the sitting · Esc: back"]
        await submit(pilot, "escape")
        await tab_log(pilot)
        lines = [describe_event(stored.event, app.chamber)
                 for stored in app.log_pane.query_one("#events").rows]
        assert "break: lunch" in lines and "sitting opened" in lines
    service.close()


async def test_a_committees_menu_and_close_say_posiedzenie(tmp_path):
    service = SittingService(EventStore(tmp_path / "sesja.db"), clock=frozen)
    service.execute(DefineCouncil(council=demo_council()), "setup")
    service.execute(OpenSitting.model_validate({"number": "7", "date": "2026-11-23",
                                                "sitting_type": "committee", "agenda": []}),
                    "setup")
    app = console(service)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        assert "· posiedzenie 7 (komisja) ·" in header(app)
        menu_screen = await modal(pilot, "f8", SittingMenu)
        assert _labels(menu_screen)[0] == "Posiedzenie"
        steps = _steps(menu_screen)
        assert steps[0] == ("Zwołaj posiedzenie komisji (porządek obrad z pliku lub z "
                            "wcześniejszego posiedzenia komisji)")
        assert steps[1] == "Otwórz zwołane posiedzenie komisji (stwierdza kworum)"
        assert steps[-3:] == ["Przerwij posiedzenie komisji do innego dnia",
                              "Dalszy ciąg posiedzenia komisji (nowy dzień)",
                              "Zamknij posiedzenie komisji"]
        assert not any("sesj" in step for step in steps)
        assert palette_entries(app.chamber)[-1] == ("Posiedzenie: Zamknij posiedzenie komisji",
                                                    "close_sitting")
        keys = {b.action: b.description for b in app.sections()[0][1]}  # F1's and the palette's
        assert (keys["sitting_menu"], keys["close_sitting"]) == (
            "Posiedzenie", "Zamknij posiedzenie komisji")
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert "Zamknij posiedzenie komisji" in titles and "Zamknij sesję" not in titles
        await submit(pilot, "escape")
        closing = await modal(pilot, "f10", CloseSittingConfirm)
        assert _labels(closing)[0] == "Zamknąć posiedzenie komisji 7?"
        assert _labels(closing)[-1] == "Enter: zamknij posiedzenie komisji · Esc: wróć"
        await submit(pilot)
        assert events_of(service, "sitting_closed")
    service.close()


def test_a_committees_log_convenes_a_committee_meeting(english):
    committee = Sim()
    committee.run(DefineCouncil(council=council()))
    committee.run(OpenSitting.model_validate({"number": "7", "date": "2026-11-22",
                                              "sitting_type": "committee", "agenda": []}))
    assert _types(kind_in_view(committee.state)) == [("committee", SittingType.COMMITTEE)]
    assert palette_entries(committee.state)[0][0] == (
        "Meeting: Convene a committee meeting (the agenda from a file or an earlier committee "
        "meeting)")
