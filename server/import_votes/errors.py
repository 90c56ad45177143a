"""The one error of an import: what is wrong, and where (row and column of the file)."""


def column_letter(index: int) -> str:
    """A column's spreadsheet letter from its index (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


class VoteImportError(Exception):
    """A file that cannot be imported; nothing was written. `row` counts from 1 as a
    spreadsheet shows it; `column` is its letter, with its header's name where it has one."""

    def __init__(self, problem: str, row: int | None = None, column: str | None = None) -> None:
        where = ", ".join(part for part in (f"row {row}" if row else "",
                                            f"column {column}" if column else "") if part)
        super().__init__(f"{where}: {problem}" if where else problem)
        self.row = row
        self.column = column
