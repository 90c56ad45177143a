"""A list that renders only the rows on screen (Textual's line API), with a cursor.

A chamber of 750 members scrolls and answers a key without touching the other rows:
a change to one member repaints one line.
"""

from collections.abc import Sequence
from typing import Generic, TypeVar

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

Row = TypeVar("Row")
PAGE_MARGIN = 2  # rows kept below a cursor walking down before the page turns


class VirtualRows(ScrollView, Generic[Row], can_focus=True):
    """Rows of any kind; subclasses say how a row reads (`cells`) and what its key is."""

    DEFAULT_CSS = """
    VirtualRows { height: 1fr; overflow-x: hidden; }
    """
    COMPONENT_CLASSES = {"rows--cursor"}
    BINDINGS = [
        Binding("up", "cursor(-1)", show=False),
        Binding("down", "cursor(1)", show=False),
        Binding("pageup", "cursor(-20)", show=False),
        Binding("pagedown", "cursor(20)", show=False),
        Binding("home", "cursor(-100000)", show=False),
        Binding("end", "cursor(100000)", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[Row] = []
        self.cursor = 0
        self._index: dict[str, int] = {}
        self._styles: tuple[Style, Style] | None = None

    def key_of(self, row: Row) -> str:
        raise NotImplementedError

    def cells(self, row: Row, width: int) -> list[Segment]:
        raise NotImplementedError

    def set_rows(self, rows: Sequence[Row]) -> None:
        """Replaces every row (a new filter, a new vote); repaints what is visible."""
        self.rows = list(rows)
        self._index = {self.key_of(row): i for i, row in enumerate(self.rows)}
        self.cursor = min(self.cursor, max(0, len(rows) - 1))
        self.virtual_size = Size(self.size.width, len(rows))
        self.refresh()

    def extend(self, rows: Sequence[Row]) -> None:
        """Adds rows at the end, touching nothing above them."""
        start = len(self.rows)
        self.rows.extend(rows)
        for index in range(start, len(self.rows)):
            self._index[self.key_of(self.rows[index])] = index
        self.virtual_size = Size(self.size.width, len(self.rows))
        self.refresh_lines(start, len(rows))

    def refresh_key(self, key: str) -> None:
        """Repaints the one row with this key, if it is listed."""
        index = self._index.get(key)
        if index is not None:
            self.refresh_line(index)

    @property
    def current(self) -> Row | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def move_to(self, index: int) -> None:
        if not self.rows:
            return
        index = max(0, min(index, len(self.rows) - 1))
        if index == self.cursor:
            self._keep_visible()  # End on the last row still brings it into view
            return
        self.refresh_line(self.cursor)
        self.cursor = index
        self.refresh_line(index)
        self._keep_visible()

    def move_to_key(self, key: str) -> None:
        index = self._index.get(key)
        if index is not None:
            self.move_to(index)

    def _keep_visible(self) -> None:
        """The cursor is always on screen. A jump out of the view scrolls at once; a cursor
        walking down into the last rows turns the page after the frame that shows it there,
        so a roll-call key's frame shows its answer without redrawing the whole view, and
        the next page is drawn in the pause before the next key."""
        top, height = self._view()
        if not top <= self.cursor < top + height:
            self._scroll_to_cursor()
        elif self._near_bottom(top, height):
            self.call_after_refresh(self._turn_page)

    def _view(self) -> tuple[int, int]:
        return int(self.scroll_y), max(1, self.scrollable_content_region.height)

    def _near_bottom(self, top: int, height: int) -> bool:
        return (top + height - PAGE_MARGIN <= self.cursor < top + height
                and top + height < len(self.rows))

    def _turn_page(self) -> None:
        if self._near_bottom(*self._view()):
            self._scroll_to_cursor()

    def _scroll_to_cursor(self) -> None:
        """Scrolls by most of a page: the cursor a quarter down the view."""
        height = self._view()[1]
        # forced: until the next layout shows the scrollbar, Textual ignores a plain scroll
        # (rows just set, a tab just shown) and the view would stay at the top
        self.scroll_to(y=max(0, self.cursor - height // 4), animate=False, immediate=True,
                       force=True)

    def action_cursor(self, step: int) -> None:
        self.move_to(self.cursor + step)

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows))
        self._keep_visible()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None

    def _row_styles(self) -> tuple[Style, Style]:
        """The plain row's style and the cursor row's, computed once per style change (each
        walks the widget's ancestors: most of a row's cost when computed per line)."""
        if self._styles is None:
            base = self.rich_style
            self._styles = (base, base + self.get_component_rich_style("rows--cursor"))
        return self._styles

    def render_line(self, y: int) -> Strip:
        index = y + int(self.scroll_y)
        width = self.scrollable_content_region.width
        plain, cursor = self._row_styles()
        if index >= len(self.rows):
            return Strip.blank(width, plain)
        base = cursor if index == self.cursor else plain
        segments = [Segment(text, base + style if style else base)
                    for text, style, _ in self.cells(self.rows[index], width)]
        return Strip(segments).adjust_cell_length(width, base).crop(0, width)
