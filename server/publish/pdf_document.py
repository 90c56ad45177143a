"""The sitting as one accessible PDF, and the members' device cards: Typst lays them out.

Typst (the `typst` package, a compiled Rust library) writes a tagged PDF/UA-1: a structure
tree with the headings, tables with header cells, the page footers as artifacts, /Lang,
the title shown instead of the file name, XMP metadata. The words come from
server.publish.pdf_content as JSON; the layout is in templates/*.typ beside this module.

Each PDF is laid out by another process (pdf_engine.py, run by path; see there why): the
one kept between PDFs (pdf_worker.py), or one of its own when that one is busy. `start`
begins a PDF and `Pending.wait` collects it: the package writes its other files meanwhile.

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
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from datetime import datetime
from importlib.resources import as_file, files
from pathlib import Path
from typing import IO, Any

from server.publish.pdf_content import Data, cards_data, sitting_data
from server.publish.pdf_worker import WORKER, engine_env
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


class Pending(ABC):
    """A PDF being laid out in another process; `wait` until it is written, or `cancel`."""

    def __init__(self, template: str, data: Data, out: Path, at: datetime | None) -> None:
        self._template, self._data, self._out, self._at = template, data, out, at
        self._encoded = json.dumps(data, ensure_ascii=False).encode("utf-8")
        self._stamp = at.replace(microsecond=0).isoformat() if at else ""

    @abstractmethod
    def wait(self) -> None:
        """Returns when the PDF is written; raises ExportError when Typst refused it."""

    @abstractmethod
    def cancel(self) -> None:
        """Ends the PDF's process if it still lays it out."""

    def _feed(self, stdin: IO[bytes], chunks: Sequence[bytes], close: bool) -> threading.Thread:
        """Writes the chunks to the process in a thread (the package goes on meanwhile)."""
        def feed() -> None:
            try:
                for chunk in chunks:
                    stdin.write(chunk)
                stdin.flush()
                if close:
                    stdin.close()
            except (BrokenPipeError, ValueError):  # the process ended early (or was ended)
                pass

        feeder = threading.Thread(target=feed, daemon=True, name="pdf-data")
        feeder.start()
        return feeder

    def _outcome(self, status: int, errors: str) -> None:
        if status == REFUSED:
            raise _refused(errors, self._data)
        if status != 0:
            raise RuntimeError(f"the PDF's process failed ({status}): {errors}")


class _Alone(Pending):
    """A PDF laid out by a process started for it alone (the kept one being busy)."""

    def __init__(self, template: str, data: Data, out: Path, at: datetime | None) -> None:
        super().__init__(template, data, out, at)
        with as_file(FOLDER / "pdf_engine.py") as engine, as_file(FOLDER / "fonts") as fonts, \
                as_file(FOLDER / "templates" / f"{template}.typ") as source:
            self._process = subprocess.Popen(
                [sys.executable, "-P", str(engine), str(source), str(fonts), str(out),
                 self._stamp],
                stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                env=engine_env())
        assert self._process.stdin is not None  # Popen with stdin=PIPE
        self._feeder = self._feed(self._process.stdin, [self._encoded], close=True)

    def wait(self) -> None:
        stderr = self._process.stderr
        assert stderr is not None  # Popen with stderr=PIPE
        errors = stderr.read().decode("utf-8", "replace")
        status = self._process.wait()
        self._feeder.join()
        self._outcome(status, json.loads(errors)["typst"] if status == REFUSED else errors)

    def cancel(self) -> None:
        self._process.kill()  # Popen sends nothing to a process already waited for
        self._process.wait()
        self._feeder.join()


class _Served(Pending):
    """A PDF laid out by the kept process (pdf_worker), which this PDF has claimed."""

    def __init__(self, process: "subprocess.Popen[bytes]", template: str, data: Data,
                 out: Path, at: datetime | None) -> None:
        super().__init__(template, data, out, at)
        self._process = process
        request = {"template": str(WORKER.path(f"templates/{template}.typ")), "output": str(out),
                   "at": self._stamp, "size": len(self._encoded)}
        header = (json.dumps(request, ensure_ascii=False) + "\n").encode("utf-8")
        assert process.stdin is not None  # Popen with stdin=PIPE
        self._feeder = self._feed(process.stdin, [header, self._encoded], close=False)
        self._done = False

    def wait(self) -> None:
        try:
            reply = self._reply()
        except BaseException:  # an interrupt, a garbled answer: the process is not reused
            self.cancel()
            raise
        if reply is None:  # it died (killed from outside, out of memory): once more, alone
            self._finish(WORKER.end)
            _Alone(self._template, self._data, self._out, self._at).wait()
            return
        self._finish(lambda: WORKER.release(retired=reply["retire"]))
        self._outcome(reply["status"], reply.get("typst") or reply.get("error", ""))

    def _reply(self) -> dict[str, Any] | None:
        """The process's answer to this PDF, None if it ended without one."""
        stdout = self._process.stdout
        assert stdout is not None  # Popen with stdout=PIPE
        try:
            line = stdout.readline()
        except ValueError:  # closed: the process was ended meanwhile
            line = b""
        self._feeder.join()
        if not line:
            return None
        reply: dict[str, Any] = json.loads(line)
        return reply

    def cancel(self) -> None:
        self._finish(WORKER.end)
        self._feeder.join()

    def _finish(self, how: Callable[[], None]) -> None:
        """Gives the kept process back once (a PDF cancelled after its wait gives nothing)."""
        if not self._done:
            self._done = True
            how()


def start(template: str, data: Data, out: Path, at: datetime | None = None) -> Pending:
    """Begins laying out templates/TEMPLATE.typ with the data as a PDF/UA-1 file at `out`;
    `at`, when given, is its creation date (the same data then gives the same bytes). The
    kept process lays it out, or one of its own when another PDF has that one."""
    process = WORKER.claim()
    if process is None:
        return _Alone(template, data, out, at)
    try:
        return _Served(process, template, data, out, at)
    except BaseException:
        WORKER.end()
        raise


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
