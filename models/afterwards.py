"""A sitting entered afterwards: recorded from paper, or brought over from another system.

The command that opens (or convenes) a sitting with a `happened_at` makes the sitting one
entered afterwards, for good. From then on:

- every command on that sitting carries the time it happened, and each of its events keeps
  it (`happened_at`) beside the time the log wrote it (the stored event's `at`, the entry
  time, which as always never goes backwards);
- the happened times go forward within the sitting: a command may share its time with the
  one before (published times are often to the minute) but may not be earlier;
- nothing happened after it was entered, and a sitting opens on its own day;
- a sitting run live takes no such time: its events happened when they were written.

The `unknown` answer ("brak danych") belongs to sittings entered afterwards only; see
models/rules.py for how it is counted.
"""

from datetime import datetime

from models import commands as cmd
from models import events as ev
from models.rejection import Rejection
from models.state import Chamber, Sitting
from models.vocabulary import capital, sitting_words


def happened_time(state: Chamber, command: cmd.Command, entered_at: datetime) -> datetime | None:
    """The time the command happened (None: now, as it is written); raises `Rejection`."""
    happened: datetime | None = getattr(command, "happened_at", None)
    if isinstance(command, cmd.OpenSitting | cmd.ConveneSitting):
        if happened is not None:
            _not_after_entry(happened, entered_at)
            if happened.date() != command.date:
                raise _another_day(command, happened)
        return happened
    if not isinstance(command, cmd.SittingCommand):
        return None
    sitting = _addressed(state, command)
    if sitting is None:  # decide names what is wrong
        return happened
    words = sitting_words(sitting.sitting_type)
    this = capital(words.this)
    if not sitting.entered_afterwards:
        if happened is not None:
            raise Rejection("afterwards_live",
                            f"{this} jest {words.run} na bieżąco: polecenie nie może podawać "
                            "czasu z przeszłości (happened_at).",
                            f"This {words.english} is run live: a command cannot give a past "
                            "time (happened_at).")
        return None
    if happened is None:
        raise Rejection("afterwards_time_missing",
                        f"{this} jest {words.entered} po fakcie: każde polecenie podaje czas, "
                        "w którym się odbyło (happened_at); użyj `sesja apply --afterwards` "
                        "albo `sesja import`.",
                        f"This {words.english} is entered afterwards: every command gives the "
                        "time it happened (happened_at); use `sesja apply --afterwards` or "
                        "`sesja import`.")
    _not_after_entry(happened, entered_at)
    last = sitting.last_happened_at
    if last is not None and happened < last:
        raise Rejection("afterwards_order",
                        f"Czas {happened.isoformat()} jest wcześniejszy niż czas poprzedniego "
                        f"zdarzenia {words.of_this} ({last.isoformat()}); wprowadzaj w "
                        "kolejności.",
                        f"The time {happened.isoformat()} is earlier than the "
                        f"{words.english}'s previous event ({last.isoformat()}); enter them "
                        "in order.")
    return happened


def _another_day(command: cmd.OpenSitting | cmd.ConveneSitting, happened: datetime) -> Rejection:
    words, day, began = sitting_words(command.sitting_type), command.date, happened.date()
    return Rejection("afterwards_day", f"{capital(words.noun)} z dnia {day.isoformat()} nie "
                     f"{words.could} zacząć się {began.isoformat()}.",
                     f"A {words.english} of {day.isoformat()} cannot have begun on "
                     f"{began.isoformat()}.")


def stamped(event: ev.Event, happened: datetime | None) -> ev.Event:
    """The event with the time it happened, if it belongs to a sitting."""
    if happened is None or not isinstance(event, ev.SittingEvent):
        return event
    return event.model_copy(update={"happened_at": happened})


def _addressed(state: Chamber, command: cmd.SittingCommand) -> Sitting | None:
    sitting_id = command.sitting or state.current_sitting
    return state.sittings.get(sitting_id) if sitting_id else None


def _not_after_entry(happened: datetime, entered_at: datetime) -> None:
    if happened > entered_at:
        raise Rejection("afterwards_future",
                        f"Czas {happened.isoformat()} jest późniejszy niż chwila wprowadzenia; "
                        "po fakcie wprowadza się tylko to, co już się odbyło.",
                        f"The time {happened.isoformat()} is later than now; only what has "
                        "already happened is entered afterwards.")
