"""The log: every event with its time and actor (only the rows on screen are drawn), and
the resolution register of the sitting."""

from collections.abc import Sequence

from rich.segment import Segment
from rich.style import Style
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from models.events import StoredEvent
from models.polish import fold
from models.state import Chamber
from session_console.backend import Backend
from session_console.i18n import _
from session_console.panes.base import Pane
from session_console.widgets.rows import VirtualRows
from session_console.widgets.search_input import SearchInput
from session_console.words import clock, describe_event

_MUTED = Style(dim=True)
ACTOR_WIDTH = 24  # "remote:Małgorzata Nowak" whole: the Log tab says who did what


class EventRows(VirtualRows[StoredEvent]):
    def __init__(self, pane: "LogPane") -> None:
        super().__init__(id="events")
        self.pane = pane

    def key_of(self, row: StoredEvent) -> str:
        return str(row.seq)

    def cells(self, row: StoredEvent, width: int) -> list[Segment]:
        return [Segment(f"{row.seq:>6} ", _MUTED), Segment(f"{clock(row.at)} "),
                Segment(f"{row.actor[:ACTOR_WIDTH]:<{ACTOR_WIDTH}} ", _MUTED),
                Segment(describe_event(row.event, self.pane.console.chamber))]


def register_text(chamber: Chamber) -> str:
    sitting = chamber.sitting
    rows = [r for r in chamber.register if sitting is not None and r.sitting_id == sitting.id]
    if not rows:
        return _("Resolution register: no resolutions adopted in this sitting yet.")
    lines = [f"{r.number:<16} {r.title}" + (f" ({_('voided')})" if r.voided_by else "")
             for r in rows]
    return _("Resolution register:") + "\n" + "\n".join(lines)


class LogPane(Pane):
    TAB_TITLE = _("Log")
    FOCUS = "#events"
    BINDINGS = [Binding("slash", "search", _("Find"))]
    KEY_NOTES = ((_("Up, Down, PageUp, PageDown"), _("move through the log (it opens at its end)")),
            (_("Home, End"), _("the first event, the last event")))
    DEFAULT_CSS = """
    LogPane #register { height: auto; max-height: 10; border-top: solid $primary; }
    """

    def __init__(self, backend: Backend) -> None:
        super().__init__()
        self.backend = backend
        self.events: list[StoredEvent] = []
        # without a log of its own (a remote console), the events since it connected
        self.loaded = not backend.has_history
        self._loading = False

    def compose(self) -> ComposeResult:
        yield SearchInput("#events", id="log-find", placeholder=_(
            "/ finds events by words (a name, a subject) or by their number"))
        yield EventRows(self)
        yield Static(id="register", markup=False)  # resolution titles are plain

    def collect(self, events: Sequence[StoredEvent]) -> None:
        """Keeps every event, whether the log is on screen or not."""
        self.events.extend(events)

    def show(self, chamber: Chamber, events: Sequence[StoredEvent] | None) -> None:
        if not self.loaded:
            self._load()
        self.query_one("#register", Static).update(register_text(chamber))
        rows = self.query_one(EventRows)
        follow = rows.cursor >= len(rows.rows) - 1
        if events is None:
            rows.set_rows(self._found(self.events))
        else:
            rows.extend(self._found(events))
        if follow:
            rows.move_to(len(rows.rows) - 1)

    def _found(self, events: Sequence[StoredEvent]) -> Sequence[StoredEvent]:
        """The events the search finds: its number, or every word in the event's line."""
        query = self.query_one("#log-find", Input).value.strip()
        if not query:
            return events
        if query.isdigit():
            return [e for e in events if e.seq == int(query)]
        words, chamber = fold(query).split(), self.console.chamber
        return [e for e in events
                if all(w in fold(f"{e.actor} {describe_event(e.event, chamber)}") for w in words)]

    def on_input_changed(self, event: Input.Changed) -> None:
        rows = self.query_one(EventRows)
        rows.set_rows(self._found(self.events))
        rows.move_to(len(rows.rows) - 1)

    def action_search(self) -> None:
        self.query_one("#log-find", Input).focus()

    def _load(self) -> None:
        if self._loading or not self.backend.has_history:
            return
        self._loading = True
        self.query_one("#register", Static).update(_("Loading the log…"))
        self.run_worker(self._read_history, thread=True, exit_on_error=False)

    def _read_history(self) -> None:
        try:
            history = list(self.backend.load_history())
        except Exception as error:  # said on the tab, never swallowed; read again when shown
            self.app.call_from_thread(self._not_loaded, error)
            return
        self.app.call_from_thread(self._loaded, history)

    def _not_loaded(self, error: Exception) -> None:
        self._loading = False  # the next show reads it again
        self.app.notify(_("The log could not be read: {error}").format(error=error),
                        title=_("Log"), severity="error", timeout=30, markup=False)

    def _loaded(self, history: list[StoredEvent]) -> None:
        """The whole log, opened at its end: the latest events are what the secretary
        looks for (it used to open at the start of the day)."""
        last = history[-1].seq if history else 0
        self.events = history + [e for e in self.events if e.seq > last]
        self.loaded = True
        rows = self.query_one(EventRows)
        rows.set_rows(self._found(self.events))
        rows.move_to(len(rows.rows) - 1)
        self.show(self.console.chamber, None)
