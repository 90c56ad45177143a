"""The council and its members: who may sit and vote."""

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from models.terms import CouncilKind

DEFAULT_RESOLUTION_PATTERN = "{sitting}/{number}/{year}"


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Member(Frozen):
    """A councillor (radny). `id` is stable across sittings; `seat` orders lists."""

    id: str = Field(min_length=1, max_length=40, pattern=r"^[\w.-]+$")
    name: str = Field(min_length=1, max_length=120)
    club: str = Field(default="", max_length=120)
    seat: int | None = Field(default=None, ge=1)
    mandate_from: date | None = None
    mandate_to: date | None = None


class Council(Frozen):
    """A council (or committee) with its statutory seats, which may exceed its members."""

    name: str = Field(min_length=1, max_length=200)
    kind: CouncilKind = CouncilKind.GMINA
    statutory_seats: int = Field(ge=1, le=10_000)
    members: tuple[Member, ...] = ()
    resolution_pattern: str = Field(default=DEFAULT_RESOLUTION_PATTERN, max_length=80)
    next_resolution_number: int = Field(default=1, ge=1)

    @model_validator(mode="after")
    def _check(self) -> "Council":
        ids = [m.id for m in self.members]
        # each rule's error type names it, so a command line can say it in Polish
        # (server/validation_words.py); the words here are the English
        if len(ids) != len(set(ids)):
            raise PydanticCustomError("member_ids_repeated", "member ids must be unique")
        if len(self.members) > self.statutory_seats:
            raise PydanticCustomError(
                "members_exceed_seats", "{members} members exceed the {seats} statutory seats",
                {"members": len(self.members), "seats": self.statutory_seats})
        try:
            self.resolution_pattern.format(sitting="I", number=1, year=2026)
        except (KeyError, IndexError, ValueError) as error:
            raise PydanticCustomError(
                "resolution_pattern_fields", "resolution_pattern may use only {allowed}",
                {"allowed": "{sitting}, {number}, {year}"}) from error
        return self


class Guest(Frozen):
    """Someone who may speak but not vote: the mayor, the treasurer, a resident."""

    name: str = Field(min_length=1, max_length=120)
    role: str = Field(default="", max_length=120)
