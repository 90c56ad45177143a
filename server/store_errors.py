"""The event log's errors, apart from the store: what only reports them (the command
line's parser, the writer lock) imports no database library with them.

Each says what happened in English (`str()`, what the logs and the tests read) and in
Polish (`pl`), and `message(lang)` is the one a console or a command shows; the
database's own words (SQLite's "database or disk is full") stay as they are in both."""


class StoreError(Exception):
    """The log cannot be opened or written; the message says what to do."""

    def __init__(self, en: str, pl: str) -> None:
        super().__init__(en)
        self.en, self.pl = en, pl

    def message(self, lang: str = "pl") -> str:
        return self.pl if lang == "pl" else self.en


class LogMovedOn(StoreError):
    """Another process appended to the log since this one read it; nothing was written."""


def unopened(target: object, reason: str) -> StoreError:
    """The log did not open; `reason` is the database's own words."""
    return StoreError(f"cannot open the event log {target}: {reason}",
                      f"nie można otworzyć dziennika zdarzeń {target}: {reason}")


def unreadable(target: object, reason: str) -> StoreError:
    """The log could not be read; `reason` is the database's own words."""
    return StoreError(f"cannot read the event log {target}: {reason}",
                      f"nie można odczytać dziennika zdarzeń {target}: {reason}")
