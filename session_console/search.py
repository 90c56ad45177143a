"""Finding members by a few typed letters: "lodz" finds "Łódź", "12" finds seat 12, "m12" member m12."""

from collections.abc import Iterable

from models.council import Member
from models.polish import fold


def _matches(member: Member, words: list[str]) -> bool:
    name = fold(member.name)
    return all(word in name for word in words)


def find_members(members: Iterable[Member], query: str) -> list[Member]:
    """Members whose seat number equals the query, or whose name holds every typed word.

    Names that start with the first word come first (surnames lead in Polish lists).
    """
    query = query.strip()
    if not query:
        return list(members)
    members = list(members)
    by_id = [m for m in members if m.id == query]
    if by_id:
        return by_id
    if query.isdigit():
        return [m for m in members if m.seat == int(query)]
    words = fold(query).split()
    found = [m for m in members if _matches(m, words)]
    return sorted(found, key=lambda m: not fold(m.name).startswith(words[0]))
