"""Polish words shared by the core and the exports: a member's answer, and the forms a noun
takes after a count (1 głos, 2 głosy, 5 głosów)."""

from models.terms import FinalAnswer


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


# A member's own answer, as the roll-call row and the named lists print it. Forms that
# would show a member's gender are masculine with "(-a)"; see docs/decisions.md.
ANSWER_PL = {
    FinalAnswer.YES: "za",
    FinalAnswer.NO: "przeciw",
    FinalAnswer.ABSTAIN: "wstrzymuje się",
    FinalAnswer.NOT_VOTING: "nie głosował(-a)",
    FinalAnswer.ABSENT: "nieobecny(-a)",
    FinalAnswer.RECUSED: "wyłączony(-a)",
}

# The same places counted in a vote's result: "wstrzymało się: 3".
TALLY_PL = {
    FinalAnswer.YES: "za",
    FinalAnswer.NO: "przeciw",
    FinalAnswer.ABSTAIN: "wstrzymało się",
    FinalAnswer.NOT_VOTING: "nie głosowało",
    FinalAnswer.ABSENT: "nieobecni",
    FinalAnswer.RECUSED: "wyłączeni",
}
