"""The sitting's life in the minutes' words: its days, who chaired and when, the quorum
each time it was stated, the breaks."""

from collections.abc import Iterator

from models.state import Sitting
from models.vocabulary import sitting_words
from server.publish.labels import hhmm, long_date


def days_text(sitting: Sitting) -> str:
    """"3 grudnia 2026 r." or "3 grudnia 2026 r. i 10 grudnia 2026 r." (a continued sitting)."""
    return " i ".join(long_date(day) for day in sitting.days)


def _name(sitting: Sitting, member_id: str) -> str:
    member = sitting.members_by_id.get(member_id)
    return member.name if member else member_id


def life_lines(sitting: Sitting) -> Iterator[str]:
    """One sentence each: the open periods of a continued sitting, the chair's turns,
    the quorum statements and the breaks; nothing for what did not happen."""
    if len(sitting.periods) > 1:
        yield sitting_words(sitting.sitting_type).held_in_parts + ": " + "; ".join(
            f"{long_date(p.day)} od {hhmm(p.started_at)}"
            + (f" do {hhmm(p.ended_at)}" if p.ended_at else "") for p in sitting.periods) + "."
    if len(sitting.chair_turns) > 1:
        yield "Prowadzenie obrad: " + "; ".join(
            f"od {hhmm(turn.at)} {_name(sitting, turn.member_id)}"
            for turn in sitting.chair_turns) + "."
    for statement in sitting.quorum_statements:
        verdict = "stwierdzono kworum" if statement.quorum else "stwierdzono brak kworum"
        yield (f"O {hhmm(statement.at)} {verdict}: obecnych {statement.present}, "
               f"wymaganych {statement.needed}.")
    for pause in sitting.breaks:
        until = f" do {hhmm(pause.ended_at)}" if pause.ended_at else " (trwa)"
        reason = f" ({pause.reason})" if pause.reason else ""
        yield f"Przerwa od {hhmm(pause.started_at)}{until}{reason}."
