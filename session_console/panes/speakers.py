"""The speakers list of the current item: members and guests, points of order first,
start / pause / stop with the countdown, reorder, remove, and the time each person spoke."""

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from models import events as ev
from models.commands import (
    MoveSpeaker,
    PauseSpeech,
    QueueSpeaker,
    RemoveSpeaker,
    ResumeSpeech,
    StartSpeech,
    StopSpeech,
)
from models.council import Guest
from models.events import StoredEvent
from models.state import Chamber, SpeakerEntry
from models.terms import SpeechKind, SpeechStatus
from session_console.dialogs import MemberPicker, Prompt
from session_console.i18n import _
from session_console.panes.base import Pane
from session_console.validation import Limits, field_label, limits, too_long
from session_console.words import member_name, minutes, speaker_name, speech_label

_SPEAKER_EVENTS = (ev.SpeakerQueued, ev.SpeakerRemoved, ev.SpeakerMoved, ev.SpeechStarted,
                   ev.SpeechPaused, ev.SpeechResumed, ev.SpeechEnded, ev.CurrentItemSet,
                   ev.SittingOpened)


def parse_guest(text: str) -> Guest:
    """ "Anna Nowak, skarbnik" -> a guest with a role."""
    name, _sep, role = text.partition(",")
    return Guest(name=name.strip(), role=role.strip())


def guest_problem(text: str) -> str | None:
    """Why "name, role" cannot be a guest (each part within the model's limits), or None."""
    name, _sep, role = (part.strip() for part in text.partition(","))
    if not name:
        return _("Type a name.")
    for field, value in (("name", name), ("role", role)):
        limit = limits(Guest, field).max_length
        if limit is not None and len(value) > limit:
            return too_long(field_label(field), limit)
    return None


def guest_limit() -> Limits:
    """What the one line "name, role" may hold: both parts and the comma between."""
    name, role = limits(Guest, "name").max_length, limits(Guest, "role").max_length
    return Limits(max_length=(name or 0) + len(", ") + (role or 0))


class SpeakersPane(Pane):
    TAB_TITLE = _("Speakers")
    BINDINGS = [
        Binding("a", "queue('normal')", _("Add member")),
        Binding("r", "queue('reply')", _("Reply")),
        Binding("f", "queue('point_of_order')", _("Point of order")),
        Binding("g", "guest", _("Add guest")),
        Binding("s", "start", _("Next speaker")),
        Binding("space", "pause", _("Pause/resume"), key_display=_("Space")),
        Binding("x", "stop", _("Stop")),
        # moving is in F1 and the palette: with it the footer ran past 160 columns
        Binding("ctrl+up,minus", "move(-1)", _("Move up"), show=False),
        Binding("ctrl+down,plus", "move(1)", _("Move down"), show=False),
        Binding("delete", "remove", _("Remove"), key_display="Del", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="speakers-title", markup=False)  # item titles and names are plain
        yield OptionList(id="queue", markup=False)
        yield Static(id="totals", markup=False)

    def show(self, chamber: Chamber, events: Sequence[StoredEvent] | None) -> None:
        if events is not None and not any(isinstance(s.event, _SPEAKER_EVENTS) for s in events):
            return
        sitting = chamber.sitting
        queue = self.query_one("#queue", OptionList)
        highlighted = queue.highlighted
        queue.clear_options()
        if sitting is None:
            return
        item = sitting.items.get(sitting.current_item) if sitting.current_item else None
        self.query_one("#speakers-title", Static).update(
            _("Speakers on: {title}").format(title=item.item.title) if item
            else _("No current item: choose one in the agenda."))
        for entry in self._entries(chamber):
            queue.add_option(Option(self._entry_text(chamber, entry), id=entry.id))
        if queue.option_count:
            queue.highlighted = min(highlighted or 0, queue.option_count - 1)
        totals = sorted(sitting.speaking_totals.items(), key=lambda kv: -kv[1])
        lines = [f"{minutes(seconds)}  {self._person(chamber, key)}" for key, seconds in totals]
        self.query_one("#totals", Static).update(
            _("Time spoken in this sitting:") + "\n" + "\n".join(lines) if lines else "")

    def _entries(self, chamber: Chamber) -> list[SpeakerEntry]:
        sitting = chamber.sitting
        if sitting is None:
            return []
        current = [sitting.speakers[sitting.speaking]] if sitting.speaking else []
        done = [e for e in sitting.speakers.values()
                if e.item_id == sitting.current_item and e.status is SpeechStatus.DONE]
        return current + sitting.waiting(sitting.current_item) + done

    def _entry_text(self, chamber: Chamber, entry: SpeakerEntry) -> str:
        status = {SpeechStatus.WAITING: "  ", SpeechStatus.SPEAKING: "▶ ",
                  SpeechStatus.PAUSED: "‖ ", SpeechStatus.DONE: "✓ "}[entry.status]
        name = speaker_name(entry, chamber, chamber.sitting.id if chamber.sitting else "")
        return f"{status}{name} · {speech_label(entry.kind)} · {minutes(entry.limit_s)}"

    def _person(self, chamber: Chamber, key: str) -> str:
        if key.startswith("guest:"):
            return key.removeprefix("guest:")
        return member_name(chamber, chamber.sitting.id if chamber.sitting else "", key)

    def _highlighted(self) -> SpeakerEntry | None:
        queue, sitting = self.query_one("#queue", OptionList), self.sitting
        if sitting is None or queue.highlighted is None:
            return None
        return sitting.speakers.get(queue.get_option_at_index(queue.highlighted).id or "")

    def action_queue(self, kind: str) -> None:
        sitting = self.sitting
        if sitting is None:
            return
        titles = {"normal": _("Add a member to the speakers list"), "reply": _("Reply (ad vocem)"),
                  "point_of_order": _("Point of order")}

        def queue(member_id: str | None) -> None:
            if member_id:
                self.send(QueueSpeaker(member=member_id, kind=SpeechKind(kind)))

        self.app.push_screen(MemberPicker(titles[kind], sitting.roster), queue)

    def action_guest(self) -> None:
        def queue(text: str | None) -> None:
            if text:
                self.send(QueueSpeaker(guest=parse_guest(text)))

        self.app.push_screen(Prompt(_("Guest speaker"), hint=_(
            "Name, role (e.g. Anna Nowak, skarbnik miasta) · Enter: add · Esc: cancel"),
            check=guest_problem, limit=guest_limit(), label=_("Guest speaker")), queue)

    def action_start(self) -> None:
        """The floor goes to the next in line (points of order first), wherever the cursor
        is: after a removal it sat on a later speaker, who was given the floor out of turn."""
        self.send(StartSpeech())

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a waiting speaker gives them the floor out of turn: a deliberate choice."""
        event.stop()
        entry = self._highlighted()
        if entry is not None and entry.status is SpeechStatus.WAITING:
            self.send(StartSpeech(entry=entry.id))

    def action_pause(self) -> None:
        sitting = self.sitting
        entry = sitting.speakers.get(sitting.speaking) if sitting and sitting.speaking else None
        if entry is None:
            self.app.notify(_("Nobody is speaking."), severity="warning")
        elif entry.status is SpeechStatus.PAUSED:
            self.send(ResumeSpeech())
        else:
            self.send(PauseSpeech())

    def action_stop(self) -> None:
        self.send(StopSpeech())

    def action_move(self, step: int) -> None:
        entry, sitting = self._highlighted(), self.sitting
        if entry is None or sitting is None or entry.status is not SpeechStatus.WAITING:
            return
        waiting = [e.id for e in sitting.waiting(entry.item_id)]
        position = waiting.index(entry.id) + step
        if 0 <= position < len(waiting):
            self.send(MoveSpeaker(entry=entry.id, position=position))
            queue = self.query_one("#queue", OptionList)
            queue.highlighted = (queue.highlighted or 0) + step

    def action_remove(self) -> None:
        entry = self._highlighted()
        if entry is not None and entry.status is SpeechStatus.WAITING:
            self.send(RemoveSpeaker(entry=entry.id))
