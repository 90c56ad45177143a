"""How wide a text is in the PDF's font, from the font file's own glyph advances (its `cmap`
and `hmtx` tables, read with struct), without laying anything out.

The sitting's PDF gives a named list's row a fixed height when each of its cells is known
to fit on one line: Typst then lays the row out once instead of measuring it first, which
is most of a long list's time (docs/performance.md). Kerning (DejaVu's GPOS) is not
applied, so the widths are the unkerned ones; the caller keeps a margin for it.
"""

import struct
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

ZERO_WIDTH = {"\u200b"}  # the break opportunities pdf_content inserts print nothing


@dataclass(frozen=True, slots=True)
class Advances:
    """A font's advance widths by code point, in its units (`per_em` to the em)."""

    per_em: int
    widths: dict[int, int]

    def width(self, text: str, size: float) -> float | None:
        """The text's width in points at `size` pt, or None when the font lacks a character
        (the caller then assumes nothing about it)."""
        total = 0
        for char in text:
            if char in ZERO_WIDTH:
                continue
            advance = self.widths.get(ord(char))
            if advance is None:
                return None
            total += advance
        return total * size / self.per_em


@cache
def regular() -> Advances:
    """DejaVu Sans (fonts/DejaVuSans.ttf), read once per process."""
    return read((files("server.publish") / "fonts" / "DejaVuSans.ttf").read_bytes())


def read(font: bytes) -> Advances:
    """The advances of a TrueType font with a Windows Unicode BMP (3, 1) format 4 cmap."""
    tables = _tables(font)
    per_em = struct.unpack_from(">H", tables["head"], 18)[0]
    metrics = struct.unpack_from(">H", tables["hhea"], 34)[0]
    advances = struct.unpack_from(f">{metrics * 2}H", tables["hmtx"])[0::2]
    glyphs = _cmap(tables["cmap"])
    # glyphs past the last long metric share its advance (TrueType's monospaced tail)
    return Advances(per_em, {code: advances[min(glyph, metrics - 1)]
                             for code, glyph in glyphs.items()})


def _tables(font: bytes) -> dict[str, bytes]:
    count = struct.unpack_from(">H", font, 4)[0]
    found = {}
    for index in range(count):
        tag, _checksum, offset, length = struct.unpack_from(">4sIII", font, 12 + 16 * index)
        found[tag.decode("latin-1")] = font[offset:offset + length]
    return found


def _cmap(table: bytes) -> dict[int, int]:
    """Code point -> glyph index from the (3, 1) subtable, which must be format 4."""
    count = struct.unpack_from(">H", table, 2)[0]
    for index in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", table, 4 + 8 * index)
        if (platform, encoding) == (3, 1):
            if struct.unpack_from(">H", table, offset)[0] != 4:
                raise ValueError("the font's (3, 1) cmap is not format 4")
            return _format4(table, offset)
    raise ValueError("the font has no Windows Unicode BMP cmap")


def _format4(table: bytes, start: int) -> dict[int, int]:
    segments = struct.unpack_from(">H", table, start + 6)[0] // 2
    ends_at = start + 14
    starts_at = ends_at + 2 * segments + 2  # past the reserved pad
    deltas_at = starts_at + 2 * segments
    ranges_at = deltas_at + 2 * segments
    ends = struct.unpack_from(f">{segments}H", table, ends_at)
    firsts = struct.unpack_from(f">{segments}H", table, starts_at)
    deltas = struct.unpack_from(f">{segments}h", table, deltas_at)
    ranges = struct.unpack_from(f">{segments}H", table, ranges_at)
    glyphs: dict[int, int] = {}
    for seg, (first, end, delta, offset) in enumerate(zip(firsts, ends, deltas, ranges,
                                                         strict=True)):
        for code in range(first, end + 1):
            if code == 0xFFFF:
                continue
            if offset == 0:
                glyph = (code + delta) & 0xFFFF
            else:
                at = ranges_at + 2 * seg + offset + 2 * (code - first)
                glyph = struct.unpack_from(">H", table, at)[0]
                glyph = (glyph + delta) & 0xFFFF if glyph else 0
            if glyph:
                glyphs[code] = glyph
    return glyphs
