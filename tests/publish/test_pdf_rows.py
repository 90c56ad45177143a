"""A named list's row has one line's fixed height only when its cells surely fit on one line:
text widths come from the PDF font's own glyph advances, and a row that may wrap keeps its
automatic height (so a long name never runs into the next row)."""

from dataclasses import replace

import pytest

from bench.export_all import big_sitting
from server.publish import glyph_widths
from server.publish.pdf_content import NAMED_WIDTHS, fits, sitting_data
from server.publish.record import sitting_record

NUMBER, NAME, ANSWER = NAMED_WIDTHS


def test_widths_are_the_fonts_glyph_advances():
    font = glyph_widths.regular()
    assert font.per_em == 2048
    # DejaVu Sans 2.37's advances: R 1423, a 1255, space 651, Ł 1151
    assert font.width("Ra Ł", 10) == pytest.approx((1423 + 1255 + 651 + 1151) / 2048 * 10)
    assert font.width("a\u200ba", 9) == font.width("aa", 9)  # the break opportunity: nothing
    assert font.width("Jan 李", 9) is None  # a character the font lacks


def test_a_short_name_fits_and_a_long_or_unknown_one_may_wrap():
    assert fits("Radna Żółkiewska-Łęcka 750", NAME)
    assert not fits("Zofia Konstantynopolitańczykówna-Wielkopomorska", NAME)
    assert not fits("Jan 李", NAME)
    assert fits("nie głosował(-a)", ANSWER) and not fits("nie głosował(-a) (S)", ANSWER)
    assert fits("750", NUMBER) and not fits("10000", NUMBER)


def test_only_the_rows_that_may_wrap_keep_an_automatic_height():
    state, events = big_sitting(2, 12)
    record = sitting_record(state, events, None)
    assert [vote["tall"] for vote in sitting_data(record)["votes"]] == [[], []]
    first = record.votes[0]
    rows = list(first.rows)
    long = rows[4].member.model_copy(update={"name": "Zofia Konstantynopolitańczykówna-Wielka"})
    rows[4] = replace(rows[4], member=long)
    rows[7] = replace(rows[7], ordinal=10000)
    changed = replace(record, votes=(replace(first, rows=tuple(rows)), *record.votes[1:]))
    data = sitting_data(changed)
    assert [vote["tall"] for vote in data["votes"]] == [[4, 7], []]
    assert data["named_widths"] == ["8mm", "49mm", "31mm"]
