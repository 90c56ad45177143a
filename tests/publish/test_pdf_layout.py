"""The sitting's PDF on paper: a vote's heading, result and counts never stand at a page's
foot apart from its named list; the list is readable (9 pt or more); subjects wrap and
nothing is cut or runs off the page; names and subjects full of Typst's markup characters
print as they are."""

import re
import subprocess
from pathlib import Path

import pikepdf
import pytest

from bench.export_all import big_sitting
from models.commands import DefineCouncil
from models.council import Council, Member
from server.publish import export_package
from server.publish.typography import quotes
from tests.chamber import Sim
from tests.publish import pdf_reading

A4_WIDTH = 595.28  # pt
MARGIN = 14 / 25.4 * 72  # the pages' side margins, 14 mm
DPI = 50


def _export(tmp_path_factory, votes: int, members: int) -> Path:
    state, events = big_sitting(votes, members)
    out = tmp_path_factory.mktemp(f"glosowania-{votes}x{members}") / "bip"
    export_package(state, events, out, formats=["pdf"])
    return out / "sesja.pdf"


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory) -> Path:
    """14 named votes of 45 members: lists that start anywhere on a page and cross pages."""
    return _export(tmp_path_factory, 14, 45)


@pytest.fixture(scope="module")
def short_pdf(tmp_path_factory) -> Path:
    """20 named votes of 12 members: two or three votes a page, so that some heading comes
    where its list no longer fits (without keeping them together, votes 6 and 16 stood alone)."""
    return _export(tmp_path_factory, 20, 12)


def _headings(found: list[pdf_reading.Word]) -> list[tuple[int, int, pdf_reading.Word]]:
    """(vote number, index, word) of each vote's heading ("Głosowanie nr 7:")."""
    return [(int(found[i + 2].text.rstrip(":")), i, word) for i, word in enumerate(found[:-2])
            if word.text == "Głosowanie" and found[i + 1].text == "nr"
            and re.fullmatch(r"\d+:", found[i + 2].text)]


@pytest.mark.parametrize(("fixture", "votes"), [("long_pdf", 14), ("short_pdf", 20)])
def test_a_vote_heading_always_has_its_first_named_rows_below_it_on_its_page(fixture, votes,
                                                                              request):
    found = pdf_reading.words(request.getfixturevalue(fixture))
    headings = _headings(found)
    assert [number for number, _i, _w in headings] == list(range(1, votes + 1))
    for number, index, heading in headings:
        after = [w for w in found[index:] if w.page == heading.page]
        header = next((i for i, w in enumerate(after) if w.text == "Radny"), None)
        assert header is not None, f"vote {number}: no named list under its heading on its page"
        rows = [w for w in after[header:] if w.text == "Radna"]
        assert len(rows) >= 2, f"vote {number}: its heading ends page {heading.page}"
        assert all(r.y > heading.y for r in rows)


def test_a_long_list_goes_on_over_the_page(long_pdf):
    found = pdf_reading.words(long_pdf)
    crossing = []
    for number, index, heading in _headings(found):
        rows = [w for w in found[index:] if w.text == "Radna"][:45]
        if rows[-1].page > heading.page:
            crossing.append(number)
            assert rows[-1].page == heading.page + 1
    assert crossing  # so the test above saw lists broken across pages too


def test_the_names_of_a_named_list_start_at_one_x_after_right_aligned_ordinals(long_pdf):
    """The ordinal shares the name's cell ("12. Radna ..."), padded with figure spaces: the
    names stand in a column as they did in a column of their own."""
    found = pdf_reading.words(long_pdf)
    end = next(i for i, w in enumerate(found) if w.text == "Lista" and found[i + 1].text == "obecności")
    rows = [(found[i - 1], w) for i, w in enumerate(found[:end]) if w.text == "Radna"]
    assert len(rows) == 14 * 45
    ordinals = [ordinal.text for ordinal, _name in rows]
    assert ordinals == [f"{n}." for _vote in range(14) for n in range(1, 46)]
    # the left and the right page column: one x for every name, one right edge per ordinal
    assert len({round(name.x, 1) for _o, name in rows}) == 2
    assert len({round(ordinal.right, 1) for ordinal, _n in rows}) == 2
    gaps = {round(name.x - ordinal.right, 1) for ordinal, name in rows}
    assert len(gaps) == 1 and 0 < gaps.pop() < 4  # one space between them


def test_the_named_list_and_all_the_text_are_at_least_9_pt(long_pdf):
    with pikepdf.open(long_pdf) as pdf:
        sizes = {p.size for p in pdf_reading.painted(pdf)
                 if p.operator in pdf_reading.TEXT and not p.artifact}
    assert sizes and min(sizes) >= 9, sorted(sizes)
    heights = [w.height for w in pdf_reading.words(long_pdf) if w.text == "Radna"]
    assert min(heights) > 8.99  # poppler gives a word the font size as its height


def _pages(path: Path, folder: Path) -> list[tuple[int, int, bytes]]:
    """The PDF's pages rendered by pdftoppm in grey: (width, height, pixels) each."""
    subprocess.run(["pdftoppm", "-gray", "-r", str(DPI), str(path), str(folder / "strona")],
                   check=True)
    pages = []
    for image in sorted(folder.glob("strona-*.pgm")):
        data = image.read_bytes()
        magic, width, height, depth, pixels = data.split(maxsplit=4)
        assert magic == b"P5" and depth == b"255"
        pages.append((int(width), int(height), pixels))
    return pages


def _ink_right_of(page: tuple[int, int, bytes], x: float) -> int:
    """Dark pixels right of x (in points) on the page."""
    width, height, pixels = page
    left = int(x / 72 * DPI) + 1
    return sum(1 for row in range(height) for value in pixels[row * width + left:(row + 1) * width]
               if value < 200)


def test_every_page_renders_and_nothing_runs_into_the_right_margin(long_pdf, tmp_path):
    pages = _pages(long_pdf, tmp_path)
    assert len(pages) == int(pdf_reading.pdfinfo(long_pdf)["Pages"]) > 5
    for number, page in enumerate(pages, start=1):
        assert page[2].count(b"\x00") + sum(1 for v in page[2] if v < 128) > 500, number  # text
        assert _ink_right_of(page, A4_WIDTH - MARGIN + 2) == 0, number


LONG_WORD = "Konstantynopolitańczykówna" * 3
COUNCIL = "Rada #Gminy *Znaków* Wielkopomorskowschodniopółnocnozachodniej"
HOSTILE = ("Anna #set text(red) Nowak", "*Jan* _Kowalski_ [x] $y$ = 1",
           "Ewa @ref <label> \\ `kod` // nie komentarz", 'Piotr "Piotruś" O\'Brien',
           f"Zofia {LONG_WORD}", "Łukasz ] ) } #{ #( \\u{1F600} ~ -- ---")
SUBJECT = ("Uchwała #1 w sprawie *ulic* _[A]_ $100 @urząd <b> \\n `x` /* nie */ "
           + " ".join(f"słowo{i}" for i in range(100)) + f" {LONG_WORD} \"cytat\" koniec")


@pytest.fixture(scope="module")
def hostile_pdf(tmp_path_factory) -> Path:
    sim = Sim()
    members = tuple(Member(id=f"h{i}", name=name, seat=i) for i, name in enumerate(HOSTILE, 1))
    sim.run(DefineCouncil(council=Council(name=COUNCIL, statutory_seats=6,
                                          members=members)))
    sim("open_sitting", number="I", date="2026-11-22")
    for member in members:
        sim("check_in", member=member.id)
    sim("open_vote", subject=SUBJECT)
    for member in members:
        sim("record_answer", member=member.id, answer="yes")
    sim.tick(30)
    sim("close_vote")
    sim("close_sitting")
    out = tmp_path_factory.mktemp("wrogie") / "bip"
    export_package(sim.state, sim.log, out, formats=["pdf"])
    return out / "sesja.pdf"


def test_markup_characters_in_names_and_subjects_print_as_they_are(hostile_pdf):
    text = pdf_reading.flat(hostile_pdf)
    joined = "".join(text.split())  # a word broken at the end of a line, joined again
    for name in HOSTILE:
        assert re.search(rf"\d\.{re.escape(''.join(name.split()))}za", joined), name
    assert f"{COUNCIL}: I sesja" in text
    title = f"{COUNCIL}: I sesja, 22 listopada 2026 r."
    with pikepdf.open(hostile_pdf) as pdf:  # the metadata hold the title as it is
        assert str(pdf.docinfo.Title) == pdf_reading.xmp_title(pdf) == title
    assert joined.count("".join(quotes(SUBJECT).split())) == 2  # the results table, the heading
    assert "…" not in text


def test_a_long_subject_wraps_and_a_long_word_breaks_inside_the_page(hostile_pdf, tmp_path):
    lines = pdf_reading.text(hostile_pdf).splitlines()
    assert len([line for line in lines if "słowo" in line]) > 10  # wrapped, in both places
    for number, page in enumerate(_pages(hostile_pdf, tmp_path), start=1):
        assert _ink_right_of(page, A4_WIDTH - MARGIN + 2) == 0, number


def test_a_name_that_wraps_has_a_taller_row_hangs_under_its_first_line_and_never_runs_into_the_next(
        hostile_pdf):
    found = pdf_reading.words(hostile_pdf)
    header = next(i for i, w in enumerate(found) if w.text == "Radny")
    listed = found[header:]
    zofia = next(i for i, w in enumerate(listed) if w.text == "Zofia")
    after = next(i for i, w in enumerate(listed) if w.text == "Łukasz")
    name = listed[zofia:after - 1]  # the long name's pieces, the answer and the next ordinal
    lines = {round(w.y) for w in name}
    assert len(lines) >= 3  # the long word broke over lines inside its cell
    # each line goes on under the name's first letter, not under the ordinal before it
    assert {min(round(w.x, 1) for w in name if round(w.y) == y) for y in lines} == {
        round(listed[zofia].x, 1)}
    assert listed[zofia - 1].text == "5." and listed[zofia - 1].x < listed[zofia].x - 5
    assert max(w.y + w.height for w in name) <= listed[after].y + 0.5
