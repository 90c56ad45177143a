"""Bad input of every kind: a clear message, and nothing half-written."""

import json

import pytest

from models.commands import DefineCouncil
from models.council import Member
from server.publish import ExportError, export_package, package
from server.publish.check import check_package
from tests.chamber import Sim, council, opened
from tests.publish.sittings import rich


@pytest.fixture(scope="module")
def sim():
    return rich()


def leftovers(parent):
    return sorted(p.name for p in parent.iterdir())


def test_an_unknown_sitting_names_the_known_ones(sim, tmp_path):
    with pytest.raises(ExportError, match=r"no sitting 's9' in the log; known: s1 \(XL, 2026-11-22\)"):
        export_package(sim.state, sim.log, tmp_path / "out", sitting_id="s9")
    assert leftovers(tmp_path) == []


def test_a_log_without_a_sitting(tmp_path):
    empty = Sim()
    empty.run(DefineCouncil(council=council()))
    with pytest.raises(ExportError, match="the log holds no sitting yet"):
        export_package(empty.state, empty.log, tmp_path / "out")


def test_an_unknown_format(sim, tmp_path):
    with pytest.raises(ExportError, match="unknown format docx; choose from csv, csv-excel"):
        export_package(sim.state, sim.log, tmp_path / "out", formats=["csv", "docx"])
    assert leftovers(tmp_path) == []


def test_events_that_do_not_match_the_state(sim, tmp_path):
    with pytest.raises(ExportError, match="do not end where the state does"):
        export_package(sim.state, sim.log[:-1], tmp_path / "out")


def test_a_folder_that_cannot_be_written(sim, tmp_path):
    blocker = tmp_path / "plik.txt"
    blocker.write_text("x")
    with pytest.raises(ExportError, match=r"cannot write in .*plik.txt: a file stands in its path"):
        export_package(sim.state, sim.log, blocker / "out")
    with pytest.raises(ExportError, match=r"cannot write in .*plik.txt/a: a file stands in its path"):
        export_package(sim.state, sim.log, blocker / "a" / "out")
    with pytest.raises(ExportError, match="is a file, not a folder"):
        export_package(sim.state, sim.log, blocker)
    assert blocker.read_text() == "x"


def test_a_folder_without_write_permission(sim, unwritable):
    with pytest.raises(ExportError, match=rf"cannot write in {unwritable}: .+; nothing was written"):
        export_package(sim.state, sim.log, unwritable / "bip")
    assert not (unwritable / "bip").exists()
    assert not [p for p in unwritable.iterdir() if p.name.startswith(".bip")]


def test_a_folder_with_other_files_is_left_alone(sim, tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "budzet.xlsx").write_text("keep me")
    with pytest.raises(ExportError, match="holds other files"):
        export_package(sim.state, sim.log, tmp_path / "out")
    assert leftovers(tmp_path / "out") == ["budzet.xlsx"]
    assert leftovers(tmp_path) == ["out"]


def test_a_failure_midway_keeps_the_earlier_package_whole(sim, tmp_path, monkeypatch):
    out = tmp_path / "out"
    export_package(sim.state, sim.log, out)
    before = json.loads((out / "manifest.json").read_text(encoding="utf-8"))

    def disk_full(record, folder):
        (folder / "sesja.pdf").write_bytes(b"%PDF-1.4 half")
        raise OSError(28, "No space left on device")

    monkeypatch.setitem(package.STEPS, "pdf", disk_full)
    with pytest.raises(ExportError, match="No space left on device; nothing was written"):
        export_package(sim.state, sim.log, out)
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8")) == before
    assert check_package(out, sim.log)[1] == []
    assert leftovers(tmp_path) == ["out"]


def test_a_new_export_replaces_the_old_package_whole(sim, tmp_path):
    out = tmp_path / "out"
    export_package(sim.state, sim.log, out, video_start=sim.state.sitting.opened_at)
    assert (out / "rozdzialy.vtt").is_file()
    export_package(sim.state, sim.log, out, formats=["csv"])
    assert not (out / "rozdzialy.vtt").exists() and not (out / "sesja.pdf").exists()
    assert check_package(out, sim.log)[1] == []
    assert leftovers(tmp_path) == ["out"]


def test_a_sitting_without_votes_still_exports_attendance_and_says_so(tmp_path):
    quiet = opened(present=7)
    manifest = json.loads(export_package(quiet.state, quiet.log, tmp_path / "p").read_text("utf-8"))
    assert manifest["votes"] == 0 and manifest["complete"] is False
    page = (tmp_path / "p" / "index.html").read_text(encoding="utf-8")
    assert "nie przeprowadzono dotąd żadnego głosowania" in page
    attendance = (tmp_path / "p" / "obecnosc.csv").read_text(encoding="utf-8")
    assert attendance.count(",obecny(-a),") == 7
    assert not (tmp_path / "p" / "glosowania").exists()
    assert (tmp_path / "p" / "imienne.csv").read_text(encoding="utf-8").count("\n") == 1  # header


def test_a_name_the_pdf_font_cannot_print_stops_the_export_before_anything_is_written(tmp_path):
    sim = Sim()
    sim.run(DefineCouncil(council=council().model_copy(update={"members": (
        Member(id="m01", name="Li 李", seat=1), *council().members[1:])})))
    sim("open_sitting", number="I", date="2026-11-22")
    with pytest.raises(ExportError, match="the PDF font .* has no 李 for „Li 李”"):
        export_package(sim.state, sim.log, tmp_path / "out")
    assert leftovers(tmp_path) == []
    export_package(sim.state, sim.log, tmp_path / "out", formats=["csv", "html"])
    assert "Li 李" in (tmp_path / "out" / "obecnosc.csv").read_text(encoding="utf-8")
