"""The sitting's life on screen: the header's words for its stage, days and chair, and
the log's line for each of its events. Polish only: these screens have no English yet."""

from models import events as ev
from models.sitting_life import quorum_line
from models.state import Chamber, Sitting
from models.terms import CouncilKind, SittingStatus
from session_console.words import LOCAL_TIME, member_name


def _hhmm(sitting: Sitting) -> str:
    pause = sitting.on_break
    return pause.started_at.astimezone(LOCAL_TIME).strftime("%H:%M") if pause else ""


def stage_text(chamber: Chamber) -> str:
    """" · PRZERWA od 12:00 · prowadzi: Nowak Anna" - the header's part that says where the
    sitting stands, on which days, and who chairs; always names the chair when one is known."""
    sitting = chamber.sitting
    if sitting is None:
        return ""
    parts = []
    if len(sitting.days) > 1:
        parts.append("dni: " + ", ".join(day.isoformat() for day in sitting.days))
    if sitting.status is SittingStatus.PREPARED:
        hour = f" na {sitting.hour:%H:%M}" if sitting.hour else ""
        parts.append(f"ZWOŁANA{hour}, nie otwarta")
    elif sitting.status is SittingStatus.BREAK:
        reason = f" ({sitting.on_break.reason})" if sitting.on_break and sitting.on_break.reason else ""
        parts.append(f"PRZERWA od {_hhmm(sitting)}{reason}")
    elif sitting.status is SittingStatus.ADJOURNED:
        parts.append("PRZERWANA do innego dnia")
    if sitting.chairing:
        parts.append("prowadzi: " + member_name(chamber, sitting.id, sitting.chairing))
    return "".join(f" · {part}" for part in parts)


def describe_life_event(event: ev.Event, chamber: Chamber) -> str | None:
    """The log's line for an event of the sitting's life; None for any other event."""
    kind = chamber.council.kind if chamber.council else CouncilKind.GMINA
    match event:
        case ev.SittingConvened():
            return f"zwołano sesję {event.number} na {event.date.isoformat()}" + (
                f" {event.hour:%H:%M}" if event.hour else "")
        case ev.SittingStarted():
            return "przewodniczący otworzył sesję"
        case ev.QuorumStated():
            return quorum_line(event, kind)
        case ev.BreakStarted():
            return "przerwa" + (f": {event.reason}" if event.reason else "")
        case ev.BreakEnded():
            return "koniec przerwy, obrady wznowione"
        case ev.SittingAdjourned():
            until = f" do {event.resume_on.isoformat()}" if event.resume_on else ""
            return f"sesję przerwano{until}; obecność zostanie sprawdzona ponownie"
        case ev.SittingContinued():
            return f"dalszy ciąg sesji w dniu {event.date.isoformat()}"
        case ev.ChairHandedOver():
            return "prowadzenie obrad przejął(-ęła): " + member_name(
                chamber, event.sitting_id, event.member_id)
        case ev.RecusalDeclared():
            return "wyłączenie z głosowania: " + member_name(
                chamber, event.sitting_id, event.member_id) + (
                f" ({event.reason})" if event.reason else "")
    return None
