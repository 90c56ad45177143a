"""Lays out PDFs with Typst, in a process of its own: run as a script, never imported.

    python -P pdf_engine.py TEMPLATE FONTS OUTPUT [TIMESTAMP] < data.json
    python -P pdf_engine.py --serve FONTS PDFS BYTES

The first form lays out one PDF. The second serves PDFs one after another, a request on
stdin each: a line of JSON {"template", "output", "at", "size"} and then `size` bytes of the
data (UTF-8 JSON); it answers each with a line of JSON on stdout, {"status": 0} when OUTPUT
is written, 3 with "typst": Typst's refusal, 1 with "error": a bug's traceback; "retire":
true when it then ends (after PDFS PDFs, or once its resident memory passes BYTES, or
after each PDF where it cannot read that memory).
It ends at the end of stdin, so it never outlives the process that started it.

Typst keeps every layout it made in a process-wide cache that no call of its Python binding
clears (some 250 MB for each 10 votes x 750 members, kept after the PDF is written), so the
live publisher, which lays out the sitting's PDF again after every vote, would grow without
end in one process: a served process retires once it has grown, and the next PDF starts a
fresh one. A process of its own lets the PDF be laid out on one core while the package's
other files are written on the other, and keeps the import of typst out of the console and
the server. It imports nothing from sesja (run by path, with -P, it starts in a few tens of
milliseconds). Exit 0: OUTPUT written (or the requests ended); 3: Typst refused the
document, its message on stderr as JSON {"typst": "..."}; anything else: a bug.
"""

import json
import os
import sys
import traceback
from datetime import datetime
from typing import Any

import typst

REFUSED = 3
FAILED = 1


def _fonts(folder: str) -> typst.Fonts:
    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=False,
                       font_paths=[folder])


def _write(template: str, fonts: typst.Fonts, data: str, output: str, at: str) -> None:
    """Lays out the template with the data and writes the PDF to OUTPUT."""
    pdf = typst.compile(template, font_paths=fonts, sys_inputs={"data": data},
                        pdf_standards=["ua-1"],
                        timestamp=datetime.fromisoformat(at) if at else None)
    if not isinstance(pdf, bytes):  # compile returns bytes for a PDF without `output`
        raise TypeError(f"typst.compile gave {type(pdf).__name__}, not the PDF's bytes")
    with open(output, "wb") as handle:
        handle.write(pdf)


def _resident() -> int | None:
    """The process's resident memory in bytes, or None where /proc is missing (Windows,
    macOS: it then retires after every PDF, as a process per PDF did)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[1])
    except OSError:
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


def _serve_one(request: dict[str, Any], data: str, fonts: typst.Fonts) -> dict[str, Any]:
    try:
        _write(request["template"], fonts, data, request["output"], request["at"])
    except typst.TypstError as error:
        return {"status": REFUSED, "typst": error.message}
    except Exception:  # a bug: its traceback goes back to the caller, which raises it
        return {"status": FAILED, "error": traceback.format_exc()}
    return {"status": 0}


def serve(folder: str, most: int, bound: int) -> int:
    fonts = _fonts(folder)
    requests, replies = sys.stdin.buffer, sys.stdout
    for served in range(1, most + 1):
        line = requests.readline()
        if not line:
            return 0
        request = json.loads(line)
        data = requests.read(request["size"]).decode("utf-8")
        reply = _serve_one(request, data, fonts)
        resident = _resident()
        reply["retire"] = served == most or resident is None or resident > bound
        replies.write(json.dumps(reply) + "\n")
        replies.flush()
        if reply["retire"]:
            break
    return 0


def main(argv: list[str]) -> int:
    if argv[0] == "--serve":
        return serve(argv[1], int(argv[2]), int(argv[3]))
    template, fonts, output, *rest = argv
    try:
        data = sys.stdin.buffer.read().decode("utf-8")
        _write(template, _fonts(fonts), data, output, rest[0] if rest else "")
    except typst.TypstError as error:
        json.dump({"typst": error.message}, sys.stderr)
        return REFUSED
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
