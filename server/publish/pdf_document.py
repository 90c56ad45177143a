"""The sitting as one accessible PDF, and the members' device cards: Typst lays them out.

Typst (the `typst` package, a compiled Rust library) writes a tagged PDF/UA-1: a structure
tree with the headings, tables with header cells, the page footers as artifacts, /Lang,
the title shown instead of the file name, XMP metadata. The words come from
server.publish.pdf_content as JSON; the layout is in templates/*.typ beside this module.

Each PDF is laid out by its own process (pdf_engine.py, run by path; see there why), which
`start` begins and `Pending.wait` collects: the package writes its other files meanwhile.

Fonts are DejaVu Sans (fonts/ beside this module), embedded as subsets; no system font is
looked at, so the PDF is the same on every machine. A character the fonts lack stops the
PDF (PDF/UA does not allow a glyph that cannot be shown) with a message naming it.
"""

import json
import re
import subprocess
import sys
import tempfile
import threading
from collections.abc import Sequence
from datetime import datetime
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

from server.publish.pdf_content import Data, cards_data, sitting_data
from server.publish.record import ExportError, SittingRecord

FONT = "DejaVu Sans"
FOLDER = files("server.publish")
REFUSED = 3  # pdf_engine's exit status when Typst refuses the document
# Typst's words for a character no font has, e.g. the text `"李"` could not be displayed
_MISSING = re.compile(r"the text `\"(.+?)\"` could not be displayed")


def _strings(value: Any) -> list[str]:
    """Every string in the data, for naming the one with a character the font lacks."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def _refused(message: str, data: Data) -> ExportError:
    """Typst's refusal as the export's error; a character the font lacks is named with the
    text it is in."""
    found = _MISSING.search(message)
    if not found:
        return ExportError(f"the PDF could not be made: {message}; nothing was written",
                           f"nie udało się utworzyć PDF: {message}; nic nie zapisano")
    char = found[1]
    text = next((s for s in _strings(data) if char in s), char)
    return ExportError(f"the PDF font ({FONT}) has no {char} for „{text}”; correct the text or "
                       "export without pdf (--format); nothing was written",
                       f"czcionka PDF ({FONT}) nie ma znaku {char} w „{text}”; popraw tekst "
                       "albo eksportuj bez PDF; nic nie zapisano")


class Pending:
    """A PDF being laid out by its own process; `wait` until it is written, or `cancel`."""

    def __init__(self, template: str, data: Data, out: Path, at: datetime | None) -> None:
        self._data = data
        with as_file(FOLDER / "pdf_engine.py") as engine, as_file(FOLDER / "fonts") as fonts, \
                as_file(FOLDER / "templates" / f"{template}.typ") as source:
            self._process = subprocess.Popen(
                [sys.executable, "-P", str(engine), str(source), str(fonts), str(out),
                 at.replace(microsecond=0).isoformat() if at else ""],
                stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        encoded = json.dumps(data, ensure_ascii=False).encode("utf-8")
        self._feeder = threading.Thread(target=self._feed, args=(encoded,), daemon=True,
                                        name="pdf-data")
        self._feeder.start()

    def _feed(self, encoded: bytes) -> None:
        stdin = self._process.stdin
        assert stdin is not None  # Popen with stdin=PIPE
        try:
            stdin.write(encoded)
            stdin.close()
        except BrokenPipeError:  # the process ended early; wait() tells why
            pass

    def wait(self) -> None:
        """Returns when the PDF is written; raises ExportError when Typst refused it."""
        stderr = self._process.stderr
        assert stderr is not None  # Popen with stderr=PIPE
        errors = stderr.read().decode("utf-8", "replace")
        status = self._process.wait()
        self._feeder.join()
        if status == REFUSED:
            raise _refused(json.loads(errors)["typst"], self._data)
        if status != 0:
            raise RuntimeError(f"the PDF's process ended with status {status}: {errors}")

    def cancel(self) -> None:
        """Ends the process if it still runs (a finished one is left as it is)."""
        self._process.kill()  # Popen sends nothing to a process already waited for
        self._process.wait()
        self._feeder.join()


def start(template: str, data: Data, out: Path, at: datetime | None = None) -> Pending:
    """Begins laying out templates/TEMPLATE.typ with the data as a PDF/UA-1 file at `out`;
    `at`, when given, is its creation date (the same data then gives the same bytes)."""
    return Pending(template, data, out, at)


def render(template: str, data: Data, at: datetime | None = None) -> bytes:
    """The PDF's bytes (`start` and `wait`, through a temporary file)."""
    with tempfile.TemporaryDirectory(prefix="sesja-pdf-") as scratch:
        out = Path(scratch) / "out.pdf"
        start(template, data, out, at).wait()
        return out.read_bytes()


def start_sitting(record: SittingRecord, folder: Path) -> Pending:
    """Begins writing the sitting's PDF, `sesja.pdf` in the folder."""
    return start("sitting", sitting_data(record), folder / "sesja.pdf", record.last_event.at)


def sitting_pdf(record: SittingRecord) -> bytes:
    return render("sitting", sitting_data(record), record.last_event.at)


def device_cards_pdf(council: str, cards: Sequence[tuple[str, str, str]]) -> bytes:
    """One card per member, (name, code, page address with the code): the member's name, a
    QR code of the address, the code to type and the address to read."""
    return render("cards", cards_data(council, cards))
