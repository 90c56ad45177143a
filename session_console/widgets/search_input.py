"""A search line over a list: typing filters it, Enter or Down goes to the list, Escape
empties the search and goes back to the list."""

from typing import Any

from textual import events
from textual.widget import Widget
from textual.widgets import Input


class SearchInput(Input):
    def __init__(self, target: str, **kwargs: Any) -> None:  # Input's own keywords
        """`target`: the selector of the list it filters, in the same pane."""
        super().__init__(select_on_focus=False, **kwargs)
        self.target = target

    def _list(self) -> Widget | None:
        parent = self.parent
        return parent.query_one(self.target) if parent is not None else None

    async def on_key(self, event: events.Key) -> None:
        if event.key not in ("enter", "down", "escape"):
            return
        event.stop()
        event.prevent_default()
        if event.key == "escape":
            self.value = ""
        target = self._list()
        if target is not None:
            target.focus()
