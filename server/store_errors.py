"""The event log's errors, apart from the store: what only reports them (the command
line's parser, the writer lock) imports no database library with them.

Each is said in English and in Polish (`BilingualError`); the database's own words
(SQLite's "database or disk is full") stay as they are in both."""

from server.bilingual import BilingualError


class StoreError(BilingualError):
    """The log cannot be opened or written; the message says what to do. The Polish is
    required: a secretary meets these during a sitting."""

    def __init__(self, en: str, pl: str) -> None:
        super().__init__(en, pl)


class LogMovedOn(StoreError):
    """Another process appended to the log since this one read it; nothing was written."""


def unopened(target: object, reason: str) -> StoreError:
    """The log did not open; `reason` is the database's own words."""
    return StoreError(f"cannot open the event log {target}: {reason}",
                      f"nie można otworzyć dziennika zdarzeń {target}: {reason}")


def unreadable(target: object, reason: str) -> StoreError:
    """The log could not be read; `reason` is the database's own words, cut at 200
    characters (SQLite quotes a whole undecodable value)."""
    if len(reason) > 200:
        reason = reason[:200] + "…"
    return StoreError(f"cannot read the event log {target}: {reason}",
                      f"nie można odczytać dziennika zdarzeń {target}: {reason}")
