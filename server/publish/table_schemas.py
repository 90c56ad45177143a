"""The CSV files' columns, described once: a Frictionless Table Schema for each table.

A column added to a header in `tables` without its description here stops the export
(KeyError in `table_schema`), so the published schema and the files never drift apart;
docs/open-data.md documents the same columns for people.
"""

from typing import Any

from models.terms import FinalAnswer
from server.publish import tables
from server.publish.record import SittingRecord

TABLES: dict[str, tuple[str, ...]] = {
    "imienne": tables.NAMED_HEADER,
    "wyniki": tables.RESULTS_HEADER,
    "obecnosc": tables.ATTENDANCE_HEADER,
    "mowcy": tables.SPEAKERS_HEADER,
    "uchwaly": tables.REGISTER_HEADER,
}

STAMP = {"type": "datetime", "format": "%Y-%m-%d %H:%M:%S"}
COUNT = {"type": "integer", "constraints": {"minimum": 0}}
ANSWER_CODES = [answer.value for answer in FinalAnswer]  # "unknown": brak danych

# column -> (description, Table Schema type and its options)
FIELDS: dict[str, tuple[str, dict[str, Any]]] = {
    "Sesja": ("Numer sesji, np. XL", {"type": "string"}),
    "Posiedzenie": ("Numer posiedzenia komisji", {"type": "string"}),
    "Data": ("Dzień sesji (posiedzenia)", {"type": "date"}),
    "Głosowanie nr": ("Numer głosowania w sesji, od 1", {"type": "integer",
                                                         "constraints": {"minimum": 1}}),
    "Punkt": ("Oznaczenie punktu porządku obrad nadane przez radę (np. 6a) albo jego numer "
              "(np. 5.1); pusty bez punktu", {"type": "string"}),
    "Temat": ("Przedmiot głosowania, jak go odczytano", {"type": "string"}),
    "Lp.": ("Liczba porządkowa", {"type": "integer", "constraints": {"minimum": 1}}),
    "Id radnego": ("Stały identyfikator radnego w rejestrze rady", {"type": "string"}),
    "Radny": ("Imię i nazwisko", {"type": "string"}),
    "Klub": ("Klub radnego; pusty, gdy radny nie należy do klubu", {"type": "string"}),
    "Głos": ("Głos, jak go drukuje wykaz imienny", {"type": "string"}),
    "Kod głosu": ("Głos jako kod dla programów", {"type": "string",
                                                  "constraints": {"enum": ANSWER_CODES}}),
    "Zapisał sekretarz": ("„tak”, gdy w głosowaniu elektronicznym głos radnego zapisał "
                          "sekretarz (np. gdy zawiodło urządzenie radnego); pusty poza tym",
                          {"type": "string", "constraints": {"enum": ["tak"]}}),
    "Tryb": ("Tryb głosowania", {"type": "string"}),
    "Otwarto": ("Czas otwarcia głosowania (czas lokalny, Europe/Warsaw)", STAMP),
    "Zamknięto": ("Czas zamknięcia głosowania (czas lokalny, Europe/Warsaw)", STAMP),
    "Za": ("Liczba głosów za", COUNT),
    "Przeciw": ("Liczba głosów przeciw", COUNT),
    "Wstrzymało się": ("Liczba głosów wstrzymujących się", COUNT),
    "Nie głosowało": ("Liczba obecnych, którzy nie głosowali", COUNT),
    "Nieobecni": ("Liczba nieobecnych", COUNT),
    "Wyłączeni": ("Liczba wyłączonych z głosowania (art. 25a u.s.g.)", COUNT),
    "Wymagane za": ("Liczba głosów za wymagana przez większość głosowania", COUNT),
    "Kworum": ("Czy było kworum", {"type": "boolean", "trueValues": ["tak"],
                                  "falseValues": ["nie"]}),
    "Wynik": ("Wynik głosowania", {"type": "string"}),
    "Uzasadnienie": ("Uzasadnienie wyniku w jednym zdaniu", {"type": "string"}),
    "Reasumpcja głosowania nr": ("Numer głosowania, które to głosowanie powtarza",
                                 {"type": "integer"}),
    "Uchwała nr": ("Numer podjętej uchwały: z rejestru uchwał albo nadany przez radę",
                   {"type": "string"}),
    "Brak danych": ("Liczba radnych, o których źródło sesji wprowadzonej po fakcie nie mówi, "
                    "czy byli obecni (kod głosu unknown); nie są ani obecni, ani nieobecni", COUNT),
    "Kworum według źródła": ("Sesja wprowadzona po fakcie: kworum słowami źródła; pusty poza tym",
                             {"type": "string"}),
    "Wprowadzono po fakcie": ("Czy sesję wprowadzono do systemu po fakcie (czasy są czasami "
                              "obrad podanymi w źródle, z dokładnością źródła)",
                              {"type": "boolean", "trueValues": ["tak"], "falseValues": ["nie"]}),
    "Większość": ("Większość, której wymagało głosowanie (jej nazwa, z ułamkiem dla "
                  "kwalifikowanej), od której liczy się Wymagane za", {"type": "string"}),
    "Status": ("Obecność na koniec sesji", {"type": "string"}),
    "Obecność (od-do)": ("Okresy obecności, np. 10:02-11:40, 12:05-13:10", {"type": "string"}),
    "Usprawiedliwienie": ("Powód usprawiedliwionej nieobecności", {"type": "string"}),
    "Temat punktu": ("Tytuł punktu porządku obrad", {"type": "string"}),
    "Mówca": ("Imię i nazwisko mówcy", {"type": "string"}),
    "Funkcja / klub": ("Klub radnego albo funkcja gościa", {"type": "string"}),
    "Rodzaj": ("Rodzaj wystąpienia", {"type": "string"}),
    "Początek": ("Początek wystąpienia (czas lokalny)", {"type": "time", "format": "%H:%M"}),
    "Czas": ("Długość wystąpienia, np. 4 min 05 s", {"type": "string"}),
    "Nr uchwały": ("Numer uchwały w rejestrze uchwał", {"type": "string"}),
    "W sprawie": ("Tytuł uchwały", {"type": "string"}),
    "Uwagi": ("Uwagi, np. uchylenie w reasumpcji", {"type": "string"}),
}


def headers(record: SittingRecord) -> dict[str, tuple[str, ...]]:
    """Each table's header as this sitting's CSVs have it (a committee's first named column)."""
    return {**TABLES, "imienne": tables.named_header(record)}


def table_schema(header: tuple[str, ...]) -> dict[str, Any]:
    """The Table Schema of a CSV with this header, its fields in the header's order."""
    return {"fields": [{"name": name, "description": FIELDS[name][0], **FIELDS[name][1]}
                       for name in header],
            "missingValues": [""]}
