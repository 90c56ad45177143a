"""The header that is always on screen: who sits, the clock, quorum, item, speaker, vote,
displays. Each line is its own widget, so a change repaints only its line."""

from collections.abc import Callable
from datetime import datetime

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from models.rules import yes_needed
from models.state import Chamber, Sitting
from session_console.backend import Displays
from session_console.i18n import _
from session_console.words import clock, minutes, mode_label, sitting_type_label, speaker_name


class Line(Static):
    """A header line that repaints only when its text changes. Its text is plain: names and
    titles are the council's words, never markup (a title with "[/]" would not render)."""

    DEFAULT_CSS = "Line { height: 1; width: 1fr; }"
    text = ""

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id, markup=False)

    def show(self, text: str) -> None:
        if text != self.text:
            self.text = text
            self.update(text, layout=False)  # one line, always: no layout pass needed


def sitting_line(chamber: Chamber) -> str:
    sitting = chamber.sitting
    if sitting is None:
        council = chamber.council.name if chamber.council else _("no council defined")
        return f"{council} · {_('no sitting')}"
    closed = f" · {_('closed')}" if not sitting.is_open else ""
    return (f"{sitting.council_name} · {_('sitting')} {sitting.number} "
            f"({sitting_type_label(sitting.sitting_type)}) · {sitting.date.isoformat()}{closed}")


def quorum_line(sitting: Sitting | None) -> str:
    if sitting is None:
        return ""
    state = _("quorum") if sitting.has_quorum else _("NO QUORUM")
    return (f"{_('in the room')} {sitting.present_count}/{sitting.statutory_seats} · {state} "
            f"({_('needed')} {sitting.quorum_needed})")


def item_line(sitting: Sitting | None) -> str:
    if sitting is None or sitting.current_item is None:
        return f"{_('item')}: —"
    item = sitting.items[sitting.current_item]
    return f"{_('item')} {sitting.item_number(item.item.id)}: {item.item.title}"


def speaker_line(chamber: Chamber, now: datetime) -> str:
    sitting = chamber.sitting
    entry = sitting.speakers.get(sitting.speaking) if sitting and sitting.speaking else None
    if entry is None:
        return f"{_('speaker')}: —"
    elapsed = entry.elapsed_s
    if entry.running_since is not None:
        elapsed += (now - entry.running_since).total_seconds()
    paused = "" if entry.running_since is not None else f" ({_('paused')})"
    limit = f" / {minutes(entry.limit_s)}" if entry.limit_s else ""
    over = f" · {_('over time')}" if entry.limit_s and elapsed > entry.limit_s else ""
    name = speaker_name(entry, chamber, sitting.id)
    return f"{_('speaker')}: {name} {minutes(elapsed)}{limit}{paused}{over}"


def vote_line(sitting: Sitting | None) -> str:
    vote = sitting.votes[sitting.open_vote] if sitting and sitting.open_vote else None
    if vote is None:
        return f"{_('vote')}: —"
    tally = vote.tally()
    needed = yes_needed(vote.rule, tally, sitting.statutory_seats)
    return (f"{_('vote')} {_('no.')} {vote.number} ({mode_label(vote.mode)}): "
            f"{_('yes')} {tally.yes} · {_('no')} {tally.no} · {_('abstain')} {tally.abstain}"
            f" · {_('yes needed')} {needed}")


def displays_line(displays: Displays | None) -> str:
    if displays is None:
        return f"{_('displays')}: {_('live server off')}"
    pages = "  ".join(f"{name}: {url}" for name, url in displays.urls().items()
                      if name != "websocket" and not name.endswith("_json"))
    return f"{_('displays')}: {displays.display_count} · {pages}"


class ChamberHeader(Vertical):
    DEFAULT_CSS = """
    ChamberHeader { height: auto; background: $panel; padding: 0 1; }
    ChamberHeader Horizontal { height: 1; }
    ChamberHeader #sitting { text-style: bold; width: 1fr; }
    ChamberHeader #clock { width: 8; }
    ChamberHeader > Line { width: 100%; }
    ChamberHeader .no-quorum { color: $error; text-style: bold; }
    """

    def __init__(self, now: Callable[[], datetime], displays: Displays | None) -> None:
        super().__init__()
        self.now = now
        self.displays = displays
        self._lines: dict[str, Line] = {}

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Line(id="sitting")
            yield Line(id="clock")
        for line_id in ("quorum", "item", "speaker", "vote", "displays"):
            yield Line(id=line_id)

    def show(self, chamber: Chamber) -> None:
        sitting = chamber.sitting
        self._line("sitting").show(sitting_line(chamber))
        quorum = self._line("quorum")
        quorum.show(quorum_line(sitting))
        quorum.set_class(sitting is not None and not sitting.has_quorum, "no-quorum")
        self._line("item").show(item_line(sitting))
        self._line("vote").show(vote_line(sitting))
        self.tick(chamber)

    def tick(self, chamber: Chamber) -> None:
        """What changes with time: the clock, the countdown, the displays."""
        now = self.now()
        self._line("clock").show(clock(now))
        self._line("speaker").show(speaker_line(chamber, now))
        self._line("displays").show(displays_line(self.displays))

    def on_mount(self) -> None:
        self._lines = {line.id or "": line for line in self.query(Line)}

    def _line(self, line_id: str) -> Line:
        return self._lines[line_id]
