"""The sitting as one PDF: summary, a section (and bookmark) per vote, attendance, register.

Fonts are DejaVu Sans, embedded (subset) so Polish letters print anywhere. A large
chamber makes a long document (750 members x 100 votes is some 700 pages), so text is
laid out here and written as text operators, with each cell's encoded text cached: the
same names and answers repeat in every vote.

fpdf (with numpy and Pillow) takes half a second to import, so it is imported when the
first PDF is written (`_document_class`), not by every console or server that merely can
publish: the layout below is a mixin whose base, FPDF, is added then.
"""

from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, cast

from models.polish import ANSWER_PL
from server.publish import tables
from server.publish.labels import MODE_PL, OUTCOME_PL, hhmm, long_date
from server.publish.prose import vote_prose
from server.publish.record import ExportError, SittingRecord, VoteRecord

FONT = "DejaVu"
FONTS = files("server.publish") / "fonts"
LINE = 4.0  # mm per table row
NAMED_HEADER = ("Lp.", "Radny", "Głos") * 2
BY_SECRETARY_MARK = " (S)"  # an electronic vote's answer the secretary recorded
NAMED_WIDTHS = (8.0, 54.0, 28.0, 8.0, 54.0, 28.0)
RESULTS_HEADER = ("Nr", "Temat", "Za", "Przeciw", "Wstrz.", "Nie gł.", "Nieob.", "Wył.", "Wynik")
RESULTS_WIDTHS = (8.0, 76.0, 10.0, 14.0, 12.0, 13.0, 12.0, 10.0, 27.0)

if TYPE_CHECKING:  # the type checker sees the real base; at run time _document_class adds it
    from fpdf import FPDF as _Page
    from fpdf.fonts import TTFFont
else:
    _Page = object


class _Document(_Page):
    """The sitting's layout on FPDF's pages (a mixin until `_document_class`)."""

    def __init__(self, title: str) -> None:
        super().__init__(format="A4")
        self.title_text = title
        self.add_font(FONT, "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_title(title)
        self.set_lang("pl")
        self.set_creator("sesja")
        self.set_margins(14, 14, 14)
        self.set_auto_page_break(False)
        self._cells: dict[tuple[str, float, str, float], str] = {}
        self._widths: dict[tuple[str, float, str], float] = {}
        self._rows: dict[tuple[float, ...], dict[Sequence[str], str]] = {}

    @property
    def bottom(self) -> float:
        return self.h - 16

    def footer(self) -> None:
        self.set_font(FONT, "", 7)
        text = f"{self.title_text} · strona {self.page_no()}"
        self.text((self.w - self._measure(text)) / 2, self.h - 8, text)

    def _font(self, bold: bool, size: float) -> None:
        """Selects the font and puts it on the page for the text operators that follow."""
        self.set_font(FONT, "B" if bold else "", size)
        self.text(self.l_margin, self.get_y(), "")

    def _room(self, height: float) -> None:
        if self.get_y() + height > self.bottom:
            font = (self.font_style == "B", self.font_size_pt)
            self.add_page()
            self._font(*font)

    def _measure(self, text: str) -> float:
        """The text's width in mm, from the font's glyph widths: what get_string_width gives
        for plain text (no spacing, stretching or shaping here), without its per-call
        bidirectional preprocessing, which was a third of a large PDF's time."""
        widths = cast("TTFFont", self.current_font).cw
        return sum(widths[ord(c)] for c in text) * self.font_size_pt * 0.001 / self.k

    def _width(self, word: str) -> float:
        key = (self.font_style, self.font_size_pt, word)
        width = self._widths.get(key)
        if width is None:
            width = self._widths[key] = self._measure(word)
        return width

    def _lines(self, text: str, width: float) -> list[str]:
        lines: list[str] = []
        line: list[str] = []
        used, space = 0.0, self._width(" ")
        for word in text.split():
            word_width = self._width(word)
            if line and used + space + word_width > width:
                lines.append(" ".join(line))
                line, used = [], 0.0
            used += (space if line else 0.0) + word_width
            line.append(word)
        if line:
            lines.append(" ".join(line))
        return lines

    def para(self, text: str, bold: bool = False, size: float = 9) -> None:
        """Wrapped text across the page; a line that would cross the bottom starts a page."""
        self._font(bold, size)
        height = size * 0.5
        for line in self._lines(text, self.w - self.l_margin - self.r_margin):
            self._room(height)
            y = self.get_y()
            self._out(f"BT {self.l_margin * self.k:.2f} {(self.h - y - height * 0.78) * self.k:.2f}"
                      f" Td {self._encode(line)} ET")
            self.set_y(y + height)
        self.set_y(self.get_y() + 1)

    def heading(self, text: str, size: float = 12) -> None:
        self._room(size * 2)
        self.start_section(text[:200])
        self.para(text, bold=True, size=size)

    def grid(self, header: Sequence[str], rows: Iterable[Sequence[str]],
             widths: Sequence[float]) -> None:
        """A table of one-line rows; a cell too long for its column ends with "…"."""
        self._room(LINE * 3)
        y = self._headings(header, widths)
        left, k, top = self.l_margin * self.k, self.k, self.h - LINE * 0.75
        cell, out, bottom = self._cell, self._out, self.bottom
        encoded = self._rows.setdefault(tuple(widths), {})  # body rows are all in one font
        for row in rows:
            if y + LINE > bottom:
                self.add_page()
                y = self._headings(header, widths)
            text = encoded.get(row)
            if text is None:
                text = encoded[row] = "".join(
                    [cell(value, width) for value, width in zip(row, widths, strict=True)])
            out(f"BT {left:.2f} {(top - y) * k:.2f} Td {text}ET")
            y += LINE
        self.set_y(y + 3)

    def _headings(self, header: Sequence[str], widths: Sequence[float]) -> float:
        """The column headings in bold, underlined; returns where the first row goes."""
        self._font(True, 7.5)
        y = self.get_y()
        self._out(f"BT {self.l_margin * self.k:.2f} {(self.h - y - LINE * 0.75) * self.k:.2f} Td "
                  + "".join(self._cell(text, width) for text, width in zip(header, widths, strict=True))
                  + "ET")
        self.line(self.l_margin, y + LINE, self.l_margin + sum(widths), y + LINE)
        self._font(False, 7.5)
        return y + LINE + 0.5

    def _encode(self, text: str) -> str:
        """The text as a PDF string of glyphs; a character the font lacks is an error, since
        the PDF would silently leave it out."""
        font = cast("TTFFont", self.current_font)  # always one of the two added in __init__
        missing = sorted({c for c in text if ord(c) not in font.cmap})
        if missing:
            raise ExportError(f"the PDF font (DejaVu Sans) has no {' '.join(missing)} for "
                              f"„{text}”; correct the text or export without pdf (--format); "
                              "nothing was written",
                              f"czcionka PDF (DejaVu Sans) nie ma znaku {' '.join(missing)} "
                              f"w „{text}”; popraw tekst albo eksportuj bez PDF; "
                              "nic nie zapisano")
        return font.encode_text(text)

    def _cell(self, text: str, width: float) -> str:
        key = (self.font_style, self.font_size_pt, text, width)
        encoded = self._cells.get(key)
        if encoded is None:
            fitted = text
            while len(fitted) > 1 and self._measure(fitted) > width - 1.5:
                fitted = fitted[:-2] + "…"
            encoded = f"{self._encode(fitted)} {width * self.k:.2f} 0 Td "
            self._cells[key] = encoded
        return encoded


@cache
def _document_class() -> type[_Document]:
    """The layout on fpdf's FPDF, made when the first PDF is written."""
    from fpdf import FPDF  # deferred: see the module's docstring (and ignore_imports)

    class Document(_Document, FPDF):
        pass

    return Document


def _named_pairs(vote: VoteRecord) -> Iterator[tuple[str, ...]]:
    """Two members a line: the named list in two columns, read left to right."""
    cells = [(str(row.ordinal), row.member.name,
              ANSWER_PL[row.answer] + (BY_SECRETARY_MARK if row.by_secretary else ""))
             for row in vote.rows]
    for start in range(0, len(cells), 2):
        pair = cells[start:start + 2]
        yield pair[0] + (pair[1] if len(pair) == 2 else ("", "", ""))


def _vote(pdf: _Document, record: SittingRecord, vote: VoteRecord) -> None:
    v, prose = vote.vote, vote_prose(record, vote)
    pdf.heading(f"Głosowanie nr {v.number}: {v.subject}", 10)
    item = f"Punkt {vote.item_number}: {vote.item_title}. " if vote.item_number else ""
    pdf.para(f"{item}Tryb: {MODE_PL[v.mode]}. Otwarto {hhmm(v.opened_at)}, "
             f"zamknięto {hhmm(v.closed_at)}.")
    pdf.para(" ".join(filter(None, (f"{prose.outcome}.", prose.explanation, prose.revote,
                                    prose.resolution))), bold=True)
    pdf.para(f"{prose.counts}.")
    if vote.named:
        pdf.grid(NAMED_HEADER, _named_pairs(vote), NAMED_WIDTHS)
        if any(row.by_secretary for row in vote.rows):
            pdf.para(f"{BY_SECRETARY_MARK.strip()}: głos zapisany przez sekretarza, nie z "
                     "urządzenia radnego.")
    else:
        pdf.para("Głosowanie tajne lub zbiorcze: publikuje się tylko wyniki.")


def sitting_pdf(record: SittingRecord) -> bytes:
    sitting = record.sitting
    title = f"{sitting.council_name}: {sitting.number} sesja, {long_date(sitting.date)}"
    pdf = _document_class()(title)
    pdf.add_page()
    pdf.heading(title, 14)
    if record.partial_note:
        pdf.para(record.partial_note, bold=True)
    pdf.para(record.summary)
    pdf.heading("Wyniki głosowań")
    if record.votes:
        pdf.grid(RESULTS_HEADER,
                 ((str(v.vote.number), v.vote.subject, str(v.result.yes), str(v.result.no),
                   str(v.result.abstain), str(v.result.not_voting), str(v.result.absent),
                   str(v.result.recused), OUTCOME_PL[v.result.outcome]) for v in record.votes),
                 RESULTS_WIDTHS)
        for vote in record.votes:
            _vote(pdf, record, vote)
    else:
        pdf.para("Na tej sesji nie przeprowadzono dotąd żadnego głosowania.")
    pdf.heading("Lista obecności")
    pdf.grid(tables.ATTENDANCE_HEADER, tables.attendance_rows(record), (9, 18, 42, 36, 22, 28, 27))
    if record.speeches:
        pdf.heading("Mówcy")
        pdf.grid(tables.SPEAKERS_HEADER, tables.speaker_rows(record), (8, 12, 44, 34, 28, 22, 16, 18))
    if record.register:
        pdf.heading("Rejestr uchwał")
        pdf.grid(tables.REGISTER_HEADER, tables.register_rows(record), (30, 96, 24, 32))
    return bytes(pdf.output())


def write_sitting(record: SittingRecord, folder: Path) -> None:
    (folder / "sesja.pdf").write_bytes(sitting_pdf(record))


# --- members' device cards ---------------------------------------------------------------

CARD_W, CARD_H = 91.0, 66.0  # two across and four down on A4, cut along the frames
QR_MM = 40.0


def _qr(pdf: _Document, text: str, x: float, y: float, size: float) -> None:
    """The text as a QR code (error correction M), its quiet zone inside `size`."""
    import segno  # deferred: only the cards need it

    code = segno.make(text, error="m", micro=False)
    matrix = list(code.matrix)
    module = size / (len(matrix) + 8)  # 4 light modules on each side
    for row, cells in enumerate(matrix):
        for col, dark in enumerate(cells):
            if dark:
                pdf.rect(x + (col + 4) * module, y + (row + 4) * module, module, module, "F")


def device_cards_pdf(council: str, cards: Sequence[tuple[str, str, str]]) -> bytes:
    """One card per member, (name, code, page address with the code): the member's name, a
    QR code of the address, the code to type and the address to read."""
    pdf = _document_class()(f"{council}: karty urządzeń do głosowania")
    pdf.set_fill_color(0, 0, 0)
    for index, (name, code, url) in enumerate(cards):
        if index % 8 == 0:
            pdf.add_page()
        x = pdf.l_margin + (index % 2) * CARD_W
        y = pdf.t_margin + (index % 8 // 2) * CARD_H
        pdf.set_draw_color(160, 160, 160)
        pdf.rect(x, y, CARD_W, CARD_H)
        _qr(pdf, url, x + 2, y + (CARD_H - QR_MM) / 2, QR_MM)
        left = x + QR_MM + 4
        pdf.set_font(FONT, "", 7)
        pdf.text(left, y + 8, council[:40])
        pdf.set_font(FONT, "B", 10)
        pdf.text(left, y + 16, name[:28])
        pdf.set_font(FONT, "", 8)
        pdf.text(left, y + 26, "Kod urządzenia:")
        pdf.set_font(FONT, "B", 14)
        pdf.text(left, y + 34, code)
        pdf.set_font(FONT, "", 6)
        pdf.text(left, y + 46, "Zeskanuj kod QR albo otwórz")
        pdf.text(left, y + 50, url.split("?")[0][:44])
        pdf.text(left, y + 54, "i wpisz kod. Nie przekazuj karty.")
    return bytes(pdf.output())
