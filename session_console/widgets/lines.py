"""Lines of plain text drawn by one widget with Textual's line API.

Setting a line repaints that line only, and a frame that repaints it composes one widget,
not a widget per line: the header's nine widgets and the vote's tally each cost a frame
about 0.1 ms, and a Static's text layout half a millisecond more, on every roll-call key.
The text is the council's words and is never read as markup.
"""

from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget

MARKS = ("strong", "alarm")  # how a line may stand out; styled by lines--strong, lines--alarm


@dataclass(frozen=True)
class Line:
    text: str = ""
    right: str = ""  # drawn at the right end of the line (a clock)
    mark: str | None = None  # one of MARKS: the line's style over the widget's


class TextLines(Widget):
    DEFAULT_CSS = "TextLines { height: auto; }"
    COMPONENT_CLASSES = {f"lines--{mark}" for mark in MARKS}

    def __init__(self, count: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._lines = [Line()] * count
        self._styles: dict[str | None, Style] | None = None

    def set_line(self, y: int, text: str, *, right: str = "", mark: str | None = None) -> None:
        """Sets line `y`; repaints it only if it changed."""
        line = Line(text, right, mark)
        if line != self._lines[y]:
            self._lines[y] = line
            self.refresh(Region(0, self.gutter.top + y, self.outer_size.width, 1))

    def line(self, y: int) -> str:
        """The text of line `y` as drawn, the right-hand part after a space."""
        line = self._lines[y]
        return f"{line.text} {line.right}" if line.right else line.text

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None

    def _style(self, mark: str | None) -> Style:
        """The widget's style, or it with a mark's over it; computed once per style change."""
        if self._styles is None:
            base = self.rich_style
            self._styles = {None: base} | {
                mark: base + self.get_component_rich_style(f"lines--{mark}", partial=True)
                for mark in MARKS}
        return self._styles[mark]

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        line = self._lines[y] if 0 <= y < len(self._lines) else Line()
        base = self._style(None)
        left = Strip([Segment(line.text, self._style(line.mark))]).crop(0, width)
        if not line.right:
            return left.adjust_cell_length(width, base)
        right = Strip([Segment(f" {line.right}", base)])
        room = max(0, width - right.cell_length)
        return Strip.join([left.crop(0, room).adjust_cell_length(room, base),
                           right]).crop(0, width)
