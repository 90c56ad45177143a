"""The domain's closed vocabularies, with the Polish terms they stand for."""

from enum import StrEnum


class CouncilKind(StrEnum):
    GMINA = "gmina"  # rada gminy / rada miasta
    POWIAT = "powiat"  # rada powiatu
    WOJEWODZTWO = "wojewodztwo"  # sejmik województwa
    COMMITTEE = "committee"  # komisja


class SittingType(StrEnum):
    ORDINARY = "ordinary"  # sesja zwyczajna
    EXTRAORDINARY = "extraordinary"  # sesja nadzwyczajna (na wniosek)
    CEREMONIAL = "ceremonial"  # sesja uroczysta
    COMMITTEE = "committee"  # posiedzenie komisji


class SittingStatus(StrEnum):
    """Where a sitting is in its life: convened, then open <-> on a break, then closed."""

    PREPARED = "prepared"  # zwołana, jeszcze nie otwarta
    OPEN = "open"  # obraduje
    BREAK = "break"  # przerwa
    ADJOURNED = "adjourned"  # przerwana, do kontynuacji innego dnia
    CLOSED = "closed"  # zamknięta


class ItemKind(StrEnum):
    PROCEDURAL = "procedural"  # sprawy porządkowe
    RESOLUTION = "resolution"  # projekt uchwały (druk nr)
    REPORT = "report"  # sprawozdanie, informacja
    INTERPELLATIONS = "interpellations"  # interpelacje i zapytania
    OTHER = "other"  # wolne wnioski, inne


class AttendanceStatus(StrEnum):
    ABSENT = "absent"  # nieobecny (not checked in)
    PRESENT = "present"  # obecny
    LEFT = "left"  # wyszedł (checked out)
    EXCUSED = "excused"  # nieobecność usprawiedliwiona


class SpeechKind(StrEnum):
    POINT_OF_ORDER = "point_of_order"  # wniosek formalny: goes first
    REPLY = "reply"  # ad vocem: after the speech it answers
    NORMAL = "normal"  # zwykłe wystąpienie


class SpeechStatus(StrEnum):
    WAITING = "waiting"
    SPEAKING = "speaking"
    PAUSED = "paused"
    DONE = "done"


class VoteMode(StrEnum):
    ROLL_CALL = "roll_call"  # imienne przez wyczytanie: the secretary records each answer
    ELECTRONIC = "electronic"  # imienne elektroniczne: answers from members' devices
    SECRET = "secret"  # tajne: totals from the counting committee, never names
    SUMMARY = "summary"  # zbiorcze (e.g. a committee's show of hands): totals only

    @property
    def named(self) -> bool:
        return self in (VoteMode.ROLL_CALL, VoteMode.ELECTRONIC)


class AnswerSource(StrEnum):
    """Where an answer (or a self check-in) came from; set by the server, never a client."""

    DEVICE = "device"  # the member's own device (tablet, phone) in the chamber
    CONSOLE = "console"  # the secretary's console (roll-call, or a member whose device failed)
    IMPORT = "import"  # brought over from paper or another system


class VoteKind(StrEnum):
    RESOLUTION = "resolution"  # the vote on a resolution draft as a whole
    AMENDMENT = "amendment"  # poprawka
    PROCEDURAL = "procedural"  # wniosek formalny, porządkowy
    AGENDA_CHANGE = "agenda_change"  # zmiana porządku obrad (art. 20 ust. 1a)
    OTHER = "other"


class Answer(StrEnum):
    YES = "yes"  # za
    NO = "no"  # przeciw
    ABSTAIN = "abstain"  # wstrzymał się
    # brak danych: the source (paper, another system) does not say whether the member was
    # absent or present and silent; for sittings entered afterwards only
    UNKNOWN = "unknown"


class FinalAnswer(StrEnum):
    """A member's place in a closed named vote."""

    YES = "yes"  # za
    NO = "no"  # przeciw
    ABSTAIN = "abstain"  # wstrzymał się
    NOT_VOTING = "not_voting"  # nie głosował (present, no answer)
    ABSENT = "absent"  # nieobecny
    RECUSED = "recused"  # wyłączony z głosowania (art. 25a)
    UNKNOWN = "unknown"  # brak danych (entered afterwards: neither present nor absent)


class Outcome(StrEnum):
    ADOPTED = "adopted"  # przyjęto
    REJECTED = "rejected"  # odrzucono
    INVALID = "invalid"  # nieważne (e.g. no quorum)


class MajorityKind(StrEnum):
    SIMPLE = "simple"  # zwykła: yes > no
    ABSOLUTE_CAST = "absolute_cast"  # bezwzględna głosów oddanych: yes > no + abstain
    ABSOLUTE_SEATS = "absolute_seats"  # bezwzględna ustawowego składu: yes > seats / 2
    QUALIFIED_SEATS = "qualified_seats"  # kwalifikowana ustawowego składu: yes >= ceil(f*seats)
    QUALIFIED_CAST = "qualified_cast"  # kwalifikowana głosów oddanych: yes >= ceil(f*cast)
