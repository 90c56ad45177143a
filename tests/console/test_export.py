"""F7: the Export screen writes the sitting's package (checked on the files it wrote), says
when it is partial, explains a folder it cannot write with nothing half-written, and is
unavailable, with the reason, on a remote console."""

import json
import threading

from textual import events
from textual.widgets import Input, ProgressBar, SelectionList

from models.commands import CloseSitting, CloseVote, OpenVote, RecordAnswer
from models.polish import plural
from models.terms import Answer
from server.publish.manifest import check
from session_console.app import ConsoleApp
from session_console.backend import Backend
from session_console.export_screen import ExportScreen
from session_console.local_backend import LocalBackend
from tests.console.conftest import SIZE, frozen
from tests.console.test_flows import modal, started, until
from tests.publish.conftest import unwritable  # noqa: F401 - a fixture

PACKAGE = "sesja-XL-2026-11-23"


def with_a_closed_vote(service):
    service.execute(OpenVote(subject="budżet"), "setup")
    for seat in range(1, 8):
        service.execute(RecordAnswer(member=f"m{seat:02d}", answer=Answer.YES), "setup")
    service.execute(CloseVote(), "setup")
    return service


def console(service, export_dir) -> ConsoleApp:
    return ConsoleApp(LocalBackend(service, "test:sekretarz"), now=frozen,
                      export_dir=export_dir)


async def finished(pilot, screen: ExportScreen) -> str:
    """Waits until the export has ended; returns what the screen says."""
    await until(pilot, lambda: not screen.running and screen.workers._workers == set(),
                "the export ended")
    await pilot.pause()
    return str(screen.query_one("#outcome").content)


async def test_f7_exports_every_format_of_the_running_sitting_and_says_it_is_partial(
        service, tmp_path):
    with_a_closed_vote(service)
    app = console(service, tmp_path / "eksport")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        screen = await modal(pilot, "f7", ExportScreen)
        assert app.focused is screen.query_one("#folder", Input)
        assert str(tmp_path / "eksport" / PACKAGE) in str(screen.query_one("#target").content)
        await pilot.press("enter")
        said = await finished(pilot, screen)
        folder = tmp_path / "eksport" / PACKAGE
        data, problems = check(folder)
        assert problems == []
        assert data["votes"] == 1 and data["complete"] is False
        assert data["formats"] == ["csv", "csv-excel", "json", "pdf", "md", "html"]
        written = sorted(p for p in folder.rglob("*") if p.is_file())
        assert f"Gotowe: {plural(len(written), 'plik', 'pliki', 'plików')} w {folder}" in said
        assert "pakiet jest częściowy" in said and "Głosowań w pakiecie: 1" in said
        bar = screen.query_one("#progress", ProgressBar)
        assert bar.total and bar.progress == bar.total
        popolo = json.loads((folder / "sesja.json").read_text(encoding="utf-8"))
        assert [v["counts"] for v in popolo["vote_events"]][0][0] == {"option": "yes", "value": 7}
        await pilot.press("escape")
        await until(pilot, lambda: len(app.screen_stack) == 1, "the screen closed")


async def test_the_console_keeps_answering_while_the_export_runs_and_a_closed_sitting_is_whole(
        service, tmp_path):
    with_a_closed_vote(service)
    service.execute(CloseSitting(), "setup")
    gate = threading.Event()

    class SlowLog(LocalBackend):
        def export(self, target, formats, progress):  # the export's thread waits here
            assert gate.wait(60), "the test never let the export go on"  # until the test used
            return super().export(target, formats, progress)  # the console

    app = ConsoleApp(SlowLog(service, "test:sekretarz"), now=frozen,
                     export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        screen = await modal(pilot, "f7", ExportScreen)
        await pilot.press("enter")
        await until(pilot, lambda: screen.running, "the export started")
        assert screen.query_one("#progress", ProgressBar).display
        assert screen.query_one("#folder", Input).disabled  # no second export meanwhile
        await pilot.press("escape")  # answered at once, and refused: the export goes on
        assert app.screen is screen and "Eksportuję" in str(screen.query_one("#outcome").content)
        assert any("Eksport jeszcze trwa" in str(n.message) for n in app._notifications)
        gate.set()
        said = await finished(pilot, screen)
        assert said.startswith("Gotowe") and "częściowy" not in said
        data = json.loads((tmp_path / PACKAGE / "manifest.json").read_text(encoding="utf-8"))
        assert data["complete"] is True and data["votes"] == 1


async def test_only_the_formats_left_on_are_written(service, tmp_path):
    app = console(service, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        screen = await modal(pilot, "f7", ExportScreen)
        await pilot.press("tab")  # to the formats
        assert app.focused is screen.query_one("#formats", SelectionList)
        await pilot.press("space", "down", "down", "down", "down", "space")  # csv and pdf off
        await pilot.press("f7")
        await finished(pilot, screen)
        data = json.loads((tmp_path / PACKAGE / "manifest.json").read_text(encoding="utf-8"))
        assert data["formats"] == ["csv-excel", "json", "md", "html"]
        names = {p.name for p in (tmp_path / PACKAGE).iterdir()}
        assert "obecnosc-excel.csv" in names and "obecnosc.csv" not in names
        assert "sesja.pdf" not in names and "protokol.md" in names


async def test_no_format_chosen_is_refused_in_the_screen(service, tmp_path):
    app = console(service, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        screen = await modal(pilot, "f7", ExportScreen)
        screen.query_one("#formats", SelectionList).deselect_all()
        await pilot.press("enter")
        await pilot.pause()
        assert "Wybierz co najmniej jeden format" in str(screen.query_one("#outcome").content)
        assert not screen.running and not (tmp_path / PACKAGE).exists()


async def test_a_folder_that_cannot_be_written_is_explained_and_nothing_is_half_written(
        service, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    blocker = out / "pendrive"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    app = console(service, blocker / "eksport")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        screen = await modal(pilot, "f7", ExportScreen)
        await pilot.press("enter")
        said = await finished(pilot, screen)
        assert said.startswith("Eksport nie powiódł się: nie można pisać w ")
        assert "stoi plik; nic nie zapisano" in said
        assert [p.name for p in out.iterdir()] == ["pendrive"] and blocker.is_file()
        assert app.focused is screen.query_one("#folder", Input)  # try another folder at once
        assert not screen.query_one("#folder", Input).disabled
        field = screen.query_one("#folder", Input)
        field.value = str(out / "eksport")
        await pilot.press("enter")
        said = await finished(pilot, screen)
        assert said.startswith("Gotowe") and (out / "eksport" / PACKAGE / "manifest.json").is_file()
        assert [p.name for p in (out / "eksport").iterdir()] == [PACKAGE]  # no temporary left


async def export_at_once(service, export_dir) -> str:
    """F7, Enter with the defaults; what the screen says when the export has ended."""
    async with console(service, export_dir).run_test(size=SIZE) as pilot:
        await started(pilot)
        screen = await modal(pilot, "f7", ExportScreen)
        await pilot.press("enter")
        return await finished(pilot, screen)


async def test_a_folder_without_write_permission_is_explained_in_polish(service, unwritable):  # noqa: F811
    said = await export_at_once(service, unwritable)
    assert said.startswith(f"Eksport nie powiódł się: nie można pisać w {unwritable} (")
    assert said.endswith("nic nie zapisano")
    assert not [p for p in unwritable.iterdir() if PACKAGE in p.name]


async def test_a_folder_holding_other_files_is_refused(service, tmp_path):
    (tmp_path / PACKAGE).mkdir()
    (tmp_path / PACKAGE / "moje.docx").write_text("", encoding="utf-8")
    said = await export_at_once(service, tmp_path)
    assert "są inne pliki" in said
    assert [p.name for p in (tmp_path / PACKAGE).iterdir()] == ["moje.docx"]


async def test_keys_typed_right_after_f7_land_in_the_folder_and_not_in_the_search(service, tmp_path):
    app = console(service, tmp_path / "e")
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        for key, char in (("f7", None), ("2", "2")):  # no wait between them, as a fast typist
            app._driver.send_message(events.Key(key, char))
        await until(pilot, lambda: isinstance(app.screen, ExportScreen)
                    and app.screen.query_one("#folder", Input).value.endswith("2"), "the 2 typed")
        assert app.screen_stack[0].query_one("#find", Input).value == ""
        assert app.screen.query_one("#folder", Input).value == "2"  # typing replaces the suggestion


async def test_a_remote_console_says_export_is_unavailable(service, tmp_path):
    app = ConsoleApp(Backend(service, "test:zdalny"), now=frozen, export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        await pilot.press("f7")
        await pilot.pause()
        assert len(app.screen_stack) == 1
        notes = [str(n.message) for n in app._notifications]
        assert any("zdalnym serwerem" in n and "sesja export" in n for n in notes)
        assert not isinstance(app.screen, ExportScreen)


async def test_the_palette_and_the_footer_offer_the_export(service, tmp_path):
    app = console(service, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        assert "Eksport" in [c.title for c in app.get_system_commands(app.screen)]
        assert any(a.binding.description == "Eksport" for a in app.active_bindings.values())
        await pilot.press("ctrl+p")
        await until(pilot, lambda: len(app.screen_stack) == 2, "the palette")
        await pilot.press(*"Eksport")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ExportScreen), "the Export screen")
