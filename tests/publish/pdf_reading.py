"""Reading a published PDF back: its text (poppler), its structure tree and its content
streams (pikepdf), for the accessibility and layout tests."""

import re
import subprocess
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pikepdf

ZWSP = "\u200b"

# operators that put something on the page (text, paths, images, shadings)
PAINTING = {"Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "Do", "sh",
            "INLINE IMAGE"}
TEXT = {"Tj", "TJ", "'", '"'}


def text(path: Path, mode: str = "-raw") -> str:
    """pdftotext's text in reading order, without the zero-width break opportunities."""
    out = subprocess.run(["pdftotext", mode, str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return out.replace(ZWSP, "")


def flat(path: Path) -> str:
    """The text with its whitespace made single spaces (lines joined)."""
    return " ".join(text(path).split())


def pdfinfo(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return {key.strip(): value.strip() for key, _sep, value in
            (line.partition(":") for line in out.splitlines())}


def structure_types(pdf: pikepdf.Pdf) -> tuple[Counter[str], list[pikepdf.Dictionary]]:
    """How many structure elements of each type the tree holds, and its Table elements."""
    types: Counter[str] = Counter()
    tables: list[pikepdf.Dictionary] = []
    for element in _elements(pdf.Root.StructTreeRoot.K):
        types[str(element.S)] += 1
        if element.S == "/Table":
            tables.append(element)
    return types, tables


def _elements(node: object) -> Iterator[pikepdf.Dictionary]:
    if isinstance(node, pikepdf.Array):
        for item in node:
            yield from _elements(item)
    elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
        yield node
        if "/K" in node:
            yield from _elements(node.K)


def descendant_types(element: pikepdf.Dictionary) -> set[str]:
    return {str(e.S) for e in _elements(element.K)} if "/K" in element else set()


def table_rows(table: pikepdf.Dictionary) -> list[list[pikepdf.Dictionary]]:
    """A Table element's rows (TR, in THead, TBody or directly under it), each as its cells."""
    return [[cell for cell in _children(row) if cell.S in ("/TH", "/TD")]
            for row in _elements(table.K) if row.S == "/TR"]


def _children(element: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    kids = element.K if "/K" in element else []
    items = kids if isinstance(kids, pikepdf.Array) else [kids]
    return [kid for kid in items if isinstance(kid, pikepdf.Dictionary) and "/S" in kid]


@dataclass(frozen=True, slots=True)
class Painted:
    page: int
    operator: str
    tagged: bool  # inside marked content with an MCID, or an artifact
    size: float  # the font size in force (text only)
    artifact: bool


def painted(pdf: pikepdf.Pdf) -> Iterator[Painted]:
    """Every painting operator of every page, with the marked content around it."""
    for number, page in enumerate(pdf.pages, start=1):
        stack: list[tuple[str, bool]] = []  # (tag, has an MCID)
        size = 0.0
        for operands, operator in pikepdf.parse_content_stream(page):
            name = str(operator)
            if name in ("BDC", "BMC"):
                properties = operands[1] if name == "BDC" and len(operands) > 1 else None
                has_mcid = isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties
                stack.append((str(operands[0]), has_mcid))
            elif name == "EMC":
                stack.pop()
            elif name == "Tf":
                size = float(operands[1])
            elif name in PAINTING:
                artifact = any(tag == "/Artifact" for tag, _m in stack)
                tagged = artifact or any(mcid for _t, mcid in stack)
                yield Painted(number, name, tagged, size, artifact)


def xmp_title(pdf: pikepdf.Pdf) -> str:
    """dc:title's default language entry, read from the XMP packet itself."""
    packet = pdf.Root.Metadata.read_bytes()
    root = ElementTree.fromstring(packet)
    ns = {"dc": "http://purl.org/dc/elements/1.1/", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}
    entries = root.findall(".//dc:title/rdf:Alt/rdf:li", ns)
    return entries[0].text or "" if entries else ""


@dataclass(frozen=True, slots=True)
class Word:
    page: int
    x: float
    y: float  # from the page's top
    height: float
    text: str
    right: float  # x where the word ends


def words(path: Path) -> list[Word]:
    """Every word with its box, page by page (pdftotext -bbox)."""
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    found: list[Word] = []
    page = 0
    for line in out.splitlines():
        if "<page " in line:
            page += 1
        match = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                          r'yMax="([\d.]+)">(.*)</word>', line)
        if match:
            y_min, y_max = float(match[2]), float(match[4])
            found.append(Word(page, float(match[1]), y_min, y_max - y_min,
                              match[5].replace(ZWSP, ""), float(match[3])))
    return found
