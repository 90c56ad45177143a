"""A command's or a record's validation errors (pydantic's) as one line in English or
Polish: where (the field's path) and what is wrong; pydantic's own words are English, so
the kinds of error a script or a file meets are named in Polish here."""

from typing import Any

from pydantic import ValidationError

SHOWN = 5  # errors named; a line that lists more helps no one

_POLISH: dict[str, str] = {
    "missing": "brak wymaganego pola",
    "extra_forbidden": "nieznane pole",
    "union_tag_invalid": "nieznany rodzaj polecenia „{tag}” (znane: {expected_tags})",
    "union_tag_not_found": "brak pola „type” (rodzaj polecenia)",
    "string_type": "oczekiwano tekstu",
    "int_type": "oczekiwano liczby całkowitej",
    "int_parsing": "oczekiwano liczby całkowitej",
    "int_from_float": "oczekiwano liczby całkowitej",
    "bool_type": "oczekiwano true albo false",
    "bool_parsing": "oczekiwano true albo false",
    "list_type": "oczekiwano listy",
    "tuple_type": "oczekiwano listy",
    "dict_type": "oczekiwano obiektu JSON",
    "model_type": "oczekiwano obiektu JSON",
    "model_attributes_type": "oczekiwano obiektu JSON",
    "enum": "niedozwolona wartość (dozwolone: {expected})",
    "literal_error": "niedozwolona wartość (dozwolone: {expected})",
    "string_too_short": "za krótki tekst (najmniej znaków: {min_length})",
    "string_too_long": "za długi tekst (najwięcej znaków: {max_length})",
    "too_short": "za mało elementów (najmniej: {min_length})",
    "too_long": "za dużo elementów (najwięcej: {max_length})",
    "greater_than": "musi być większe niż {gt}",
    "greater_than_equal": "musi być co najmniej {ge}",
    "less_than": "musi być mniejsze niż {lt}",
    "less_than_equal": "musi być najwyżej {le}",
    "string_pattern_mismatch": "niepoprawny zapis",
    "datetime_type": "oczekiwano daty i godziny (ISO 8601, np. 2025-05-29T11:05:00+02:00)",
    "datetime_parsing": "oczekiwano daty i godziny (ISO 8601, np. 2025-05-29T11:05:00+02:00)",
    "datetime_from_date_parsing":
        "oczekiwano daty i godziny (ISO 8601, np. 2025-05-29T11:05:00+02:00)",
    "date_type": "oczekiwano daty (RRRR-MM-DD)",
    "date_parsing": "oczekiwano daty (RRRR-MM-DD)",
    "date_from_datetime_parsing": "oczekiwano daty (RRRR-MM-DD)",
    "timezone_aware": "podaj godzinę ze strefą czasową, np. +02:00",
    # the model's own rules (models/council.py, models/rules.py)
    "member_ids_repeated": "identyfikatory radnych muszą być różne",
    "members_exceed_seats": "radnych ({members}) jest więcej niż miejsc w ustawowym składzie "
                            "({seats})",
    "resolution_pattern_fields": "wzór numeru uchwały może używać tylko pól {allowed}",
    "qualified_without_fraction": "większość kwalifikowana wymaga ułamka mniejszego od 1, "
                                  "np. 3/5",
    "fraction_not_taken": "większość „{kind}” nie przyjmuje ułamka",
}


def _polish(detail: Any) -> str:
    """Pydantic's error in Polish; a rule of the model (a `value_error`, whose words are
    the model's own English) and a kind not named above say "niepoprawna wartość" with
    pydantic's words after it, so nothing it says is lost."""
    template = _POLISH.get(detail["type"])
    if template is not None:
        try:
            return template.format(**(detail.get("ctx") or {}))
        except (KeyError, IndexError):
            pass
    message = str(detail["msg"]).removeprefix("Value error, ")
    return f"niepoprawna wartość: {message}"


def describe_validation(error: ValidationError, lang: str = "en") -> str:
    """ "check_in.member: Field required" / "check_in.member: brak wymaganego pola"; an
    error of the whole command is "command: ..." in English and its words alone in Polish
    (the line already says "niepoprawne polecenie")."""
    parts = []
    for detail in error.errors()[:SHOWN]:
        where = ".".join(str(p) for p in detail["loc"])
        if lang == "pl":
            parts.append(f"{where}: {_polish(detail)}" if where else _polish(detail))
        else:
            parts.append(f"{where or 'command'}: {detail['msg']}")
    return "; ".join(parts)
