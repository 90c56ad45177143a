"""The decider: `decide(state, command) -> events`, or a `Rejection` that says why not.

Pure: it reads the state and the command and returns the events to append. Ids are
derived from the state (s1, i7, e3, v12), so the same log always gives the same ids.
"""

from collections.abc import Callable
from datetime import date
from typing import TypedDict

from models import commands as cmd
from models import events as ev
from models.agenda import (
    AddItem,
    AgendaChange,
    AgendaItem,
    MoveItem,
    WithdrawItem,
    describe_change,
)
from models.answers import can_answer, provisional_answer
from models.council import Member
from models.polish import ANSWER_PL, plural
from models.rejection import Rejection
from models.roman import is_roman
from models.rules import RULES_VERSION, MajorityRule, decide_outcome, quorum_problem
from models.sitting_life import (
    LIFE_DECIDERS,
    convene,
    flatten_agenda,
    in_session,
    latest_words,
    member_name,
    require_status,
)
from models.state import Chamber, Item, Sitting, SpeakerEntry, Vote
from models.terms import (
    Answer,
    AnswerSource,
    FinalAnswer,
    MajorityKind,
    Outcome,
    SittingStatus,
    SittingType,
    SpeechKind,
    SpeechStatus,
    VoteKind,
    VoteMode,
)
from models.vocabulary import capital, sitting_words

Events = tuple[ev.Event, ...]


def decide(state: Chamber, command: cmd.Command) -> Events:
    if isinstance(command, cmd.SittingCommand):
        sitting = _open_sitting_of(state, command)
        return _SITTING_DECIDERS[type(command)](state, sitting, command)
    return _CHAMBER_DECIDERS[type(command)](state, command)


def decided_commands() -> frozenset[type]:
    """Every command type `decide` has a decision for."""
    return frozenset(_CHAMBER_DECIDERS) | frozenset(_SITTING_DECIDERS)


# --- lookups that reject -------------------------------------------------------------


def _open_sitting_of(state: Chamber, command: cmd.SittingCommand) -> Sitting:
    sitting_id = command.sitting or state.current_sitting
    sitting = state.sittings.get(sitting_id) if sitting_id else None
    if sitting is None:
        if command.sitting:  # named as the log's latest sitting is
            words = latest_words(state)
            raise Rejection("sitting_unknown", f"Nie ma {words.genitive} {command.sitting}.",
                            f"No {words.english} {command.sitting}.")
        # the log has no sitting at all (the current one stays after its close)
        raise Rejection("no_sitting", "Żadna sesja nie jest otwarta.", "No sitting is open.")
    if not sitting.is_open:
        words = sitting_words(sitting.sitting_type)
        raise Rejection("sitting_closed",
                        f"{words.called(sitting.number)} jest już {words.closed}.",
                        f"{words.called(sitting.number, 'en')} is already closed.")
    return sitting


def _item(sitting: Sitting, item_id: str) -> str:
    item = sitting.items.get(item_id)
    if item is None:
        raise Rejection("item_unknown", f"Nie ma punktu {item_id} w porządku obrad.",
                        f"No item {item_id} on the agenda.")
    if item.withdrawn:
        raise Rejection("item_withdrawn", f"Punkt „{item.item.title}” zdjęto z porządku obrad.",
                        f"Item “{item.item.title}” was withdrawn from the agenda.")
    return item.item.title


def _open_vote(sitting: Sitting) -> Vote:
    if sitting.open_vote is None:
        raise Rejection("no_open_vote", "Żadne głosowanie nie jest otwarte.",
                        "No vote is open.")
    return sitting.votes[sitting.open_vote]


def _no_open_vote(sitting: Sitting) -> None:
    if sitting.open_vote is not None:
        number = sitting.votes[sitting.open_vote].number
        raise Rejection("vote_open", f"Trwa głosowanie nr {number}; najpierw je zamknij.",
                        f"Vote no. {number} is open; close it first.")


# --- council and sitting ---------------------------------------------------------------


def _define_council(state: Chamber, command: cmd.DefineCouncil) -> Events:
    sitting = state.sitting
    if sitting is not None and sitting.is_open:
        words = sitting_words(sitting.sitting_type)
        raise Rejection("sitting_open", f"Nie można zmienić rady w trakcie {words.genitive}; "
                        f"najpierw zamknij {words.accusative}.",
                        f"The council cannot change during a {words.english}; close the "
                        f"{words.english} first.")
    return (ev.CouncilDefined(council=command.council),)


def _new_sitting_checks(state: Chamber,
                        command: cmd.OpenSitting | cmd.ConveneSitting) -> tuple[str, tuple[Member, ...]]:
    """The number (upper case) and roster of a sitting about to be opened or convened."""
    council = state.council
    if council is None:
        raise Rejection("no_council", "Najpierw określ radę (skład i ustawowy skład).",
                        "Define the council first (members and statutory seats).")
    _no_sitting_under_way(state.sitting)
    number = command.number.strip().upper()
    if not (is_roman(number) or number.isdigit()):
        words = sitting_words(command.sitting_type)
        raise Rejection("bad_number", f"Numer {words.genitive} „{command.number}” nie jest "
                        "liczbą rzymską ani arabską.",
                        f"{capital(words.english)} number “{command.number}” is neither Roman "
                        "nor arabic.")
    roster = tuple(m for m in council.members if _serves_on(m, command.date))
    if command.chair is not None and command.chair not in {m.id for m in roster}:
        raise Rejection("member_unknown", f"Przewodniczący {command.chair} nie jest radnym.",
                        f"Chair {command.chair} is not a member.")
    return number, roster


def _no_sitting_under_way(sitting: Sitting | None) -> None:
    """A new sitting waits until the latest one (convened or open) is closed."""
    if sitting is None or not (sitting.is_open or sitting.status is SittingStatus.PREPARED):
        return
    words = sitting_words(sitting.sitting_type)
    named, named_en = words.called(sitting.number), words.called(sitting.number, "en")
    if sitting.status is SittingStatus.PREPARED:
        raise Rejection("sitting_prepared", f"{named} jest {words.convened}; najpierw "
                        f"{words.it} otwórz i zamknij.",
                        f"{named_en} is convened; open and close it first.")
    raise Rejection("sitting_open", f"{named} jest wciąż {words.opened}.",
                    f"{named_en} is still open.")


def _open_sitting(state: Chamber, command: cmd.OpenSitting) -> Events:
    number, roster = _new_sitting_checks(state, command)
    assert state.council is not None, "checked above"
    return (ev.SittingOpened(
        sitting_id=f"s{len(state.sittings) + 1}", number=number,
        sitting_type=command.sitting_type, date=command.date, place=command.place,
        chair=command.chair, council_name=state.council.name,
        statutory_seats=state.council.statutory_seats, roster=roster,
        agenda=tuple(flatten_agenda(command.agenda)),
        speech_limits=command.speech_limits,
    ),)


def _convene_sitting(state: Chamber, command: cmd.ConveneSitting) -> Events:
    number, roster = _new_sitting_checks(state, command)
    return (convene(state, command, number, roster),)


def _serves_on(member: Member, day: date) -> bool:
    starts = member.mandate_from is None or member.mandate_from <= day
    ends = member.mandate_to is None or day <= member.mandate_to
    return starts and ends


def _close_sitting(state: Chamber, sitting: Sitting, command: cmd.CloseSitting) -> Events:
    require_status(sitting, SittingStatus.OPEN, SittingStatus.BREAK, SittingStatus.ADJOURNED)
    _no_open_vote(sitting)
    return (*_end_speech(sitting), ev.SittingClosed(sitting_id=sitting.id))


def _set_current_item(state: Chamber, sitting: Sitting, command: cmd.SetCurrentItem) -> Events:
    if command.item is not None:
        _item(sitting, command.item)
    if command.item == sitting.current_item:
        raise Rejection("no_change", "To już jest bieżący punkt.", "That is already the current item.")
    return (ev.CurrentItemSet(sitting_id=sitting.id, item_id=command.item),)


# --- agenda changes --------------------------------------------------------------------


def _descendants(sitting: Sitting, item_id: str) -> set[str]:
    found = {item_id}
    for child in sitting.children.get(item_id, ()):
        found |= _descendants(sitting, child)
    return found


def _check_position(siblings: int, position: int | None) -> None:
    if position is not None and position > siblings:
        raise Rejection("bad_position", f"Pozycja {position} jest poza listą ({siblings}).",
                        f"Position {position} is beyond the list ({siblings}).")


def _check_change(sitting: Sitting, change: AgendaChange) -> dict[str, str]:
    titles = {i: item.item.title for i, item in sitting.items.items()}
    match change:
        case AddItem():
            if change.parent_id is not None:
                _item(sitting, change.parent_id)
            _check_position(len(sitting.children.get(change.parent_id, ())), change.position)
        case MoveItem():
            _item(sitting, change.item_id)
            if change.parent_id is not None:
                _item(sitting, change.parent_id)
                if change.parent_id in _descendants(sitting, change.item_id):
                    raise Rejection("bad_parent", "Punktu nie można przenieść do jego podpunktu.",
                                    "An item cannot move under its own sub-item.")
            siblings = [i for i in sitting.children.get(change.parent_id, ())
                        if i != change.item_id]
            _check_position(len(siblings), change.position)
        case WithdrawItem():
            _item(sitting, change.item_id)
    return titles


def _propose_agenda_change(state: Chamber, sitting: Sitting,
                           command: cmd.ProposeAgendaChange) -> Events:
    in_session(sitting)
    _no_open_vote(sitting)
    titles = _check_change(sitting, command.change)
    return (ev.VoteOpened(
        sitting_id=sitting.id, vote_id=f"v{len(sitting.votes) + 1}",
        number=len(sitting.votes) + 1, item_id=sitting.current_item,
        subject=describe_change(command.change, titles), kind=VoteKind.AGENDA_CHANGE,
        rule=MajorityRule(kind=MajorityKind.ABSOLUTE_SEATS), mode=command.mode, recused=(),
        present_at_open=sitting.present_count, revote_of=None, agenda_change=command.change,
        time_limit_s=_time_limit(state, command.mode),
    ),)


class _ChangeIds(TypedDict):
    """The fields every event of an adopted agenda change carries."""

    sitting_id: str
    vote_id: str


def _agenda_change_events(sitting: Sitting, vote: Vote) -> Events:
    change, ids = vote.agenda_change, _ChangeIds(sitting_id=sitting.id, vote_id=vote.id)
    match change:
        case AddItem():
            siblings = sitting.children.get(change.parent_id, ())
            item = AgendaItem(id=f"i{sitting.item_serial + 1}", parent_id=change.parent_id,
                              title=change.title, kind=change.kind,
                              print_number=change.print_number)
            position = len(siblings) if change.position is None else change.position
            return (ev.AgendaItemAdded(item=item, position=position, **ids),)
        case MoveItem():
            return (ev.AgendaItemMoved(item_id=change.item_id, parent_id=change.parent_id,
                                       position=change.position, **ids),)
        case WithdrawItem():
            return (ev.AgendaItemWithdrawn(item_id=change.item_id, reason=change.reason, **ids),)
    return ()


# --- attendance ------------------------------------------------------------------------


def _check_in(state: Chamber, sitting: Sitting, command: cmd.CheckIn) -> Events:
    name = member_name(sitting, command.member)
    if sitting.is_present(command.member):
        raise Rejection("no_change", f"{name} jest już obecny(-a).", f"{name} is already present.")
    return (ev.MemberCheckedIn(sitting_id=sitting.id, member_id=command.member),)


def _check_out(state: Chamber, sitting: Sitting, command: cmd.CheckOut) -> Events:
    name = member_name(sitting, command.member)
    if not sitting.is_present(command.member):
        raise Rejection("not_present", f"{name} nie jest obecny(-a).", f"{name} is not present.")
    return (ev.MemberCheckedOut(sitting_id=sitting.id, member_id=command.member),)


def _excuse(state: Chamber, sitting: Sitting, command: cmd.Excuse) -> Events:
    name = member_name(sitting, command.member)
    if sitting.is_present(command.member):
        raise Rejection("present", f"{name} jest obecny(-a); najpierw odnotuj wyjście.",
                        f"{name} is present; check them out first.")
    return (ev.MemberExcused(sitting_id=sitting.id, member_id=command.member,
                             reason=command.reason),)


# --- speakers --------------------------------------------------------------------------


def _queue_position(sitting: Sitting, item_id: str | None, kind: SpeechKind) -> int:
    """Points of order first, then replies, then the rest; first come first served."""
    order = list(SpeechKind)
    waiting = sitting.waiting(item_id)
    return sum(1 for e in waiting if order.index(e.kind) <= order.index(kind))


def _queue_speaker(state: Chamber, sitting: Sitting, command: cmd.QueueSpeaker) -> Events:
    if (command.member is None) == (command.guest is None):
        raise Rejection("bad_speaker", "Podaj radnego albo gościa (jedno z dwóch).",
                        "Give either a member or a guest, not both.")
    if command.member is not None:
        member_name(sitting, command.member)
    elif command.kind is SpeechKind.POINT_OF_ORDER:
        raise Rejection("guest_point_of_order", "Wniosek formalny może zgłosić tylko radny.",
                        "Only a member may raise a point of order.")
    item_id = command.item or sitting.current_item
    if item_id is None:
        raise Rejection("no_item", "Najpierw wybierz bieżący punkt porządku obrad.",
                        "Choose the current agenda item first.")
    _item(sitting, item_id)
    limits = sitting.speech_limits
    default = limits.guest if command.guest else getattr(limits, command.kind.value)
    return (ev.SpeakerQueued(
        sitting_id=sitting.id, entry_id=f"e{sitting.speaker_serial + 1}", item_id=item_id,
        member_id=command.member, guest=command.guest, kind=command.kind,
        limit_s=default if command.limit_s is None else command.limit_s,
        position=_queue_position(sitting, item_id, command.kind),
    ),)


def _waiting_entry(sitting: Sitting, entry_id: str) -> SpeakerEntry:
    entry = sitting.speakers.get(entry_id)
    if entry is None or entry.status is not SpeechStatus.WAITING:
        raise Rejection("entry_unknown", f"Nie ma oczekującego mówcy {entry_id}.",
                        f"No waiting speaker {entry_id}.")
    return entry


def _remove_speaker(state: Chamber, sitting: Sitting, command: cmd.RemoveSpeaker) -> Events:
    _waiting_entry(sitting, command.entry)
    return (ev.SpeakerRemoved(sitting_id=sitting.id, entry_id=command.entry),)


def _move_speaker(state: Chamber, sitting: Sitting, command: cmd.MoveSpeaker) -> Events:
    entry = _waiting_entry(sitting, command.entry)
    _check_position(len(sitting.waiting(entry.item_id)) - 1, command.position)
    return (ev.SpeakerMoved(sitting_id=sitting.id, entry_id=entry.id,
                            position=command.position),)


def _end_speech(sitting: Sitting) -> Events:
    if sitting.speaking is None:
        return ()
    return (ev.SpeechEnded(sitting_id=sitting.id, entry_id=sitting.speaking),)


def _start_speech(state: Chamber, sitting: Sitting, command: cmd.StartSpeech) -> Events:
    in_session(sitting)
    if command.entry is not None:
        entry = _waiting_entry(sitting, command.entry)
    else:
        waiting = sitting.waiting(sitting.current_item)
        if not waiting:
            raise Rejection("queue_empty", "Lista mówców do bieżącego punktu jest pusta.",
                            "The speakers list of the current item is empty.")
        entry = waiting[0]
    return (*_end_speech(sitting),
            ev.SpeechStarted(sitting_id=sitting.id, entry_id=entry.id))


def _active_speech(sitting: Sitting, status: SpeechStatus | None = None) -> SpeakerEntry:
    entry = sitting.speakers.get(sitting.speaking) if sitting.speaking else None
    if entry is None or (status is not None and entry.status is not status):
        wanted = {SpeechStatus.SPEAKING: ("trwającego", "running"),
                  SpeechStatus.PAUSED: ("wstrzymanego", "paused"),
                  None: ("trwającego", "running")}[status]
        raise Rejection("no_speech", f"Nie ma {wanted[0]} wystąpienia.",
                        f"No {wanted[1]} speech.")
    return entry


def _pause_speech(state: Chamber, sitting: Sitting, command: cmd.PauseSpeech) -> Events:
    entry = _active_speech(sitting, SpeechStatus.SPEAKING)
    return (ev.SpeechPaused(sitting_id=sitting.id, entry_id=entry.id),)


def _resume_speech(state: Chamber, sitting: Sitting, command: cmd.ResumeSpeech) -> Events:
    entry = _active_speech(sitting, SpeechStatus.PAUSED)
    return (ev.SpeechResumed(sitting_id=sitting.id, entry_id=entry.id),)


def _stop_speech(state: Chamber, sitting: Sitting, command: cmd.StopSpeech) -> Events:
    _active_speech(sitting)
    return _end_speech(sitting)


# --- votes -----------------------------------------------------------------------------


def _revoted(sitting: Sitting, command: cmd.OpenVote) -> Vote | None:
    """The closed vote a re-vote (reasumpcja) repeats, or None for a new vote."""
    if command.revote_of is None:
        return None
    earlier = sitting.votes.get(command.revote_of)
    if earlier is None or earlier.result is None:
        raise Rejection("revote_unknown",
                        f"Reasumpcja dotyczy zamkniętego głosowania; {command.revote_of} nim nie jest.",
                        f"A re-vote needs a closed vote; {command.revote_of} is not one.")
    if command.revote_motion is not None:
        member_name(sitting, command.revote_motion)
    return earlier


def _amendments_before(sitting: Sitting, command: cmd.OpenVote, item_id: str | None) -> tuple[str, ...]:
    """An amendment needs its draft's item and comes before the draft's own vote; the
    resolution vote records the amendment votes closed on its item before it."""
    on_item = [v for v in sitting.votes.values() if v.item_id == item_id and item_id]
    if command.kind is VoteKind.AMENDMENT:
        if item_id is None:
            raise Rejection("no_item", "Poprawka dotyczy projektu: wybierz jego punkt porządku obrad.",
                            "An amendment needs the agenda item of the draft it amends.")
        if any(v.kind is VoteKind.RESOLUTION and v.result is not None
               and v.result.outcome is not Outcome.INVALID for v in on_item):
            raise Rejection("amendment_late", "Nad projektem już głosowano; poprawki głosuje się "
                            "przed głosowaniem nad całym projektem.",
                            "The draft was already voted on; amendments are voted before it.")
    if command.kind is not VoteKind.RESOLUTION:
        return ()
    return tuple(v.id for v in on_item if v.kind is VoteKind.AMENDMENT and v.result is not None)


def _open_vote_command(state: Chamber, sitting: Sitting, command: cmd.OpenVote) -> Events:
    in_session(sitting)
    _no_open_vote(sitting)
    earlier = _revoted(sitting, command)
    item_id = command.item or (earlier.item_id if earlier else None) or sitting.current_item
    if item_id is not None:
        _item(sitting, item_id)
    kind = earlier.kind if earlier is not None else command.kind
    if kind is VoteKind.RESOLUTION and item_id is None:
        raise Rejection("no_item", "Głosowanie nad uchwałą wymaga punktu porządku obrad.",
                        "A vote on a resolution needs an agenda item.")
    if kind is VoteKind.AGENDA_CHANGE and earlier is None:
        raise Rejection("use_agenda_change",
                        "Zmianę porządku obrad zgłoś jako wniosek o zmianę porządku.",
                        "Propose an agenda change with propose_agenda_change.")
    for member_id in command.recused:
        member_name(sitting, member_id)
    recused = (*(sorted(earlier.recused) if earlier else ()), *command.recused)
    number = len(sitting.votes) + 1
    return (ev.VoteOpened(
        sitting_id=sitting.id, vote_id=f"v{number}", number=number, item_id=item_id,
        subject=command.subject, kind=kind,
        rule=earlier.rule if earlier and earlier.agenda_change else command.rule,
        mode=command.mode, recused=tuple(dict.fromkeys(recused)),
        present_at_open=sitting.present_count, revote_of=command.revote_of,
        agenda_change=earlier.agenda_change if earlier else None,
        revote_reason=command.revote_reason.strip(), revote_motion=command.revote_motion,
        amendments=_amendments_before(sitting, command, item_id) if earlier is None else (),
        time_limit_s=_time_limit(state, command.mode),
    ),)


def _time_limit(state: Chamber, mode: VoteMode) -> int | None:
    """The council's voting time, which binds devices, so electronic votes only."""
    return state.voting.voting_time_s if mode is VoteMode.ELECTRONIC else None


def _may_answer(sitting: Sitting, vote: Vote, member_id: str, name: str,
                then: tuple[str, str]) -> None:
    """A member answers only when not recused and present, from the console or a device;
    `then` ends the absent member's refusal (Polish, English), after "X is absent"."""
    if member_id in vote.recused:
        raise Rejection("recused", f"{name} jest wyłączony(-a) z tego głosowania.",
                        f"{name} is recused from this vote.")
    if not sitting.is_present(member_id):
        raise Rejection("not_present", f"{name} jest nieobecny(-a){then[0]}.",
                        f"{name} is absent{then[1]}.")


def _record_answer(state: Chamber, sitting: Sitting,
                   command: cmd.RecordAnswer | cmd.ImportAnswer) -> Events:
    vote = _open_vote(sitting)
    name = member_name(sitting, command.member)
    if not vote.mode.named:
        raise Rejection("not_named", "W tym głosowaniu wpisuje się tylko wyniki zbiorcze.",
                        "This vote takes totals only, no named answers.")
    if command.answer is Answer.UNKNOWN:
        _unknown_allowed(sitting, vote, command.member, name)
    else:
        _may_answer(sitting, vote, command.member, name,
                    ("; najpierw odnotuj obecność", "; check them in first"))
    if vote.answers.get(command.member) == command.answer:
        raise _same_answer(name, command.answer)
    source = AnswerSource.IMPORT if isinstance(command, cmd.ImportAnswer) else AnswerSource.CONSOLE
    return (ev.AnswerRecorded(sitting_id=sitting.id, vote_id=vote.id, member_id=command.member,
                              answer=command.answer, source=source),)


def _unknown_allowed(sitting: Sitting, vote: Vote, member_id: str, name: str) -> None:
    """ "Brak danych" is for sources that do not say why a member has no answer: a sitting
    entered afterwards only, and (whether present or not is what is unknown) for any member
    not recused."""
    if not sitting.entered_afterwards:
        words = sitting_words(sitting.sitting_type)
        raise Rejection("unknown_live", "„Brak danych” wpisuje się tylko w "
                        f"{words.afterwards_loc}; na bieżąco radny głosuje, nie głosuje albo "
                        "jest nieobecny.",
                        f"“No data” is entered only in a {words.english} entered afterwards; "
                        "live, a member votes, does not vote or is absent.")
    if member_id in vote.recused:
        raise Rejection("recused", f"{name} jest wyłączony(-a) z tego głosowania.",
                        f"{name} is recused from this vote.")


def _import_answer(state: Chamber, sitting: Sitting, command: cmd.ImportAnswer) -> Events:
    if not sitting.entered_afterwards:
        words = sitting_words(sitting.sitting_type)
        raise Rejection("import_live", f"Głosy importuje się tylko do {words.afterwards_gen}.",
                        f"Votes are imported only into a {words.english} entered afterwards.")
    return _record_answer(state, sitting, command)


def _same_answer(name: str, answer: Answer | None) -> Rejection:
    if answer is None:
        return Rejection("no_change", f"{name}: brak zapisanej odpowiedzi do cofnięcia.",
                         f"{name}: no recorded answer to take back.")
    return Rejection("no_change", f"Ta odpowiedź jest już zapisana: {name} — "
                     f"{ANSWER_PL[FinalAnswer(answer)]}.",
                     f"That answer is already recorded: {name} — {answer.value}.")


def _eligible_present(sitting: Sitting, vote: Vote) -> int:
    return sum(1 for m in sitting.roster if can_answer(sitting, vote, m.id))


def _record_totals(state: Chamber, sitting: Sitting, command: cmd.RecordTotals) -> Events:
    vote = _open_vote(sitting)
    if vote.mode.named:
        raise Rejection("named", "To głosowanie imienne; wpisz odpowiedzi radnych.",
                        "This is a named vote; record each member's answer.")
    cast, eligible = command.yes + command.no + command.abstain, _eligible_present(sitting, vote)
    if cast > eligible:
        raise Rejection("too_many", f"Oddano {plural(cast, 'głos', 'głosy', 'głosów')}, "
                        f"a uprawnionych obecnych jest {eligible}.",
                        f"{cast} votes cast but only {eligible} eligible members are present.")
    _check_ballots(command, cast, eligible)
    return (ev.TotalsRecorded(sitting_id=sitting.id, vote_id=vote.id, yes=command.yes,
                              no=command.no, abstain=command.abstain,
                              ballots_issued=command.ballots_issued, invalid=command.invalid),)


def _check_ballots(command: cmd.RecordTotals, cast: int, eligible: int) -> None:
    """Valid and invalid ballots come from members present (and from the cards handed out,
    where the committee counted them)."""
    returned = cast + command.invalid
    if returned > eligible:
        raise Rejection("too_many", f"Oddano {plural(returned, 'kartę', 'karty', 'kart')} "
                        f"(ważne i nieważne), a uprawnionych obecnych jest {eligible}.",
                        f"{returned} ballots returned (valid and invalid) but only {eligible} "
                        "eligible members are present.")
    issued = command.ballots_issued
    if issued is None:
        return
    if issued > eligible:
        raise Rejection("too_many", f"Wydano {plural(issued, 'kartę', 'karty', 'kart')}, "
                        f"a uprawnionych obecnych jest {eligible}.",
                        f"{issued} ballots issued but only {eligible} eligible members are present.")
    if returned > issued:
        raise Rejection("too_many", f"Oddano {plural(returned, 'kartę', 'karty', 'kart')}, "
                        f"a wydano {issued}.",
                        f"{returned} ballots returned but {issued} issued.")


def _named_answers(sitting: Sitting, vote: Vote) -> tuple[tuple[str, FinalAnswer], ...]:
    return tuple((m.id, provisional_answer(sitting, vote, m.id) or FinalAnswer.NOT_VOTING)
                 for m in sitting.roster)


def vote_result(sitting: Sitting, vote: Vote) -> ev.VoteResult:
    """The result the vote would have if it closed now.

    "Brak danych" (`unknown`, entered afterwards only) is no vote cast and neither present
    nor absent: it is counted on its own, the majority is reckoned from yes, no and abstain
    as always, and the quorum from the members known present (the source's own words on the
    quorum are kept beside it, as stated)."""
    tally = vote.tally()
    problem = quorum_problem(vote.present_at_open, sitting.present_count,
                             sitting.statutory_seats)
    decision = decide_outcome(vote.rule, tally, sitting.statutory_seats, problem, RULES_VERSION)
    if vote.mode.named:
        named = _named_answers(sitting, vote)
        finals = [answer for _member_id, answer in named]
        not_voting, absent = finals.count(FinalAnswer.NOT_VOTING), finals.count(FinalAnswer.ABSENT)
        unknown = finals.count(FinalAnswer.UNKNOWN)
    else:
        named = ()  # who voted is unknown; someone who voted and left counts as a vote
        not_voting = max(0, _eligible_present(sitting, vote) - tally.cast)
        absent = len(sitting.roster) - len(vote.recused) - tally.cast - not_voting
        unknown = 0
    return ev.VoteResult(
        outcome=decision.outcome, rule_kind=vote.rule.kind, yes=tally.yes, no=tally.no,
        abstain=tally.abstain, not_voting=not_voting, absent=absent,
        recused=len(vote.recused), needed=decision.needed,
        present_at_open=vote.present_at_open, present_at_close=sitting.present_count,
        quorum=problem is None, explanation_pl=decision.explanation_pl,
        explanation_en=decision.explanation_en, named=named, unknown=unknown,
    )


def _register_events(state: Chamber, sitting: Sitting, vote: Vote,
                     result: ev.VoteResult, given: str | None) -> Events:
    earlier = [r for r in state.register if r.vote_id == vote.revote_of and not r.voided_by]
    if vote.revote_of and earlier and result.outcome is not Outcome.ADOPTED:
        if given is not None:
            raise _not_numbered(sitting, vote, result, None)
        return (ev.ResolutionVoided(sitting_id=sitting.id, number=earlier[0].number,
                                    vote_id=vote.id),)
    item = sitting.items.get(vote.item_id) if vote.item_id else None
    # a committee adopts opinions, not the council's resolutions: no number in its register
    if (vote.kind is not VoteKind.RESOLUTION or result.outcome is not Outcome.ADOPTED
            or item is None or item.resolution is not None
            or sitting.sitting_type is SittingType.COMMITTEE):
        if given is not None:
            raise _not_numbered(sitting, vote, result, item)
        return ()
    if given is not None:
        return (ev.ResolutionRegistered(sitting_id=sitting.id, number=given, ordinal=0,
                                        vote_id=vote.id, item_id=vote.item_id,
                                        title=item.item.title, given=True),)
    ordinal = state.next_resolution
    pattern = state.council.resolution_pattern if state.council else "{sitting}/{number}/{year}"
    number = pattern.format(sitting=sitting.number, number=ordinal, year=sitting.date.year)
    return (ev.ResolutionRegistered(sitting_id=sitting.id, number=number, ordinal=ordinal,
                                    vote_id=vote.id, item_id=vote.item_id,
                                    title=item.item.title),)


def _not_numbered(sitting: Sitting, vote: Vote, result: ev.VoteResult,
                  item: Item | None) -> Rejection:
    """Why a number the council gave cannot go into the register with this vote."""
    if sitting.sitting_type is SittingType.COMMITTEE:
        why = ("komisja nie podejmuje uchwał rady", "a committee adopts no council resolution")
    elif vote.kind is not VoteKind.RESOLUTION:
        why = ("to nie jest głosowanie nad uchwałą", "this is not a vote on a resolution")
    elif result.outcome is not Outcome.ADOPTED:
        why = ("uchwały nie przyjęto", "the resolution was not adopted")
    elif item is None:
        why = ("głosowanie nie ma punktu porządku obrad", "the vote has no agenda item")
    else:
        why = (f"punkt ma już uchwałę nr {item.resolution}",
               f"the item already has resolution no. {item.resolution}")
    return Rejection("resolution_not_numbered", f"Numeru uchwały nie można nadać: {why[0]}.",
                     f"The resolution number cannot be given: {why[1]}.")


def _given_number(state: Chamber, number: str | None) -> str | None:
    if number is None:
        return None
    given = " ".join(number.split())
    if any(r.number == given for r in state.register):
        raise Rejection("resolution_number_used", f"Uchwała nr {given} jest już w rejestrze.",
                        f"Resolution no. {given} is already in the register.")
    return given


def _stated_quorum(sitting: Sitting, words: str) -> str:
    stated = " ".join(words.split())
    if stated and not sitting.entered_afterwards:
        kind = sitting_words(sitting.sitting_type)
        raise Rejection("quorum_stated_live", "Kworum „jak podano w źródle” wpisuje się tylko "
                        f"w {kind.afterwards_loc}; na bieżąco liczy je system.",
                        "A quorum “as the source states it” is entered only in a "
                        f"{kind.english} entered afterwards; live, it is counted.")
    return stated


def _check_confirmation(vote: Vote, confirmed: int | None) -> None:
    if confirmed is not None and confirmed != vote.revision:
        changes = vote.revision - confirmed
        raise Rejection("stale_confirmation",
                        f"Wynik zmienił się od chwili, gdy go pokazano (zmian: {changes}); "
                        "sprawdź wynik i zamknij głosowanie jeszcze raz.",
                        f"The result changed since it was shown ({changes} changes); "
                        "check it and close the vote again.")


def _change_applies(sitting: Sitting, vote: Vote, result: ev.VoteResult) -> bool:
    """An adopted agenda change is applied once: a re-vote that adopts what its earlier
    vote already adopted changes nothing more."""
    if vote.agenda_change is None or result.outcome is not Outcome.ADOPTED:
        return False
    earlier = sitting.votes.get(vote.revote_of) if vote.revote_of else None
    while earlier is not None:
        if earlier.result is not None and earlier.result.outcome is Outcome.ADOPTED:
            return False
        earlier = sitting.votes.get(earlier.revote_of) if earlier.revote_of else None
    return True


def _close_vote(state: Chamber, sitting: Sitting, command: cmd.CloseVote) -> Events:
    vote = _open_vote(sitting)
    _check_confirmation(vote, command.confirmed_revision)
    if not vote.mode.named and vote.totals is None:
        raise Rejection("no_totals", "Najpierw wpisz wyniki głosowania.",
                        "Record the vote's totals first.")
    result = vote_result(sitting, vote)
    closed = ev.VoteClosed(sitting_id=sitting.id, vote_id=vote.id, result=result,
                           rules_version=RULES_VERSION,
                           quorum_as_stated=_stated_quorum(sitting, command.quorum_as_stated))
    follow: Events = ()
    if _change_applies(sitting, vote, result):
        follow = _agenda_change_events(sitting, vote)
    given = _given_number(state, command.resolution_number)
    return (closed, *follow, *_register_events(state, sitting, vote, result, given))


def _cancel_vote(state: Chamber, sitting: Sitting, command: cmd.CancelVote) -> Events:
    vote = _open_vote(sitting)
    return (ev.VoteCancelled(sitting_id=sitting.id, vote_id=vote.id, reason=command.reason),)


# --- members' devices ------------------------------------------------------------------


def _set_voting_settings(state: Chamber, command: cmd.SetVotingSettings) -> Events:
    sitting = state.sitting
    if sitting is not None and sitting.is_open:
        _no_open_vote(sitting)
    if command.settings == state.voting:
        raise Rejection("no_change", "Te ustawienia głosowania już obowiązują.",
                        "These voting settings are already in force.")
    return (ev.VotingSettingsSet(settings=command.settings),)


def _set_overlay_tally(state: Chamber, command: cmd.SetOverlayTally) -> Events:
    """A display setting: changed at any time, a vote open or not."""
    if command.shown == state.overlay_tally:
        raise Rejection("no_change", "Nakładka już " + ("pokazuje" if command.shown else
                        "nie pokazuje") + " wyników na żywo.", "The overlay already " + (
                        "shows" if command.shown else "hides") + " the live tally.")
    return (ev.OverlayTallySet(shown=command.shown),)


def _council_member(state: Chamber, member_id: str) -> str:
    if state.council is None:
        raise Rejection("no_council", "Najpierw określ radę (skład i ustawowy skład).",
                        "Define the council first (members and statutory seats).")
    for member in state.council.members:
        if member.id == member_id:
            return member.name
    raise Rejection("member_unknown", f"Nie ma radnego {member_id} w składzie rady.",
                    f"No member {member_id} in the council.")


def _issue_device_code(state: Chamber, command: cmd.IssueDeviceCode) -> Events:
    _council_member(state, command.member)
    if state.device_salt is not None and command.salt != state.device_salt:
        raise Rejection("salt_mismatch", "Kod musi być skrócony solą tego dziennika.",
                        "The code must be hashed with this log's salt.")
    if command.code_hash in state.device_codes:
        raise Rejection("code_in_use", "Ten kod jest już wydany; wylosuj inny.",
                        "This code is already issued; draw another one.")
    return (ev.DeviceCodeIssued(member_id=command.member, code_hash=command.code_hash,
                                salt=command.salt),)


def _revoke_device_code(state: Chamber, command: cmd.RevokeDeviceCode) -> Events:
    name = _council_member(state, command.member)
    if command.member not in state.member_codes:
        raise Rejection("no_code", f"{name} nie ma ważnego kodu urządzenia.",
                        f"{name} has no valid device code.")
    return (ev.DeviceCodeRevoked(member_id=command.member),)


def _device_member(state: Chamber, sitting: Sitting, command: cmd.DeviceCommand) -> str:
    """The member's name, once the device's code is shown to be that member's valid code."""
    owner = state.device_codes.get(command.code_hash)
    if owner is None:
        raise Rejection("code_invalid", "Kod urządzenia jest nieważny (unieważniony albo "
                        "nigdy nie wydany).", "The device code is not valid (revoked or "
                        "never issued).")
    if owner != command.member:
        raise Rejection("other_member", "Kod tego urządzenia nie jest kodem tego radnego.",
                        "This device's code does not belong to that member.")
    return member_name(sitting, command.member)


def _electronic_vote(sitting: Sitting) -> Vote:
    vote = _open_vote(sitting)
    if vote.mode is VoteMode.SECRET:
        raise Rejection("secret_vote", "Głosowanie tajne odbywa się na kartach, nie na "
                        "urządzeniach.", "A secret vote is on ballot papers, not on devices.")
    if vote.mode is not VoteMode.ELECTRONIC:
        raise Rejection("not_electronic", "To głosowanie nie jest elektroniczne; odpowiedź "
                        "zapisuje sekretarz.", "This vote is not electronic; the secretary "
                        "records the answers.")
    return vote


def _device_answer(state: Chamber, sitting: Sitting, command: cmd.DeviceAnswer) -> Events:
    name = _device_member(state, sitting, command)
    vote = _electronic_vote(sitting)
    _may_answer(sitting, vote, command.member, name, (" i nie może głosować", " and cannot vote"))
    if vote.time_over(command.at):
        raise Rejection("voting_time_over", "Czas na głosowanie minął; odpowiedź może "
                        "zapisać sekretarz.", "The voting time is over; the secretary may "
                        "record the answer.")
    earlier = vote.answers.get(command.member)
    if earlier == command.answer:
        raise _same_answer(name, command.answer)
    if earlier is not None and not state.voting.answers_changeable:
        raise Rejection("answer_final", "Oddanego głosu nie można zmienić (zasady rady).",
                        "A cast vote cannot be changed (the council's rules).")
    return (ev.AnswerRecorded(sitting_id=sitting.id, vote_id=vote.id, member_id=command.member,
                              answer=command.answer, source=AnswerSource.DEVICE),)


def _device_check_in(state: Chamber, sitting: Sitting, command: cmd.DeviceCheckIn) -> Events:
    name = _device_member(state, sitting, command)
    if not state.voting.self_check_in:
        raise Rejection("self_check_in_off", "Rada nie pozwala zgłaszać obecności z "
                        "urządzenia; zgłoś się do sekretarza.", "The council does not allow "
                        "checking in from a device; ask the secretary.")
    if sitting.is_present(command.member):
        raise Rejection("no_change", f"{name} jest już obecny(-a).", f"{name} is already present.")
    return (ev.MemberCheckedIn(sitting_id=sitting.id, member_id=command.member,
                               source=AnswerSource.DEVICE),)


_CHAMBER_DECIDERS: dict[type, Callable[..., Events]] = {
    cmd.DefineCouncil: _define_council,
    cmd.OpenSitting: _open_sitting,
    cmd.ConveneSitting: _convene_sitting,
    cmd.SetVotingSettings: _set_voting_settings,
    cmd.SetOverlayTally: _set_overlay_tally,
    cmd.IssueDeviceCode: _issue_device_code,
    cmd.RevokeDeviceCode: _revoke_device_code,
}

_SITTING_DECIDERS: dict[type, Callable[..., Events]] = {
    cmd.CloseSitting: _close_sitting,
    cmd.SetCurrentItem: _set_current_item,
    cmd.ProposeAgendaChange: _propose_agenda_change,
    cmd.CheckIn: _check_in,
    cmd.CheckOut: _check_out,
    cmd.Excuse: _excuse,
    cmd.QueueSpeaker: _queue_speaker,
    cmd.RemoveSpeaker: _remove_speaker,
    cmd.MoveSpeaker: _move_speaker,
    cmd.StartSpeech: _start_speech,
    cmd.PauseSpeech: _pause_speech,
    cmd.ResumeSpeech: _resume_speech,
    cmd.StopSpeech: _stop_speech,
    cmd.OpenVote: _open_vote_command,
    cmd.RecordAnswer: _record_answer,
    cmd.ImportAnswer: _import_answer,
    cmd.RecordTotals: _record_totals,
    cmd.CloseVote: _close_vote,
    cmd.CancelVote: _cancel_vote,
    **LIFE_DECIDERS,
    cmd.DeviceAnswer: _device_answer,
    cmd.DeviceCheckIn: _device_check_in,
}
