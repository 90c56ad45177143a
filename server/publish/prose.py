"""The words that tell a vote's result, once for every format: the BIP page, the PDF and the
minutes each lay them out their own way (a bold line, a list, one paragraph)."""

from collections.abc import Mapping
from dataclasses import dataclass

from models.polish import plural
from models.rules import quorum_needed
from models.terms import FinalAnswer
from server.publish.labels import OUTCOME_PL, hhmm, hhmmss, local, long_date
from server.publish.record import SittingRecord, VoteRecord
from server.publish.typography import quotes, sentence

# The noun a count takes: votes cast are "głosy", the rest are people ("osoby").
_COUNTED = {
    FinalAnswer.YES: ("głos za", "głosy za", "głosów za"),
    FinalAnswer.NO: ("głos przeciw", "głosy przeciw", "głosów przeciw"),
    FinalAnswer.ABSTAIN: ("głos wstrzymujący się", "głosy wstrzymujące się",
                          "głosów wstrzymujących się"),
    FinalAnswer.NOT_VOTING: ("osoba nie głosowała", "osoby nie głosowały", "osób nie głosowało"),
    FinalAnswer.ABSENT: ("osoba nieobecna", "osoby nieobecne", "osób nieobecnych"),
    FinalAnswer.RECUSED: ("osoba wyłączona z głosowania", "osoby wyłączone z głosowania",
                          "osób wyłączonych z głosowania"),
    FinalAnswer.UNKNOWN: ("osoba — brak danych", "osoby — brak danych", "osób — brak danych"),
}
# counted only where there are any: recusals, and "brak danych" (entered afterwards)
_ONLY_IF_ANY = (FinalAnswer.RECUSED, FinalAnswer.UNKNOWN)
_CAST = (FinalAnswer.YES, FinalAnswer.NO, FinalAnswer.ABSTAIN)


def count_phrase(answer: FinalAnswer, count: int) -> str:
    """ "12 głosów za", "1 osoba nieobecna"."""
    return plural(count, *_COUNTED[answer])


@dataclass(frozen=True, slots=True)
class VoteProse:
    outcome: str  # "Wynik: przyjęto"
    votes: tuple[str, ...]  # the votes cast: "12 głosów za", "3 głosy przeciw", ...
    ballots: tuple[str, ...]  # a secret ballot's "1 głos nieważny", "22 karty wydane", if told
    people: tuple[str, ...]  # who cast none: "1 osoba nie głosowała", ...
    explanation: str  # the rule's one line, with its full stop
    revote: str  # "Reasumpcja głosowania nr 1." or ""
    resolution: str  # "Rada podjęła uchwałę nr XL/1/2026." or ""
    quorum: str  # "Kworum: jest — obecnych 26 z 28, wymagane 14"
    when: str  # "22 listopada 2026 r., otwarto 10:04:30, zamknięto 10:05:00"
    quorum_stated: str = ""  # entered afterwards: "Kworum według źródła: „…”" or ""

    @property
    def counts(self) -> str:
        """ "12 głosów za, 3 głosy przeciw, 1 głos wstrzymujący się; 1 osoba nie głosowała, ..."."""
        return f"{', '.join((*self.votes, *self.ballots))}; {', '.join(self.people)}"


def _people(counts: Mapping[FinalAnswer, int]) -> tuple[str, ...]:
    """Those present or absent without a vote; the recused and "brak danych" only when
    there are any."""
    return tuple(count_phrase(answer, count) for answer, count in counts.items()
                 if answer not in _CAST and (count or answer not in _ONLY_IF_ANY))


def _ballots(vote: VoteRecord) -> tuple[str, ...]:
    """What the counting committee told beyond the valid votes (secret ballots only)."""
    invalid, issued = vote.vote.invalid_ballots, vote.vote.ballots_issued
    return (*((plural(invalid, "głos nieważny", "głosy nieważne", "głosów nieważnych"),)
              if invalid else ()),
            *((plural(issued, "karta wydana", "karty wydane", "kart wydanych"),)
              if issued is not None else ()))


def quorum_line(record: SittingRecord, vote: VoteRecord) -> str:
    """The quorum as voting systems print it with each vote: present at the close of the
    statutory seats, and the presence at the opening when it differed."""
    result, seats = vote.result, record.sitting.statutory_seats
    at_open = (f" (przy otwarciu {result.present_at_open})"
               if result.present_at_open != result.present_at_close else "")
    line = (f"Kworum: {'jest' if result.quorum else 'brak'} — obecnych {result.present_at_close} "
            f"z {seats}{at_open}, wymagane {quorum_needed(seats)}")
    stated = stated_quorum(vote)
    return f"{line}; {stated[0].lower()}{stated[1:]}" if stated else line


def stated_quorum(vote: VoteRecord) -> str:
    """The quorum as the source of a sitting entered afterwards states it, word for word."""
    words = vote.vote.quorum_as_stated
    return f"Kworum według źródła: „{quotes(words)}”" if words else ""


def item_sentence(vote: VoteRecord) -> str:
    """ "Punkt 17a: Rozpatrzenie projektu uchwały. " (one full stop, whatever the title
    ends with), or nothing for a vote on no item."""
    return f"Punkt {vote.item_number}: {sentence(vote.item_title)} " if vote.item_number else ""


def when_line(vote: VoteRecord, afterwards: bool = False) -> str:
    """The vote's day and times. Entered afterwards, the times are the source's, to the
    minute (no seconds are invented), and one time when the source gives one per vote."""
    opened, closed = vote.vote.opened_at, vote.vote.closed_at
    day = long_date(local(opened).date())
    if afterwards:
        if closed is None or hhmm(closed) == hhmm(opened):
            return f"{day}, godz. {hhmm(opened)}"
        return f"{day}, otwarto {hhmm(opened)}, zamknięto {hhmm(closed)}"
    return (f"{day}, otwarto {hhmmss(opened)}"
            + (f", zamknięto {hhmmss(closed)}" if closed else ""))


def vote_prose(record: SittingRecord, vote: VoteRecord) -> VoteProse:
    result, counts = vote.result, vote.counts
    earlier = record.sitting.votes.get(vote.vote.revote_of) if vote.vote.revote_of else None
    return VoteProse(
        outcome=f"Wynik: {OUTCOME_PL[result.outcome]}",
        votes=tuple(count_phrase(answer, counts[answer]) for answer in _CAST),
        ballots=_ballots(vote),
        people=_people(counts),
        explanation=f"{result.explanation_pl}.",
        revote=f"Reasumpcja głosowania nr {earlier.number}." if earlier else "",
        resolution=(f"{record.words.body} podjęła uchwałę nr {vote.resolution}."
                    if vote.resolution else ""),
        quorum=quorum_line(record, vote),
        when=when_line(vote, record.afterwards),
        quorum_stated=stated_quorum(vote),
    )
