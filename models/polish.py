"""Polish words shared by the core and the exports: a member's answer, the forms a noun
takes after a count (1 głos, 2 głosy, 5 głosów), and Polish letters folded for matching."""

import unicodedata

# Letters that Unicode does not decompose into a base letter and a mark.
_UNDECOMPOSED = str.maketrans({"ł": "l", "Ł": "l", "ø": "o", "ß": "ss", "đ": "d"})


def fold(text: str) -> str:
    """Lower case without diacritics, for matching what was typed: "Łódź" -> "lodz"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold_letters(text: str) -> str:
    """`fold` letter by letter, the same length as `text` (a letter that folds to two, "ß",
    stays itself): positions found in the folded text mark the same letters in `text`."""
    return "".join(folded if len(folded := fold(c)) == 1 else c for c in text)


def plural(count: int, one: str, few: str, many: str) -> str:
    """The count with the form of the noun (or phrase) it takes, e.g. "22 głosy".

    `one` is for 1, `few` for 2-4, 22-24, 32-34, ... (but not 12-14), `many` for the rest,
    0 included: plural(1, "głos", "głosy", "głosów") -> "1 głos".
    """
    if count == 1:
        form = one
    elif count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14):
        form = few
    else:
        form = many
    return f"{count} {form}"


# A member's answer as the named lists print it and as a result counts it: the words live
# in models.vocabulary, the product's one vocabulary.
from models.vocabulary import ANSWER_PL as ANSWER_PL  # noqa: E402
from models.vocabulary import TALLY_PL as TALLY_PL  # noqa: E402
