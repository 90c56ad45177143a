"""The attendance list: check in and out with a key, or by typing a name or seat number.

Typing always searches: the roster's keys are not letters or digits (Space, +, -, Ctrl+U),
and a letter or digit typed on the roster goes to the search. With letter keys, a name
typed while the roster had the focus checked members in and out unseen ("kowal": o
checked the member at the cursor out)."""

from collections.abc import Collection, Sequence
from typing import Any

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Input

from models import events as ev
from models.commands import CheckIn, CheckOut, Command, Excuse, RevokeDeviceCode
from models.council import Member
from models.events import StoredEvent
from models.state import Chamber, Presence
from models.terms import AnswerSource, AttendanceStatus
from session_console.dialogs import Confirm, MemberPicker, Prompt, ShownOnce
from session_console.help import declared
from session_console.i18n import _
from session_console.panes.base import MemberRows, Pane
from session_console.search import find_members
from session_console.validation import field_label, limits
from session_console.words import attendance_label, clock

STATUS_STYLES = {
    AttendanceStatus.PRESENT: Style(color="green", bold=True),
    AttendanceStatus.ABSENT: Style(dim=True),
    AttendanceStatus.LEFT: Style(color="yellow"),
    AttendanceStatus.EXCUSED: Style(color="cyan"),
}
_ATTENDANCE_EVENTS = (ev.MemberCheckedIn, ev.MemberCheckedOut, ev.MemberExcused)
_CODE_EVENTS = (ev.DeviceCodeIssued, ev.DeviceCodeRevoked)
DEVICE_STYLE = Style(color="cyan")
CURSOR_KEYS = {"up": -1, "down": 1, "pageup": -20, "pagedown": 20}


def presence_text(presence: Presence) -> str:
    """"obecny 10:02" or "wyszedł 11:40" or "usprawiedliwiony: choroba"."""
    label = attendance_label(presence.status)
    if presence.status is AttendanceStatus.EXCUSED and presence.excuse:
        return f"{label}: {presence.excuse}"
    if presence.stays:
        since, until = presence.stays[-1]
        return f"{label} {clock(until or since)}"
    return label


class AttendanceRows(MemberRows):
    pane: "AttendancePane"
    connected: frozenset[str] = frozenset()  # members whose voting devices are connected

    def redirect(self, event: events.Key | events.Paste) -> Widget | None:
        """A printable key other than the roster's own (or a paste) starts a new search: the app
        moves the focus to the search before it hands the key on (ConsoleApp.on_event),
        so every key of a burst lands in the search, in order. When this widget handled
        the key itself, the keys queued behind it still came here: each replaced the
        search, and a space in the name checked the member at the cursor in or out."""
        if isinstance(event, events.Key) and (not event.is_printable
                                              or event.key in self.pane.own_keys()):
            return None
        find = self.pane.query_one("#find", Input)
        find.value = ""
        return find

    def cells(self, row: Member, width: int) -> list[Segment]:
        sitting = self.pane.sitting
        presence = sitting.attendance.get(row.id, Presence()) if sitting else Presence()
        cells = [*self.lead(row), Segment(presence_text(presence), STATUS_STYLES[presence.status])]
        device = device_text(row.id, presence, self.connected,
                             self.pane.console.chamber.member_codes)
        return [*cells, Segment(device, DEVICE_STYLE)] if device else cells


def device_text(member_id: str, presence: Presence, connected: Collection[str],
                codes: Collection[str]) -> str:
    """The member's device as the roster shows it: connected, a code without a device, and
    a check-in the member made themselves (the secretary may correct it)."""
    marks = []
    if (presence.status is AttendanceStatus.PRESENT
            and presence.checked_in_by is AnswerSource.DEVICE):
        marks.append(_("self check-in"))
    if member_id in connected:
        marks.append(_("device connected"))
    elif member_id in codes:
        marks.append(_("device code issued"))
    return f"  [{', '.join(marks)}]" if marks else ""


class FindInput(Input):
    """The search: Up and Down choose among the matches, Enter checks the chosen one in or
    out, Escape empties it.

    It takes Enter in its own queue of keys and empties itself at once: Textual runs
    Input's Enter binding only when the key has bubbled up to the app, while the next
    printable keys go straight to the input; on a busy machine a seat number typed right
    after Enter was joined to the previous one ("1", Enter, "2" became "12")."""

    def __init__(self, rows: AttendanceRows, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.rows = rows

    async def on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            await self.action_submit()
            self.value = ""
        elif event.key in CURSOR_KEYS:
            event.stop()
            event.prevent_default()
            self.rows.action_cursor(CURSOR_KEYS[event.key])
        elif event.key == "escape" and self.value:
            event.stop()
            self.value = ""


class AttendancePane(Pane):
    TAB_TITLE = _("Attendance")
    FOCUS = "#roster"  # the keys F1 lists (Space, +, -, Ctrl+U) work at once
    PALETTE = {"excuse": "excuse_someone"}
    # +, - and Ctrl+U are in F1 and the palette, not the footer: it would overflow, and the
    # search takes + and - as text while it has the focus (Textual would show them anyway)
    BINDINGS = [
        Binding("space", "check_in_out", _("In/out"), key_display=_("Space")),
        Binding("plus", "check_in", _("Check in"), show=False),
        Binding("minus", "check_out", _("Check out"), show=False),
        Binding("ctrl+u", "excuse", _("Excuse"), show=False),
        Binding("slash", "search", _("Find")),
        Binding("ctrl+o", "issue_code", _("Issue device code"), show=False),
        Binding("ctrl+r", "revoke_code", _("Revoke device code"), show=False),
    ]

    @classmethod
    def own_keys(cls) -> set[str]:
        """The roster's printable keys (Space, +, -, /): every other one searches."""
        return {key for binding in declared(cls.BINDINGS) for key in binding.key.split(",")}

    def compose(self) -> ComposeResult:
        rows = AttendanceRows(self, id="roster")
        yield FindInput(rows, id="find", select_on_focus=False, placeholder=_(
            "type a name or seat number; Up/Down choose, Enter checks in or out"))
        yield rows

    @property
    def rows(self) -> AttendanceRows:
        return self.query_one(AttendanceRows)

    def show(self, chamber: Chamber, events: Sequence[StoredEvent] | None) -> None:
        if events is None:
            self._filter(self.query_one("#find", Input).value)
            return
        for stored in events:
            if isinstance(stored.event, _ATTENDANCE_EVENTS + _CODE_EVENTS):
                self.rows.refresh_key(stored.event.member_id)
            elif isinstance(stored.event, ev.SittingOpened):
                self._filter("")

    def _filter(self, query: str) -> None:
        sitting = self.sitting
        self.rows.set_rows(find_members(sitting.roster, query) if sitting else ())

    def on_input_changed(self, event: Input.Changed) -> None:
        self._filter(event.value)
        self.rows.move_to(0)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.rows.current is None:
            self.app.notify(_("No member matches “{text}”.").format(text=event.value),
                            severity="warning", markup=False)
            return
        self.action_check_in_out()

    def _member(self) -> Member | None:
        return self.rows.current

    def action_check_in_out(self) -> None:
        member, sitting = self._member(), self.sitting
        if member is None or sitting is None:
            return
        if sitting.is_present(member.id):
            self.send(CheckOut(member=member.id))
        else:
            self.send(CheckIn(member=member.id))

    def action_check_in(self) -> None:
        if (member := self._member()) is not None:
            self.send(CheckIn(member=member.id))

    def action_check_out(self) -> None:
        if (member := self._member()) is not None:
            self.send(CheckOut(member=member.id))

    def action_excuse(self) -> None:
        """Ctrl+U: the member at the cursor, named in the question."""
        if (member := self._member()) is not None:
            self.excuse(member)

    def action_excuse_someone(self) -> None:
        """The palette's entry asks whom first: it acted on whoever was highlighted."""
        sitting = self.sitting
        if sitting is None:
            return

        def chosen(member_id: str | None) -> None:
            member = next((m for m in sitting.roster if m.id == member_id), None)
            if member is not None:
                self.excuse(member)

        self.app.push_screen(MemberPicker(_("Who is excused?"), sitting.roster), chosen)

    def excuse(self, member: Member) -> None:
        if self.refused(Excuse(member=member.id)):
            return

        def excuse(reason: str | None) -> None:
            if reason is not None:
                self.send(Excuse(member=member.id, reason=reason))
                self.query_one("#find", Input).value = ""  # the next digits start anew

        self.app.push_screen(Prompt(_("Reason for the absence of {name}").format(
            name=member.name), check=lambda text: None, limit=limits(Excuse, "reason"),
            label=field_label("reason")), excuse)

    def show_devices(self, connected: frozenset[str]) -> None:
        """The members whose devices are connected now (the live server's word). The clock
        that calls this also ticks while the app mounts and unmounts the roster: then there
        is nothing to mark."""
        found = self.query(AttendanceRows)
        if not found:
            return
        rows = found.first()
        if connected != rows.connected:
            changed = connected ^ rows.connected
            rows.connected = connected
            for member_id in changed:
                rows.refresh_key(member_id)

    def action_issue_code(self) -> None:
        member = self._member()
        if member is None:
            return
        code, command = self.console.backend.issue_device_code(member.id)
        if not self.refused(command):
            self.console.dispatch(self._issue(member, code, command))

    async def _issue(self, member: Member, code: str, command: Command) -> None:
        if not await self.console.submit(command):
            return
        displays = self.console.backend.displays
        urls = displays.urls() if displays is not None else {}
        where = f"\n{urls['vote']}?code={code}" if "vote" in urls else ""
        self.app.push_screen(ShownOnce(
            _("Device code of {name}").format(name=member.name),
            _("Code: {code}{where}\nThe code is shown only now; the log keeps only its hash. "
              "An earlier code of this member no longer works.").format(code=code,
                                                                      where=where)))

    def action_revoke_code(self) -> None:
        member = self._member()
        if member is None or self.refused(RevokeDeviceCode(member=member.id)):
            return

        def revoke(confirmed: bool | None) -> None:
            if confirmed:
                self.send(RevokeDeviceCode(member=member.id))

        self.app.push_screen(Confirm(_("Revoke the device code of {name}?").format(
            name=member.name), _("Its device stops voting at once; issue a new code with "
                                 "Ctrl+O.")), revoke)

    def action_search(self) -> None:
        self.query_one("#find", Input).focus()
