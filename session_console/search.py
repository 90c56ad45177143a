"""Finding members by a few typed letters: "lodz" finds "Łódź", "12" finds seat 12, "m12" member m12."""

import unicodedata
from collections.abc import Iterable

from models.council import Member

# Letters that Unicode does not decompose into a base letter and a mark.
_UNDECOMPOSED = str.maketrans({"ł": "l", "Ł": "l", "ø": "o", "ß": "ss", "đ": "d"})


def fold(text: str) -> str:
    """Lower case without diacritics: "Łódź" -> "lodz"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold_letters(text: str) -> str:
    """`fold` letter by letter, the same length as `text` (a letter that folds to two, "ß",
    stays itself): positions found in the folded text mark the same letters in `text`."""
    return "".join(folded if len(folded := fold(c)) == 1 else c for c in text)


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
