"""The row of tab titles over the panes, with the active tab underlined.

One widget with Textual's line API instead of TabbedContent's ten (a scroll container, two
lists, a Tab per title, the underline): it is in every roll-call key's frame, because the
frame redraws every widget between the header's vote line and the answered row, and ten
widgets cost the frame 1.5 ms. It draws what Textual's tabs draw; it never takes the focus
(F2-F6 open the tabs, a click on a title does too).
"""

from collections.abc import Sequence

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

BAR, HALF_LEFT, HALF_RIGHT = "━", "╺", "╸"


class TabBar(Widget):
    DEFAULT_CSS = """
    TabBar { height: 2; width: 100%; }
    TabBar > .tab-bar--title { color: $foreground 50%; }
    TabBar > .tab-bar--active { color: $foreground; }
    TabBar > .tab-bar--line { color: $foreground 10%; }
    TabBar > .tab-bar--underline { color: $block-cursor-background; }
    """
    COMPONENT_CLASSES = {"tab-bar--title", "tab-bar--active", "tab-bar--line",
                         "tab-bar--underline"}

    class Chosen(Message):
        """A title was clicked."""

        def __init__(self, tab_id: str) -> None:
            super().__init__()
            self.tab_id = tab_id

    def __init__(self, tabs: Sequence[tuple[str, str]], active: str, *, id: str) -> None:
        """`tabs` are (id, title) pairs, in order."""
        super().__init__(id=id)
        self._tabs = tuple(tabs)
        self._active = active

    @property
    def active(self) -> str:
        return self._active

    @active.setter
    def active(self, tab_id: str) -> None:
        if tab_id != self._active:
            self._active = tab_id
            self.refresh()

    def spans(self) -> list[tuple[str, int, int]]:
        """Each tab's id with the first column of its title and the column after it."""
        spans, x = [], 0
        for tab_id, title in self._tabs:
            width = len(title) + 2  # a space either side
            spans.append((tab_id, x, x + width))
            x += width
        return spans

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if y == 0:
            return self._titles().adjust_cell_length(width, base).crop(0, width)
        if y == 1:
            return self._underline(width)
        return Strip.blank(width, base)

    def _titles(self) -> Strip:
        base, title, active = self.rich_style, *self._styles("title", "active")
        return Strip([Segment(f" {name} ", base + (active if tab_id == self._active else title))
                      for tab_id, name in self._tabs])

    def _underline(self, width: int) -> Strip:
        """A thin line, thick under the active title, drawn as Textual's tabs draw it."""
        base, line, mark = self.rich_style, *self._styles("line", "underline")
        start, end = next(((a + 1, b - 1) for tab_id, a, b in self.spans()  # the title's text
                           if tab_id == self._active), (0, 0))
        before = BAR * (start - 1) + HALF_RIGHT if start > 0 else ""
        after = HALF_LEFT + BAR * (width - end - 1) if end < width else ""
        return Strip([Segment(before, base + line), Segment(BAR * (end - start), base + mark),
                      Segment(after, base + line)]).crop(0, width)

    def _styles(self, *names: str) -> list[Style]:
        return [self.get_component_rich_style(f"tab-bar--{name}") for name in names]

    def on_click(self, event: events.Click) -> None:
        for tab_id, start, end in self.spans():
            if start <= event.x < end:
                self.post_message(self.Chosen(tab_id))
                return
