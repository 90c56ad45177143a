"""What the commands count in their Polish lines, each noun in the form its count takes
(models/polish.py `plural`): "1 zdarzenie", "3 zdarzenia", "5 zdarzeń"."""

from models.polish import plural


def events_pl(count: int) -> str:
    """The log's events: "1 zdarzenie", "2 zdarzenia", "12 zdarzeń"."""
    return plural(count, "zdarzenie", "zdarzenia", "zdarzeń")


def votes_pl(count: int) -> str:
    """A sitting's votes (the ballots, not the answers): "1 głosowanie", "21 głosowań"."""
    return plural(count, "głosowanie", "głosowania", "głosowań")
