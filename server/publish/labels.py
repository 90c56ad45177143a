"""Local times and dates as the published record prints them, and how an actor is named; the
words for the domain's values are models.vocabulary's."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

# the enums' words come from the one vocabulary (models.vocabulary), named here as well
from models.vocabulary import ATTENDANCE_PL as ATTENDANCE_PL
from models.vocabulary import KIND_PL as KIND_PL
from models.vocabulary import MODE_PL as MODE_PL
from models.vocabulary import OUTCOME_PL as OUTCOME_PL
from models.vocabulary import SPEECH_PL as SPEECH_PL

LOCAL = ZoneInfo("Europe/Warsaw")

# how an event came to the log, by the first part of its actor ("console:Anna Nowak")
CHANNEL_PL = {
    "console": "konsola",
    "remote": "konsola zdalna",
    "apply": "skrypt",
    "import": "import",
}


def actor_label(actor: str) -> str:
    """ "console:Anna Nowak" -> "Anna Nowak (konsola)"; an actor of another shape as it is."""
    channel, _sep, name = actor.partition(":")
    if not name or channel not in CHANNEL_PL:
        return actor
    return f"{name} ({CHANNEL_PL[channel]})"


MONTHS_PL = ("stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca",
             "sierpnia", "września", "października", "listopada", "grudnia")


def local(moment: datetime) -> datetime:
    return moment.astimezone(LOCAL)


def hhmm(moment: datetime | None) -> str:
    return local(moment).strftime("%H:%M") if moment is not None else ""


def hhmmss(moment: datetime | None) -> str:
    return local(moment).strftime("%H:%M:%S") if moment is not None else ""


def stamp(moment: datetime | None) -> str:
    """Local date and time to the second, as a reader checks it against the recording."""
    return local(moment).strftime("%Y-%m-%d %H:%M:%S") if moment is not None else ""


def long_date(day: date) -> str:
    return f"{day.day} {MONTHS_PL[day.month - 1]} {day.year} r."


def duration(seconds: float) -> str:
    """ "4 min 05 s" - a speech's length as the minutes print it."""
    whole = int(round(seconds))
    minutes, rest = divmod(whole, 60)
    return f"{minutes} min {rest:02d} s" if minutes else f"{rest} s"


def clock(offset: timedelta) -> str:
    """ "1:02:03" or "02:03": a position in a recording (YouTube's chapter form)."""
    total = max(0, int(offset.total_seconds()))
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes:02d}:{seconds:02d}"
