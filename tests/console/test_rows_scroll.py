"""The virtual rows' cursor is on screen however early it is moved: rows set and the cursor
moved in one handler, before Textual has laid the new rows out (the log tab opening at its
end used to stay at the top when the layout came late)."""

from rich.segment import Segment
from textual.app import App, ComposeResult

from session_console.widgets.rows import VirtualRows


class Lines(VirtualRows[str]):
    def key_of(self, row: str) -> str:
        return row

    def cells(self, row: str, width: int) -> list[Segment]:
        return [Segment(row.ljust(width))]


class Rows(App[None]):
    def compose(self) -> ComposeResult:
        yield Lines(id="rows")


async def test_rows_set_and_the_cursor_moved_before_layout_scroll_to_it() -> None:
    async with Rows().run_test(size=(40, 20)) as pilot:
        rows = pilot.app.query_one(Lines)
        rows.set_rows([f"row {n}" for n in range(300)])
        assert not rows.show_vertical_scrollbar  # not laid out yet: the case that failed
        rows.move_to(299)
        await pilot.pause()
        assert rows.cursor == 299 and rows.scroll_y == rows.max_scroll_y == 280


async def test_end_then_home_move_the_view_with_the_cursor() -> None:
    async with Rows().run_test(size=(40, 20)) as pilot:
        rows = pilot.app.query_one(Lines)
        rows.set_rows([f"row {n}" for n in range(300)])
        await pilot.pause()
        rows.focus()
        await pilot.press("end")
        assert rows.scroll_y == rows.max_scroll_y
        await pilot.press("home")
        assert rows.cursor == 0 and rows.scroll_y == 0
