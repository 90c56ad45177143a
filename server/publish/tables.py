"""The package's tables as header + rows of text: what the CSV files hold, cell for cell."""

from collections.abc import Iterator, Sequence
from datetime import datetime

from models.polish import ANSWER_PL
from models.terms import FinalAnswer
from server.publish.labels import ATTENDANCE_PL, MODE_PL, OUTCOME_PL, duration, hhmm, stamp
from server.publish.record import NamedAnswer, SittingRecord, VoteRecord

NAMED_HEADER = ("Sesja", "Data", "Głosowanie nr", "Punkt", "Temat", "Lp.", "Id radnego",
                "Radny", "Klub", "Głos", "Kod głosu", "Zapisał sekretarz")
RESULTS_HEADER = ("Głosowanie nr", "Punkt", "Temat", "Tryb", "Otwarto", "Zamknięto", "Za",
                  "Przeciw", "Wstrzymało się", "Nie głosowało", "Nieobecni", "Wyłączeni",
                  "Wymagane za", "Kworum", "Wynik", "Uzasadnienie", "Reasumpcja głosowania nr",
                  "Uchwała nr", "Brak danych", "Kworum według źródła", "Wprowadzono po fakcie",
                  "Większość")
ATTENDANCE_HEADER = ("Lp.", "Id radnego", "Radny", "Klub", "Status", "Obecność (od-do)",
                     "Usprawiedliwienie")
SPEAKERS_HEADER = ("Lp.", "Punkt", "Temat punktu", "Mówca", "Funkcja / klub", "Rodzaj",
                   "Początek", "Czas")
REGISTER_HEADER = ("Nr uchwały", "W sprawie", "Głosowanie nr", "Uwagi")


def named_header(record: SittingRecord) -> tuple[str, ...]:
    """NAMED_HEADER with the sitting's own word first: "Sesja", or "Posiedzenie" for a committee."""
    return (record.words.column, *NAMED_HEADER[1:])


# A named row is vote_fields + member_fields + answer_fields (NAMED_HEADER's columns).


def vote_fields(record: SittingRecord, vote: VoteRecord) -> tuple[str, ...]:
    sitting = record.sitting
    return (sitting.number, sitting.date.isoformat(), str(vote.vote.number), vote.item_number,
            vote.vote.subject)


def member_fields(row: NamedAnswer) -> tuple[str, ...]:
    return (str(row.ordinal), row.member.id, row.member.name, row.member.club)


def answer_fields(answer: FinalAnswer, by_secretary: bool | None = None) -> tuple[str, ...]:
    """The answer, its code, and "tak" where the secretary recorded an electronic vote's
    answer for a member whose device failed."""
    return (ANSWER_PL[answer], answer.value, "tak" if by_secretary else "")


def result_row(record: SittingRecord, vote: VoteRecord) -> tuple[str, ...]:
    r, v = vote.result, vote.vote
    earlier = record.sitting.votes.get(v.revote_of) if v.revote_of else None
    return (str(v.number), vote.item_number, v.subject, MODE_PL[v.mode], stamp(v.opened_at),
            stamp(v.closed_at), str(r.yes), str(r.no), str(r.abstain), str(r.not_voting),
            str(r.absent), str(r.recused), str(r.needed), "tak" if r.quorum else "nie",
            OUTCOME_PL[r.outcome], r.explanation_pl, str(earlier.number) if earlier else "",
            vote.resolution or "", str(r.unknown), v.quorum_as_stated,
            "tak" if record.afterwards else "nie", v.rule.label())


def stays_text(stays: Sequence[tuple[datetime, datetime | None]],
               closed_at: datetime | None) -> str:
    """ "10:02-11:40, 12:05-13:10"; a stay still open at the close ends at the close."""
    return ", ".join(f"{hhmm(came)}-{hhmm(left or closed_at)}" for came, left in stays)


def attendance_rows(record: SittingRecord) -> Iterator[tuple[str, ...]]:
    for ordinal, member, presence in record.attendance:
        yield (str(ordinal), member.id, member.name, member.club, ATTENDANCE_PL[presence.status],
               stays_text(presence.stays, record.sitting.closed_at), presence.excuse)


def speaker_rows(record: SittingRecord) -> Iterator[tuple[str, ...]]:
    for ordinal, speech in enumerate(record.speeches, start=1):
        yield (str(ordinal), speech.item_number, speech.item_title, speech.name, speech.role,
               speech.kind_pl, hhmm(speech.started_at), duration(speech.seconds))


def register_rows(record: SittingRecord) -> Iterator[tuple[str, ...]]:
    votes = record.sitting.votes
    for resolution in record.register:
        revote = votes.get(resolution.voided_by) if resolution.voided_by else None
        note = f"uchylona w reasumpcji (głosowanie {revote.number})" \
            if revote else ("uchylona" if resolution.voided_by else "")
        yield (resolution.number, resolution.title, str(votes[resolution.vote_id].number), note)
