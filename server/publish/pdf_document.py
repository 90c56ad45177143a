"""The sitting as one PDF: summary, a section (and bookmark) per vote, attendance, register.

Fonts are DejaVu Sans, embedded (subset) so Polish letters print anywhere. Named lists
are the bulk of the document (750 members x 100 votes), so their rows are written as
text operators with the encoded strings cached: the same names repeat in every vote.
"""

from importlib.resources import files
from pathlib import Path

from fpdf import FPDF

from server.publish import tables
from server.publish.labels import ANSWER_PL, MODE_PL, OUTCOME_PL, hhmm, long_date
from server.publish.record import SittingRecord, VoteRecord

FONT = "DejaVu"
FONTS = files("server.publish") / "fonts"
LINE = 4.2  # mm per named row
COLUMN = 92.0  # two columns of named rows across the page


class _Document(FPDF):
    def __init__(self, title: str) -> None:
        super().__init__(format="A4")
        self.title_text = title
        self.add_font(FONT, "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_title(title)
        self.set_lang("pl")
        self.set_creator("sesja")
        self.set_margins(14, 14, 14)
        self.set_auto_page_break(True, 16)
        self._encoded: dict[str, str] = {}
        self._fitted: dict[str, str] = {}

    def footer(self) -> None:
        self.set_y(-11)
        self.set_font(FONT, "", 7)
        self.cell(0, 4, f"{self.title_text} · strona {self.page_no()}", align="C")

    def heading(self, text: str, size: float = 12) -> None:
        self.set_font(FONT, "B", size)
        self.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def para(self, text: str, bold: bool = False) -> None:
        self.set_font(FONT, "B" if bold else "", 9)
        self.multi_cell(0, 4.5, text, new_x="LMARGIN", new_y="NEXT")

    def grid(self, header: tuple[str, ...], rows, widths: tuple[float, ...]) -> None:
        self.set_font(FONT, "", 7.5)
        with self.table(col_widths=widths, line_height=3.6,
                        text_align="LEFT", first_row_as_headings=True) as grid:
            grid.row(header)
            for row in rows:
                grid.row(row)
        self.ln(2)

    def _text(self, x: float, y: float, text: str) -> None:
        encoded = self._encoded.get(text)
        if encoded is None:
            encoded = self._encoded[text] = self.current_font.encode_text(text)
        self._out(f"BT {x * self.k:.2f} {(self.h - y) * self.k:.2f} Td {encoded} ET")

    def _fit(self, text: str, width: float) -> str:
        fitted = self._fitted.get(text)
        if fitted is None:
            fitted = text
            while len(fitted) > 1 and self.get_string_width(fitted) > width:
                fitted = fitted[:-2] + "…"
            self._fitted[text] = fitted
        return fitted

    def _row_headings(self) -> float:
        self.set_font(FONT, "B", 7.5)
        y = self.get_y()
        for column in range(2):
            x = self.l_margin + column * COLUMN
            self.set_xy(x, y)
            self.cell(8, LINE, "Lp.")
            self.cell(54, LINE, "Radny")
            self.cell(28, LINE, "Głos")
        self.set_font(FONT, "", 8)
        self.text(self.l_margin, y, "")  # puts the font on the page for the raw rows below
        return y + LINE

    def named_rows(self, vote: VoteRecord) -> None:
        bottom = self.h - self.b_margin
        y = self._row_headings()
        rows = vote.rows
        for start in range(0, len(rows), 2):
            if y + LINE > bottom:
                self.add_page()
                y = self._row_headings()
            baseline = y + LINE * 0.75
            for column, row in enumerate(rows[start:start + 2]):
                x = self.l_margin + column * COLUMN
                self._text(x, baseline, str(row.ordinal))
                self._text(x + 8, baseline, self._fit(row.member.name, 52))
                self._text(x + 62, baseline, ANSWER_PL[row.answer])
            y += LINE
        self.set_y(y + 2)


def _vote(pdf: _Document, record: SittingRecord, vote: VoteRecord) -> None:
    v, r = vote.vote, vote.result
    pdf.start_section(f"Głosowanie nr {v.number}: {v.subject}"[:200])
    pdf.heading(f"Głosowanie nr {v.number}: {v.subject}", 10)
    item = f"Punkt {vote.item_number}: {vote.item_title}. " if vote.item_number else ""
    pdf.para(f"{item}Tryb: {MODE_PL[v.mode]}. Otwarto {hhmm(v.opened_at)}, "
             f"zamknięto {hhmm(v.closed_at)}.")
    revote = record.sitting.votes.get(v.revote_of) if v.revote_of else None
    pdf.para(f"Wynik: {OUTCOME_PL[r.outcome]}. {r.explanation_pl}."
             + (f" Reasumpcja głosowania nr {revote.number}." if revote else "")
             + (f" Podjęto uchwałę nr {vote.resolution}." if vote.resolution else ""), bold=True)
    pdf.para(", ".join(f"{ANSWER_PL[a]}: {n}" for a, n in vote.counts.items()) + ".")
    if vote.named:
        pdf.named_rows(vote)
    else:
        pdf.para("Głosowanie tajne lub zbiorcze: publikuje się tylko wyniki.")
        pdf.ln(2)


def sitting_pdf(record: SittingRecord) -> bytes:
    sitting = record.sitting
    title = f"{sitting.council_name}: {sitting.number} sesja, {long_date(sitting.date)}"
    pdf = _Document(title)
    pdf.add_page()
    pdf.heading(title, 14)
    if record.partial_note:
        pdf.para(record.partial_note, bold=True)
    pdf.para(record.summary)
    pdf.ln(2)
    pdf.start_section("Wyniki głosowań")
    pdf.heading("Wyniki głosowań")
    if record.votes:
        pdf.grid(("Nr", "Temat", "Za", "Przeciw", "Wstrz.", "Nie gł.", "Nieob.", "Wył.", "Wynik"),
                 ((str(v.vote.number), v.vote.subject, str(v.result.yes), str(v.result.no),
                   str(v.result.abstain), str(v.result.not_voting), str(v.result.absent),
                   str(v.result.recused), OUTCOME_PL[v.result.outcome]) for v in record.votes),
                 (8, 76, 10, 14, 12, 13, 12, 10, 27))
        for vote in record.votes:
            _vote(pdf, record, vote)
    else:
        pdf.para("Na tej sesji nie przeprowadzono dotąd żadnego głosowania.")
    pdf.start_section("Lista obecności")
    pdf.heading("Lista obecności")
    pdf.grid(tables.ATTENDANCE_HEADER, tables.attendance_rows(record), (9, 18, 42, 36, 22, 28, 27))
    if record.speeches:
        pdf.start_section("Mówcy")
        pdf.heading("Mówcy")
        pdf.grid(tables.SPEAKERS_HEADER, tables.speaker_rows(record), (8, 12, 44, 34, 28, 22, 16, 18))
    if record.register:
        pdf.start_section("Rejestr uchwał")
        pdf.heading("Rejestr uchwał")
        pdf.grid(tables.REGISTER_HEADER, tables.register_rows(record), (30, 96, 24, 32))
    return bytes(pdf.output())


def write_sitting(record: SittingRecord, folder: Path) -> None:
    (folder / "sesja.pdf").write_bytes(sitting_pdf(record))
