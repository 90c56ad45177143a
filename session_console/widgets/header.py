"""The header that is always on screen: who sits, the clock, quorum, item, speaker, vote,
displays. One widget of six lines; a change repaints only its line."""

from collections.abc import Callable
from datetime import datetime

from models.rules import yes_needed
from models.state import Chamber, Sitting
from session_console.backend import Displays, Link
from session_console.i18n import _, pgettext
from session_console.life_words import stage_text
from session_console.sitting_nouns import header_noun
from session_console.widgets.lines import TextLines
from session_console.words import (
    clock,
    is_committee,
    minutes,
    mode_label,
    page_label,
    sitting_type_label,
    speaker_name,
)


def sitting_line(chamber: Chamber) -> str:
    sitting = chamber.sitting
    if sitting is None:
        council = chamber.council.name if chamber.council else _("no council defined")
        return f"{council} · {_('no sitting')}"
    committee = is_committee(sitting.sitting_type)
    closed = (f" · {pgettext('meeting', 'closed') if committee else _('closed')}"
              if not sitting.is_open else "")
    return (f"{sitting.council_name} · {header_noun(sitting.sitting_type)} {sitting.number} "
            f"({sitting_type_label(sitting.sitting_type)}) · {sitting.date.isoformat()}{closed}"
            f"{stage_text(chamber)}")


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
    if sitting is None or entry is None:
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
    if sitting is None or vote is None:
        return f"{_('vote')}: —"
    tally = vote.tally()
    needed = yes_needed(vote.rule, tally, sitting.statutory_seats)
    return (f"{_('vote')} {_('no.')} {vote.number} ({mode_label(vote.mode)}): "
            f"{_('yes')} {tally.yes} · {_('no')} {tally.no} · {_('abstain')} {tally.abstain}"
            f" · {_('yes needed')} {needed}")


def link_text(link: Link) -> str:
    """The connection to a remote server, in words: connected, reconnecting since when and
    which attempt, or lost (with the server's or the network's reason)."""
    if link.state == "connected":
        return _("connected")
    if link.state == "reconnecting" and link.since is not None:
        return _("reconnecting… since {time}, attempt {attempt}").format(
            time=clock(link.since), attempt=link.attempt)
    if link.state == "lost":
        return f"{_('no connection to the server')}: {link.reason}"
    return _("connecting…")


def displays_line(displays: Displays | None, link: Link | None = None) -> str:
    """The screens of the live server; for a remote console, first the connection (the
    screens it last heard of are not shown while the line is down)."""
    if link is not None and link.state != "connected":
        return f"{_('server')}: {link_text(link)}"
    prefix = f"{_('server')}: {link_text(link)} · " if link is not None else ""
    if displays is None:
        return f"{prefix}{_('displays')}: {_('live server off')}"
    pages = "  ".join(f"{page_label(name)}: {url}" for name, url in displays.urls().items()
                      if name != "websocket" and not name.endswith("_json"))
    return f"{prefix}{_('displays')}: {displays.display_count} · {pages}"


SITTING, QUORUM, ITEM, SPEAKER, VOTE, DISPLAYS = range(6)


class ChamberHeader(TextLines):
    DEFAULT_CSS = """
    ChamberHeader { background: $panel; padding: 0 1; }
    ChamberHeader > .lines--strong { text-style: bold; }
    ChamberHeader > .lines--alarm { color: $error; text-style: bold; }
    """

    def __init__(self, now: Callable[[], datetime], displays: Displays | None,
                 link: Callable[[], Link | None] = lambda: None) -> None:
        super().__init__(6)
        self.now = now
        self.displays = displays
        self.link = link  # the connection to a remote server, if the console drives one

    def show(self, chamber: Chamber) -> None:
        sitting = chamber.sitting
        alarm = sitting is not None and not sitting.has_quorum
        self.set_line(QUORUM, quorum_line(sitting), mark="alarm" if alarm else None)
        self.set_line(ITEM, item_line(sitting))
        self.set_line(VOTE, vote_line(sitting))
        self.tick(chamber)

    def tick(self, chamber: Chamber) -> None:
        """What changes with time: the clock, the countdown, the displays."""
        now = self.now()
        self.set_line(SITTING, sitting_line(chamber), right=clock(now), mark="strong")
        self.set_line(SPEAKER, speaker_line(chamber, now))
        self.show_link()

    def show_link(self) -> None:
        """The displays line, with the connection's state (in the alarm style while down)."""
        link = self.link()
        down = link is not None and link.state != "connected"
        self.set_line(DISPLAYS, displays_line(self.displays, link),
                      mark="alarm" if down else None)
