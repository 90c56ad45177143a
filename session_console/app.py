"""The secretary's console: a Textual app over an immutable snapshot of the chamber.

The app keeps the latest `Chamber` in a reactive. Panes only render it; their actions
build commands that a task submits; a rejection or a failure shows as a notification. Only the tab on
screen is redrawn, and only the parts that the new events touched.
"""

import asyncio
import logging
import threading
import time
from collections.abc import Callable, Coroutine, Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from textual import events
from textual.actions import ActionParseResult
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.dom import DOMNode
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer

from models import build
from models import events as ev
from models.clock import Clock, utc_now
from models.commands import Command
from models.events import StoredEvent
from models.rejection import Rejection
from models.state import Chamber
from session_console import heap, sitting_actions
from session_console.backend import Backend, Link, NotSent, Unconfirmed
from session_console.export_screen import ExportScreen, default_export_dir
from session_console.forms import NewSittingForm
from session_console.guard import Survives, describe, guarded
from session_console.help import HelpScreen, Section, declared, key_name
from session_console.i18n import _
from session_console.palette import FoldingCommands, Palette
from session_console.panes.agenda import AgendaPane
from session_console.panes.attendance import AttendancePane
from session_console.panes.base import Pane, tell_rejection
from session_console.panes.log import LogPane
from session_console.panes.speakers import SpeakersPane
from session_console.panes.votes import VotesPane, result_text
from session_console.settings_screen import CouncilSettingsForm
from session_console.widgets.header import ChamberHeader
from session_console.widgets.tab_bar import TabBar
from session_console.words import LOCAL_TIME, outcome_label

log = logging.getLogger(__name__)
TABS = (("f2", "agenda", AgendaPane), ("f3", "attendance", AttendancePane),
        ("f4", "speakers", SpeakersPane), ("f5", "votes", VotesPane), ("f6", "log", LogPane))
BUILD_PAUSE_S = 0.25  # how long the keys pause before a deferred validator is built
QUIT_WAIT_S = 5.0  # how long quitting waits for commands on their way (a remote server)


class ConsoleApp(Survives, sitting_actions.SittingActions, App):
    CSS_PATH = "console.tcss"
    TITLE = "sesja"
    AUTO_FOCUS = None  # each tab focuses its own first widget when it opens
    COMMANDS = {FoldingCommands}  # get_system_commands, found without Polish letters
    # the tab keys stand in the tab bar ("F2 Porządek obrad"), not in the footer, which the
    # roll-call's keys fill
    BINDINGS = [
        Binding("f1", "help", _("Help")),
        *(Binding(key, f"tab('{tab_id}')", pane.TAB_TITLE, show=False)
          for key, tab_id, pane in TABS),
        Binding("f7", "export", _("Export"), priority=True),  # priority: see action_export
        Binding("ctrl+q", "quit", _("Quit")),
        Binding("ctrl+p", "command_palette", _("Commands"), show=False, priority=True),
        Binding("ctrl+g", "council_settings", _("Council settings (devices, overlay)"),
                show=False, id="council_settings"),
        *sitting_actions.BINDINGS,
    ]
    chamber: reactive[Chamber] = reactive(Chamber, always_update=True, init=False, repaint=False)

    def __init__(self, backend: Backend, now: Clock = utc_now,
                 export_dir: Path | None = None) -> None:
        super().__init__()
        self.backend = backend
        self.now = now
        self.export_dir = export_dir or default_export_dir()
        self.recent: Sequence[StoredEvent] | None = None
        self.start_error: str | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self._thread = threading.get_ident()
        self._in_flight: set[asyncio.Task[object]] = set()
        self.failures: list[str] = []  # what the guard caught (session_console/guard.py)
        self.last_key = time.monotonic()
        self.set_reactive(ConsoleApp.chamber, backend.state)
        self.header = ChamberHeader(now, backend.displays, lambda: backend.link)
        self._unwatch_link: Callable[[], None] | None = None
        self.log_pane = LogPane(backend)
        self.panes: dict[str, Pane] = {"agenda": AgendaPane(), "attendance": AttendancePane(),
                                       "speakers": SpeakersPane(), "votes": VotesPane(),
                                       "log": self.log_pane}
        sitting = backend.state.sitting
        self.initial = "votes" if sitting is not None and sitting.open_vote else "attendance"
        for tab_id, pane in self.panes.items():
            pane.id = tab_id
        self.tabs = TabBar([(tab_id, f"{key.upper()} {pane.TAB_TITLE}")
                            for key, tab_id, pane in TABS], self.initial, id="tabs")

    def compose(self) -> ComposeResult:
        yield self.header
        yield self.tabs
        with ContentSwitcher(initial=self.initial, id="panes"):
            yield from self.panes.values()
        yield Footer(compact=True)  # every key of the console fits in 120 columns

    async def on_mount(self) -> None:
        self._thread = threading.get_ident()
        self.call_after_refresh(heap.started)  # once the first frame is drawn
        self.call_after_refresh(self._build_ahead_soon, build.steps())
        self.call_after_refresh(self.backend.begin, self._not_begun)
        self._focus_into(self.panes[self.initial])  # keys typed during start-up land here
        try:
            await self.backend.start()
        except (OSError, ConnectionError) as error:  # a busy port, an unreachable server
            self._end_with(str(error))
            return
        self._unsubscribe = self.backend.subscribe(self._changed)
        self._unwatch_link = self.backend.watch_link(self._link_changed)
        self.chamber = self.backend.state
        self.set_interval(1.0, guarded(self, self._tick, "clock"))
        state = self.chamber
        if state.council is None:
            self.notify(_("No council is defined in this log. Import one with "
                          "`sesja council import`, or try `sesja demo`."),
                        severity="warning", timeout=30)
        elif state.sitting is None:  # convened with its agenda, not opened with none
            self.action_convene()

    def _not_begun(self, reason: str) -> None:
        """From the thread that could not open the log's writer after the first frame."""
        self.call_from_thread(self._end_with, reason)

    def _end_with(self, reason: str) -> None:
        """The console ends, saying why on the terminal it leaves."""
        self.start_error = reason
        self.exit(return_code=1)

    def _build_ahead_soon(self, steps: Iterator[Callable[[], object]]) -> None:
        self.set_timer(BUILD_PAUSE_S, lambda: self._build_ahead(steps))

    def _build_ahead(self, steps: Iterator[Callable[[], object]]) -> None:
        """From a moment after the first frame, the validators models/ defers
        (models/build.py), one a turn of the loop while the keys pause and no command is on
        its way, so the first command finds them built. A command that comes first builds
        what it needs itself (about 0.1 s once): building beside it made it wait longer."""
        if time.monotonic() - self.last_key < BUILD_PAUSE_S or self._in_flight:
            self._build_ahead_soon(steps)
            return
        step = next(steps, None)
        if step is not None:
            step()
            self.call_later(self._build_ahead, steps)

    async def on_unmount(self) -> None:
        try:  # a command on its way is answered before the end, unless the server is lost
            await asyncio.wait_for(self.settled(), QUIT_WAIT_S)
        except TimeoutError:
            log.warning("quitting with %d command(s) unanswered", len(self._in_flight))
        if self._unsubscribe is not None:
            self._unsubscribe()
        if self._unwatch_link is not None:
            self._unwatch_link()
        await self.backend.stop()

    # --- the snapshot ------------------------------------------------------------------

    def _changed(self, events: tuple[StoredEvent, ...], state: Chamber) -> None:
        if threading.get_ident() != self._thread:
            self.call_from_thread(self._changed, events, state)
            return
        self.recent = events
        self.chamber = state

    def _link_changed(self, link: Link) -> None:
        """The connection to the server changed: the header says so at once."""
        if threading.get_ident() != self._thread:
            self.call_from_thread(self._link_changed, link)
            return
        self.header.show_link()

    def watch_chamber(self, chamber: Chamber) -> None:
        events = self.recent
        self.recent = None
        self.header.show(chamber)
        follow = getattr(self.screen, "follow_chamber", None)  # a dialog that follows the tally
        if follow is not None:
            follow(chamber)
        if events is not None:
            self.log_pane.collect(events)
        active = self._active_pane()
        if active is not None:
            active.show(chamber, events)
        for stored in events or ():
            self._follow(stored.event)

    def _follow(self, event: ev.Event) -> None:
        """Brings the secretary to where the sitting went."""
        if isinstance(event, ev.VoteOpened):
            self.action_tab("votes")
        elif isinstance(event, ev.VoteClosed):
            title = f"{_('Vote closed')}: {outcome_label(event.result.outcome).upper()}"
            self.notify(result_text(event.result), title=title, timeout=15, markup=False)

    def _tick(self) -> None:
        self.header.tick(self.chamber)
        displays = self.backend.displays
        if displays is not None:
            attendance = self.panes["attendance"]
            assert isinstance(attendance, AttendancePane)
            attendance.show_devices(frozenset(displays.connected_devices()))
        heap.collect_if_idle(time.monotonic() - self.last_key)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            self.last_key = time.monotonic()
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            self._redirect(event)
        await super().on_event(event)

    def _redirect(self, event: events.Key | events.Paste) -> None:
        """A focused widget may send a key elsewhere (the roster: typing searches). The
        focus moves here, in the app's one queue of keys, before the key is handed on,
        so the keys behind it follow it in order."""
        redirect = getattr(self.focused, "redirect", None)
        target = redirect(event) if callable(redirect) else None
        if target is not None:
            self.screen.set_focus(target)

    def _active_pane(self) -> Pane | None:
        return self.panes.get(self.tabs.active)

    @staticmethod
    def _focus_into(pane: Pane) -> None:
        """Focuses the pane's own widget (`Pane.FOCUS`) or its first focusable one now, not
        after the next refresh, so the keys typed right after a tab key (or during
        start-up) land in the new tab."""
        target = pane.focus_target()
        chosen = pane.query(target) if target else None
        for widget in [*(chosen or ()), *pane.query("*")]:
            if widget.focusable and widget.display:
                widget.screen.set_focus(widget)
                return
        pane.screen.set_focus(pane)

    # --- the guard (session_console/guard.py) -----------------------------------------

    def survived(self, error: Exception, where: str) -> None:
        """What failed is told and logged; the console goes on. Bad input (a value the
        model refuses) is a warning in the console's words; anything else is a bug,
        kept in `failures` for the tests that look for it."""
        text, bug = describe(error)
        if not bug:
            log.info("%s: refused input: %s", where, text)
            self.notify(text, title=_("Not done"), severity="warning", markup=False)
            return
        log.error("%s failed; the console goes on", where, exc_info=error)
        self.failures.append(f"{where}: {text}")
        self.notify(_("This did not work ({error}). The console goes on; check the screen "
                      "before you continue.").format(error=text),
                    title=_("Error"), severity="error", timeout=20, markup=False)

    async def run_action(self, action: "str | ActionParseResult",
                         default_namespace: DOMNode | None = None,
                         namespaces: Mapping[str, DOMNode] | None = None) -> bool:
        """Every action (a key, the palette, a click), guarded."""
        try:
            return await super().run_action(action, default_namespace, namespaces)
        except Exception as error:
            self.survived(error, f"action {action}")
            return True

    # --- commands ----------------------------------------------------------------------

    def send(self, command: Command) -> None:
        """Submits a command in the background; the screen follows when the events arrive."""
        self.dispatch(self.submit(command))

    def dispatch(self, work: Coroutine[object, object, object]) -> None:
        """Runs a command's trip to the log as a plain task, not a Textual worker, whose
        state messages cost each roll-call key 0.7 ms before its frame."""
        task = asyncio.get_running_loop().create_task(work)
        self._in_flight.add(task)
        task.add_done_callback(self._landed)

    def _landed(self, task: asyncio.Task[object]) -> None:
        self._in_flight.discard(task)
        error = None if task.cancelled() else task.exception()
        if error is not None:
            self._failed(error)

    def _failed(self, error: BaseException) -> None:
        """A failure that is not a rejection (a full disk, a lost server) is told, never
        swallowed: the secretary must know the command is not in the log."""
        log.error("a command failed", exc_info=error)
        self.notify(_("The command was not saved: {error}").format(error=error),
                    title=_("Not done"), severity="error", timeout=30, markup=False)

    async def settled(self) -> None:
        """Waits until every command sent so far is durable, rejected or failed."""
        while self._in_flight:
            await asyncio.wait(set(self._in_flight))

    async def submit(self, command: Command) -> bool:
        """Submits a command and waits until it is durable (True), or rejected or failed
        (False, and the secretary is told why)."""
        try:
            await self.backend.submit(command)
        except Rejection as rejection:
            tell_rejection(self, rejection)
            return False
        except NotSent:
            self.notify(_("No connection to the server: the command was not sent and nothing "
                          "was recorded. The console is reconnecting; try again when the "
                          "header says connected."),
                        title=_("Not sent"), severity="error", timeout=15)
            return False
        except Unconfirmed:
            self.notify(_("The connection dropped before the server confirmed the command: "
                          "it may not be recorded. Check it once the console has reconnected."),
                        title=_("Not confirmed"), severity="error", timeout=30)
            return False
        except Exception as error:  # the boundary where a command fails, for any reason
            self._failed(error)
            return False
        return True

    # --- actions -----------------------------------------------------------------------

    def action_tab(self, tab_id: str) -> None:
        """Opens a tab: its pane draws the whole snapshot and takes the focus at once."""
        pane = self.panes[tab_id]
        if tab_id != self.tabs.active:
            self.tabs.active = tab_id
            self.query_one("#panes", ContentSwitcher).current = tab_id
            pane.show(self.chamber, None)
        self._focus_into(pane)

    def on_tab_bar_chosen(self, event: TabBar.Chosen) -> None:
        self.action_tab(event.tab_id)

    def action_help(self) -> None:
        notes = {pane.TAB_TITLE: list(pane.KEY_NOTES) for pane in self.panes.values()}
        notes[_("Everywhere")] = [(_("Ctrl+P"), _("a new sitting: “Open a new sitting” in the "
                                                 "palette (also offered when there is none)"))]
        self.push_screen(HelpScreen(self.sections(), notes))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """F7 opens the export from the main screen; on the Export screen it exports."""
        return action != "export" or len(self.screen_stack) == 1

    async def action_export(self) -> None:
        sitting = self.chamber.sitting
        if not self.backend.can_export:
            self.notify(_("This console drives a remote server and has no event log of its "
                          "own: export on the server's computer (sesja export)."),
                        title=_("Export unavailable"), severity="warning", timeout=15)
        elif sitting is None:
            self.notify(_("There is no sitting to export yet."), severity="warning")
        else:  # a priority key, awaited: keys typed right after F7 wait for the folder's focus
            await self.push_screen(ExportScreen(sitting, self.export_dir, self.backend))

    def action_council_settings(self) -> None:
        """The council's settings in the log: each change the form returns is sent."""
        def chosen(commands: tuple[Command, ...] | None) -> None:
            for command in commands or ():
                self.send(command)

        self.push_screen(CouncilSettingsForm(self.chamber), chosen)

    def action_new_sitting(self) -> None:
        def opened(command: Command | None) -> None:
            if command is not None:
                self.send(command)

        self.push_screen(NewSittingForm(self.now().astimezone(LOCAL_TIME).date()), opened)

    def sections(self) -> list[Section]:
        """The keys of the whole console, then of each tab."""
        return [(_("Everywhere"), self._keys()),
                *((pane.TAB_TITLE, declared(pane.BINDINGS)) for pane in self.panes.values())]

    def _keys(self) -> list[Binding]:
        """The console's own keys, F8's and F10's in the words of the sitting in view."""
        return sitting_actions.keys_in_words(self.chamber, declared(self.BINDINGS))

    def action_command_palette(self) -> None:
        if self.use_command_palette and not Palette.is_open(self):
            self.push_screen(Palette())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for binding in (b for b in self._keys() if b.action != "command_palette"):
            yield SystemCommand(binding.description, key_name(binding),
                                lambda action=binding.action: self.run_action(action))
        yield SystemCommand(_("Open a new sitting"), "", self.action_new_sitting)
        for title, action in sitting_actions.palette_entries(self.chamber):
            yield SystemCommand(title, "", lambda action=action: self.run_action(action))
        for tab_id, pane in self.panes.items():
            for binding in declared(pane.BINDINGS):
                if binding.description:
                    action = pane.PALETTE.get(binding.action, binding.action)
                    yield SystemCommand(f"{pane.TAB_TITLE}: {binding.description}",
                                        key_name(binding), self._runner(tab_id, pane, action))

    def _runner(self, tab_id: str, pane: Pane, action: str) -> Callable[[], object]:
        async def run() -> None:
            self.action_tab(tab_id)
            await pane.run_action(action)

        return run
