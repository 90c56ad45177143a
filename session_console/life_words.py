"""The sitting's life on screen: the header's words for its stage, days and chair, and
the log's line for each of its events, in the console's language; a committee's sitting
is a "posiedzenie komisji" (session_console/sitting_nouns.py)."""

from models import events as ev
from models.sitting_life import council_kind, quorum_line
from models.state import Chamber, Sitting
from models.terms import SittingStatus, SittingType
from session_console.i18n import _, lang, pgettext
from session_console.sitting_nouns import said
from session_console.words import LOCAL_TIME, member_name


def _hhmm(sitting: Sitting) -> str:
    pause = sitting.on_break
    return pause.started_at.astimezone(LOCAL_TIME).strftime("%H:%M") if pause else ""


def _stage(sitting: Sitting) -> str | None:
    """"ZWOŁANA na 16:00, nie otwarta", "PRZERWA od 12:00 (obiad)", "PRZERWANA do innego
    dnia"; None while the sitting is in session or closed (the header says that)."""
    kind = sitting.sitting_type
    if sitting.status is SittingStatus.PREPARED:
        if sitting.hour is None:
            return said(kind, _("CONVENED, not opened"),
                        pgettext("meeting", "CONVENED, not opened"))
        return said(kind, _("CONVENED for {hour}, not opened"),
                    pgettext("meeting", "CONVENED for {hour}, not opened"),
                    hour=f"{sitting.hour:%H:%M}")
    if sitting.status is SittingStatus.BREAK:
        reason = f" ({sitting.on_break.reason})" if sitting.on_break and sitting.on_break.reason else ""
        return _("BREAK since {time}").format(time=_hhmm(sitting)) + reason
    if sitting.status is SittingStatus.ADJOURNED:
        return said(kind, _("ADJOURNED to another day"),
                    pgettext("meeting", "ADJOURNED to another day"))
    return None


def stage_text(chamber: Chamber) -> str:
    """" · PRZERWA od 12:00 · prowadzi: Nowak Anna" - the header's part that says where the
    sitting stands, on which days, and who chairs; always names the chair when one is known."""
    sitting = chamber.sitting
    if sitting is None:
        return ""
    parts = []
    if len(sitting.days) > 1:
        parts.append(_("days: {days}").format(
            days=", ".join(day.isoformat() for day in sitting.days)))
    stage = _stage(sitting)
    if stage is not None:
        parts.append(stage)
    if sitting.chairing:
        parts.append(_("chair: {name}").format(
            name=member_name(chamber, sitting.id, sitting.chairing)))
    return "".join(f" · {part}" for part in parts)


def _kind_of(chamber: Chamber, sitting_id: str) -> SittingType:
    sitting = chamber.sittings.get(sitting_id)
    return sitting.sitting_type if sitting is not None else SittingType.ORDINARY


def _convened(event: ev.SittingConvened) -> str:
    hour = f" {event.hour:%H:%M}" if event.hour else ""
    return said(event.sitting_type, _("{sitting} {number} convened for {date}"),
                number=event.number, date=event.date.isoformat()) + hour


def _adjourned(event: ev.SittingAdjourned, kind: SittingType) -> str:
    if event.resume_on is None:
        return said(kind, _("{sitting} adjourned; attendance will be checked again"))
    return said(kind, _("{sitting} adjourned to {date}; attendance will be checked again"),
                date=event.resume_on.isoformat())


def describe_life_event(event: ev.Event, chamber: Chamber) -> str | None:
    """The log's line for an event of the sitting's life; None for any other event."""
    if isinstance(event, ev.SittingConvened):
        return _convened(event)
    if not isinstance(event, ev.SittingEvent):
        return None
    kind = _kind_of(chamber, event.sitting_id)
    name = (lambda member_id: member_name(chamber, event.sitting_id, member_id))  # noqa: E731
    match event:
        case ev.SittingStarted():
            return said(kind, _("{sitting} opened"))
        case ev.QuorumStated():
            return quorum_line(event, council_kind(chamber), lang())
        case ev.BreakStarted():
            return (_("break: {reason}").format(reason=event.reason) if event.reason
                    else _("break"))
        case ev.BreakEnded():
            return _("break over, proceedings resumed")
        case ev.SittingAdjourned():
            return _adjourned(event, kind)
        case ev.SittingContinued():
            return said(kind, _("{sitting} continued on {date}"), date=event.date.isoformat())
        case ev.ChairHandedOver():
            return _("chair handed over to {name}").format(name=name(event.member_id))
        case ev.RecusalDeclared():
            return _("recused from the vote: {name}").format(name=name(event.member_id)) + (
                f" ({event.reason})" if event.reason else "")
    return None
