"""Commands: requests from a console, a script or a remote client, one JSON object each.

Every command has a `type`. Sitting commands may name their `sitting`; without it they
address the sitting that is open. Member references are member ids.
"""

import json
from datetime import date, datetime, time
from typing import Annotated, Literal, get_args

from pydantic import AwareDatetime, ConfigDict, Field, TypeAdapter, ValidationError

from models.agenda import AgendaChange, ItemSpec
from models.council import Council, Frozen, Guest
from models.devices import VotingSettings
from models.rules import MajorityRule
from models.terms import Answer, SittingType, SpeechKind, VoteKind, VoteMode

MemberRef = Annotated[str, Field(min_length=1, max_length=40)]
Reason = Annotated[str, Field(max_length=500)]
# A resolution's number as the council gave it ("XVII/345/25"), instead of the register's own.
ResolutionNumber = Annotated[str, Field(min_length=1, max_length=40,
                                        pattern=r"^[0-9A-Za-z][0-9A-Za-z./ -]*$")]
# When a command of a sitting entered afterwards happened (with its zone offset); see
# models/afterwards.py. Live sittings take no such time: their events are timed as written.
Happened = AwareDatetime | None


class SittingCommand(Frozen):
    sitting: str | None = None
    happened_at: Happened = None


class DefineCouncil(Frozen):
    type: Literal["define_council"] = "define_council"
    council: Council


class SpeechLimits(Frozen):
    """Speaking time limits in seconds per kind of speech (0 = no limit)."""

    normal: int = Field(default=300, ge=0, le=36_000)
    reply: int = Field(default=60, ge=0, le=36_000)
    point_of_order: int = Field(default=60, ge=0, le=36_000)
    guest: int = Field(default=600, ge=0, le=36_000)


class OpenSitting(Frozen):
    type: Literal["open_sitting"] = "open_sitting"
    happened_at: Happened = None  # given: the sitting is entered afterwards
    number: Annotated[str, Field(min_length=1, max_length=12)]  # Roman, e.g. "XL"
    sitting_type: SittingType = SittingType.ORDINARY
    date: date
    place: Annotated[str, Field(max_length=200)] = ""
    chair: MemberRef | None = None
    agenda: tuple[ItemSpec, ...] = ()
    speech_limits: SpeechLimits = SpeechLimits()


class ConveneSitting(Frozen):
    """Prepares a sitting (zwołanie): it exists, with its proposed agenda, but is not open."""

    type: Literal["convene_sitting"] = "convene_sitting"
    happened_at: Happened = None  # given: the sitting is entered afterwards
    number: Annotated[str, Field(min_length=1, max_length=12)]
    sitting_type: SittingType = SittingType.ORDINARY
    date: date
    hour: time | None = None
    place: Annotated[str, Field(max_length=200)] = ""
    chair: MemberRef | None = None
    agenda: tuple[ItemSpec, ...] = ()
    speech_limits: SpeechLimits = SpeechLimits()
    # for an extraordinary sitting: who asked for it (art. 20 ust. 3 u.s.g. and equivalents)
    requested_by: Annotated[str, Field(max_length=300)] = ""


class StartSitting(SittingCommand):
    """The chair opens a convened sitting; quorum is stated with it."""

    type: Literal["start_sitting"] = "start_sitting"


class StateQuorum(SittingCommand):
    """The chair states the quorum (after attendance is taken, e.g. on a continued day)."""

    type: Literal["state_quorum"] = "state_quorum"


class StartBreak(SittingCommand):
    type: Literal["start_break"] = "start_break"
    reason: Reason = ""


class EndBreak(SittingCommand):
    type: Literal["end_break"] = "end_break"


class AdjournSitting(SittingCommand):
    """Interrupts the sitting to be continued on another day (a second open period)."""

    type: Literal["adjourn_sitting"] = "adjourn_sitting"
    resume_on: date | None = None
    reason: Reason = ""


class ContinueSitting(SittingCommand):
    """Resumes an adjourned sitting on its new day; attendance is taken again."""

    type: Literal["continue_sitting"] = "continue_sitting"
    date: date


class HandOverChair(SittingCommand):
    """The chair hands the sitting over to another member (a vice-chair) or takes it back."""

    type: Literal["hand_over_chair"] = "hand_over_chair"
    member: MemberRef


class DeclareRecusal(SittingCommand):
    """A member declares a recusal from the open vote, before answering in it."""

    type: Literal["declare_recusal"] = "declare_recusal"
    member: MemberRef
    reason: Reason = ""


class CloseSitting(SittingCommand):
    type: Literal["close_sitting"] = "close_sitting"


class SetCurrentItem(SittingCommand):
    type: Literal["set_current_item"] = "set_current_item"
    item: str | None


class ProposeAgendaChange(SittingCommand):
    """Opens the vote the law requires (absolute majority of statutory seats)."""

    type: Literal["propose_agenda_change"] = "propose_agenda_change"
    change: AgendaChange
    mode: VoteMode = VoteMode.ROLL_CALL


class CheckIn(SittingCommand):
    type: Literal["check_in"] = "check_in"
    member: MemberRef


class CheckOut(SittingCommand):
    type: Literal["check_out"] = "check_out"
    member: MemberRef


class Excuse(SittingCommand):
    type: Literal["excuse"] = "excuse"
    member: MemberRef
    reason: Reason = ""


class QueueSpeaker(SittingCommand):
    """Adds a member or a guest to the speakers of an item (default: the current one)."""

    type: Literal["queue_speaker"] = "queue_speaker"
    member: MemberRef | None = None
    guest: Guest | None = None
    kind: SpeechKind = SpeechKind.NORMAL
    item: str | None = None
    limit_s: int | None = Field(default=None, ge=0, le=36_000)


class RemoveSpeaker(SittingCommand):
    type: Literal["remove_speaker"] = "remove_speaker"
    entry: str


class MoveSpeaker(SittingCommand):
    type: Literal["move_speaker"] = "move_speaker"
    entry: str
    position: int = Field(ge=0)


class StartSpeech(SittingCommand):
    """Starts the given entry, or the first waiting one on the current item."""

    type: Literal["start_speech"] = "start_speech"
    entry: str | None = None


class PauseSpeech(SittingCommand):
    type: Literal["pause_speech"] = "pause_speech"


class ResumeSpeech(SittingCommand):
    type: Literal["resume_speech"] = "resume_speech"


class StopSpeech(SittingCommand):
    type: Literal["stop_speech"] = "stop_speech"


class OpenVote(SittingCommand):
    type: Literal["open_vote"] = "open_vote"
    subject: Annotated[str, Field(min_length=1, max_length=1000)]
    item: str | None = None  # default: the current item, if any
    kind: VoteKind = VoteKind.OTHER
    rule: MajorityRule = MajorityRule()
    mode: VoteMode = VoteMode.ROLL_CALL
    recused: tuple[MemberRef, ...] = ()
    revote_of: str | None = None
    revote_reason: Reason = ""  # a re-vote's (reasumpcja) grounds
    revote_motion: MemberRef | None = None  # on whose motion; None: the chair's


class RecordAnswer(SittingCommand):
    """Records (or with answer null, clears) one member's answer in the open named vote."""

    type: Literal["record_answer"] = "record_answer"
    member: MemberRef
    answer: Answer | None


class ImportAnswer(SittingCommand):
    """One member's answer brought over by `sesja import` into a sitting entered afterwards
    (its source is `import`); made by the importer, never taken from a client."""

    type: Literal["import_answer"] = "import_answer"
    member: MemberRef
    answer: Answer


class RecordTotals(SittingCommand):
    """Totals of a secret or summary vote, as the counting committee reports them."""

    type: Literal["record_totals"] = "record_totals"
    yes: int = Field(ge=0)
    no: int = Field(ge=0)
    abstain: int = Field(ge=0)
    # the ballots handed out, where the committee counts them (a secret ballot's protocol)
    ballots_issued: int | None = Field(default=None, ge=0)
    # invalid ballots: their voters were present and are counted as not voting
    invalid: int = Field(default=0, ge=0)


class CloseVote(SittingCommand):
    """Closes the open vote. `confirmed_revision` is the vote's revision as the chair saw
    its result; if the vote changed since, the close is refused (the result shown is stale)."""

    type: Literal["close_vote"] = "close_vote"
    confirmed_revision: int | None = Field(default=None, ge=0)
    # the council's own number for the adopted resolution; the register then gives none
    resolution_number: ResolutionNumber | None = None
    # entered afterwards: the quorum in the source's own words ("Kworum zostało osiągnięte")
    quorum_as_stated: Annotated[str, Field(max_length=200)] = ""


class CancelVote(SittingCommand):
    type: Literal["cancel_vote"] = "cancel_vote"
    reason: Annotated[str, Field(min_length=1, max_length=500)]


CodeHash = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
Salt = Annotated[str, Field(min_length=16, max_length=64, pattern=r"^[\w-]+$")]


class SetVotingSettings(Frozen):
    """The council's rules for voting on devices (answers changeable, self check-in, time)."""

    type: Literal["set_voting_settings"] = "set_voting_settings"
    settings: VotingSettings


class SetOverlayTally(Frozen):
    """Whether the stream overlay shows an open vote's live tally (else only the result)."""

    type: Literal["set_overlay_tally"] = "set_overlay_tally"
    shown: bool


class IssueDeviceCode(Frozen):
    """Gives a member a (new) device code; the server makes the code and sends only its hash
    with the log's salt. A member's earlier code stops working."""

    type: Literal["issue_device_code"] = "issue_device_code"
    member: MemberRef
    code_hash: CodeHash
    salt: Salt


class RevokeDeviceCode(Frozen):
    """A lost or stolen device: the member's code stops working."""

    type: Literal["revoke_device_code"] = "revoke_device_code"
    member: MemberRef


class DeviceCommand(SittingCommand):
    """Built by the server for a member's device connection, never taken from a client:
    `code_hash` is the hash of the code the device said hello with, `at` the server's clock."""

    code_hash: CodeHash
    member: MemberRef
    at: datetime


class DeviceAnswer(DeviceCommand):
    """A member's answer from their own device in the open electronic vote."""

    type: Literal["device_answer"] = "device_answer"
    answer: Answer


class DeviceCheckIn(DeviceCommand):
    """A member checks in from their device, where the council allows it."""

    type: Literal["device_check_in"] = "device_check_in"


# Commands only the server makes (from a device's connection): a console may not send them.
SERVER_ONLY = frozenset({"device_answer", "device_check_in", "import_answer"})


Command = Annotated[
    DefineCouncil | OpenSitting | CloseSitting | SetCurrentItem | ProposeAgendaChange
    | ConveneSitting | StartSitting | StateQuorum | StartBreak | EndBreak | AdjournSitting
    | ContinueSitting | HandOverChair | DeclareRecusal
    | CheckIn | CheckOut | Excuse
    | QueueSpeaker | RemoveSpeaker | MoveSpeaker | StartSpeech | PauseSpeech | ResumeSpeech
    | StopSpeech
    | OpenVote | RecordAnswer | ImportAnswer | RecordTotals | CloseVote | CancelVote
    | SetVotingSettings | IssueDeviceCode | RevokeDeviceCode | DeviceAnswer | DeviceCheckIn
    | SetOverlayTally,
    Field(discriminator="type"),
]

COMMAND_ADAPTER: TypeAdapter[Command] = TypeAdapter(Command, config=ConfigDict(defer_build=True))


# each command's model by its `type`, the union's tag
_MODELS: dict[str, type[Frozen]] = {
    model.model_fields["type"].default: model for model in get_args(get_args(Command)[0])}


def parse_command(data: object) -> Command:
    """Validates a decoded JSON object as a command (raises pydantic.ValidationError).

    An object whose `type` names a command is validated by that command's model, as the
    union would (it picks the model by that tag), but building that model's validator
    alone: a script's first command does not wait for the union's 36. Whatever it refuses,
    and anything else, goes to the union, so the error is the union's, word for word."""
    tag = data.get("type") if isinstance(data, dict) else None
    model = _MODELS.get(tag) if isinstance(tag, str) else None
    if model is not None:
        try:
            return model.model_validate(data)  # type: ignore[return-value]
        except ValidationError:
            pass
    return COMMAND_ADAPTER.validate_python(data)


def command_json(command: Command) -> str:
    """A command as one compact JSON line, leaving out fields at their defaults."""
    data = {"type": command.type, **COMMAND_ADAPTER.dump_python(
        command, mode="json", exclude_defaults=True)}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
