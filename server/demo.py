"""A bundled demo: a fictional 23-seat city council with 22 members (one vacancy)."""

from datetime import date

from models.agenda import ItemSpec
from models.commands import Command, DefineCouncil, OpenSitting
from models.council import Council, Member
from models.terms import CouncilKind, ItemKind

_CLUBS = {
    "KO": "Klub Radnych Obywatelskie Nadwarcie",
    "WS": "Klub Radnych Wspólnota Samorządowa",
    "NM": "Klub Radnych Nowoczesne Miasto",
    "N": "radni niezrzeszeni",
}

_MEMBERS = (
    ("Adamczyk Barbara", "KO"), ("Bąk Grzegorz", "WS"), ("Chmielewska Żaneta", "NM"),
    ("Dąbrowski Łukasz", "KO"), ("Jóźwiak Małgorzata", "WS"), ("Kaczmarek Paweł", "KO"),
    ("Kołodziej Anna", "NM"), ("Kowalczyk Jerzy", "WS"), ("Lewandowska Ewa", "KO"),
    ("Łuczak Tomasz", "WS"), ("Majewska Katarzyna", "KO"), ("Nowak Jan", "WS"),
    ("Ostrowski Michał", "NM"), ("Pawlak Agnieszka", "KO"), ("Piątek Zbigniew", "WS"),
    ("Rutkowska Joanna", "KO"), ("Sikora Mirosław", "N"), ("Szczęsna Dorota", "WS"),
    ("Śliwiński Krzysztof", "KO"), ("Wójcik Elżbieta", "NM"), ("Zając Marek", "WS"),
    ("Żurawska Halina", "KO"),
)

CHAIR = "m12"


def demo_council() -> Council:
    members = tuple(
        Member(id=f"m{seat:02d}", name=name, club=_CLUBS[club], seat=seat,
               mandate_from=date(2024, 5, 7))
        for seat, (name, club) in enumerate(_MEMBERS, start=1)
    )
    return Council(name="Rada Miasta Nadwarcie", kind=CouncilKind.GMINA, statutory_seats=23,
                   members=members, next_resolution_number=312)


def _r(title: str, print_number: str) -> ItemSpec:
    return ItemSpec(title=title, kind=ItemKind.RESOLUTION, print_number=print_number)


DEMO_AGENDA = (
    ItemSpec(title="Otwarcie sesji i stwierdzenie prawomocności obrad",
             kind=ItemKind.PROCEDURAL),
    ItemSpec(title="Przyjęcie porządku obrad", kind=ItemKind.PROCEDURAL),
    ItemSpec(title="Przyjęcie protokołu z XXXIX sesji", kind=ItemKind.PROCEDURAL),
    ItemSpec(title="Sprawozdanie Prezydenta Miasta z pracy w okresie międzysesyjnym",
             kind=ItemKind.REPORT),
    ItemSpec(title="Podjęcie uchwał", kind=ItemKind.RESOLUTION, children=(
        _r("w sprawie zmian w budżecie miasta na 2026 rok", "412"),
        _r("w sprawie zmiany Wieloletniej Prognozy Finansowej Miasta Nadwarcie", "413"),
        _r("w sprawie nadania nazwy ulicy Ireny Sendlerowej", "414"),
        _r("w sprawie rozpatrzenia skargi na działalność Dyrektora Zarządu Dróg Miejskich",
           "415"),
    )),
    ItemSpec(title="Interpelacje i zapytania radnych", kind=ItemKind.INTERPELLATIONS),
    ItemSpec(title="Wolne wnioski i informacje", kind=ItemKind.OTHER),
    ItemSpec(title="Zamknięcie sesji", kind=ItemKind.PROCEDURAL),
)


def demo_commands(day: date) -> list[Command]:
    """Defines the demo council and opens its XL ordinary sitting on `day`."""
    return [
        DefineCouncil(council=demo_council()),
        OpenSitting(number="XL", date=day, place="Sala Sesyjna Ratusza, ul. Rynek 1",
                    chair=CHAIR, agenda=DEMO_AGENDA),
    ]
