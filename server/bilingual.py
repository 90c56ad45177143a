"""An error said in English and in Polish: `str()` is the English (what the logs and the
tests read), `message(lang)` the one a console or a command shows in its language; and
`Words`, any other text a command says in both."""

from typing import NamedTuple


class Words(NamedTuple):
    """A text in English and in Polish (a file's description, a layout's name)."""

    en: str
    pl: str

    def joined(self, other: "Words", between: str = "; ") -> "Words":
        return Words(self.en + between + other.en, self.pl + between + other.pl)


class BilingualError(Exception):
    """`pl` may be None where only English exists yet; `message("pl")` then falls back."""

    def __init__(self, en: str, pl: str | None = None) -> None:
        super().__init__(en)
        self.en, self.pl = en, pl

    def message(self, lang: str = "pl") -> str:
        return self.pl if lang == "pl" and self.pl else self.en
