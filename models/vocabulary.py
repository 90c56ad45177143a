"""The product's one vocabulary: the Polish words for every value of the domain's enums and
the words that depend on the sitting's type (a council's "sesja", a committee's
"posiedzenie komisji"). The exports, the minutes and the live pages' data take their words
from here; the console translates its own English message ids (gettext) to the same words.

Forms that would show one person's gender are avoided ("zamknięto", not "zamknął") or are
masculine with "(-a)"; see docs/decisions.md.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from models.terms import (
    Answer,
    AnswerSource,
    AttendanceStatus,
    CouncilKind,
    FinalAnswer,
    ItemKind,
    MajorityKind,
    Outcome,
    SittingStatus,
    SittingType,
    SpeechKind,
    SpeechStatus,
    VoteKind,
    VoteMode,
)

# A member's own answer, as the roll-call row and the named lists print it.
ANSWER_PL = {
    FinalAnswer.YES: "za",
    FinalAnswer.NO: "przeciw",
    FinalAnswer.ABSTAIN: "wstrzymuje się",
    FinalAnswer.NOT_VOTING: "nie głosował(-a)",
    FinalAnswer.ABSENT: "nieobecny(-a)",
    FinalAnswer.RECUSED: "wyłączony(-a)",
    FinalAnswer.UNKNOWN: "brak danych",
}

# The same places counted in a vote's result: "wstrzymało się: 3".
TALLY_PL = {
    FinalAnswer.YES: "za",
    FinalAnswer.NO: "przeciw",
    FinalAnswer.ABSTAIN: "wstrzymało się",
    FinalAnswer.NOT_VOTING: "nie głosowało",
    FinalAnswer.ABSENT: "nieobecni",
    FinalAnswer.RECUSED: "wyłączeni",
    FinalAnswer.UNKNOWN: "brak danych",
}

OUTCOME_PL = {
    Outcome.ADOPTED: "przyjęto",
    Outcome.REJECTED: "odrzucono",
    Outcome.INVALID: "głosowanie nieważne",
}

MODE_PL = {
    VoteMode.ROLL_CALL: "jawne imienne (wyczytanie)",
    VoteMode.ELECTRONIC: "jawne imienne (elektroniczne)",
    VoteMode.SECRET: "tajne",
    VoteMode.SUMMARY: "zbiorcze",
}

KIND_PL = {
    VoteKind.RESOLUTION: "uchwała",
    VoteKind.AMENDMENT: "poprawka",
    VoteKind.PROCEDURAL: "wniosek formalny",
    VoteKind.AGENDA_CHANGE: "zmiana porządku obrad",
    VoteKind.OTHER: "inne",
}

ATTENDANCE_PL = {
    AttendanceStatus.ABSENT: "nieobecny(-a)",
    AttendanceStatus.PRESENT: "obecny(-a)",
    AttendanceStatus.LEFT: "wyszedł(-a)",
    AttendanceStatus.EXCUSED: "nieobecność usprawiedliwiona",
}

SPEECH_PL = {
    SpeechKind.NORMAL: "wystąpienie",
    SpeechKind.REPLY: "ad vocem",
    SpeechKind.POINT_OF_ORDER: "wniosek formalny",
}

SPEECH_STATUS_PL = {
    SpeechStatus.WAITING: "czeka",
    SpeechStatus.SPEAKING: "przemawia",
    SpeechStatus.PAUSED: "wstrzymane",
    SpeechStatus.DONE: "zakończone",
}

ITEM_KIND_PL = {
    ItemKind.PROCEDURAL: "sprawy porządkowe",
    ItemKind.RESOLUTION: "projekt uchwały",
    ItemKind.REPORT: "sprawozdanie lub informacja",
    ItemKind.INTERPELLATIONS: "interpelacje i zapytania",
    ItemKind.OTHER: "inne",
}

SITTING_TYPE_PL = {
    SittingType.ORDINARY: "zwyczajna",
    SittingType.EXTRAORDINARY: "nadzwyczajna",
    SittingType.CEREMONIAL: "uroczysta",
    SittingType.COMMITTEE: "posiedzenie komisji",
}

# a sitting's stage, as said of a "sesja" (feminine), as the console's header says it
SITTING_STATUS_PL = {
    SittingStatus.PREPARED: "zwołana, nie otwarta",
    SittingStatus.OPEN: "obraduje",
    SittingStatus.BREAK: "przerwa",
    SittingStatus.ADJOURNED: "przerwana do innego dnia",
    SittingStatus.CLOSED: "zamknięta",
}

COUNCIL_KIND_PL = {
    CouncilKind.GMINA: "rada gminy",
    CouncilKind.POWIAT: "rada powiatu",
    CouncilKind.WOJEWODZTWO: "sejmik województwa",
    CouncilKind.COMMITTEE: "komisja",
}

MAJORITY_PL = {
    MajorityKind.SIMPLE: "zwykła większość głosów",
    MajorityKind.ABSOLUTE_CAST: "bezwzględna większość głosów",
    MajorityKind.ABSOLUTE_SEATS: "bezwzględna większość ustawowego składu",
    MajorityKind.QUALIFIED_SEATS: "większość kwalifikowana ustawowego składu",
    MajorityKind.QUALIFIED_CAST: "większość kwalifikowana głosów",
}

# Where an answer came from, as the named list's mark and the log say it.
SOURCE_PL = {AnswerSource.DEVICE: "z urządzenia radnego", AnswerSource.CONSOLE: "zapisał sekretarz",
             AnswerSource.IMPORT: "wprowadzono z dokumentów"}

# A member's answer while the vote is open (the members' own three).
OPEN_ANSWER_PL = {Answer.YES: "za", Answer.NO: "przeciw", Answer.ABSTAIN: "wstrzymuje się",
                  Answer.UNKNOWN: "brak danych"}  # the last: entered afterwards only

# Every enum of models.terms with its Polish words (tests/test_vocabulary.py checks that no
# member lacks them).
WORDS_PL: dict[type[StrEnum], Mapping[Any, str]] = {
    FinalAnswer: ANSWER_PL, Answer: OPEN_ANSWER_PL, Outcome: OUTCOME_PL, VoteMode: MODE_PL,
    VoteKind: KIND_PL, AttendanceStatus: ATTENDANCE_PL, SpeechKind: SPEECH_PL,
    SpeechStatus: SPEECH_STATUS_PL, ItemKind: ITEM_KIND_PL, SittingType: SITTING_TYPE_PL,
    SittingStatus: SITTING_STATUS_PL,
    CouncilKind: COUNCIL_KIND_PL, MajorityKind: MAJORITY_PL, AnswerSource: SOURCE_PL,
}

# Where a screen's narrow column says less than a publication: a member's status in the
# attendance list, a result in the votes list, a mode and a sitting type in a form.
SCREEN_PL: dict[object, str] = {
    AttendanceStatus.EXCUSED: "usprawiedliwiony(-a)",
    Outcome.INVALID: "nieważne",
    VoteMode.ROLL_CALL: "imienne przez wyczytanie",
    VoteMode.ELECTRONIC: "imienne elektroniczne",
    SittingType.COMMITTEE: "komisja",
}


def screen_word(member: StrEnum) -> str:
    """The Polish word a screen shows for an enum's member: its short form, if it has one."""
    return SCREEN_PL.get(member) or WORDS_PL[type(member)][member]


# A vote cancelled before its close: the console's word ("unieważnione"), in the minutes too.
CANCELLED_PL = "unieważniono"


@dataclass(frozen=True, slots=True)
class SittingWords:
    """The words for a sitting that depend on who sits: the council or a committee."""

    noun: str  # "sesja" / "posiedzenie komisji"
    genitive: str  # "sesji" / "posiedzenia komisji"
    accusative: str  # "sesję" / "posiedzenie komisji"
    on_this: str  # "na tej sesji" / "na tym posiedzeniu komisji"
    not_closed: str  # "Sesja nie została jeszcze zamknięta." / "Posiedzenie komisji nie zostało …"
    held_in_parts: str  # "Sesja odbyła się w częściach" / "Posiedzenie komisji odbyło się …"
    column: str  # a CSV column's name: "Sesja" / "Posiedzenie"
    folder: str  # a package folder's first word: "sesja" / "posiedzenie"
    body: str  # who decides: "Rada" / "Komisja"
    of_body: str  # "Ustawowy skład rady" / "… komisji"
    english: str  # "sitting" / "committee meeting"
    short_pl: str  # a screen's heading: "sesja" / "posiedzenie"
    short_en: str  # "sitting" / "meeting"
    # What a refusal says of the sitting: the noun with the words that go with it, and the
    # words that agree with it (a feminine "sesja", a neuter "posiedzenie").
    this: str  # "ta sesja" / "to posiedzenie komisji"
    of_this: str  # "tej sesji" / "tego posiedzenia komisji"
    it: str  # the noun as a pronoun's object: "ją" / "je"
    afterwards_gen: str  # "sesji wprowadzanej po fakcie" / "posiedzenia komisji wprowadzanego …"
    afterwards_loc: str  # "sesji wprowadzanej po fakcie" / "posiedzeniu komisji wprowadzanym …"
    opened: str  # "otwarta" / "otwarte"
    closed: str  # "zamknięta" / "zamknięte"
    convened: str  # "zwołana" / "zwołane"
    adjourned: str  # "przerwana" / "przerwane"
    run: str  # "prowadzona" / "prowadzone" (na bieżąco)
    entered: str  # "wprowadzana" / "wprowadzane" (po fakcie)
    was: str  # "została" / "zostało"
    could: str  # "mogła" / "mogło"

    def called(self, number: str, lang: str = "pl") -> str:
        """A sentence's subject: "Sesja XL", "Posiedzenie komisji 3"; in English (any other
        `lang`, as `Rejection.message` takes it) "Sitting XL", "Committee meeting 3"."""
        return capital(f"{self.noun if lang == 'pl' else self.english} {number}")

    def named(self, number: str, case: str = "noun") -> str:
        """ "XL sesja", "XL sesji"; "posiedzenie komisji nr 3", "posiedzenia komisji nr 3"."""
        word = getattr(self, case)
        return f"{number} {word}" if self.folder == "sesja" else f"{word} nr {number}"


COUNCIL_SITTING = SittingWords(
    noun="sesja", genitive="sesji", accusative="sesję", on_this="na tej sesji",
    not_closed="Sesja nie została jeszcze zamknięta.",
    held_in_parts="Sesja odbyła się w częściach", column="Sesja", folder="sesja",
    body="Rada", of_body="rady", english="sitting", short_pl="sesja", short_en="sitting",
    this="ta sesja", of_this="tej sesji", it="ją",
    afterwards_gen="sesji wprowadzanej po fakcie", afterwards_loc="sesji wprowadzanej po fakcie",
    opened="otwarta", closed="zamknięta", convened="zwołana", adjourned="przerwana",
    run="prowadzona", entered="wprowadzana", was="została", could="mogła")
COMMITTEE_SITTING = SittingWords(
    noun="posiedzenie komisji", genitive="posiedzenia komisji", accusative="posiedzenie komisji",
    on_this="na tym posiedzeniu komisji",
    not_closed="Posiedzenie komisji nie zostało jeszcze zamknięte.",
    held_in_parts="Posiedzenie komisji odbyło się w częściach", column="Posiedzenie",
    folder="posiedzenie", body="Komisja", of_body="komisji",
    english="committee meeting", short_pl="posiedzenie",
    short_en="meeting", this="to posiedzenie komisji", of_this="tego posiedzenia komisji", it="je",
    afterwards_gen="posiedzenia komisji wprowadzanego po fakcie",
    afterwards_loc="posiedzeniu komisji wprowadzanym po fakcie",
    opened="otwarte", closed="zamknięte", convened="zwołane", adjourned="przerwane",
    run="prowadzone", entered="wprowadzane", was="zostało", could="mogło")


def sitting_words(kind: SittingType) -> SittingWords:
    return COMMITTEE_SITTING if kind is SittingType.COMMITTEE else COUNCIL_SITTING


def capital(text: str) -> str:
    """The text with its first letter upper case, the rest as it is: "Posiedzenie komisji"."""
    return text[:1].upper() + text[1:]
