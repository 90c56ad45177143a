"""The majority a vote file names for a vote ("bezwzględna większość ustawowego składu"),
as the rule the core counts with; an empty cell is the simple majority, the law's default."""

import re

from models.rules import MajorityRule
from models.terms import MajorityKind

# each kind's words as files write them (the label's own words, shorter ones, our codes)
_WORDS = {
    MajorityKind.SIMPLE: ("zwykła", "zwykła większość", "zwykła większość głosów",
                          "większość zwykła", "simple"),
    MajorityKind.ABSOLUTE_CAST: ("bezwzględna", "bezwzględna większość",
                                 "bezwzględna większość głosów", "absolute_cast"),
    MajorityKind.ABSOLUTE_SEATS: ("bezwzględna większość ustawowego składu",
                                  "bezwzględna ustawowego składu", "absolute_seats"),
}
_KINDS = {word: kind for kind, words in _WORDS.items() for word in words}
_QUALIFIED = re.compile(r"(?:większość )?(\d+)/(\d+)(?: większość)?(?: (ustawowego składu|"
                        r"głosów|głosów oddanych))?")
KNOWN = ("zwykła, bezwzględna, bezwzględna większość ustawowego składu, "
         "3/5 ustawowego składu, 2/3 głosów")


def rule_of(text: str) -> MajorityRule | None:
    """The rule the words name, or None when they name none."""
    words = " ".join(text.lower().split()).rstrip(".")
    if not words:
        return MajorityRule()
    kind = _KINDS.get(words)
    if kind is not None:
        return MajorityRule(kind=kind)
    qualified = _QUALIFIED.fullmatch(words)
    if qualified is None or qualified[3] is None:
        return None
    numerator, denominator = int(qualified[1]), int(qualified[2])
    if not 0 < numerator < denominator:
        return None
    kind = (MajorityKind.QUALIFIED_SEATS if qualified[3] == "ustawowego składu"
            else MajorityKind.QUALIFIED_CAST)
    return MajorityRule(kind=kind, numerator=numerator, denominator=denominator)
