"""The one error of an import: what is wrong, and where (row and column of the file), in
English (`str()`, what logs and tests read) and in Polish (`message("pl")`)."""

from server.bilingual import BilingualError


def column_letter(index: int) -> str:
    """A column's spreadsheet letter from its index (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _where(row: int | None, column: str | None, words: tuple[str, str]) -> str:
    return ", ".join(part for part in (f"{words[0]} {row}" if row else "",
                                       f"{words[1]} {column}" if column else "") if part)


class VoteImportError(BilingualError):
    """A file that cannot be imported; nothing was written. `row` counts from 1 as a
    spreadsheet shows it; `column` is its letter, with its header's name where it has one.
    "row 3, column E (głos): ..." / "wiersz 3, kolumna E (głos): ..."."""

    def __init__(self, en: str, pl: str, row: int | None = None,
                 column: str | None = None) -> None:
        where_en = _where(row, column, ("row", "column"))
        where_pl = _where(row, column, ("wiersz", "kolumna"))
        super().__init__(f"{where_en}: {en}" if where_en else en,
                         f"{where_pl}: {pl}" if where_pl else pl)
        self.problem = BilingualError(en, pl)  # what is wrong, without where
        self.row = row
        self.column = column
