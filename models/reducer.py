"""The reducer: `apply(state, stored_event) -> state`, pure and deterministic.

It trusts the event (validation happened in `models.decide` before it was written) and
returns a new `Chamber`, copying only what the event changes.
"""

from collections.abc import Callable, Iterable
from datetime import datetime
from functools import reduce
from typing import TypeVar, cast

from models import events as ev
from models.collector import collector_paused
from models.pmap import PMap
from models.rules import Tally
from models.state import (
    Break,
    ChairTurn,
    Chamber,
    Item,
    ItemVisit,
    Period,
    Presence,
    QuorumStatement,
    Resolution,
    Sitting,
    SpeakerEntry,
    Vote,
    evolve,
)
from models.terms import Answer, AnswerSource, AttendanceStatus, SittingStatus, SpeechStatus
from models.trail import Trail

T = TypeVar("T")


def apply(state: Chamber, stored: ev.StoredEvent) -> Chamber:
    """Folds one event in; every time the state keeps is the time the event happened (for a
    sitting entered afterwards, the one it carries; otherwise the time it was written)."""
    event = stored.event
    happened = getattr(event, "happened_at", None)
    at = happened or stored.at
    change = _SITTING_CHANGES.get(type(event))
    if change is not None:  # most events: one sitting changes, the chamber is copied once
        sitting_id = cast(ev.SittingEvent, event).sitting_id  # the table holds sitting events only
        sitting = change(state.sittings[sitting_id], event, at)
        if happened is not None:
            sitting = _entered_afterwards(sitting, happened, stored.at)
        return evolve(state, sittings=state.sittings.set(sitting.id, sitting),
                      last_seq=stored.seq, last_hash=stored.hash)
    state = _CHAMBER_CHANGES[type(event)](state, event, at)
    if happened is not None:
        sitting_id = cast(ev.SittingEvent, event).sitting_id
        state = _with_sitting(state, _entered_afterwards(state.sittings[sitting_id], happened,
                                                         stored.at))
    return evolve(state, last_seq=stored.seq, last_hash=stored.hash)


def _entered_afterwards(sitting: Sitting, happened: datetime, entered: datetime) -> Sitting:
    return evolve(sitting, entered_afterwards=True, last_happened_at=happened,
                  entered_from=sitting.entered_from or entered, entered_until=entered)


def fold(events: Iterable[ev.StoredEvent], state: Chamber | None = None) -> Chamber:
    """The state after `events`: what `apply` gives event by event (`fold_each`), without
    making the states between them (a log is folded whole when it is opened)."""
    with collector_paused():
        batch = _Batch(state or Chamber())
        add = batch.add
        for stored in events:
            add(stored)
        return batch.state()


def fold_each(events: Iterable[ev.StoredEvent], state: Chamber | None = None) -> Chamber:
    """`apply` to each event in turn: the definition `fold` must agree with."""
    with collector_paused():
        return reduce(apply, events, state or Chamber())


_ANSWER = ev.AnswerRecorded


class _Batch:
    """Folds events one after another, publishing no state until `state()` is asked for.

    `apply` makes a new chamber for each event, and for an answer a new vote, sitting and
    chamber: three snapshots and five map changes, most of them seen by nobody when a log
    is opened. Here the sitting the events change is held aside (newer than the chamber's
    copy of it) until an event of another sitting or of the chamber comes, and a vote's
    answers are gathered until another event comes, then set in one go. Each kept object
    is new, made here, never one a caller holds: the fold stays pure.
    """

    __slots__ = ("_answers", "_changes", "_chamber", "_earlier", "_hash", "_revisions",
                 "_seq", "_sitting", "_sources", "_times", "_vote")

    def __init__(self, state: Chamber) -> None:
        self._chamber = state
        self._sitting: Sitting | None = None  # newer than the chamber's copy of it
        self._vote: Vote | None = None  # the vote the gathered answers go to
        # the gathered answers, each map in the order the members first answered
        self._answers: dict[str, Answer] = {}
        self._sources: dict[str, AnswerSource] = {}
        self._times: dict[str, datetime] = {}
        self._changes = 0  # of the gathered answers, those that changed an earlier one
        self._earlier = False  # the vote had answers before these were gathered
        self._revisions = 0  # answers gathered
        self._seq, self._hash = state.last_seq, state.last_hash

    def add(self, stored: ev.StoredEvent) -> None:
        event = stored.event
        happened = getattr(event, "happened_at", None)
        at = happened or stored.at
        if type(event) is _ANSWER and event.answer is not None:
            vote = self._vote
            if (vote is None or vote.id != event.vote_id
                    or cast(Sitting, self._sitting).id != event.sitting_id):
                vote = self._gathering(event)
            member = event.member_id
            self._changes += member in self._answers or (self._earlier and member in vote.answers)
            self._answers[member] = event.answer
            self._sources[member] = event.source
            self._times[member] = at
            self._revisions += 1
        else:
            change = _SITTING_CHANGES.get(type(event))
            if change is None:  # the chamber changes: it gets what is held first
                self._chamber = apply(self._published(), stored)
                self._seq, self._hash = stored.seq, stored.hash
                return
            self._held(cast(ev.SittingEvent, event).sitting_id)
            self._set_answers()
            self._sitting = change(self._sitting, event, at)
        if happened is not None:
            self._sitting = _entered_afterwards(cast(Sitting, self._sitting), happened,
                                                stored.at)
        self._seq, self._hash = stored.seq, stored.hash

    def _gathering(self, answer: ev.AnswerRecorded) -> Vote:
        """The vote `answer` goes to, its answers gathered from now on."""
        self._held(answer.sitting_id)
        self._set_answers()
        self._vote = cast(Sitting, self._sitting).votes[answer.vote_id]
        self._earlier = bool(self._vote.answers)
        return self._vote

    def _held(self, sitting_id: str) -> Sitting:
        """The sitting `sitting_id`, held aside from now on (another one held is put back)."""
        if self._sitting is not None and self._sitting.id == sitting_id:
            return self._sitting
        self._chamber = self._published()
        self._sitting = self._chamber.sittings[sitting_id]
        return self._sitting

    def _set_answers(self) -> None:
        """The gathered answers set in their vote, in the order they first came."""
        vote, self._vote = self._vote, None
        if vote is None or not self._answers:
            return
        vote = evolve(vote, answers=_updated(vote.answers, self._answers),
                      sources=_updated(vote.sources, self._sources),
                      answered_at=_updated(vote.answered_at, self._times),
                      changes=vote.changes + self._changes,
                      revision=vote.revision + self._revisions)
        self._sitting = _with_vote(cast(Sitting, self._sitting), vote)
        self._answers, self._sources, self._times = {}, {}, {}
        self._changes = self._revisions = 0

    def _published(self) -> Chamber:
        """The chamber with what is held put back in it, the held sitting let go."""
        self._set_answers()
        sitting, self._sitting = self._sitting, None
        chamber = self._chamber
        if sitting is not None:
            chamber = evolve(chamber, sittings=chamber.sittings.set(sitting.id, sitting))
        if (chamber.last_seq, chamber.last_hash) != (self._seq, self._hash):
            chamber = evolve(chamber, last_seq=self._seq, last_hash=self._hash)
        return chamber

    def state(self) -> Chamber:
        self._chamber = self._published()
        return self._chamber


def _updated(entries: PMap[str, T], gathered: dict[str, T]) -> PMap[str, T]:
    """`entries` with the gathered ones set; built at once when it had none (a vote's
    answers, gathered from its opening to its close)."""
    if not entries:
        return PMap.built(list(gathered.items()))
    return entries.update(gathered.items())


def applied_events() -> frozenset[type]:
    """Every event type `apply` has a branch for."""
    return frozenset(_CHAMBER_CHANGES) | frozenset(_SITTING_CHANGES)


def _with_sitting(state: Chamber, sitting: Sitting) -> Chamber:
    return evolve(state, sittings=state.sittings.set(sitting.id, sitting))


def _council_defined(state: Chamber, event: ev.CouncilDefined, at: datetime) -> Chamber:
    return evolve(state, council=event.council,
                   next_resolution=max(state.next_resolution,
                                       event.council.next_resolution_number))


def _new_sitting(event: ev.SittingOpened | ev.SittingConvened, at: datetime) -> Sitting:
    children: dict[str | None, tuple[str, ...]] = {}
    for agenda_item in event.agenda:
        siblings = children.get(agenda_item.parent_id, ())
        children[agenda_item.parent_id] = (*siblings, agenda_item.id)
    return Sitting(
        id=event.sitting_id, number=event.number, sitting_type=event.sitting_type,
        date=event.date, place=event.place, chair=event.chair,
        council_name=event.council_name, statutory_seats=event.statutory_seats,
        roster=event.roster, speech_limits=event.speech_limits, opened_at=at,
        items=PMap((i.id, Item(i)) for i in event.agenda), children=children,
        item_serial=len(event.agenda), proposed_items=len(event.agenda),
        attendance=PMap((m.id, Presence()) for m in event.roster),
        members_by_id={m.id: m for m in event.roster}, chairing=event.chair,
    )


def _chair_turns(sitting: Sitting, member_id: str | None, at: datetime) -> tuple[ChairTurn, ...]:
    if member_id is None:
        return sitting.chair_turns
    return (*sitting.chair_turns, ChairTurn(at, member_id))


def _sitting_opened(state: Chamber, event: ev.SittingOpened, at: datetime) -> Chamber:
    sitting = _new_sitting(event, at)
    sitting = evolve(sitting, periods=(Period(event.date, at),),
                     chair_turns=_chair_turns(sitting, event.chair, at))
    return evolve(_with_sitting(state, sitting), current_sitting=sitting.id)


def _sitting_convened(state: Chamber, event: ev.SittingConvened, at: datetime) -> Chamber:
    sitting = evolve(_new_sitting(event, at), status=SittingStatus.PREPARED, hour=event.hour,
                     requested_by=event.requested_by)
    return evolve(_with_sitting(state, sitting), current_sitting=sitting.id)


def _sitting_started(sitting: Sitting, event: ev.SittingStarted, at: datetime) -> Sitting:
    return evolve(sitting, status=SittingStatus.OPEN, opened_at=at, chairing=event.chair,
                  periods=(Period(sitting.date, at),),
                  chair_turns=_chair_turns(sitting, event.chair, at))


def _period_ended(sitting: Sitting, at: datetime) -> tuple[Period, ...]:
    if not sitting.periods or sitting.periods[-1].ended_at is not None:
        return sitting.periods
    return (*sitting.periods[:-1], evolve(sitting.periods[-1], ended_at=at))


def _break_ended_at(sitting: Sitting, at: datetime) -> tuple[Break, ...]:
    if sitting.on_break is None:
        return sitting.breaks
    return (*sitting.breaks[:-1], evolve(sitting.breaks[-1], ended_at=at))


def _sitting_closed(sitting: Sitting, event: ev.SittingClosed, at: datetime) -> Sitting:
    return evolve(sitting, closed_at=at, item_visits=_item_left(sitting, at),
                  status=SittingStatus.CLOSED, periods=_period_ended(sitting, at),
                  breaks=_break_ended_at(sitting, at))


def _quorum_stated(sitting: Sitting, event: ev.QuorumStated, at: datetime) -> Sitting:
    statement = QuorumStatement(at, event.present, event.needed, event.quorum)
    return evolve(sitting, quorum_statements=(*sitting.quorum_statements, statement))


def _break_started(sitting: Sitting, event: ev.BreakStarted, at: datetime) -> Sitting:
    return evolve(sitting, status=SittingStatus.BREAK,
                  breaks=(*sitting.breaks, Break(at, None, event.reason)))


def _break_ended(sitting: Sitting, event: ev.BreakEnded, at: datetime) -> Sitting:
    return evolve(sitting, status=SittingStatus.OPEN, breaks=_break_ended_at(sitting, at))


def _sitting_adjourned(sitting: Sitting, event: ev.SittingAdjourned, at: datetime) -> Sitting:
    attendance: dict[str, Presence] = {}  # every member's, once a day: built whole
    for member_id, presence in sitting.attendance.items():
        stays = presence.stays
        if stays and stays[-1][1] is None:
            stays = (*stays[:-1], (stays[-1][0], at))
        attendance[member_id] = Presence(AttendanceStatus.ABSENT, stays)
    return evolve(sitting, status=SittingStatus.ADJOURNED, attendance=PMap(attendance),
                  present_count=0, periods=_period_ended(sitting, at),
                  breaks=_break_ended_at(sitting, at), item_visits=_item_left(sitting, at),
                  current_item=None)


def _sitting_continued(sitting: Sitting, event: ev.SittingContinued, at: datetime) -> Sitting:
    return evolve(sitting, status=SittingStatus.OPEN,
                  periods=(*sitting.periods, Period(event.date, at)))


def _chair_handed_over(sitting: Sitting, event: ev.ChairHandedOver, at: datetime) -> Sitting:
    return evolve(sitting, chairing=event.member_id,
                  chair_turns=_chair_turns(sitting, event.member_id, at))


def _recusal_declared(sitting: Sitting, event: ev.RecusalDeclared, at: datetime) -> Sitting:
    vote = sitting.votes[event.vote_id]
    return _with_vote(sitting, evolve(
        vote, recused=vote.recused | {event.member_id}, revision=vote.revision + 1,
        recused_after_open=(*vote.recused_after_open, event.member_id)))


def _item_left(sitting: Sitting, at: datetime) -> Trail[ItemVisit]:
    """The visits with the current item's (if any) ended at `at`."""
    visit = sitting.item_visits.last
    if visit is None or visit.left_at is not None:
        return sitting.item_visits
    return sitting.item_visits.replace_last(evolve(visit, left_at=at))


def _current_item_set(sitting: Sitting, event: ev.CurrentItemSet, at: datetime) -> Sitting:
    visits = _item_left(sitting, at)
    if event.item_id is not None:
        visits = visits.push(ItemVisit(event.item_id, at))
    return evolve(sitting, current_item=event.item_id, item_visits=visits)


def _insert(ids: tuple[str, ...], value: str, position: int) -> tuple[str, ...]:
    return (*ids[:position], value, *ids[position:])


def _item_added(sitting: Sitting, event: ev.AgendaItemAdded, at: datetime) -> Sitting:
    parent = event.item.parent_id
    siblings = _insert(sitting.children.get(parent, ()), event.item.id, event.position)
    return evolve(sitting, items=sitting.items.set(event.item.id, Item(event.item)),
                   children={**sitting.children, parent: siblings},
                   item_serial=sitting.item_serial + 1)


def _item_moved(sitting: Sitting, event: ev.AgendaItemMoved, at: datetime) -> Sitting:
    item = sitting.items[event.item_id]
    old_parent = item.item.parent_id
    children = dict(sitting.children)
    children[old_parent] = tuple(i for i in children.get(old_parent, ()) if i != event.item_id)
    children[event.parent_id] = _insert(children.get(event.parent_id, ()), event.item_id,
                                        event.position)
    moved = evolve(item, item=item.item.model_copy(update={"parent_id": event.parent_id}))
    return evolve(sitting, items=sitting.items.set(event.item_id, moved), children=children)


def _item_withdrawn(sitting: Sitting, event: ev.AgendaItemWithdrawn, at: datetime) -> Sitting:
    item = evolve(sitting.items[event.item_id], withdrawn=True, withdraw_reason=event.reason)
    items = sitting.items.set(event.item_id, item)
    if sitting.current_item != event.item_id:
        return evolve(sitting, items=items)
    return evolve(sitting, items=items, current_item=None,
                  item_visits=_item_left(sitting, at))


def _set_presence(sitting: Sitting, member_id: str, presence: Presence) -> Sitting:
    was = sitting.attendance[member_id].status is AttendanceStatus.PRESENT
    now = presence.status is AttendanceStatus.PRESENT
    return evolve(sitting, attendance=sitting.attendance.set(member_id, presence),
                   present_count=sitting.present_count + (now - was))


def _checked_in(sitting: Sitting, event: ev.MemberCheckedIn, at: datetime) -> Sitting:
    old = sitting.attendance[event.member_id]
    return _set_presence(sitting, event.member_id,
                         Presence(AttendanceStatus.PRESENT, (*old.stays, (at, None)),
                                  checked_in_by=event.source))


def _checked_out(sitting: Sitting, event: ev.MemberCheckedOut, at: datetime) -> Sitting:
    old = sitting.attendance[event.member_id]
    (came, _), earlier = old.stays[-1], old.stays[:-1]
    return _set_presence(sitting, event.member_id,
                         Presence(AttendanceStatus.LEFT, (*earlier, (came, at))))


def _excused(sitting: Sitting, event: ev.MemberExcused, at: datetime) -> Sitting:
    old = sitting.attendance[event.member_id]
    return _set_presence(sitting, event.member_id,
                         Presence(AttendanceStatus.EXCUSED, old.stays, event.reason))


def _with_entry(sitting: Sitting, entry: SpeakerEntry, **changes: object) -> Sitting:
    return evolve(sitting, speakers=sitting.speakers.set(entry.id, entry), **changes)


def _speaker_queued(sitting: Sitting, event: ev.SpeakerQueued, at: datetime) -> Sitting:
    entry = SpeakerEntry(event.entry_id, event.item_id, event.member_id, event.guest,
                         event.kind, event.limit_s)
    waiting = [e.id for e in sitting.waiting(event.item_id)]
    anchor = waiting[event.position] if event.position < len(waiting) else None
    index = sitting.queue.index(anchor) if anchor else len(sitting.queue)
    return _with_entry(sitting, entry, queue=_insert(sitting.queue, entry.id, index),
                       speaker_serial=sitting.speaker_serial + 1)


def _speaker_removed(sitting: Sitting, event: ev.SpeakerRemoved, at: datetime) -> Sitting:
    return evolve(sitting, speakers=sitting.speakers.delete(event.entry_id),
                   queue=tuple(e for e in sitting.queue if e != event.entry_id),
                   removed_speakers=sitting.removed_speakers.push(sitting.speakers[event.entry_id]))


def _speaker_moved(sitting: Sitting, event: ev.SpeakerMoved, at: datetime) -> Sitting:
    item_id = sitting.speakers[event.entry_id].item_id
    rest = tuple(e for e in sitting.queue if e != event.entry_id)
    waiting = [e for e in rest if sitting.speakers[e].item_id == item_id]
    anchor = waiting[event.position] if event.position < len(waiting) else None
    if anchor is not None:
        index = rest.index(anchor)
    elif waiting:
        index = rest.index(waiting[-1]) + 1
    else:
        index = len(rest)
    return evolve(sitting, queue=_insert(rest, event.entry_id, index))


def _speech_started(sitting: Sitting, event: ev.SpeechStarted, at: datetime) -> Sitting:
    entry = evolve(sitting.speakers[event.entry_id], status=SpeechStatus.SPEAKING,
                    running_since=at, started_at=at)
    return _with_entry(sitting, entry, speaking=entry.id,
                       queue=tuple(e for e in sitting.queue if e != entry.id))


def _stop_clock(sitting: Sitting, entry: SpeakerEntry, at: datetime,
                status: SpeechStatus) -> Sitting:
    ran = (at - entry.running_since).total_seconds() if entry.running_since else 0.0
    key = entry.person_key
    totals = sitting.speaking_totals.set(key, sitting.speaking_totals.get(key, 0.0) + ran)
    done = status is SpeechStatus.DONE
    stopped = evolve(entry, status=status, running_since=None,
                      elapsed_s=entry.elapsed_s + ran, ended_at=at if done else None)
    return _with_entry(sitting, stopped, speaking_totals=totals,
                       speaking=None if done else sitting.speaking)


def _speech_paused(sitting: Sitting, event: ev.SpeechPaused, at: datetime) -> Sitting:
    return _stop_clock(sitting, sitting.speakers[event.entry_id], at, SpeechStatus.PAUSED)


def _speech_resumed(sitting: Sitting, event: ev.SpeechResumed, at: datetime) -> Sitting:
    entry = evolve(sitting.speakers[event.entry_id], status=SpeechStatus.SPEAKING,
                    running_since=at)
    return _with_entry(sitting, entry)


def _speech_ended(sitting: Sitting, event: ev.SpeechEnded, at: datetime) -> Sitting:
    return _stop_clock(sitting, sitting.speakers[event.entry_id], at, SpeechStatus.DONE)


def _with_vote(sitting: Sitting, vote: Vote, **changes: object) -> Sitting:
    return evolve(sitting, votes=sitting.votes.set(vote.id, vote), **changes)


def _vote_opened(sitting: Sitting, event: ev.VoteOpened, at: datetime) -> Sitting:
    vote = Vote(
        id=event.vote_id, number=event.number, item_id=event.item_id, subject=event.subject,
        kind=event.kind, rule=event.rule, mode=event.mode, recused=frozenset(event.recused),
        present_at_open=event.present_at_open, revote_of=event.revote_of,
        agenda_change=event.agenda_change, opened_at=at, revote_reason=event.revote_reason,
        revote_motion=event.revote_motion, amendments=event.amendments,
        time_limit_s=event.time_limit_s,
    )
    return _with_vote(sitting, vote, open_vote=vote.id)


def _without(entries: PMap[str, T], key: str) -> PMap[str, T]:
    return entries.delete(key) if key in entries else entries


def _answer_recorded(sitting: Sitting, event: ev.AnswerRecorded, at: datetime) -> Sitting:
    vote = sitting.votes[event.vote_id]
    member = event.member_id
    changed = member in vote.answers
    if event.answer is not None:
        answers = vote.answers.set(member, event.answer)
        sources = vote.sources.set(member, event.source)
        times = vote.answered_at.set(member, at)
    else:  # taken back
        answers, sources, times = (_without(vote.answers, member),
                                   _without(vote.sources, member),
                                   _without(vote.answered_at, member))
    return _with_vote(sitting, evolve(vote, answers=answers, sources=sources, answered_at=times,
                                      changes=vote.changes + changed,
                                      revision=vote.revision + 1))


def _totals_recorded(sitting: Sitting, event: ev.TotalsRecorded, at: datetime) -> Sitting:
    vote = sitting.votes[event.vote_id]
    changed = vote.totals is not None
    totals = Tally(event.yes, event.no, event.abstain)
    return _with_vote(sitting, evolve(vote, totals=totals, changes=vote.changes + changed,
                                      ballots_issued=event.ballots_issued,
                                      invalid_ballots=event.invalid,
                                      revision=vote.revision + 1))


def _vote_closed(sitting: Sitting, event: ev.VoteClosed, at: datetime) -> Sitting:
    vote = evolve(sitting.votes[event.vote_id], closed_at=at, result=event.result,
                  quorum_as_stated=event.quorum_as_stated)
    return _with_vote(sitting, vote, open_vote=None)


def _vote_cancelled(sitting: Sitting, event: ev.VoteCancelled, at: datetime) -> Sitting:
    vote = evolve(sitting.votes[event.vote_id], cancelled_reason=event.reason)
    return _with_vote(sitting, vote, open_vote=None)


def _resolution_registered(state: Chamber, event: ev.ResolutionRegistered,
                           at: datetime) -> Chamber:
    entry = Resolution(event.number, event.ordinal, event.sitting_id, event.vote_id,
                       event.item_id, event.title, at, given=event.given)
    state = evolve(state, register=(*state.register, entry),
                    next_resolution=state.next_resolution if event.given else event.ordinal + 1)
    sitting = state.sittings[event.sitting_id]
    if event.item_id is None:
        return state
    item = evolve(sitting.items[event.item_id], resolution=event.number)
    return _with_sitting(state, evolve(sitting, items=sitting.items.set(event.item_id, item)))


def _resolution_voided(state: Chamber, event: ev.ResolutionVoided, at: datetime) -> Chamber:
    register = tuple(
        evolve(r, voided_by=event.vote_id) if r.number == event.number else r
        for r in state.register
    )
    return evolve(state, register=register)


def _voting_settings_set(state: Chamber, event: ev.VotingSettingsSet, at: datetime) -> Chamber:
    return evolve(state, voting=event.settings)


def _overlay_tally_set(state: Chamber, event: ev.OverlayTallySet, at: datetime) -> Chamber:
    return evolve(state, overlay_tally=event.shown)


def _without_code(state: Chamber, member_id: str) -> tuple[dict[str, str], dict[str, str]]:
    """The code tables with the member's code (if any) taken out."""
    codes, members = dict(state.device_codes), dict(state.member_codes)
    old = members.pop(member_id, None)
    if old is not None:
        codes.pop(old, None)
    return codes, members


def _device_code_issued(state: Chamber, event: ev.DeviceCodeIssued, at: datetime) -> Chamber:
    codes, members = _without_code(state, event.member_id)
    codes[event.code_hash] = event.member_id
    members[event.member_id] = event.code_hash
    return evolve(state, device_codes=codes, member_codes=members,
                  device_salt=state.device_salt or event.salt)


def _device_code_revoked(state: Chamber, event: ev.DeviceCodeRevoked, at: datetime) -> Chamber:
    codes, members = _without_code(state, event.member_id)
    return evolve(state, device_codes=codes, member_codes=members)


_CHAMBER_CHANGES: dict[type, Callable[..., Chamber]] = {
    ev.CouncilDefined: _council_defined,
    ev.SittingOpened: _sitting_opened,
    ev.SittingConvened: _sitting_convened,
    ev.ResolutionRegistered: _resolution_registered,
    ev.ResolutionVoided: _resolution_voided,
    ev.VotingSettingsSet: _voting_settings_set,
    ev.OverlayTallySet: _overlay_tally_set,
    ev.DeviceCodeIssued: _device_code_issued,
    ev.DeviceCodeRevoked: _device_code_revoked,
}

_SITTING_CHANGES: dict[type, Callable[..., Sitting]] = {
    ev.SittingClosed: _sitting_closed,
    ev.SittingStarted: _sitting_started,
    ev.QuorumStated: _quorum_stated,
    ev.BreakStarted: _break_started,
    ev.BreakEnded: _break_ended,
    ev.SittingAdjourned: _sitting_adjourned,
    ev.SittingContinued: _sitting_continued,
    ev.ChairHandedOver: _chair_handed_over,
    ev.RecusalDeclared: _recusal_declared,
    ev.CurrentItemSet: _current_item_set,
    ev.AgendaItemAdded: _item_added,
    ev.AgendaItemMoved: _item_moved,
    ev.AgendaItemWithdrawn: _item_withdrawn,
    ev.MemberCheckedIn: _checked_in,
    ev.MemberCheckedOut: _checked_out,
    ev.MemberExcused: _excused,
    ev.SpeakerQueued: _speaker_queued,
    ev.SpeakerRemoved: _speaker_removed,
    ev.SpeakerMoved: _speaker_moved,
    ev.SpeechStarted: _speech_started,
    ev.SpeechPaused: _speech_paused,
    ev.SpeechResumed: _speech_resumed,
    ev.SpeechEnded: _speech_ended,
    ev.VoteOpened: _vote_opened,
    ev.AnswerRecorded: _answer_recorded,
    ev.TotalsRecorded: _totals_recorded,
    ev.VoteClosed: _vote_closed,
    ev.VoteCancelled: _vote_cancelled,
}
