"""Roman numerals, as councils number their sittings (XL, XV)."""

_NUMERALS = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)


def to_roman(number: int) -> str:
    if not 0 < number < 4000:
        raise ValueError(f"no Roman numeral for {number}")
    parts = []
    for value, numeral in _NUMERALS:
        count, number = divmod(number, value)
        parts.append(numeral * count)
    return "".join(parts)


def from_roman(text: str) -> int:
    """Parse a canonical Roman numeral; anything else raises ValueError."""
    upper = text.strip().upper()
    total, rest = 0, upper
    for value, numeral in _NUMERALS:
        while rest.startswith(numeral):
            total += value
            rest = rest[len(numeral):]
    if rest or not total or to_roman(total) != upper:
        raise ValueError(f"not a Roman numeral: {text!r}")
    return total


def is_roman(text: str) -> bool:
    try:
        from_roman(text)
    except ValueError:
        return False
    return True
