"""The state of the chamber: an immutable snapshot, replaced (never changed) by each event.

The reducer copies what it changes (with `evolve`) and never mutates a snapshot it was
given. Maps that grow with the sitting or the log (sittings, votes, answers, attendance,
speakers, items) are `PMap`s and history that only grows (items taken up, speakers taken
off the list) is kept in `Trail`s: each snapshot shares them with the one before it except
for the path to what changed, so an event costs the same however long the log is.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import TypeVar

from models.agenda import AddItem, AgendaItem, MoveItem, WithdrawItem
from models.chain import GENESIS
from models.commands import SpeechLimits
from models.council import Council, Guest, Member
from models.devices import VotingSettings
from models.events import VoteResult
from models.pmap import PMap
from models.rules import MajorityRule, Tally, has_quorum, quorum_needed
from models.terms import (
    Answer,
    AnswerSource,
    AttendanceStatus,
    SittingStatus,
    SittingType,
    SpeechKind,
    SpeechStatus,
    VoteKind,
    VoteMode,
)
from models.trail import Trail

T = TypeVar("T")
Day = date  # a name a class with a `date` field can use in its annotations
_new = object.__new__
_set_attribute = object.__setattr__


@cache
def _field_names(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in fields(cls))


def evolve(snapshot: T, **changes: object) -> T:
    """A copy of a frozen snapshot with some fields changed.

    What `dataclasses.replace` does, without re-running `__init__`: replay calls this about
    four times an event, and `replace` alone made a 10,000-event replay take a second.
    """
    cls: type = type(snapshot)
    fields_now = snapshot.__dict__
    merged = {**fields_now, **changes}
    if len(merged) != len(fields_now):  # a name that is not a field added an entry
        unknown = ", ".join(sorted(changes.keys() - _field_names(cls)))
        raise TypeError(f"{cls.__name__} has no field {unknown}")
    copy: T = _new(cls)
    _set_attribute(copy, "__dict__", merged)
    return copy


@dataclass(frozen=True)
class Presence:
    """One member's attendance: status now, and every stay from check-in to check-out."""

    status: AttendanceStatus = AttendanceStatus.ABSENT
    stays: tuple[tuple[datetime, datetime | None], ...] = ()
    excuse: str = ""
    checked_in_by: AnswerSource = AnswerSource.CONSOLE  # `device`: the member themselves


@dataclass(frozen=True)
class Item:
    item: AgendaItem
    withdrawn: bool = False
    withdraw_reason: str = ""
    resolution: str | None = None  # register number once a resolution is adopted


@dataclass(frozen=True)
class ItemVisit:
    """An agenda item taken up (made the current item) and, once the chair moved on, left:
    to another item, to none, by withdrawing it, or by closing the sitting."""

    item_id: str
    taken_up_at: datetime
    left_at: datetime | None = None


@dataclass(frozen=True)
class SpeakerEntry:
    id: str
    item_id: str | None
    member_id: str | None
    guest: Guest | None
    kind: SpeechKind
    limit_s: int
    status: SpeechStatus = SpeechStatus.WAITING
    running_since: datetime | None = None  # set while speaking
    elapsed_s: float = 0.0  # accumulated before running_since
    started_at: datetime | None = None
    ended_at: datetime | None = None

    @property
    def person_key(self) -> str:
        if self.member_id:
            return self.member_id
        assert self.guest is not None, "a speaker is a member or a guest"
        return f"guest:{self.guest.name}"


@dataclass(frozen=True)
class Period:
    """One day's open period of a sitting: the first, and one more for each continuation."""

    day: date
    started_at: datetime
    ended_at: datetime | None = None


@dataclass(frozen=True)
class Break:
    started_at: datetime
    ended_at: datetime | None = None
    reason: str = ""


@dataclass(frozen=True)
class QuorumStatement:
    at: datetime
    present: int
    needed: int
    quorum: bool


@dataclass(frozen=True)
class ChairTurn:
    """Who took the chair, and when (the convened chair first, when the sitting opens)."""

    at: datetime
    member_id: str


@dataclass(frozen=True)
class Vote:
    id: str
    number: int
    item_id: str | None
    subject: str
    kind: VoteKind
    rule: MajorityRule
    mode: VoteMode
    recused: frozenset[str]
    present_at_open: int
    revote_of: str | None
    agenda_change: AddItem | MoveItem | WithdrawItem | None
    opened_at: datetime
    answers: PMap[str, Answer] = field(default_factory=PMap)
    changes: int = 0  # answers changed or taken back before close (each kept in the log)
    totals: Tally | None = None  # secret and summary votes only
    ballots_issued: int | None = None  # a secret ballot's cards handed out, when counted
    invalid_ballots: int = 0  # present, counted as not voting
    closed_at: datetime | None = None
    result: VoteResult | None = None
    cancelled_reason: str | None = None
    recused_after_open: tuple[str, ...] = ()  # declared after the opening (in `recused` too)
    revision: int = 0  # one more for each answer, totals or recusal: what a close confirms
    revote_reason: str = ""
    revote_motion: str | None = None
    amendments: tuple[str, ...] = ()
    time_limit_s: int | None = None  # devices may answer until opened_at + this
    sources: PMap[str, AnswerSource] = field(default_factory=PMap)  # of each answer
    answered_at: PMap[str, datetime] = field(default_factory=PMap)  # each answer's time
    quorum_as_stated: str = ""  # entered afterwards: the source's words on the quorum

    @property
    def deadline(self) -> datetime | None:
        """When the voting time runs out (devices are refused after it), or None."""
        if self.time_limit_s is None:
            return None
        return self.opened_at + timedelta(seconds=self.time_limit_s)

    def time_over(self, at: datetime) -> bool:
        """The vote's voting time ran out at `at` (never, without a limit)."""
        return (self.time_limit_s is not None
                and (at - self.opened_at).total_seconds() > self.time_limit_s)

    @property
    def is_open(self) -> bool:
        return self.closed_at is None and self.cancelled_reason is None

    def tally(self) -> Tally:
        if not self.mode.named:
            return self.totals or Tally()
        values = list(self.answers.values())
        return Tally(values.count(Answer.YES), values.count(Answer.NO),
                     values.count(Answer.ABSTAIN))


@dataclass(frozen=True)
class Resolution:
    number: str
    ordinal: int
    sitting_id: str
    vote_id: str
    item_id: str | None
    title: str
    registered_at: datetime
    voided_by: str | None = None
    given: bool = False  # the council's own number, not the register's (ordinal 0)


@dataclass(frozen=True)
class Sitting:
    id: str
    number: str
    sitting_type: SittingType
    date: date
    place: str
    chair: str | None
    council_name: str
    statutory_seats: int
    roster: tuple[Member, ...]
    speech_limits: SpeechLimits
    opened_at: datetime
    closed_at: datetime | None = None
    items: PMap[str, Item] = field(default_factory=PMap)
    children: Mapping[str | None, tuple[str, ...]] = field(default_factory=dict)  # parent id -> ordered ids
    item_serial: int = 0
    current_item: str | None = None
    attendance: PMap[str, Presence] = field(default_factory=PMap)
    present_count: int = 0
    speakers: PMap[str, SpeakerEntry] = field(default_factory=PMap)
    speaker_serial: int = 0
    queue: tuple[str, ...] = ()  # waiting entries of every item, in speaking order
    speaking: str | None = None  # the entry speaking or paused
    speaking_totals: PMap[str, float] = field(default_factory=PMap)  # person key -> seconds
    removed_speakers: Trail[SpeakerEntry] = field(default_factory=Trail)  # off the list, as they were
    item_visits: Trail[ItemVisit] = field(default_factory=Trail)  # items taken up, in order
    votes: PMap[str, Vote] = field(default_factory=PMap)
    open_vote: str | None = None
    members_by_id: Mapping[str, Member] = field(default_factory=dict, repr=False)
    status: SittingStatus = SittingStatus.OPEN
    hour: time | None = None
    requested_by: str = ""
    chairing: str | None = None  # who chairs now (the chair, or whom it was handed to)
    chair_turns: tuple[ChairTurn, ...] = ()
    periods: tuple[Period, ...] = ()  # open periods, one per day the sitting sat
    breaks: tuple[Break, ...] = ()
    quorum_statements: tuple[QuorumStatement, ...] = ()
    proposed_items: int = 0  # items i1..iN are the agenda as proposed (convened or opened)
    # entered afterwards (models/afterwards.py): every event carries the time it happened;
    # the latest of those, and when the entry began and last went on (the log's own times)
    entered_afterwards: bool = False
    last_happened_at: datetime | None = None
    entered_from: datetime | None = None
    entered_until: datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def days(self) -> tuple[Day, ...]:
        """Every day the sitting sat (or, before it opened, the day it was convened for)."""
        return tuple(dict.fromkeys(p.day for p in self.periods)) or (self.date,)

    @property
    def on_break(self) -> Break | None:
        last = self.breaks[-1] if self.breaks else None
        return last if last is not None and last.ended_at is None else None

    @property
    def quorum_needed(self) -> int:
        return quorum_needed(self.statutory_seats)

    @property
    def has_quorum(self) -> bool:
        return has_quorum(self.present_count, self.statutory_seats)

    def is_present(self, member_id: str) -> bool:
        presence = self.attendance.get(member_id)
        return presence is not None and presence.status is AttendanceStatus.PRESENT

    def numbered_items(self) -> list[tuple[str, int, Item]]:
        """(number such as "5.1", depth, item) in agenda order; withdrawn items get "—".

        An item with a label the council gave ("6a") is numbered by it, never renumbered;
        the others by position, counting on from the last numeric label before them."""
        rows: list[tuple[str, int, Item]] = []

        def walk(parent: str | None, prefix: str, depth: int) -> None:
            counter = 0
            for item_id in self.children.get(parent, ()):
                item = self.items[item_id]
                if item.withdrawn:
                    rows.append(("—", depth, item))
                    walk(item_id, "—.", depth + 1)
                    continue
                label = item.item.label
                if label:
                    counter = int(label) if label.isdigit() else counter
                    rows.append((label, depth, item))
                    walk(item_id, f"{label}.", depth + 1)
                    continue
                counter += 1
                number = f"{prefix}{counter}"
                rows.append((number, depth, item))
                walk(item_id, f"{number}.", depth + 1)

        walk(None, "", 0)
        return rows

    def item_number(self, item_id: str) -> str:
        for number, _depth, item in self.numbered_items():
            if item.item.id == item_id:
                return number
        raise KeyError(item_id)

    def removed_speaker(self, entry_id: str) -> SpeakerEntry | None:
        """An entry taken off the speakers list, as it was then."""
        return self.removed_speakers.find(lambda entry: entry.id == entry_id)

    def waiting(self, item_id: str | None) -> list[SpeakerEntry]:
        return [self.speakers[e] for e in self.queue if self.speakers[e].item_id == item_id]


@dataclass(frozen=True)
class Chamber:
    """Everything the log says: the council, its sittings and the resolution register."""

    council: Council | None = None
    sittings: PMap[str, Sitting] = field(default_factory=PMap)
    current_sitting: str | None = None  # the most recently opened sitting
    register: tuple[Resolution, ...] = ()
    next_resolution: int = 1
    voting: VotingSettings = VotingSettings()
    overlay_tally: bool = True  # the stream overlay shows an open vote's live tally
    device_salt: str | None = None  # the salt of every device code's hash in this log
    device_codes: Mapping[str, str] = field(default_factory=dict)  # code hash -> member id
    member_codes: Mapping[str, str] = field(default_factory=dict)  # member id -> code hash
    last_seq: int = 0
    last_hash: str = GENESIS

    @property
    def sitting(self) -> Sitting | None:
        return self.sittings.get(self.current_sitting) if self.current_sitting else None
