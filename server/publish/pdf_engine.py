"""Lays out one PDF with Typst, in a process of its own: run as a script, never imported.

    python -P pdf_engine.py TEMPLATE FONTS OUTPUT [TIMESTAMP] < data.json

Typst keeps every layout it made in a process-wide cache that no call of its Python binding
clears (some 250 MB for each 10 votes x 750 members, kept after the PDF is written), so the
live publisher, which lays out the sitting's PDF again after every vote, would grow without
end. A process per PDF returns that memory, lets the PDF be laid out on one core while the
package's other files are written on the other, and keeps the import of typst out of the
console and the server. It imports nothing from sesja (run by path, with -P, it starts in
a few tens of milliseconds). Exit 0: OUTPUT written; 3: Typst refused the document, its
message on stderr as JSON {"typst": "..."}; anything else: a bug, its traceback on stderr.
"""

import json
import sys
from datetime import datetime

import typst

REFUSED = 3


def main(argv: list[str]) -> int:
    template, fonts, output, *rest = argv
    found = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False,
                        font_paths=[fonts])
    at = datetime.fromisoformat(rest[0]) if rest and rest[0] else None
    try:
        data = sys.stdin.buffer.read().decode("utf-8")
        pdf = typst.compile(template, font_paths=found, sys_inputs={"data": data},
                            pdf_standards=["ua-1"], timestamp=at)
    except typst.TypstError as error:
        json.dump({"typst": error.message}, sys.stderr)
        return REFUSED
    if not isinstance(pdf, bytes):  # compile returns bytes for a PDF without `output`
        raise TypeError(f"typst.compile gave {type(pdf).__name__}, not the PDF's bytes")
    with open(output, "wb") as handle:
        handle.write(pdf)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
