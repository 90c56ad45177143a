"""What a package publishes about one sitting, derived from the state and the log."""

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

from models.council import Member
from models.events import StoredEvent, VoteClosed, VoteOpened, VoteResult
from models.state import Chamber, Presence, Resolution, Sitting, Vote
from models.terms import AnswerSource, CouncilKind, FinalAnswer, VoteMode
from models.vocabulary import SittingWords, sitting_words
from server.bilingual import BilingualError
from server.publish.labels import SPEECH_PL, hhmm, local, long_date, stamp
from server.publish.typography import quotes


class ExportError(BilingualError):
    """The package cannot be made; the message says why (in Polish too where the console
    shows it). Nothing was written."""


@dataclass(frozen=True, slots=True)
class NamedAnswer:
    ordinal: int  # Lp.: the member's place in the sitting's roster
    member: Member
    answer: FinalAnswer
    # an electronic vote's answer recorded from the console (True) or the member's device
    # (False); None where it does not apply (other modes, no answer)
    by_secretary: bool | None = None


@dataclass(frozen=True, slots=True)
class VoteRecord:
    """A closed vote: its result and, for a named vote, every roster member once."""

    vote: Vote
    result: VoteResult
    item_number: str  # "" when the vote belongs to no agenda item
    item_title: str
    resolution: str | None
    rows: tuple[NamedAnswer, ...]
    opened_by: str  # the actor of the vote's opening event, as the log signs it
    closed_by: str

    @property
    def named(self) -> bool:
        return self.vote.mode.named

    @property
    def counts(self) -> dict[FinalAnswer, int]:
        r = self.result
        return {FinalAnswer.YES: r.yes, FinalAnswer.NO: r.no, FinalAnswer.ABSTAIN: r.abstain,
                FinalAnswer.NOT_VOTING: r.not_voting, FinalAnswer.ABSENT: r.absent,
                FinalAnswer.RECUSED: r.recused, FinalAnswer.UNKNOWN: r.unknown}


@dataclass(frozen=True, slots=True)
class Speech:
    name: str
    role: str  # the club of a member, or the role of a guest
    item_number: str
    item_title: str
    kind_pl: str
    started_at: datetime
    seconds: float


@dataclass(frozen=True, slots=True)
class Marker:
    """A moment for the video chapters: an item taken up or a vote opened."""

    at: datetime
    title: str


@dataclass(frozen=True, slots=True)
class SittingRecord:
    sitting: Sitting
    votes: tuple[VoteRecord, ...]
    open_votes: tuple[Vote, ...]
    cancelled_votes: tuple[Vote, ...]
    attendance: tuple[tuple[int, Member, Presence], ...]
    speeches: tuple[Speech, ...]
    register: tuple[Resolution, ...]
    markers: tuple[Marker, ...]
    last_event: StoredEvent
    recorded_by: tuple[tuple[str, int], ...]  # (actor, events of this sitting), first first
    council_kind: CouncilKind = CouncilKind.GMINA  # names the right act's articles

    @property
    def complete(self) -> bool:
        return not self.sitting.is_open

    @property
    def ended_at(self) -> datetime:
        return self.sitting.closed_at or self.last_event.at

    @property
    def words(self) -> SittingWords:
        """ "sesja" for the council, "posiedzenie komisji" for a committee, and the like."""
        return sitting_words(self.sitting.sitting_type)

    @property
    def summary(self) -> str:
        """Place, statutory seats and hours in one sentence; for a sitting entered
        afterwards, that it was (every format that names the sitting prints this)."""
        sitting = self.sitting
        hours = f"Obrady od {hhmm(sitting.opened_at)}" + (
            f" do {hhmm(sitting.closed_at)}." if sitting.closed_at else " (w toku).")
        place = f"{sitting.place}. " if sitting.place else ""
        note = f" {self.afterwards_note}" if self.afterwards else ""
        return f"{place}Ustawowy skład {self.words.of_body}: {sitting.statutory_seats}. {hours}{note}"

    @property
    def afterwards(self) -> bool:
        """The sitting was entered afterwards: its times are when things happened."""
        return self.sitting.entered_afterwards

    @property
    def afterwards_note(self) -> str:
        """ "Sesję wprowadzono do systemu po fakcie, 6 grudnia 2026 r. …"; "" for a sitting
        recorded as it happened. Every export says it where it names the sitting."""
        if not self.afterwards:
            return ""
        return (f"{self.words.accusative.capitalize()} wprowadzono do systemu po fakcie "
                f"({_entry_days(self.sitting)}), z dokumentów lub z innego systemu; podane "
                "godziny to czas obrad, nie czas wprowadzenia.")

    @property
    def afterwards_note_en(self) -> str:
        if not self.afterwards:
            return ""
        return (f"This {self.words.english} was entered into the system afterwards "
                f"({_entry_days(self.sitting, 'en')}), from documents or another system; the "
                "times given are when it happened, not when it was entered.")

    @property
    def partial_note(self) -> str:
        if self.complete:
            return ""
        note = (f"{self.words.noun.capitalize()} w toku: stan na {stamp(self.last_event.at)} "
                f"(zdarzenie {self.last_event.seq}).")
        if self.open_votes:
            note += " Trwa głosowanie nr " + ", ".join(str(v.number) for v in self.open_votes) + "."
        return note


def _entry_days(sitting: Sitting, lang: str = "pl") -> str:
    """The day (or days) a sitting entered afterwards was entered, in local time."""
    start, end = sitting.entered_from, sitting.entered_until
    assert start is not None and end is not None, "a sitting entered afterwards has entry times"
    first, last = local(start).date(), local(end).date()
    if lang != "pl":
        return first.isoformat() if first == last else f"{first.isoformat()} to {last.isoformat()}"
    return long_date(first) if first == last else f"od {long_date(first)} do {long_date(last)}"


def package_name(sitting: Sitting) -> str:
    """The folder a sitting is published to, e.g. "sesja-XV-2025-05-29" ("posiedzenie-3-…"
    for a committee)."""
    return f"{sitting_words(sitting.sitting_type).folder}-{sitting.number}-{sitting.date.isoformat()}"


def _numbers(sitting: Sitting) -> dict[str, tuple[str, str]]:
    return {item.item.id: (number, item.item.title) for number, _d, item in sitting.numbered_items()}


def _sitting_events(sitting: Sitting, events: Sequence[StoredEvent]) -> list[StoredEvent]:
    return [e for e in events if getattr(e.event, "sitting_id", None) == sitting.id]


def _vote_actors(events: Sequence[StoredEvent]) -> dict[tuple[str, str], str]:
    """Who opened and who closed each vote: ("opened" | "closed", vote id) -> actor."""
    actors = {}
    for stored in events:
        if isinstance(stored.event, VoteOpened):
            actors["opened", stored.event.vote_id] = stored.actor
        elif isinstance(stored.event, VoteClosed):
            actors["closed", stored.event.vote_id] = stored.actor
    return actors


def _vote_record(sitting: Sitting, vote: Vote, numbers: dict[str, tuple[str, str]],
                 resolutions: dict[str, str], actors: dict[tuple[str, str], str]) -> VoteRecord:
    result = vote.result
    assert result is not None
    answers = dict(result.named)
    rows = tuple(NamedAnswer(i, m, answers[m.id], _by_secretary(vote, m.id))
                 for i, m in enumerate(sitting.roster, start=1) if m.id in answers)
    number, title = numbers.get(vote.item_id, ("", "")) if vote.item_id else ("", "")
    return VoteRecord(vote, result, number, title, resolutions.get(vote.id), rows,
                      actors.get(("opened", vote.id), ""), actors.get(("closed", vote.id), ""))


def _by_secretary(vote: Vote, member_id: str) -> bool | None:
    """Whether the member's answer in an electronic vote came from the console rather than
    their device; None for other modes (a roll-call's answers all come from the console)
    and for members with no answer."""
    if vote.mode is not VoteMode.ELECTRONIC or member_id not in vote.answers:
        return None
    return vote.sources.get(member_id) is AnswerSource.CONSOLE


def _speeches(sitting: Sitting, numbers: dict[str, tuple[str, str]], now: datetime) -> tuple[Speech, ...]:
    speeches = []
    for entry in sitting.speakers.values():
        if entry.started_at is None:
            continue
        seconds = entry.elapsed_s
        if entry.running_since is not None:
            seconds += (now - entry.running_since).total_seconds()
        if entry.member_id is not None:
            member = sitting.members_by_id[entry.member_id]
            name, role = member.name, member.club
        else:
            assert entry.guest is not None, "a speaker is a member or a guest"
            name, role = entry.guest.name, entry.guest.role
        number, title = numbers.get(entry.item_id, ("", "")) if entry.item_id else ("", "")
        speeches.append(Speech(name, role, number, title, SPEECH_PL[entry.kind],
                               entry.started_at, seconds))
    return tuple(sorted(speeches, key=lambda s: s.started_at))


def _markers(sitting: Sitting, numbers: dict[str, tuple[str, str]]) -> tuple[Marker, ...]:
    words = sitting_words(sitting.sitting_type)
    markers = [Marker(sitting.opened_at, f"Otwarcie {words.named(sitting.number, 'genitive')}")]
    for visit in sitting.item_visits:
        number, title = numbers.get(visit.item_id, ("", ""))
        markers.append(Marker(visit.taken_up_at, f"{number}. {title}" if number != "—" else title))
    for vote in sitting.votes.values():
        markers.append(Marker(vote.opened_at, f"Głosowanie nr {vote.number}: {quotes(vote.subject)}"))
    if sitting.closed_at is not None:
        markers.append(Marker(sitting.closed_at, f"Zamknięcie {words.genitive}"))
    return tuple(sorted(markers, key=lambda m: m.at))


def sitting_record(state: Chamber, events: Sequence[StoredEvent], sitting_id: str | None,
                   vote_ids: Collection[str] | None = None) -> SittingRecord:
    """The record of one sitting (default: the most recent), with its closed votes (or only
    those of `vote_ids`); raises ExportError."""
    chosen = sitting_id or state.current_sitting
    if chosen is None:  # an empty log, or a council defined and nothing convened
        raise ExportError("the log holds no sitting yet; nothing to export",
                          "w dzienniku nie ma jeszcze żadnego posiedzenia; nie ma czego "
                          "eksportować")
    if not events or events[-1].seq != state.last_seq or events[-1].hash != state.last_hash:
        raise ExportError("the events given do not end where the state does; "
                          "export from one log read",
                          "podane zdarzenia nie kończą się tam, gdzie stan; eksportuj z "
                          "jednego odczytu dziennika")
    sitting = state.sittings.get(chosen)
    if sitting is None:
        known = ", ".join(f"{s.id} ({s.number}, {s.date})" for s in state.sittings.values())
        raise ExportError(f"no sitting {chosen!r} in the log; known: {known}",
                          f"w dzienniku nie ma posiedzenia „{chosen}”; są: {known}")
    numbers = _numbers(sitting)
    register = tuple(r for r in state.register if r.sitting_id == sitting.id)
    resolutions = {r.vote_id: r.number for r in register}
    votes = sorted(sitting.votes.values(), key=lambda v: v.number)
    own = _sitting_events(sitting, events)
    actors = _vote_actors(own)
    return SittingRecord(
        sitting=sitting,
        votes=tuple(_vote_record(sitting, v, numbers, resolutions, actors) for v in votes
                    if v.result is not None and (vote_ids is None or v.id in vote_ids)),
        open_votes=tuple(v for v in votes if v.is_open),
        cancelled_votes=tuple(v for v in votes if v.cancelled_reason is not None),
        attendance=tuple((i, m, sitting.attendance[m.id])
                         for i, m in enumerate(sitting.roster, start=1)),
        speeches=_speeches(sitting, numbers, events[-1].at),
        register=register,
        markers=_markers(sitting, numbers),
        last_event=events[-1],
        recorded_by=tuple(Counter(e.actor for e in own).items()),
        council_kind=state.council.kind if state.council else CouncilKind.GMINA,
    )
