"""A proposed agenda read from a file: CSV in UTF-8 or Windows-1250, or JSON; a bad row is
named in Polish and nothing is read."""

import pytest

from models.terms import ItemKind, MajorityKind
from server.agenda_file import AgendaFileError, read_agenda

CSV = ("Oznaczenie;Tytuł;Rodzaj;Druk;Większość;Referuje\n"
       "1;Otwarcie sesji;porządkowy;;;\n"
       "6;Projekt uchwały w sprawie budżetu;uchwała;412;bezwzględna ustawowego składu;Skarbnik\n"
       "6a;Projekt uchwały w sprawie zmian w statucie;uchwała;413;3/5 ustawowego składu;\n"
       "7;Wolne wnioski;;;;\n")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1250"])
def test_a_csv_agenda_keeps_labels_drafts_rules_and_rapporteurs(tmp_path, encoding):
    path = tmp_path / "porzadek.csv"
    path.write_bytes(CSV.encode(encoding))
    items = read_agenda(path)
    assert [i.label for i in items] == ["1", "6", "6a", "7"]
    budget, statute = items[1], items[2]
    assert budget.title == "Projekt uchwały w sprawie budżetu" and budget.kind is ItemKind.RESOLUTION
    assert (budget.print_number, budget.rapporteur) == ("412", "Skarbnik")
    assert budget.rule.kind is MajorityKind.ABSOLUTE_SEATS
    assert (statute.rule.kind, statute.rule.numerator, statute.rule.denominator) == \
        (MajorityKind.QUALIFIED_SEATS, 3, 5)
    assert items[3].rule is None and items[3].kind is ItemKind.OTHER


def test_a_bad_csv_names_each_bad_row_in_polish(tmp_path):
    path = tmp_path / "porzadek.csv"
    path.write_text("tytuł;rodzaj;większość\nOtwarcie;porządkowy;\n;uchwała;\n"
                    "Budżet;ustawa;\nStatut;uchwała;połowa\n", encoding="utf-8")
    with pytest.raises(AgendaFileError) as error:
        read_agenda(path)
    assert error.value.problems == [
        "wiersz 3: tytuł jest pusty",
        "wiersz 4: nieznany rodzaj punktu „ustawa” (uchwała, porządkowy, sprawozdanie, "
        "interpelacje, inne)",
        "wiersz 5: nieznana większość „połowa” (zwykła, bezwzględna, bezwzględna ustawowego "
        "składu, 3/5 ustawowego składu, 2/3 głosów)"]


def test_a_json_agenda_may_nest_and_a_too_long_title_is_named(tmp_path):
    path = tmp_path / "porzadek.json"
    path.write_text('{"agenda":[{"title":"Uchwały","label":"5","children":'
                    '[{"title":"w sprawie budżetu","label":"5.1"}]}]}', encoding="utf-8")
    (item,) = read_agenda(path)
    assert item.children[0].label == "5.1"
    path.write_text('[{"title":"Otwarcie"},{"title":"' + "x" * 501 + '"}]', encoding="utf-8")
    with pytest.raises(AgendaFileError) as error:
        read_agenda(path)
    assert error.value.problems == ["punkt 2: tytuł ma więcej niż 500 znaków"]
