"""Quorum and majority rules, each outcome explained in one line a chair can read out.

A member whose answer is "brak danych" (`unknown`: a sitting entered afterwards, from a
source that does not say why a cell is empty) casts no vote and is counted neither present
nor absent: the tally holds yes, no and abstain only, so every rule below is reckoned from
the votes the source records, and a vote's quorum from the members it shows present.
"""

from dataclasses import dataclass
from fractions import Fraction

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from models.polish import plural
from models.terms import MajorityKind, Outcome


class MajorityRule(BaseModel):
    """A majority rule from docs/design.md; qualified rules carry a fraction such as 3/5."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    kind: MajorityKind = MajorityKind.SIMPLE
    numerator: int | None = Field(default=None, ge=1)
    denominator: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _fraction(self) -> "MajorityRule":
        qualified = self.kind in (MajorityKind.QUALIFIED_SEATS, MajorityKind.QUALIFIED_CAST)
        numerator, denominator = self.numerator, self.denominator
        if qualified and not (numerator is not None and denominator is not None
                              and numerator < denominator):
            raise PydanticCustomError(  # its type names it in Polish: server/validation_words
                "qualified_without_fraction",
                "a qualified majority needs a fraction below 1, e.g. 3/5")
        if not qualified and (self.numerator is not None or self.denominator is not None):
            raise PydanticCustomError("fraction_not_taken",
                                      "the {kind} majority takes no fraction",
                                      {"kind": self.kind.value})
        return self

    @property
    def fraction(self) -> Fraction:
        return Fraction(self.numerator or 1, self.denominator or 2)

    def label(self, lang: str = "pl") -> str:
        fraction = f"{self.numerator}/{self.denominator}"
        labels = {
            MajorityKind.SIMPLE: ("zwykła większość głosów", "simple majority"),
            MajorityKind.ABSOLUTE_CAST: (
                "bezwzględna większość głosów", "absolute majority of votes cast"),
            MajorityKind.ABSOLUTE_SEATS: (
                "bezwzględna większość ustawowego składu",
                "absolute majority of the statutory seats"),
            MajorityKind.QUALIFIED_SEATS: (
                f"większość {fraction} ustawowego składu",
                f"{fraction} majority of the statutory seats"),
            MajorityKind.QUALIFIED_CAST: (
                f"większość {fraction} głosów", f"{fraction} majority of votes cast"),
        }
        polish, english = labels[self.kind]
        return polish if lang == "pl" else english


def quorum_needed(statutory_seats: int) -> int:
    """At least half of the statutory seats (u.s.g. art. 14, u.s.p. art. 13, u.s.w. art. 19)."""
    return (statutory_seats + 1) // 2


def has_quorum(present: int, statutory_seats: int) -> bool:
    return present >= quorum_needed(statutory_seats)


def _ceil(value: Fraction) -> int:
    return -(-value.numerator // value.denominator)


@dataclass(frozen=True, slots=True)
class Tally:
    yes: int = 0
    no: int = 0
    abstain: int = 0

    @property
    def cast(self) -> int:
        return self.yes + self.no + self.abstain


# The rules' version, stored in every closed vote's result: a vote keeps the number it was
# closed with ("Old votes are facts"), and `sesja verify` checks it with that version's rules.
#   1: an absolute majority of votes cast required "no + abstain + 1" (the same verdict, but
#      not the number the law states: 14 za, 6 przeciw, 2 wstrz. published "9 za").
#   2: every rule over votes cast states what it requires of the votes actually cast.
RULES_VERSION = 2
RULES_VERSIONS = (1, 2)


def yes_needed(rule: MajorityRule, tally: Tally, statutory_seats: int,
               version: int = RULES_VERSION) -> int:
    """The one definition of "required": the yes votes the rule asks for, stated of what the
    rule counts (the no votes, the votes actually cast, or the statutory seats); a vote is
    adopted when its yes votes reach it. Never fewer than one."""
    match rule.kind:
        case MajorityKind.SIMPLE:
            needed = tally.no + 1  # more yes than no
        case MajorityKind.ABSOLUTE_CAST if version == 1:
            needed = tally.no + tally.abstain + 1
        case MajorityKind.ABSOLUTE_CAST:
            needed = tally.cast // 2 + 1  # more than half of the votes cast
        case MajorityKind.ABSOLUTE_SEATS:
            needed = statutory_seats // 2 + 1  # more than half of the statutory seats
        case MajorityKind.QUALIFIED_SEATS:
            needed = _ceil(rule.fraction * statutory_seats)  # at least the fraction of seats
        case MajorityKind.QUALIFIED_CAST:
            needed = _ceil(rule.fraction * tally.cast)  # at least the fraction of votes cast
    return max(1, needed)


@dataclass(frozen=True, slots=True)
class Decision:
    outcome: Outcome
    needed: int
    explanation_pl: str
    explanation_en: str


def _basis(rule: MajorityRule, tally: Tally, seats: int, lang: str) -> str:
    """What the requirement was computed from, e.g. "(21)" seats or "przy 7 przeciw"."""
    pl = lang == "pl"
    match rule.kind:
        case MajorityKind.SIMPLE:
            return f"przy {tally.no} przeciw" if pl else f"against {tally.no} no"
        case MajorityKind.ABSOLUTE_CAST | MajorityKind.QUALIFIED_CAST:
            return (f"z {plural(tally.cast, 'oddanego', 'oddanych', 'oddanych')}" if pl
                    else f"({tally.cast} cast)")
        case _:
            return f"({seats})"


def reason(explanation: str) -> str:
    """The sentence after the outcome's own words ("Przyjęto: 11 za, …" -> "11 za, …"), for a
    screen that shows the outcome apart, above it (every explanation is "head: reason")."""
    _head, found, rest = explanation.partition(": ")
    return rest if found else explanation


def decide_outcome(
    rule: MajorityRule,
    tally: Tally,
    statutory_seats: int,
    quorum_problem: tuple[str, str] | None = None,
    version: int = RULES_VERSION,
) -> Decision:
    """Adopted, rejected or invalid, with the sentence that says why."""
    needed = yes_needed(rule, tally, statutory_seats, version)
    if quorum_problem is not None:
        pl, en = quorum_problem
        return Decision(Outcome.INVALID, needed, f"Głosowanie nieważne: {pl}",
                        f"Vote invalid: {en}")
    adopted = tally.yes >= needed
    outcome = Outcome.ADOPTED if adopted else Outcome.REJECTED
    head_pl = "Przyjęto" if adopted else "Odrzucono"
    head_en = "Adopted" if adopted else "Rejected"
    counts_pl = f"{tally.yes} za, {tally.no} przeciw, {tally.abstain} wstrz."
    counts_en = f"{tally.yes} yes, {tally.no} no, {tally.abstain} abstain"
    pl = (f"{head_pl}: {counts_pl}; wymagana {rule.label('pl')} "
          f"{_basis(rule, tally, statutory_seats, 'pl')}: {needed} za")
    en = (f"{head_en}: {counts_en}; required {rule.label('en')} "
          f"{_basis(rule, tally, statutory_seats, 'en')}: {needed} yes")
    return Decision(outcome, needed, pl, en)


def quorum_problem(present_at_open: int, present_at_close: int,
                   statutory_seats: int) -> tuple[str, str] | None:
    """Why quorum failed at opening or closing of a vote, or None if it held both times."""
    needed = quorum_needed(statutory_seats)
    for moment_pl, moment_en, present in (
        ("przy otwarciu", "at opening", present_at_open),
        ("przy zamknięciu", "at closing", present_at_close),
    ):
        if present < needed:
            return (
                f"brak kworum {moment_pl} ({plural(present, 'obecny(-a)', 'obecnych', 'obecnych')}, "
                f"wymagane {needed} z {statutory_seats})",
                f"no quorum {moment_en} ({present} present, {needed} of "
                f"{statutory_seats} required)",
            )
    return None
