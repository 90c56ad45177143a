"""The sitting's PDF is accessible (PDF/UA-1, as BIP documents must be): tagged, with a
structure tree of headings and tables with header cells, its language, its title shown,
XMP metadata, and nothing on a page outside the tags. veraPDF is not installable here, so
these structural checks are what stands for it (docs/decisions.md)."""

import pikepdf
import pytest

from server.publish import export_package, package, pdf_document
from server.publish.pdf_content import sitting_title
from server.publish.record import ExportError, sitting_record
from tests.publish import pdf_reading
from tests.publish.sittings import clubs, rich


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    sim = rich()
    out = tmp_path_factory.mktemp("dostepny") / "bip"
    export_package(sim.state, sim.log, out, formats=["pdf"])
    return sitting_record(sim.state, sim.log, None), out / "sesja.pdf"


def test_tagged_with_its_language_title_and_metadata(published):
    record, path = published
    title = sitting_title(record)
    with pikepdf.open(path) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert "/StructTreeRoot" in pdf.Root
        assert str(pdf.Root.Lang) == "pl-PL"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert str(pdf.docinfo.Title) == title
        assert pdf_reading.xmp_title(pdf) == title
    info = pdf_reading.pdfinfo(path)
    assert info["Tagged"] == "yes" and info["Metadata Stream"] == "yes"
    assert info["Title"] == title


def test_a_heading_for_the_sitting_and_one_for_each_vote_and_each_table(published):
    record, path = published
    with pikepdf.open(path) as pdf:
        types, _tables = pdf_reading.structure_types(pdf)
        with pdf.open_outline() as outline:
            top = outline.root
            assert [item.title for item in top] == [sitting_title(record)]
            sections = [item.title for item in top[0].children]
    votes = [f"Głosowanie nr {v.vote.number}: " for v in record.votes]
    assert len(votes) == 3
    # the results, each vote, attendance, speakers, the register of resolutions
    assert types["/H1"] == 1 and types["/H2"] == len(votes) + 4
    assert [s for s in sections if s.startswith("Głosowanie nr")] == [
        f"{v}{s.split(': ', 1)[1]}" for v, s in zip(votes, sections[1:4], strict=True)]
    assert sections[0] == "Wyniki głosowań" and sections[4:] == [
        "Lista obecności", "Mówcy", "Rejestr uchwał"]


def test_every_table_has_header_cells(published):
    _record, path = published
    with pikepdf.open(path) as pdf:
        types, tables = pdf_reading.structure_types(pdf)
    # results, two named lists (the secret ballot has none), attendance, speakers, register
    assert len(tables) == types["/Table"] == 6
    for table in tables:
        inside = pdf_reading.descendant_types(table)
        assert {"/TH", "/TR", "/TD"} <= inside, inside


def test_a_named_list_is_two_columns_each_cell_under_its_header_cell(published):
    """"Radny" (the ordinal and the name) and "Głos": a screen reader names the column of
    every cell from its TH."""
    record, path = published
    named = [len(vote.rows) for vote in record.votes if vote.named]
    with pikepdf.open(path) as pdf:
        _types, tables = pdf_reading.structure_types(pdf)
        shapes = [pdf_reading.table_rows(table) for table in tables]
        # results 9 columns, two named lists, attendance 7, speakers 8, register 4
        assert [len(rows[0]) for rows in shapes] == [9, 2, 2, 7, 8, 4]
        for rows, members in zip(shapes[1:3], named, strict=True):
            header, body = rows[0], rows[1:]
            assert [str(cell.S) for cell in header] == ["/TH", "/TH"]
            assert [str(cell.A[0].Scope) for cell in header] == ["/Column", "/Column"]
            ids = [cell.ID for cell in header]
            assert len(body) == members > 0
            for row in body:
                assert [str(cell.S) for cell in row] == ["/TD", "/TD"]
                assert [list(cell.A[0].Headers) for cell in row] == [[ids[0]], [ids[1]]]


def test_nothing_on_a_page_is_outside_the_tags(published):
    _record, path = published
    with pikepdf.open(path) as pdf:
        painted = list(pdf_reading.painted(pdf))
    assert painted and [p for p in painted if not p.tagged] == []
    assert any(p.artifact and p.operator in pdf_reading.TEXT for p in painted)  # the footers
    assert any(not p.artifact and p.operator in pdf_reading.TEXT for p in painted)


def test_pages_say_which_of_how_many(published):
    _record, path = published
    pages = int(pdf_reading.pdfinfo(path)["Pages"])
    text = pdf_reading.flat(path)
    assert [f"strona {n} z {pages}" in text for n in range(1, pages + 1)] == [True] * pages


def test_each_vote_tells_its_quorum_date_and_times(published):
    record, path = published
    text = pdf_reading.flat(path)
    for vote in record.votes:
        section = text.split(f"Głosowanie nr {vote.vote.number}: ")[1]
        assert "Kworum: jest — obecnych " in section.split("Wynik:")[0]
    first = text.split("Głosowanie nr 1: ")[-1].split("Wynik:")[0]
    assert "22 listopada 2026 r., otwarto 11:04:26, zamknięto 11:04:56." in first
    assert "Kworum: jest — obecnych 8 z 11, wymagane 6." in first


def test_a_committee_sitting_is_a_posiedzenie_in_the_pdf(tmp_path):
    sim = clubs("committee", subject="Opinia do projektu uchwały w sprawie budżetu.")
    export_package(sim.state, sim.log, tmp_path / "p", formats=["pdf"])
    path = tmp_path / "p" / "sesja.pdf"
    text = pdf_reading.flat(path)
    assert "posiedzenie komisji nr III" in text and "Ustawowy skład komisji: 7" in text
    assert "sesj" not in text.lower()
    assert "Rada podjęła" not in text
    with pikepdf.open(path) as pdf:
        assert "posiedzenie komisji nr III" in str(pdf.docinfo.Title)


def test_a_step_failing_while_the_pdf_is_laid_out_stops_its_process_and_leaves_nothing(
        tmp_path, monkeypatch):
    """The PDF's process runs beside the other steps; a failure among them ends it."""
    started: list[pdf_document.Pending] = []
    real = pdf_document.start_sitting

    def start(record, folder):
        started.append(real(record, folder))
        return started[-1]

    def disk_full(record, folder):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pdf_document, "start_sitting", start)
    monkeypatch.setitem(package.STEPS, "json", disk_full)
    sim = rich()
    with pytest.raises(ExportError, match="No space left on device"):
        export_package(sim.state, sim.log, tmp_path / "out")
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    assert len(started) == 1 and started[0]._process.returncode is not None
