"""The console's words: the Polish catalog is complete and compiled, search folds Polish."""

import ast
import dataclasses
import gettext
import io
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from textual.command import CommandInput, CommandList

from models.commands import (
    CancelVote,
    CheckOut,
    CloseVote,
    DefineCouncil,
    OpenSitting,
    OpenVote,
    QueueSpeaker,
    RemoveSpeaker,
)
from models.council import Member
from models.polish import ANSWER_PL
from models.terms import Answer, AttendanceStatus, FinalAnswer, SittingType
from server.demo import demo_council
from server.publish.labels import ATTENDANCE_PL
from session_console import i18n
from session_console.export_screen import outcome_text, title_text
from session_console.palette import Palette
from session_console.panes.attendance import AttendancePane
from session_console.panes.votes import VotesPane
from session_console.search import find_members, fold
from session_console.widgets.header import sitting_line
from session_console.words import answer_label, attendance_label, describe_event
from tests.chamber import Sim, council, opened
from tests.console.conftest import SIZE, console, events_of
from tests.console.test_flows import modal, started, tab, until

PACKAGE = Path(i18n.__file__).parent
PO = i18n.LOCALE_DIR / "pl" / "LC_MESSAGES" / "sesja.po"
ARGPARSE_PO = PO.with_name("argparse.po")


def source_messages() -> set[tuple[str | None, str]]:
    """Every literal passed to _() (context None) or pgettext(context, ...) in the console's
    code, as (context, message)."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            texts = [a.value for a in node.args if isinstance(a, ast.Constant)]
            if node.func.id == "_" and len(texts) == 1:
                found.add((None, texts[0]))
            elif node.func.id == "pgettext" and len(texts) == 2:
                found.add((texts[0], texts[1]))
    return found


def test_every_message_in_the_code_has_a_polish_translation():
    with PO.open("rb") as f:
        catalog = read_po(f)
    translated = {(m.context, m.id) for m in catalog if m.id and m.string}
    assert (None, "Excuse") in source_messages() and ("member", "abstain") in source_messages()
    missing = source_messages() - translated
    assert not missing, f"no Polish for: {sorted(missing)}"


@pytest.mark.parametrize("po", [PO, ARGPARSE_PO], ids=["console", "argparse"])
def test_the_committed_mo_is_the_compiled_po(po):
    """The console's words, and argparse's usage errors (session_console/cli/parser_words.py)."""
    with po.open("rb") as f:
        catalog = read_po(f)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    committed = gettext.GNUTranslations(po.with_suffix(".mo").open("rb"))
    fresh = gettext.GNUTranslations(io.BytesIO(compiled.getvalue()))
    # The messages, not the header: it names the tool that compiled it ("Generated-By").
    # Recompile with `pybabel compile -d session_console/locale -D sesja`, or msgfmt for
    # argparse.po (Babel refuses its entries that quote with „…” where argparse has %r).
    assert messages(committed) == messages(fresh)


def messages(translations: gettext.GNUTranslations) -> dict:
    return {key: text for key, text in translations._catalog.items() if key != ""}


def test_polish_is_the_default_and_english_is_the_message_itself():
    try:
        assert i18n._("Attendance") == "Obecność"
        i18n.use("en")
        assert i18n._("Attendance") == "Attendance"
        with pytest.raises(ValueError, match="unknown language"):
            i18n.use("de")
    finally:
        i18n.use("pl")


@pytest.mark.parametrize(("text", "folded"), [
    ("Łódź", "lodz"), ("Żurawska", "zurawska"), ("ŚLIWIŃSKI", "sliwinski"),
    ("Chmielewska Żaneta", "chmielewska zaneta"),
])
def test_fold_drops_polish_diacritics(text, folded):
    assert fold(text) == folded


def test_lodz_finds_lodz_and_seat_numbers_and_ids_find_one_member():
    members = [Member(id="a", name="Łódź Anna", seat=1), Member(id="b", name="Kołodziej Jan", seat=2),
               Member(id="c", name="Nowak Ewa", seat=12)]
    assert [m.id for m in find_members(members, "lodz")] == ["a", "b"]  # surname match first
    assert [m.id for m in find_members(members, "12")] == ["c"]
    assert [m.id for m in find_members(members, "b")] == ["b"]
    assert [m.id for m in find_members(members, "ewa nowak")] == ["c"]
    assert find_members(members, "zzz") == []


def test_the_demo_council_is_searchable_without_polish_letters():
    roster = demo_council().members
    assert [m.name for m in find_members(roster, "slIwinski")] == ["Śliwiński Krzysztof"]
    assert [m.name for m in find_members(roster, "jozwiak mal")] == ["Jóźwiak Małgorzata"]


def test_a_members_answer_and_status_read_as_the_exports_print_them():
    for answer in FinalAnswer:
        assert answer_label(answer) == ANSWER_PL[answer]
    for status in (AttendanceStatus.ABSENT, AttendanceStatus.PRESENT, AttendanceStatus.LEFT):
        assert attendance_label(status) == ATTENDANCE_PL[status]
    assert attendance_label(AttendanceStatus.EXCUSED) == "usprawiedliwiony(-a)"
    assert answer_label(Answer.ABSTAIN) == "wstrzymuje się" and i18n._("abstain") == "wstrzymało się"
    try:
        i18n.use("en")
        assert answer_label(Answer.ABSTAIN) == "abstain" and attendance_label(
            AttendanceStatus.LEFT) == "left"
    finally:
        i18n.use("pl")


def test_the_attendance_keys_are_whole_words_and_say_the_status_they_set():
    described = {b.action: b.description for b in AttendancePane.BINDINGS}
    assert [described[a] for a in ("check_in", "check_out", "excuse")] == [
        "Obecny(-a)", "Wyszedł(-a)", "Usprawiedliwiony(-a)"]
    assert [b.description for b in VotesPane.BINDINGS if b.action == "answer('abstain')"] == [
        "Wstrzymuje się"]


def _export_data(files: int, complete: bool) -> dict:
    return {"files": ["f"] * (files - 1), "votes": 2, "last_event": {"seq": 9},
            "complete": complete}


def test_the_export_screen_says_sesja_for_the_council_and_posiedzenie_for_a_committee():
    sitting = opened().sitting
    assert title_text(sitting) == "Eksport do BIP: sesja XL z 2026-11-22"
    assert outcome_text(sitting, Path("/x"), _export_data(40, False)).splitlines() == [
        "Gotowe: 40 plików w /x", "Głosowań w pakiecie: 2 · stan do zdarzenia 9",
        "Sesja trwa: pakiet jest częściowy i mówi o tym."]
    committee = dataclasses.replace(sitting, sitting_type=SittingType.COMMITTEE)
    assert title_text(committee) == "Eksport do BIP: posiedzenie komisji XL z 2026-11-22"
    assert "Posiedzenie komisji trwa" in outcome_text(committee, Path("/x"), _export_data(2, False))
    assert outcome_text(sitting, Path("/x"), _export_data(22, True)).startswith(
        "Gotowe: 22 pliki w /x")
    try:
        i18n.use("en")
        assert outcome_text(sitting, Path("/x"), _export_data(1, True)).startswith(
            "Done: 1 file in /x")
    finally:
        i18n.use("pl")


def _log_line(app, event_type: str) -> str:
    rows = app.query_one("#events")
    row = next(r for r in rows.rows if r.event.type == event_type)
    return "".join(segment.text for segment in rows.cells(row, 120))


async def test_the_log_names_a_removed_speaker_and_a_vote_by_its_number(service):
    service.execute(QueueSpeaker(member="m03"), "setup")
    entry = events_of(service, "speaker_queued")[-1].entry_id
    service.execute(RemoveSpeaker(entry=entry), "setup")
    service.execute(CheckOut(member="m02"), "setup")
    service.execute(OpenVote(subject="budżet"), "setup")
    service.execute(CloseVote(), "setup")
    service.execute(OpenVote(subject="poprawka"), "setup")
    service.execute(CancelVote(reason="pomyłka"), "setup")
    name = service.state.sitting.members_by_id["m03"].name
    app = console(service)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await tab(pilot, "f6")
        await until(pilot, lambda: app.panes["log"].loaded, "the log loaded")
        assert _log_line(app, "speaker_removed").endswith(f"skreślono z listy mówców: {name}")
        assert "zamknięto głosowanie nr 1: " in _log_line(app, "vote_closed")
        assert _log_line(app, "vote_cancelled").endswith("unieważniono głosowanie nr 2: pomyłka")
        assert "wyszedł(-a): " in _log_line(app, "member_checked_out")


async def _palette_text(pilot) -> str:
    await pilot.pause(0.1)
    return " ".join(str(option.prompt) for option in
                    pilot.app.screen.query_one(CommandList).options)


async def test_the_command_palette_speaks_polish_and_folds_polish_letters(service):
    app = console(service)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        palette = await modal(pilot, "ctrl+p", Palette)
        assert palette.query_one(CommandInput).placeholder == "Szukaj polecenia…"
        await pilot.press(*"uniewaz")
        await until(pilot, lambda: palette.query_one(CommandList).option_count > 0,
                    "a command found")
        assert "Głosowania: Unieważnij" in await _palette_text(pilot)
        for _ in "uniewaz":
            await pilot.press("backspace")
        await pilot.press(*"qqqq")
        await until(pilot, lambda: palette.query_one(CommandList).option_count == 1
                    and palette.query_one(CommandList).get_option_at_index(0).disabled,
                    "the no-matches line")
        assert "Nic nie pasuje" in await _palette_text(pilot)
        keys = {command.title: command.help for command in app.get_system_commands(app.screen)}
        assert keys["Obecność: Szukaj"] == "/" and keys["Pomoc"] == "F1"


def _committee_meeting():
    sim = Sim()
    sim.run(DefineCouncil(council=council()))
    sim.run(OpenSitting.model_validate({"number": "7", "date": "2026-11-22",
                                        "sitting_type": "committee", "agenda": []}))
    return sim


def test_a_committee_meets_in_a_posiedzenie_in_the_header_and_the_log():
    sim = _committee_meeting()
    assert sitting_line(sim.state).startswith("Rada Gminy Testowo · posiedzenie 7 (komisja)")
    sim("close_sitting")
    assert sitting_line(sim.state).endswith("2026-11-22 · zamknięte")
    lines = [describe_event(stored.event, sim.state) for stored in sim.log]
    assert lines[1:] == ["otwarto posiedzenie komisji 7", "zamknięto posiedzenie komisji"]
    council_sitting = opened()
    council_sitting("close_sitting")
    assert [describe_event(s.event, council_sitting.state) for s in council_sitting.log][1:] \
        == ["otwarto sesję XL", "zamknięto sesję"]
    assert sitting_line(council_sitting.state).endswith("2026-11-22 · zamknięta")
