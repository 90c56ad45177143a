"""A command that the law or the state does not allow, said in Polish and English."""


class Rejection(Exception):
    """Raised by `models.decide`; nothing is written when a command is rejected."""

    def __init__(self, code: str, pl: str, en: str) -> None:
        super().__init__(en)
        self.code = code
        self.pl = pl
        self.en = en

    def message(self, lang: str = "pl") -> str:
        return self.pl if lang == "pl" else self.en

    def __repr__(self) -> str:
        return f"Rejection({self.code!r}, {self.en!r})"
