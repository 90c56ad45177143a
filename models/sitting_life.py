"""A sitting's life, decided: convened (prepared) -> open <-> break -> closed, continued
on another day, the chair handed over and back, recusals declared after a vote opened.

Pure like `models.decide`, which merges `LIFE_DECIDERS` into its tables. The words a
console shows before a step (what is still open, a vote without quorum) are here too, in
Polish and in English (`lang`, as `Rejection.message` takes it), so every console and
script says the same.
"""

from collections.abc import Callable
from datetime import date

from models import commands as cmd
from models import events as ev
from models.agenda import AgendaItem, ItemSpec
from models.council import Member
from models.law import Rule, citing
from models.rejection import Rejection
from models.state import Chamber, Sitting
from models.terms import CouncilKind, SittingStatus, SittingType, SpeechStatus
from models.vocabulary import SittingWords, sitting_words

Events = tuple[ev.Event, ...]

_STAGE_EN = {
    SittingStatus.PREPARED: "has not been opened yet",
    SittingStatus.BREAK: "is on a break",
    SittingStatus.ADJOURNED: "is adjourned to another day",
    SittingStatus.CLOSED: "is closed",
    SittingStatus.OPEN: "is in session",
}


def council_kind(state: Chamber) -> CouncilKind:
    return state.council.kind if state.council else CouncilKind.GMINA


def latest_words(state: Chamber) -> SittingWords:
    """The words for the log's latest sitting's kind, a council's when there is none yet (as
    a refusal names a sitting it cannot find: a committee's log has committee meetings)."""
    sitting = state.sitting
    return sitting_words(sitting.sitting_type if sitting else SittingType.ORDINARY)


def _stage_pl(words: SittingWords, status: SittingStatus) -> str:
    """The stage as said of the sitting: "nie została jeszcze otwarta", "jest zamknięte"."""
    return {
        SittingStatus.PREPARED: f"nie {words.was} jeszcze {words.opened}",
        SittingStatus.BREAK: "jest w przerwie",
        SittingStatus.ADJOURNED: f"jest {words.adjourned} do innego dnia",
        SittingStatus.CLOSED: f"jest {words.closed}",
        SittingStatus.OPEN: "obraduje",
    }[status]


def require_status(sitting: Sitting, *allowed: SittingStatus) -> None:
    """Rejects a command the sitting's stage does not allow, naming the stage."""
    if sitting.status in allowed:
        return
    words = sitting_words(sitting.sitting_type)
    raise Rejection(f"sitting_{sitting.status.value}",
                    f"{words.called(sitting.number)} {_stage_pl(words, sitting.status)}.",
                    f"{words.called(sitting.number, 'en')} {_STAGE_EN[sitting.status]}.")


def in_session(sitting: Sitting) -> None:
    """Votes and speeches need a sitting that is in session (not prepared, not on a break)."""
    require_status(sitting, SittingStatus.OPEN)


def member_name(sitting: Sitting, member_id: str) -> str:
    """The name of a member of the sitting's roster; raises `Rejection` for anyone else."""
    member = sitting.members_by_id.get(member_id)
    if member is None:
        words = sitting_words(sitting.sitting_type)
        raise Rejection("member_unknown",
                        f"Nie ma radnego {member_id} w składzie {words.of_this}.",
                        f"No member {member_id} in this {words.english}'s roster.")
    return member.name


# --- convening -------------------------------------------------------------------------


def flatten_agenda(specs: tuple[ItemSpec, ...], parent: str | None = None,
                   out: list[AgendaItem] | None = None) -> list[AgendaItem]:
    """The proposed agenda's items with ids i1, i2 … in order, parents before children."""
    out = [] if out is None else out
    for spec in specs:
        item = AgendaItem(id=f"i{len(out) + 1}", parent_id=parent, title=spec.title,
                          kind=spec.kind, print_number=spec.print_number, label=spec.label,
                          rapporteur=spec.rapporteur, rule=spec.rule)
        out.append(item)
        flatten_agenda(spec.children, item.id, out)
    return out


def agenda_specs(sitting: Sitting, parent: str | None = None) -> tuple[ItemSpec, ...]:
    """An earlier sitting's agenda as a proposal for a new one (withdrawn items left out)."""
    specs = []
    for item_id in sitting.children.get(parent, ()):
        item = sitting.items[item_id]
        if item.withdrawn:
            continue
        agenda = item.item
        specs.append(ItemSpec(title=agenda.title, kind=agenda.kind,
                              print_number=agenda.print_number, label=agenda.label,
                              rapporteur=agenda.rapporteur, rule=agenda.rule,
                              children=agenda_specs(sitting, item_id)))
    return tuple(specs)


def _duplicate_label(items: list[AgendaItem]) -> str | None:
    seen: set[tuple[str | None, str]] = set()
    for item in items:
        key = (item.parent_id, item.label)
        if item.label and key in seen:
            return item.label
        seen.add(key)
    return None


def convene(state: Chamber, command: cmd.ConveneSitting, number: str,
            roster: tuple[Member, ...]) -> ev.SittingConvened:
    """The convening event, once `models.decide` checked the council, number and roster."""
    assert state.council is not None, "decide checks the council first"
    kind = state.council.kind
    if command.sitting_type is SittingType.EXTRAORDINARY and not command.requested_by.strip():
        raise Rejection("no_request",
                        "Sesję nadzwyczajną zwołuje się na wniosek; podaj, kto go złożył"
                        f"{citing(Rule.EXTRAORDINARY, kind)}.",
                        "An extraordinary sitting is convened on request; say who made it.")
    agenda = flatten_agenda(command.agenda)
    duplicate = _duplicate_label(agenda)
    if duplicate is not None:
        raise Rejection("duplicate_label", f"Oznaczenie punktu „{duplicate}” powtarza się.",
                        f"The item label “{duplicate}” is given twice.")
    return ev.SittingConvened(
        sitting_id=f"s{len(state.sittings) + 1}", number=number,
        sitting_type=command.sitting_type, date=command.date, hour=command.hour,
        place=command.place, chair=command.chair, council_name=state.council.name,
        statutory_seats=state.council.statutory_seats, roster=roster, agenda=tuple(agenda),
        speech_limits=command.speech_limits, requested_by=command.requested_by.strip(),
    )


# --- opening, quorum, breaks, days -------------------------------------------------------


def quorum_stated(sitting: Sitting) -> ev.QuorumStated:
    return ev.QuorumStated(sitting_id=sitting.id, present=sitting.present_count,
                           needed=sitting.quorum_needed,
                           statutory_seats=sitting.statutory_seats, quorum=sitting.has_quorum)


def quorum_line(statement: ev.QuorumStated | Sitting, kind: CouncilKind, lang: str = "pl") -> str:
    """"Kworum jest: obecnych 12, wymaganych 12 z 23 (art. 14 u.s.g.)." and its opposite;
    in English (`lang="en"`) "Quorum: 12 present, 12 needed of 23 (art. 14 u.s.g.)."."""
    if isinstance(statement, Sitting):
        statement = quorum_stated(statement)
    cited = citing(Rule.QUORUM, kind)
    if lang == "pl":
        verdict = "Kworum jest" if statement.quorum else "Brak kworum"
        return (f"{verdict}: obecnych {statement.present}, wymaganych {statement.needed} "
                f"z {statement.statutory_seats}{cited}.")
    verdict = "Quorum" if statement.quorum else "No quorum"
    return (f"{verdict}: {statement.present} present, {statement.needed} needed "
            f"of {statement.statutory_seats}{cited}.")


def quorum_warning(state: Chamber, sitting: Sitting, lang: str = "pl") -> str | None:
    """What a console asks before opening a vote without quorum; None with quorum."""
    if sitting.has_quorum:
        return None
    line = quorum_line(sitting, council_kind(state), lang)
    if lang == "pl":
        return f"{line} Głosowanie otwarte bez kworum będzie nieważne. Otworzyć mimo to?"
    return f"{line} A vote opened without quorum will be invalid. Open it anyway?"


def _start_sitting(state: Chamber, sitting: Sitting, command: cmd.StartSitting) -> Events:
    require_status(sitting, SittingStatus.PREPARED)
    return (ev.SittingStarted(sitting_id=sitting.id, chair=sitting.chair),
            quorum_stated(sitting))


def _state_quorum(state: Chamber, sitting: Sitting, command: cmd.StateQuorum) -> Events:
    require_status(sitting, SittingStatus.OPEN, SittingStatus.BREAK)
    return (quorum_stated(sitting),)


def _start_break(state: Chamber, sitting: Sitting, command: cmd.StartBreak) -> Events:
    in_session(sitting)
    _no_open_vote(sitting)
    return (*_end_speech(sitting), ev.BreakStarted(sitting_id=sitting.id,
                                                   reason=command.reason.strip()))


def _end_break(state: Chamber, sitting: Sitting, command: cmd.EndBreak) -> Events:
    require_status(sitting, SittingStatus.BREAK)
    return (ev.BreakEnded(sitting_id=sitting.id),)


def _adjourn(state: Chamber, sitting: Sitting, command: cmd.AdjournSitting) -> Events:
    require_status(sitting, SittingStatus.OPEN, SittingStatus.BREAK)
    _no_open_vote(sitting)
    today = sitting.periods[-1].day if sitting.periods else sitting.date
    if command.resume_on is not None and command.resume_on <= today:
        raise _not_later(sitting, command.resume_on, today)
    return (*_end_speech(sitting), ev.SittingAdjourned(
        sitting_id=sitting.id, resume_on=command.resume_on, reason=command.reason.strip()))


def _not_later(sitting: Sitting, day: date, today: date) -> Rejection:
    words = sitting_words(sitting.sitting_type)
    return Rejection("bad_date", f"Dalszy ciąg {words.genitive} musi być innego, późniejszego "
                     f"dnia niż {today:%d.%m.%Y}, a podano {day:%d.%m.%Y}.",
                     f"The continuation must be on a later day than {today}, not {day}.")


def _continue(state: Chamber, sitting: Sitting, command: cmd.ContinueSitting) -> Events:
    require_status(sitting, SittingStatus.ADJOURNED)
    today = sitting.periods[-1].day if sitting.periods else sitting.date
    if command.date <= today:
        raise _not_later(sitting, command.date, today)
    return (ev.SittingContinued(sitting_id=sitting.id, date=command.date),)


def _hand_over(state: Chamber, sitting: Sitting, command: cmd.HandOverChair) -> Events:
    require_status(sitting, SittingStatus.OPEN, SittingStatus.BREAK)
    name = member_name(sitting, command.member)
    if command.member == sitting.chairing:
        raise Rejection("no_change", f"{name} już prowadzi obrady.", f"{name} already chairs.")
    if not sitting.is_present(command.member):
        raise Rejection("not_present", f"{name} jest nieobecny(-a) i nie może prowadzić obrad.",
                        f"{name} is absent and cannot chair.")
    return (ev.ChairHandedOver(sitting_id=sitting.id, member_id=command.member),)


def _declare_recusal(state: Chamber, sitting: Sitting, command: cmd.DeclareRecusal) -> Events:
    if sitting.open_vote is None:
        raise Rejection("no_open_vote", "Żadne głosowanie nie jest otwarte.", "No vote is open.")
    vote = sitting.votes[sitting.open_vote]
    name = member_name(sitting, command.member)
    if command.member in vote.recused:
        raise Rejection("no_change", f"{name} jest już wyłączony(-a) z tego głosowania.",
                        f"{name} is already recused from this vote.")
    if command.member in vote.answers:
        raise Rejection("answered", f"{name} już zagłosował(-a); wyłączenie zgłasza się przed "
                        "oddaniem głosu (najpierw cofnij odpowiedź).",
                        f"{name} has answered; a recusal comes before the answer.")
    if not vote.mode.named and vote.totals is not None:
        raise Rejection("totals_recorded", "Wyniki tego głosowania są już wpisane; wyłączenie "
                        "zgłasza się przed głosowaniem.",
                        "The totals are recorded; a recusal comes before the vote.")
    return (ev.RecusalDeclared(sitting_id=sitting.id, vote_id=vote.id, member_id=command.member,
                               reason=command.reason.strip()),)


def _no_open_vote(sitting: Sitting) -> None:
    if sitting.open_vote is not None:
        number = sitting.votes[sitting.open_vote].number
        raise Rejection("vote_open", f"Trwa głosowanie nr {number}; najpierw je zamknij.",
                        f"Vote no. {number} is open; close it first.")


def _end_speech(sitting: Sitting) -> Events:
    if sitting.speaking is None:
        return ()
    return (ev.SpeechEnded(sitting_id=sitting.id, entry_id=sitting.speaking),)


# --- closing ----------------------------------------------------------------------------


def open_matters(sitting: Sitting, lang: str = "pl") -> tuple[str, ...]:
    """What is still open, for the close's confirmation (in Polish, or in English with
    `lang="en"`): a vote, a speech, the agenda items never taken up (withdrawn items are
    dealt with)."""
    pl = lang == "pl"
    lines = []
    if sitting.open_vote is not None:
        vote = sitting.votes[sitting.open_vote]
        lines.append(f"trwa głosowanie nr {vote.number}: {vote.subject}" if pl
                     else f"vote no. {vote.number} is open: {vote.subject}")
    entry = sitting.speakers.get(sitting.speaking) if sitting.speaking else None
    if entry is not None and entry.status in (SpeechStatus.SPEAKING, SpeechStatus.PAUSED):
        who = (sitting.members_by_id[entry.member_id].name if entry.member_id
               else entry.guest.name if entry.guest else "")
        lines.append(f"trwa wystąpienie: {who}" if pl else f"a speech is running: {who}")
    visited = {visit.item_id for visit in sitting.item_visits}
    voted = {vote.item_id for vote in sitting.votes.values()}
    waiting = [number for number, _depth, item in sitting.numbered_items()
               if not item.withdrawn and item.item.id not in visited | voted]
    if waiting:
        lines.append(("punkty nierozpatrzone: " if pl else "items not taken up: ")
                     + ", ".join(waiting))
    return tuple(lines)


LIFE_DECIDERS: dict[type, Callable[..., Events]] = {
    cmd.StartSitting: _start_sitting,
    cmd.StateQuorum: _state_quorum,
    cmd.StartBreak: _start_break,
    cmd.EndBreak: _end_break,
    cmd.AdjournSitting: _adjourn,
    cmd.ContinueSitting: _continue,
    cmd.HandOverChair: _hand_over,
    cmd.DeclareRecusal: _declare_recusal,
}
