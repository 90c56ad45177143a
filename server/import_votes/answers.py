"""The words and codes vote files print for an answer, and a matrix's legend."""

import re

from models.terms import FinalAnswer
from server.import_votes.errors import VoteImportError

_WORDS = {
    FinalAnswer.YES: ("za",),
    FinalAnswer.NO: ("przeciw",),
    FinalAnswer.ABSTAIN: ("wstrzymał się", "wstrzymała się", "wstrzymał(a) się",
                          "wstrzymał(-a) się", "wstrzymuje się", "wstrzymuję się",
                          "wstrzymujący się", "wstrzymało się"),
    FinalAnswer.NOT_VOTING: ("nie głosował", "nie głosowała", "nie głosował(a)",
                             "nie głosował(-a)", "obecny", "obecna", "obecny(-a)",
                             "obecny(a)", "nie oddał głosu", "nie oddała głosu"),
    FinalAnswer.ABSENT: ("nieobecny", "nieobecna", "nieobecny(-a)", "nieobecny(a)",
                         "nieobecność"),
    FinalAnswer.RECUSED: ("wyłączony", "wyłączona", "wyłączony(-a)", "wyłączony(a)",
                          "wyłączony z głosowania", "wyłączona z głosowania"),
    FinalAnswer.UNKNOWN: ("brak danych", ""),
}
# every word, and each answer's own code ("not_voting"), lower case, spaces collapsed
ANSWER_WORDS: dict[str, FinalAnswer] = {
    **{answer.value: answer for answer in FinalAnswer},
    **{word: answer for answer, words in _WORDS.items() for word in words},
}
KNOWN = "za, przeciw, wstrzymał się, nie głosował, nieobecny, wyłączony, brak danych"


def normal(text: str) -> str:
    return " ".join(text.lower().split()).rstrip(".")


def answer_of(text: str) -> FinalAnswer | None:
    """The answer a cell's word or code means; None if it is not one (an empty cell is
    "brak danych": the source does not say)."""
    return ANSWER_WORDS.get(normal(text))


def legend(text: str) -> dict[str, FinalAnswer]:
    """ "1 = za, 2 = przeciw, 3 = wstrzymał się" -> {"1": yes, "2": no, "3": abstain};
    raises VoteImportError (without its row: the caller knows it) naming a word that is
    no answer."""
    pairs = re.findall(r"([^\s=,;:]+)\s*=\s*([^=,;]+?)\s*(?=[,;]|\s+[^\s=,;]+\s*=|$)", text)
    if not pairs:
        raise VoteImportError("the legend says nothing (write it as “1 = za, 2 = przeciw”)",
                              "legenda nic nie mówi (zapisz ją jako „1 = za, 2 = przeciw”)")
    codes = {}
    for code, word in pairs:
        answer = answer_of(word)
        if answer is None:
            raise VoteImportError(f"the legend's {code} = {word!r} is no answer ({KNOWN})",
                                  f"w legendzie „{code} = {word}” nie jest odpowiedzią "
                                  f"({KNOWN})")
        codes[normal(code)] = answer
    return codes
