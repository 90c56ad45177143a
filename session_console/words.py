"""How the domain's values read on screen, in the chosen language."""

from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from models import events as ev
from models.polish import plural
from models.state import Chamber, SpeakerEntry
from models.terms import (
    Answer,
    AttendanceStatus,
    FinalAnswer,
    ItemKind,
    Outcome,
    SittingType,
    SpeechKind,
    VoteKind,
    VoteMode,
)
from models.vocabulary import screen_word
from session_console.i18n import _, lang, pgettext

LOCAL_TIME = ZoneInfo("Europe/Warsaw")


def _polish(member: StrEnum) -> str | None:
    """The vocabulary's word when the console speaks Polish; None for gettext's English."""
    return screen_word(member) if lang() == "pl" else None


def answer_label(answer: Answer | FinalAnswer | None) -> str:
    """One member's answer: "wstrzymuje się" (the tally's count reads "wstrzymało się")."""
    if answer is not None and (word := _polish(answer)):
        return word
    return {
        "yes": pgettext("member", "yes"), "no": pgettext("member", "no"),
        "abstain": pgettext("member", "abstain"), None: "",
        "not_voting": pgettext("member", "did not vote"),
        "absent": pgettext("member", "absent"), "recused": pgettext("member", "recused"),
        "unknown": pgettext("member", "no data"),  # entered afterwards: the source does not say
    }[answer.value if answer is not None else None]


def attendance_label(status: AttendanceStatus) -> str:
    if word := _polish(status):
        return word
    return {
        AttendanceStatus.ABSENT: pgettext("member", "absent"),
        AttendanceStatus.PRESENT: pgettext("member", "present"),
        AttendanceStatus.LEFT: pgettext("member", "left"),
        AttendanceStatus.EXCUSED: pgettext("member", "excused"),
    }[status]


def page_label(name: str) -> str:
    """A live page's name in the header ("chamber" is "sala")."""
    return {"chamber": _("chamber"), "overlay": _("overlay"), "public": _("public"),
            "public_page": _("public")}.get(name, name)


def outcome_label(outcome: Outcome) -> str:
    if word := _polish(outcome):
        return word
    return {Outcome.ADOPTED: _("adopted"), Outcome.REJECTED: _("rejected"),
            Outcome.INVALID: _("invalid")}[outcome]


def mode_label(mode: VoteMode) -> str:
    if word := _polish(mode):
        return word
    return {VoteMode.ROLL_CALL: _("roll-call"), VoteMode.ELECTRONIC: _("electronic"),
            VoteMode.SECRET: _("secret"), VoteMode.SUMMARY: _("summary")}[mode]


def kind_label(kind: VoteKind) -> str:
    if word := _polish(kind):
        return word
    return {VoteKind.RESOLUTION: _("resolution"), VoteKind.AMENDMENT: _("amendment"),
            VoteKind.PROCEDURAL: _("procedural motion"),
            VoteKind.AGENDA_CHANGE: _("agenda change"), VoteKind.OTHER: _("other")}[kind]


def item_kind_label(kind: ItemKind) -> str:
    if word := _polish(kind):
        return word
    return {ItemKind.PROCEDURAL: _("procedural matters"),
            ItemKind.RESOLUTION: _("draft resolution"),
            ItemKind.REPORT: _("report or information"),
            ItemKind.INTERPELLATIONS: _("interpellations and questions"),
            ItemKind.OTHER: _("other")}[kind]


def speech_label(kind: SpeechKind) -> str:
    if word := _polish(kind):
        return word
    return {SpeechKind.NORMAL: _("speech"), SpeechKind.REPLY: _("reply"),
            SpeechKind.POINT_OF_ORDER: _("point of order")}[kind]


def sitting_type_label(kind: SittingType) -> str:
    if word := _polish(kind):
        return word
    return {SittingType.ORDINARY: _("ordinary"), SittingType.EXTRAORDINARY: _("extraordinary"),
            SittingType.CEREMONIAL: _("ceremonial"), SittingType.COMMITTEE: _("committee")}[kind]


def counted(count: int, english: tuple[str, str], polish: tuple[str, str, str]) -> str:
    """ "40 plików" or "40 files": a count with its noun in the chosen language."""
    if lang() == "pl":
        return plural(count, *polish)
    return f"{count} {english[0] if count == 1 else english[1]}"


def is_committee(kind: SittingType) -> bool:
    """A committee meets in a "posiedzenie"; the council in a "sesja"."""
    return kind is SittingType.COMMITTEE


def clock(at: datetime) -> str:
    return at.astimezone(LOCAL_TIME).strftime("%H:%M:%S")


def minutes(seconds: float) -> str:
    whole = max(0, int(seconds))
    return f"{whole // 60:02d}:{whole % 60:02d}"


def speaker_name(entry: SpeakerEntry, chamber: Chamber, sitting_id: str) -> str:
    if entry.guest is not None:
        role = f" ({entry.guest.role})" if entry.guest.role else ""
        return f"{entry.guest.name}{role}"
    return member_name(chamber, sitting_id, entry.member_id or "")


def member_name(chamber: Chamber, sitting_id: str, member_id: str) -> str:
    sitting = chamber.sittings.get(sitting_id)
    member = sitting.members_by_id.get(member_id) if sitting else None
    return member.name if member else member_id


def _item_title(chamber: Chamber, sitting_id: str, item_id: str | None) -> str:
    sitting = chamber.sittings.get(sitting_id)
    item = sitting.items.get(item_id) if sitting and item_id else None
    return item.item.title if item else "—"


def _queued_name(event: ev.SpeakerQueued, chamber: Chamber) -> str:
    return (event.guest.name if event.guest
            else member_name(chamber, event.sitting_id, event.member_id or ""))


def _speaker_of(chamber: Chamber, sitting_id: str, entry_id: str) -> str:
    """The speaker of an entry, also of one since taken off the list (the state keeps it)."""
    sitting = chamber.sittings.get(sitting_id)
    if sitting is None:
        return entry_id
    entry = sitting.speakers.get(entry_id)
    if entry is not None:
        return speaker_name(entry, chamber, sitting_id)
    removed = sitting.removed_speaker(entry_id)
    if removed is None:
        return entry_id
    return removed.guest.name if removed.guest else member_name(chamber, sitting_id,
                                                                  removed.member_id or "")


def _vote_number(chamber: Chamber, sitting_id: str, vote_id: str) -> str:
    sitting = chamber.sittings.get(sitting_id)
    vote = sitting.votes.get(vote_id) if sitting else None
    return str(vote.number) if vote else vote_id


def _council_member(chamber: Chamber, member_id: str) -> str:
    members = chamber.council.members if chamber.council else ()
    return next((m.name for m in members if m.id == member_id), member_id)


CouncilSetting = (ev.VotingSettingsSet | ev.DeviceCodeIssued | ev.DeviceCodeRevoked
                  | ev.OverlayTallySet)


def _council_event(event: CouncilSetting, chamber: Chamber) -> str:
    """The council's own events that belong to no sitting: devices and the settings."""
    if isinstance(event, ev.OverlayTallySet):
        return (_("stream overlay: live tally shown") if event.shown
                else _("stream overlay: live tally hidden (result only)"))
    if isinstance(event, ev.DeviceCodeIssued):
        return _("device code issued: {name}").format(
            name=_council_member(chamber, event.member_id))
    if isinstance(event, ev.DeviceCodeRevoked):
        return _("device code revoked: {name}").format(
            name=_council_member(chamber, event.member_id))
    settings = event.settings
    limit = (_("{seconds} s to vote").format(seconds=settings.voting_time_s)
             if settings.voting_time_s else _("no voting time"))
    return _("voting settings: answers {changeable}, self check-in {check_in}, {limit}").format(
        changeable=_("changeable") if settings.answers_changeable else _("final"),
        check_in=_("on") if settings.self_check_in else _("off"), limit=limit)


def describe_event(event: ev.Event, chamber: Chamber) -> str:  # noqa: C901 - one line per kind
    """One line for the log, e.g. "obecny(-a): Nowak Jan"."""
    if isinstance(event, ev.CouncilDefined):
        return _("council defined: {name}, {seats} statutory seats").format(
            name=event.council.name, seats=event.council.statutory_seats)
    if isinstance(event, CouncilSetting):
        return _council_event(event, chamber)
    sid = event.sitting_id
    name = (lambda member_id: member_name(chamber, sid, member_id))  # noqa: E731
    speaker = (lambda entry_id: _speaker_of(chamber, sid, entry_id))  # noqa: E731
    match event:
        case ev.SittingOpened():
            opened = (_("committee meeting {number} opened") if is_committee(event.sitting_type)
                      else _("sitting {number} opened"))
            return opened.format(number=event.number)
        case ev.SittingClosed():
            sitting = chamber.sittings.get(sid)
            return (_("committee meeting closed")
                    if sitting and is_committee(sitting.sitting_type) else _("sitting closed"))
        case ev.CurrentItemSet():
            return _("current item: {title}").format(
                title=_item_title(chamber, sid, event.item_id))
        case ev.AgendaItemAdded():
            return _("item added: {title}").format(title=event.item.title)
        case ev.AgendaItemMoved():
            return _("item moved: {title}").format(title=_item_title(chamber, sid, event.item_id))
        case ev.AgendaItemWithdrawn():
            return _("item withdrawn: {title}").format(
                title=_item_title(chamber, sid, event.item_id))
        case ev.MemberCheckedIn():
            return _("checked in: {name}").format(name=name(event.member_id))
        case ev.MemberCheckedOut():
            return _("checked out: {name}").format(name=name(event.member_id))
        case ev.MemberExcused():
            return _("excused: {name} {reason}").format(name=name(event.member_id),
                                                       reason=event.reason).rstrip()
        case ev.SpeakerQueued():
            return _("speakers list: {name} ({kind})").format(name=_queued_name(event, chamber),
                                                             kind=speech_label(event.kind))
        case ev.SpeakerRemoved():
            return _("removed from the speakers list: {name}").format(name=speaker(event.entry_id))
        case ev.SpeakerMoved():
            return _("speaker {name} moved to place {place}").format(
                name=speaker(event.entry_id), place=event.position + 1)
        case ev.SpeechStarted():
            return _("speech started: {name}").format(name=speaker(event.entry_id))
        case ev.SpeechPaused():
            return _("speech paused: {name}").format(name=speaker(event.entry_id))
        case ev.SpeechResumed():
            return _("speech resumed: {name}").format(name=speaker(event.entry_id))
        case ev.SpeechEnded():
            return _("speech ended: {name}").format(name=speaker(event.entry_id))
        case ev.VoteOpened():
            return _("vote no. {number} opened: {subject}").format(number=event.number,
                                                                   subject=event.subject)
        case ev.AnswerRecorded():
            return _("{name}: {answer}").format(
                name=name(event.member_id),
                answer=answer_label(event.answer) or _("answer taken back"))
        case ev.TotalsRecorded():
            return _("totals: yes {yes}, no {no}, abstain {abstain}").format(
                yes=event.yes, no=event.no, abstain=event.abstain)
        case ev.VoteClosed():
            return _("vote no. {number} closed: {outcome}").format(
                number=_vote_number(chamber, sid, event.vote_id),
                outcome=outcome_label(event.result.outcome))
        case ev.VoteCancelled():
            return _("vote no. {number} cancelled: {reason}").format(
                number=_vote_number(chamber, sid, event.vote_id), reason=event.reason)
        case ev.ResolutionRegistered():
            return _("resolution {number}: {title}").format(number=event.number,
                                                            title=event.title)
        case ev.ResolutionVoided():
            return _("resolution {number} voided").format(number=event.number)
    from session_console.life_words import describe_life_event  # it reads this module's words

    described = describe_life_event(event, chamber)
    if described is not None:
        return described
    raise TypeError(f"no description for {type(event).__name__}")
