"""Events: facts, appended durably before anyone is told, folded into the state."""

from datetime import date, datetime, time
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, TypeAdapter

from models.agenda import AgendaChange, AgendaItem
from models.commands import SpeechLimits
from models.council import Council, Frozen, Guest, Member
from models.devices import VotingSettings
from models.rules import MajorityRule
from models.terms import (
    Answer,
    AnswerSource,
    FinalAnswer,
    MajorityKind,
    Outcome,
    SittingType,
    SpeechKind,
    VoteKind,
    VoteMode,
)


class SittingEvent(Frozen):
    sitting_id: str
    # entered afterwards: when it happened (every output shows this time); the stored
    # event's own `at` is then the time it was entered. None: it happened as written.
    happened_at: datetime | None = None


class CouncilDefined(Frozen):
    type: Literal["council_defined"] = "council_defined"
    council: Council


class SittingOpened(SittingEvent):
    """Opens a sitting; its roster and statutory seats are fixed here for good."""

    type: Literal["sitting_opened"] = "sitting_opened"
    number: str
    sitting_type: SittingType
    date: date
    place: str
    chair: str | None
    council_name: str
    statutory_seats: int
    roster: tuple[Member, ...]
    agenda: tuple[AgendaItem, ...]  # in order, parents before their children
    speech_limits: SpeechLimits


class SittingConvened(SittingEvent):
    """A sitting prepared (zwołana): its roster, seats and proposed agenda are fixed here;
    it opens later with `sitting_started`."""

    type: Literal["sitting_convened"] = "sitting_convened"
    number: str
    sitting_type: SittingType
    date: date
    hour: time | None
    place: str
    chair: str | None
    council_name: str
    statutory_seats: int
    roster: tuple[Member, ...]
    agenda: tuple[AgendaItem, ...]  # in order, parents before their children
    speech_limits: SpeechLimits
    requested_by: str = ""


class SittingStarted(SittingEvent):
    """The chair opened a convened sitting."""

    type: Literal["sitting_started"] = "sitting_started"
    chair: str | None


class QuorumStated(SittingEvent):
    type: Literal["quorum_stated"] = "quorum_stated"
    present: int
    needed: int
    statutory_seats: int
    quorum: bool


class BreakStarted(SittingEvent):
    type: Literal["break_started"] = "break_started"
    reason: str = ""


class BreakEnded(SittingEvent):
    type: Literal["break_ended"] = "break_ended"


class SittingAdjourned(SittingEvent):
    """Interrupted, to continue on another day; everyone present is checked out."""

    type: Literal["sitting_adjourned"] = "sitting_adjourned"
    resume_on: date | None
    reason: str = ""


class SittingContinued(SittingEvent):
    """A new open period of the same sitting, on its own day; attendance starts anew."""

    type: Literal["sitting_continued"] = "sitting_continued"
    date: date


class ChairHandedOver(SittingEvent):
    type: Literal["chair_handed_over"] = "chair_handed_over"
    member_id: str


class RecusalDeclared(SittingEvent):
    """A recusal declared after the vote opened (the opening event's list stays as it was)."""

    type: Literal["recusal_declared"] = "recusal_declared"
    vote_id: str
    member_id: str
    reason: str = ""


class SittingClosed(SittingEvent):
    type: Literal["sitting_closed"] = "sitting_closed"


class CurrentItemSet(SittingEvent):
    type: Literal["current_item_set"] = "current_item_set"
    item_id: str | None


class AgendaItemAdded(SittingEvent):
    type: Literal["agenda_item_added"] = "agenda_item_added"
    item: AgendaItem
    position: int
    vote_id: str


class AgendaItemMoved(SittingEvent):
    type: Literal["agenda_item_moved"] = "agenda_item_moved"
    item_id: str
    parent_id: str | None
    position: int
    vote_id: str


class AgendaItemWithdrawn(SittingEvent):
    type: Literal["agenda_item_withdrawn"] = "agenda_item_withdrawn"
    item_id: str
    reason: str
    vote_id: str


class MemberCheckedIn(SittingEvent):
    type: Literal["member_checked_in"] = "member_checked_in"
    member_id: str
    source: AnswerSource = AnswerSource.CONSOLE  # `device`: the member checked in themselves


class MemberCheckedOut(SittingEvent):
    type: Literal["member_checked_out"] = "member_checked_out"
    member_id: str


class MemberExcused(SittingEvent):
    type: Literal["member_excused"] = "member_excused"
    member_id: str
    reason: str


class SpeakerQueued(SittingEvent):
    type: Literal["speaker_queued"] = "speaker_queued"
    entry_id: str
    item_id: str | None
    member_id: str | None
    guest: Guest | None
    kind: SpeechKind
    limit_s: int
    position: int  # in the waiting queue of its item


class SpeakerRemoved(SittingEvent):
    type: Literal["speaker_removed"] = "speaker_removed"
    entry_id: str


class SpeakerMoved(SittingEvent):
    type: Literal["speaker_moved"] = "speaker_moved"
    entry_id: str
    position: int


class SpeechStarted(SittingEvent):
    type: Literal["speech_started"] = "speech_started"
    entry_id: str


class SpeechPaused(SittingEvent):
    type: Literal["speech_paused"] = "speech_paused"
    entry_id: str


class SpeechResumed(SittingEvent):
    type: Literal["speech_resumed"] = "speech_resumed"
    entry_id: str


class SpeechEnded(SittingEvent):
    type: Literal["speech_ended"] = "speech_ended"
    entry_id: str


class VoteOpened(SittingEvent):
    type: Literal["vote_opened"] = "vote_opened"
    vote_id: str
    number: int  # ordinal within the sitting: 1, 2, 3 …
    item_id: str | None
    subject: str
    kind: VoteKind
    rule: MajorityRule
    mode: VoteMode
    recused: tuple[str, ...]
    present_at_open: int
    revote_of: str | None
    agenda_change: AgendaChange | None = None
    revote_reason: str = ""
    revote_motion: str | None = None
    amendments: tuple[str, ...] = ()  # a resolution vote: the amendment votes put before it
    # the council's voting time when the vote opened: devices' answers after
    # opening + this many seconds are refused (None: no limit)
    time_limit_s: int | None = None


class AnswerRecorded(SittingEvent):
    type: Literal["answer_recorded"] = "answer_recorded"
    vote_id: str
    member_id: str
    answer: Answer | None  # None: the answer was taken back
    # where the answer came from, set by the server from the connection; events written
    # before sources were recorded came from the console
    source: AnswerSource = AnswerSource.CONSOLE


class TotalsRecorded(SittingEvent):
    type: Literal["totals_recorded"] = "totals_recorded"
    vote_id: str
    yes: int
    no: int
    abstain: int
    ballots_issued: int | None = None
    invalid: int = 0


class VoteResult(Frozen):
    """The declared result: counts, the rule's verdict and, for named votes, every member."""

    outcome: Outcome
    rule_kind: MajorityKind
    yes: int
    no: int
    abstain: int
    not_voting: int
    absent: int
    recused: int
    needed: int
    present_at_open: int
    present_at_close: int
    quorum: bool
    explanation_pl: str
    explanation_en: str
    named: tuple[tuple[str, FinalAnswer], ...] = ()  # (member id, answer) in roster order
    unknown: int = 0  # "brak danych" (entered afterwards): neither present nor absent


class VoteClosed(SittingEvent):
    type: Literal["vote_closed"] = "vote_closed"
    vote_id: str
    result: VoteResult
    # The version of models.rules the result was computed with (events written before the
    # versions were recorded are version 1): the result is never recomputed, `verify` checks
    # it with the rules of its own version.
    rules_version: int = 1
    # entered afterwards: the quorum in the source's own words, stored and printed as stated
    quorum_as_stated: str = ""


class VoteCancelled(SittingEvent):
    type: Literal["vote_cancelled"] = "vote_cancelled"
    vote_id: str
    reason: str


class ResolutionRegistered(SittingEvent):
    type: Literal["resolution_registered"] = "resolution_registered"
    number: str  # e.g. "XL/312/2026"
    ordinal: int  # the running number in the register
    vote_id: str
    item_id: str | None
    title: str
    # the council gave the number itself ("XVII/345/25"): the register does not number it
    # (ordinal 0, its running number unchanged)
    given: bool = False


class ResolutionVoided(SittingEvent):
    """A re-vote rejected what an earlier vote adopted; the number stays in the register."""

    type: Literal["resolution_voided"] = "resolution_voided"
    number: str
    vote_id: str


class VotingSettingsSet(Frozen):
    type: Literal["voting_settings_set"] = "voting_settings_set"
    settings: VotingSettings


class OverlayTallySet(Frozen):
    """The council's choice whether the stream overlay shows an open vote's live tally."""

    type: Literal["overlay_tally_set"] = "overlay_tally_set"
    shown: bool


class DeviceCodeIssued(Frozen):
    """A member's device code, as its salted SHA-256 only (events reach every console)."""

    type: Literal["device_code_issued"] = "device_code_issued"
    member_id: str
    code_hash: str
    salt: str


class DeviceCodeRevoked(Frozen):
    type: Literal["device_code_revoked"] = "device_code_revoked"
    member_id: str


Event = Annotated[
    CouncilDefined | SittingOpened | SittingClosed | CurrentItemSet
    | SittingConvened | SittingStarted | QuorumStated | BreakStarted | BreakEnded
    | SittingAdjourned | SittingContinued | ChairHandedOver | RecusalDeclared
    | AgendaItemAdded | AgendaItemMoved | AgendaItemWithdrawn
    | MemberCheckedIn | MemberCheckedOut | MemberExcused
    | SpeakerQueued | SpeakerRemoved | SpeakerMoved
    | SpeechStarted | SpeechPaused | SpeechResumed | SpeechEnded
    | VoteOpened | AnswerRecorded | TotalsRecorded | VoteClosed | VoteCancelled
    | ResolutionRegistered | ResolutionVoided
    | VotingSettingsSet | DeviceCodeIssued | DeviceCodeRevoked | OverlayTallySet,
    Field(discriminator="type"),
]

EVENT_ADAPTER: TypeAdapter[Event] = TypeAdapter(Event, config=ConfigDict(defer_build=True))


class StoredEvent(Frozen):
    """An event as the log holds it: numbered, timed, signed by its actor, hash-chained."""

    seq: int = Field(ge=1)
    at: datetime
    actor: str
    event: Event
    prev_hash: str
    hash: str


_STORED_FIELDS = frozenset(StoredEvent.model_fields)
_new = object.__new__
_set_attribute = object.__setattr__


def stored_event(seq: object, at: object, actor: object, event: Event, prev_hash: object,
                 hash_: object) -> StoredEvent:
    """A `StoredEvent` of a log's row whose `event` was just validated (`EVENT_ADAPTER`):
    the other fields are checked here, as strictly as its validator would (an int seq from
    1, an ISO 8601 time, texts), and the model made without running the
    validator again over the event (what `model_construct` does, without its per-field
    loop): reading a long log spent more on this envelope than on the event itself.
    Raises ValueError naming the field that is wrong."""
    if type(seq) is not int or seq < 1:
        raise ValueError(f"seq: an integer from 1, not {seq!r}")
    if type(actor) is not str or type(prev_hash) is not str or type(hash_) is not str:
        name, text = next((name, text) for name, text in (
            ("actor", actor), ("prev_hash", prev_hash), ("hash", hash_)) if type(text) is not str)
        raise ValueError(f"{name}: a text, not {text!r}")
    if type(at) is not str:
        raise ValueError(f"at: an ISO 8601 time, not {at!r}")
    time_ = datetime.fromisoformat(at)  # raises ValueError naming the text
    made = _new(StoredEvent)
    _set_attribute(made, "__dict__", {"seq": seq, "at": time_, "actor": actor, "event": event,
                                      "prev_hash": prev_hash, "hash": hash_})
    _set_attribute(made, "__pydantic_fields_set__", set(_STORED_FIELDS))
    _set_attribute(made, "__pydantic_extra__", None)
    _set_attribute(made, "__pydantic_private__", None)
    return made
