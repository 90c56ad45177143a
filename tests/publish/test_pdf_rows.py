"""A named list's row has one line's fixed height only when its cells surely fit on one line:
text widths come from the PDF font's own glyph advances, and a row that may wrap keeps its
automatic height (so a long name never runs into the next row). A row is two cells, the
ordinal padded with figure spaces before the name, so the names start at one x."""

from dataclasses import replace

import pytest

from bench.export_all import big_sitting
from models.terms import FinalAnswer
from server.publish import glyph_widths
from server.publish.pdf_content import FIGURE_SPACE, NAMED_WIDTHS, fits, numbered, sitting_data
from server.publish.record import sitting_record

NAME, ANSWER = NAMED_WIDTHS


def test_widths_are_the_fonts_glyph_advances():
    font = glyph_widths.regular()
    assert font.per_em == 2048
    # DejaVu Sans 2.37's advances: R 1423, a 1255, space 651, Ł 1151
    assert font.width("Ra Ł", 10) == pytest.approx((1423 + 1255 + 651 + 1151) / 2048 * 10)
    assert font.width("a\u200ba", 9) == font.width("aa", 9)  # the break opportunity: nothing
    assert font.width("Jan 李", 9) is None  # a character the font lacks


def test_the_figure_space_is_as_wide_as_every_digit():
    font = glyph_widths.regular()
    digits = {font.width(digit, 9) for digit in "0123456789"}
    assert digits == {font.width(FIGURE_SPACE, 9)} and None not in digits


def test_an_ordinal_is_padded_to_the_longest_ones_width():
    assert numbered(7, "Nowak Anna", 3) == f"{FIGURE_SPACE * 2}7. Nowak Anna"
    assert numbered(12, "Nowak Anna", 3) == f"{FIGURE_SPACE}12. Nowak Anna"
    assert numbered(750, "Nowak Anna", 3) == "750. Nowak Anna"
    font = glyph_widths.regular()
    assert font.width(numbered(7, "", 3), 9) == font.width(numbered(750, "", 3), 9)


def test_a_short_name_fits_and_a_long_or_unknown_one_may_wrap():
    assert fits(numbered(750, "Radna Żółkiewska-Łęcka 750", 3), NAME)
    assert not fits(numbered(1, "Zofia Konstantynopolitańczykówna-Wielkopomorska", 3), NAME)
    assert not fits(numbered(1, "Jan 李", 1), NAME)
    assert fits("nie głosował(-a)", ANSWER) and not fits("nie głosował(-a) (S)", ANSWER)


def test_only_the_rows_that_may_wrap_keep_an_automatic_height():
    state, events = big_sitting(2, 12)
    record = sitting_record(state, events, None)
    data = sitting_data(record)
    assert [vote["tall"] for vote in data["votes"]] == [[], []]
    assert data["votes"][0]["rows"][8] == [f"{FIGURE_SPACE}9. Radna Żółkiewska-Łęcka 9", "przeciw"]
    first = record.votes[0]
    rows = list(first.rows)
    long = rows[4].member.model_copy(update={"name": "Zofia Konstantynopolitańczykówna-Wielka"})
    rows[4] = replace(rows[4], member=long)
    rows[7] = replace(rows[7], answer=FinalAnswer.NOT_VOTING, by_secretary=True)
    changed = replace(record, votes=(replace(first, rows=tuple(rows)), *record.votes[1:]))
    data = sitting_data(changed)
    assert [vote["tall"] for vote in data["votes"]] == [[4, 7], []]
    assert data["named_header"] == ["Radny", "Głos"]
    assert data["named_widths"] == ["57mm", "31mm"]


def test_every_list_pads_to_the_sittings_longest_ordinal():
    state, events = big_sitting(1, 12)
    record = sitting_record(state, events, None)
    first = record.votes[0]
    rows = (*first.rows[:-1], replace(first.rows[-1], ordinal=1000))
    data = sitting_data(replace(record, votes=(replace(first, rows=rows),)))
    cells = [row[0] for row in data["votes"][0]["rows"]]
    assert cells[0] == f"{FIGURE_SPACE * 3}1. Radna Żółkiewska-Łęcka 1"
    assert cells[-1] == "1000. Radna Żółkiewska-Łęcka 12"
