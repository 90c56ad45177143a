"""What the PDFs say, as plain data for their Typst templates (server/publish/templates/).

Every word is made here, in Python, from the same prose the BIP page and the minutes use
(server.publish.prose); the templates only lay it out. The data goes to Typst as JSON, so a
subject or a name is always text there, never markup.
"""

import io
import re
from collections.abc import Sequence
from typing import Any

from models.polish import ANSWER_PL
from server.publish import glyph_widths, tables
from server.publish.labels import MODE_PL, OUTCOME_PL, long_date
from server.publish.prose import item_sentence, vote_prose
from server.publish.record import NamedAnswer, SittingRecord, VoteRecord
from server.publish.typography import quotes

Data = dict[str, Any]

BY_SECRETARY_MARK = " (S)"  # an electronic vote's answer the secretary recorded
BY_SECRETARY_LEGEND = "(S): głos zapisany przez sekretarza, nie z urządzenia radnego."
# the named list: two cells a row, the ordinal and the name in the first ("12. Nowak Anna"),
# since Typst's time goes by the cells it lays out and tags (docs/decisions.md)
NAMED_HEADER = ("Radny", "Głos")
# the named list's columns in mm: half the page's text width (182 mm less the 6 mm gutter)
NAMED_WIDTHS = (57, 31)
# pads an ordinal to the longest one's width, so the names start at one x: DejaVu Sans gives
# it a digit's advance (checked in tests/publish/test_pdf_rows.py); a line never breaks at it
FIGURE_SPACE = "\u2007"
NAMED_SIZE = 9  # pt, the tables' text
NAMED_INSET = 2  # pt, a cell's padding on each side (the template's table inset)
# room left for kerning, which the glyph widths leave out: DejaVu's positive kerns between
# the letters of names are at most 0.06 em (around a hyphen, "AA"), so 0.25 em is 4 of them
KERNING_ROOM = 0.25
RESULTS_HEADER = ("Nr", "Temat", "Za", "Przeciw", "Wstrz.", "Nie gł.", "Nieob.", "Wył.", "Wynik")
# column widths: "auto" (as wide as the column's content), "2fr" (a share of the rest), "8mm"
RESULTS_WIDTHS = ("8mm", "1fr", *["auto"] * 7)
ATTENDANCE_WIDTHS = ("auto", "auto", "1fr", "1fr", "auto", "auto", "auto")
SPEAKERS_WIDTHS = ("auto", "auto", "2fr", "1fr", "1fr", "auto", "auto", "auto")
REGISTER_WIDTHS = ("auto", "2fr", "auto", "1fr")
PAGE_WORDS = {"pl": {"page": "strona", "of": "z"}, "en": {"page": "page", "of": "of"}}
REGIONS = {"pl": "PL", "en": "GB"}

ZWSP = "\u200b"  # a break opportunity that prints nothing
_UNBROKEN = re.compile(r"[^\s/-]{25,}")


def breakable(text: str) -> str:
    """The text with a zero-width space every 20 characters of a run of 25 or more without a
    space, slash or hyphen (where a line breaks anyway): a glued word or hostile input then
    wraps inside its column instead of running over the next one or off the page. Screen
    readers say nothing for it; text extraction (pdftotext) keeps it as U+200B."""
    return _UNBROKEN.sub(lambda m: ZWSP.join(m[0][i:i + 20] for i in range(0, len(m[0]), 20)),
                         text)


def sitting_title(record: SittingRecord) -> str:
    """ "Rada Miasta X: XL sesja, 22 listopada 2026 r." (a committee's "posiedzenie komisji nr 3")."""
    sitting = record.sitting
    return f"{sitting.council_name}: {record.words.named(sitting.number)}, {long_date(sitting.date)}"


def _document(title: str, author: str, lang: str) -> Data:
    """The document's metadata (the title as it is) and its shown title (which may wrap)."""
    return {"title": title, "heading": breakable(title), "author": author, "lang": lang,
            "region": REGIONS[lang], "words": PAGE_WORDS[lang]}


Cache = dict[tuple[str, int, Any, bool | None], tuple[list[str], bool]]


def fits(text: str, mm: float) -> bool:
    """Whether the text surely fits on one line of a named list's column `mm` wide (measured
    from the font's glyph widths, with room for kerning); False when the font lacks a
    character of it."""
    width = glyph_widths.regular().width(text, NAMED_SIZE)
    room = mm * 72 / 25.4 - 2 * NAMED_INSET - KERNING_ROOM * NAMED_SIZE
    return width is not None and width <= room


def numbered(ordinal: int, name: str, digits: int) -> str:
    """ "12. Nowak Anna": the ordinal padded with figure spaces to `digits` digits' width."""
    return f"{str(ordinal).rjust(digits, FIGURE_SPACE)}. {name}"


def _named_rows(vote: VoteRecord, digits: int, cache: Cache) -> tuple[list[list[str]], list[int]]:
    """The named list's rows, and the indexes of those that may take more than one line;
    a member's row with an answer is made and measured once for all the votes."""
    rows: list[list[str]] = []
    tall: list[int] = []
    for index, row in enumerate(vote.rows):
        key = (row.member.id, row.ordinal, row.answer, row.by_secretary)
        made = cache.get(key)
        if made is None:
            cells = [numbered(row.ordinal, breakable(row.member.name), digits), _answer(row)]
            made = cache[key] = cells, all(fits(text, mm) for text, mm in zip(
                cells, NAMED_WIDTHS, strict=True))
        cells, short = made
        if not short:
            tall.append(index)
        rows.append(cells)
    return rows, tall


def _answer(row: NamedAnswer) -> str:
    return ANSWER_PL[row.answer] + (BY_SECRETARY_MARK if row.by_secretary else "")


def _vote(record: SittingRecord, vote: VoteRecord, digits: int, cache: Cache) -> Data:
    v, prose = vote.vote, vote_prose(record, vote)
    item = item_sentence(vote)
    named = vote.named
    rows, tall = _named_rows(vote, digits, cache) if named else (None, [])
    return {
        "heading": breakable(f"Głosowanie nr {v.number}: {quotes(v.subject)}"),
        "lines": [breakable(f"{item}Tryb: {MODE_PL[v.mode]}. {prose.when.capitalize()}."),
                  f"{prose.quorum}."],
        "outcome": f"{prose.outcome}.",
        "told": " ".join(filter(None, (prose.explanation, prose.revote, prose.resolution))),
        "counts": f"{prose.counts}.",
        "rows": rows,
        "tall": tall,  # the rows that keep an automatic height; the others have one line's
        "legend": BY_SECRETARY_LEGEND if named and any(r.by_secretary for r in vote.rows) else None,
        "secret": "Głosowanie tajne lub zbiorcze: publikuje się tylko wyniki.",
    }


def _table(heading: str, header: Sequence[str], rows: Any, widths: Sequence[str],
           empty: str = "") -> Data:
    return {"heading": heading, "header": list(header),
            "rows": [[breakable(cell) for cell in row] for row in rows],
            "widths": list(widths), "empty": empty}


def _result_row(vote: VoteRecord) -> tuple[str, ...]:
    r = vote.result
    return (str(vote.vote.number), quotes(vote.vote.subject), str(r.yes), str(r.no), str(r.abstain),
            str(r.not_voting), str(r.absent), str(r.recused), OUTCOME_PL[r.outcome])


def sitting_data(record: SittingRecord) -> Data:
    """The sitting's PDF as data: its title, summary, results, each vote, and the tables."""
    words = record.words
    cache: Cache = {}
    # the longest ordinal's digits: every named list's names start at one x
    digits = max((len(str(row.ordinal)) for vote in record.votes for row in vote.rows), default=1)
    sections = [_table("Lista obecności", tables.ATTENDANCE_HEADER, tables.attendance_rows(record),
                       ATTENDANCE_WIDTHS)]
    if record.speeches:
        sections.append(_table("Mówcy", tables.SPEAKERS_HEADER, tables.speaker_rows(record),
                               SPEAKERS_WIDTHS))
    if record.register:
        sections.append(_table("Rejestr uchwał", tables.REGISTER_HEADER,
                               tables.register_rows(record), REGISTER_WIDTHS))
    return {
        **_document(sitting_title(record), record.sitting.council_name, "pl"),
        "partial": record.partial_note or None,
        "summary": breakable(record.summary),
        "results": _table("Wyniki głosowań", RESULTS_HEADER, map(_result_row, record.votes),
                          RESULTS_WIDTHS, f"{words.on_this.capitalize()} nie przeprowadzono "
                          "dotąd żadnego głosowania."),
        "named_header": list(NAMED_HEADER),
        "named_widths": [f"{mm}mm" for mm in NAMED_WIDTHS],
        "named_indent": glyph_widths.regular().width(numbered(1, "", digits), NAMED_SIZE),
        "votes": [_vote(record, vote, digits, cache) for vote in record.votes],
        "sections": sections,
    }


def _qr_svg(text: str) -> str:
    """The text as a QR code (error correction M) in SVG, with its quiet zone."""
    import segno  # deferred: only the cards need it

    buffer = io.BytesIO()
    segno.make(text, error="m", micro=False).save(buffer, kind="svg", border=4, xmldecl=False)
    return buffer.getvalue().decode("utf-8")


def cards_data(council: str, cards: Sequence[tuple[str, str, str]]) -> Data:
    """Members' device cards, (name, code, page address with the code) each, as data."""
    return {
        **_document(f"{council}: karty urządzeń do głosowania", council, "pl"),
        "cards": [{"council": breakable(council), "name": breakable(name), "code": code,
                   "qr": _qr_svg(url), "qr_alt": f"Kod QR z adresem {url}",
                   "label": "Kod urządzenia:",
                   "how": ["Zeskanuj kod QR albo otwórz", breakable(url.split("?")[0]),
                           "i wpisz kod. Nie przekazuj karty."]}
                  for name, code, url in cards],
    }
