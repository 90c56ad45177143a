"""An error said in English and in Polish: `str()` is the English (what the logs and the
tests read), `message(lang)` the one a console or a command shows in its language."""


class BilingualError(Exception):
    """`pl` may be None where only English exists yet; `message("pl")` then falls back."""

    def __init__(self, en: str, pl: str | None = None) -> None:
        super().__init__(en)
        self.en, self.pl = en, pl

    def message(self, lang: str = "pl") -> str:
        return self.pl if lang == "pl" and self.pl else self.en
