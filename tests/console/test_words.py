"""The console's words: the Polish catalog is complete and compiled, search folds Polish."""

import ast
import gettext
import io
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from models.council import Member
from server.demo import demo_council
from session_console import i18n
from session_console.search import find_members, fold

PACKAGE = Path(i18n.__file__).parent
PO = i18n.LOCALE_DIR / "pl" / "LC_MESSAGES" / "sesja.po"
MO = PO.with_suffix(".mo")


def source_messages() -> set[str]:
    """Every literal passed to _() in the console's code."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "_" and node.args
                    and isinstance(node.args[0], ast.Constant)):
                found.add(node.args[0].value)
    return found


def test_every_message_in_the_code_has_a_polish_translation():
    with PO.open("rb") as f:
        catalog = read_po(f)
    translated = {m.id for m in catalog if m.id and m.string}
    missing = source_messages() - translated
    assert not missing, f"no Polish for: {sorted(missing)}"


def test_the_committed_mo_is_the_compiled_po():
    with PO.open("rb") as f:
        catalog = read_po(f)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    committed = gettext.GNUTranslations(MO.open("rb"))
    fresh = gettext.GNUTranslations(io.BytesIO(compiled.getvalue()))
    assert committed._catalog == fresh._catalog  # run `pybabel compile -d session_console/locale -D sesja`


def test_polish_is_the_default_and_english_is_the_message_itself():
    try:
        assert i18n._("Attendance") == "Obecność"
        i18n.use("en")
        assert i18n._("Attendance") == "Attendance"
        with pytest.raises(ValueError, match="unknown language"):
            i18n.use("de")
    finally:
        i18n.use("pl")


@pytest.mark.parametrize(("text", "folded"), [
    ("Łódź", "lodz"), ("Żurawska", "zurawska"), ("ŚLIWIŃSKI", "sliwinski"),
    ("Chmielewska Żaneta", "chmielewska zaneta"),
])
def test_fold_drops_polish_diacritics(text, folded):
    assert fold(text) == folded


def test_lodz_finds_lodz_and_seat_numbers_and_ids_find_one_member():
    members = [Member(id="a", name="Łódź Anna", seat=1), Member(id="b", name="Kołodziej Jan", seat=2),
               Member(id="c", name="Nowak Ewa", seat=12)]
    assert [m.id for m in find_members(members, "lodz")] == ["a", "b"]  # surname match first
    assert [m.id for m in find_members(members, "12")] == ["c"]
    assert [m.id for m in find_members(members, "b")] == ["b"]
    assert [m.id for m in find_members(members, "ewa nowak")] == ["c"]
    assert find_members(members, "zzz") == []


def test_the_demo_council_is_searchable_without_polish_letters():
    roster = demo_council().members
    assert [m.name for m in find_members(roster, "slIwinski")] == ["Śliwiński Krzysztof"]
    assert [m.name for m in find_members(roster, "jozwiak mal")] == ["Jóźwiak Małgorzata"]
