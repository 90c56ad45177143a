"""Quotes in a published subject are Polish and nested right („…‚…’…”), and a subject that
ends with a full stop is not given a second one."""

import pytest

from server.publish import export_package
from server.publish.typography import quotes, sentence
from tests.publish.sittings import clubs


@pytest.mark.parametrize(("typed", "printed"), [
    ('nadanie nazwy "Rondo "Solidarności""', "nadanie nazwy „Rondo ‚Solidarności’”"),
    ("nadanie nazwy „Rondo „Solidarności”” ulicy", "nadanie nazwy „Rondo ‚Solidarności’” ulicy"),
    ("„a ‚b’ c”", "„a ‚b’ c”"),
    ("O’Neill i „Żółć”", "O’Neill i „Żółć”"),
    ('"Park" i "Plac"', "„Park” i „Plac”"),
])
def test_quotes(typed, printed):
    assert quotes(typed) == printed


def test_sentence():
    assert sentence("Opinia.") == "Opinia." and sentence("Opinia") == "Opinia."
    assert sentence("Czy przyjąć?") == "Czy przyjąć?"


def test_the_page_and_the_minutes_print_nested_quotes_right(tmp_path):
    sim = clubs(subject='Projekt uchwały w sprawie nadania nazwy "Rondo "Solidarności"".')
    export_package(sim.state, sim.log, tmp_path / "p", formats=["html", "md"])
    right = "nadania nazwy „Rondo ‚Solidarności’”"
    assert f"{right}.</h3>" in (tmp_path / "p" / "index.html").read_text(encoding="utf-8")
    minutes = (tmp_path / "p" / "protokol.md").read_text(encoding="utf-8")
    assert f"{right}. Wynik" in minutes
