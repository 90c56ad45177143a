"""The event log's errors, apart from the store: what only reports them (the command
line's parser, the writer lock) imports no database library with them."""


class StoreError(Exception):
    """The log cannot be opened or written; the message says what to do."""


class LogMovedOn(StoreError):
    """Another process appended to the log since this one read it; nothing was written."""
