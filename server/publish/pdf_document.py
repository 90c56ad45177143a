"""The sitting as one accessible PDF, and the members' device cards: Typst lays them out.

Typst (the `typst` package, a compiled Rust library) writes a tagged PDF/UA-1: a structure
tree with the headings, tables with header cells, the page footers as artifacts, /Lang,
the title shown instead of the file name, XMP metadata. The words come from
server.publish.pdf_content as JSON; the layout is in templates/*.typ beside this module.

Fonts are DejaVu Sans (fonts/ beside this module), embedded as subsets; no system font is
looked at, so the PDF is the same on every machine. A character the fonts lack stops the
PDF (PDF/UA does not allow a glyph that cannot be shown) with a message naming it.

typst is imported when the first PDF is written (`_engine`), not by every console or
server that merely can publish; only this module imports it (an import-linter contract).
"""

import json
import re
from collections.abc import Sequence
from datetime import datetime
from functools import cache
from importlib.resources import as_file, files
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from server.publish.pdf_content import Data, cards_data, sitting_data
from server.publish.record import ExportError, SittingRecord

if TYPE_CHECKING:
    import typst

FONT = "DejaVu Sans"
FOLDER = files("server.publish")
STANDARD: Final = "ua-1"  # PDF/UA-1 (Typst also checks what it can of it)
# Typst's words for a character no font has, e.g. the text `"李"` could not be displayed
_MISSING = re.compile(r"the text `\"(.+?)\"` could not be displayed")


@cache
def _engine() -> tuple["typst.Fonts", Path]:
    """Typst's fonts (the package's DejaVu only) and the templates' folder, made once."""
    import typst  # deferred: see the module's docstring (and ignore_imports)

    with as_file(FOLDER / "fonts") as fonts, as_file(FOLDER / "templates") as templates:
        found = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False,
                            font_paths=[str(fonts)])
        return found, Path(templates)


def _strings(value: Any) -> list[str]:
    """Every string in the data, for naming the one with a character the font lacks."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def _unprintable(message: str, data: Data) -> ExportError | None:
    """The error for a character the font lacks, naming the text it is in; None for others."""
    found = _MISSING.search(message)
    if not found:
        return None
    char = found[1]
    text = next((s for s in _strings(data) if char in s), char)
    return ExportError(f"the PDF font ({FONT}) has no {char} for „{text}”; correct the text or "
                       "export without pdf (--format); nothing was written",
                       f"czcionka PDF ({FONT}) nie ma znaku {char} w „{text}”; popraw tekst "
                       "albo eksportuj bez PDF; nic nie zapisano")


def render(template: str, data: Data, at: datetime | None = None) -> bytes:
    """The template (templates/NAME.typ) laid out with the data as a PDF/UA-1 document;
    `at`, when given, is its creation date (the same data then gives the same bytes)."""
    import typst  # deferred, as in _engine

    fonts, templates = _engine()
    try:
        pdf = typst.compile(templates / f"{template}.typ", root=templates, font_paths=fonts,
                            sys_inputs={"data": json.dumps(data, ensure_ascii=False)},
                            pdf_standards=[STANDARD], timestamp=at)
    except typst.TypstError as error:
        raise _unprintable(error.message, data) or ExportError(
            f"the PDF could not be made: {error.message}; nothing was written",
            f"nie udało się utworzyć PDF: {error.message}; nic nie zapisano") from error
    if not isinstance(pdf, bytes):  # compile returns bytes for a PDF without `output`
        raise TypeError(f"typst.compile gave {type(pdf).__name__}, not the PDF's bytes")
    return pdf


def sitting_pdf(record: SittingRecord) -> bytes:
    return render("sitting", sitting_data(record), record.last_event.at.replace(microsecond=0))


def write_sitting(record: SittingRecord, folder: Path) -> None:
    (folder / "sesja.pdf").write_bytes(sitting_pdf(record))


def device_cards_pdf(council: str, cards: Sequence[tuple[str, str, str]]) -> bytes:
    """One card per member, (name, code, page address with the code): the member's name, a
    QR code of the address, the code to type and the address to read."""
    return render("cards", cards_data(council, cards))
