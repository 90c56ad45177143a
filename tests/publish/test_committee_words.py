"""A committee's sitting is a "posiedzenie komisji" in every export; the minutes guess no
one's gender, call a cancelled vote what the console calls it, and end a subject with one
full stop."""

import csv
import re

import pytest

from server.publish import export_package
from server.publish.record import package_name
from tests.publish.sittings import clubs

FILE_NAMES = re.compile(r"sesja\.(pdf|json)")  # the package's file names stay as they are


@pytest.fixture(scope="module")
def committee(tmp_path_factory):
    sim = clubs("committee", subject="Opinia do projektu uchwały w sprawie budżetu.")
    sim.tick(10)
    out = tmp_path_factory.mktemp("komisja") / "bip"
    export_package(sim.state, sim.log, out, formats=["html", "md", "csv", "json"],
                   video_start=sim.state.sitting.opened_at)
    return sim, out


def test_no_export_of_a_committee_says_sesja(committee):
    sim, out = committee
    for name in ("index.html", "glosowania/glosowanie-001.html", "protokol.md", "protokol.html",
                 "rozdzialy-youtube.txt", "datapackage.json", "dcat.jsonld", "obecnosc.csv"):
        text = FILE_NAMES.sub("", (out / name).read_text(encoding="utf-8"))
        assert not re.search(r"\bsesj", text, re.IGNORECASE), (name, re.findall(r".{30}sesj.{30}", text))
    assert "posiedzenie komisji nr III" in (out / "index.html").read_text(encoding="utf-8")
    for name in ("index.html", "glosowania/glosowanie-001.html", "protokol.md"):
        text = (out / name).read_text(encoding="utf-8")
        assert "Ustawowy skład komisji: 7" in text and "skład rady" not in text, name
    header = next(csv.reader((out / "imienne.csv").open(encoding="utf-8")))
    assert header[0] == "Posiedzenie"
    assert package_name(sim.state.sitting) == "posiedzenie-III-2026-11-22"


def test_the_notice_of_a_committee_convenes_a_posiedzenie(tmp_path):
    sim = clubs("committee")
    export_package(sim.state, sim.log, tmp_path / "p", formats=["zawiadomienie"])
    notice = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "p").glob("zawiadomienie*.md"))
    assert "Zawiadomienie o zwołaniu posiedzenia komisji nr III" in notice
    assert not re.search(r"\bsesj", notice, re.IGNORECASE) and "która" not in notice


def test_the_minutes_close_without_guessing_a_gender(committee):
    _sim, out = committee
    minutes = (out / "protokol.md").read_text(encoding="utf-8")
    assert "Przewodnicz" not in minutes
    assert re.search(r"Zamknięto posiedzenie komisji nr III o \d\d:\d\d\.", minutes)
    assert "Rada podjęła" not in minutes


def test_a_subject_ending_with_a_full_stop_gets_no_second_one(committee):
    _sim, out = committee
    minutes = (out / "protokol.md").read_text(encoding="utf-8")
    assert "w sprawie budżetu. Wynik" in minutes and ".." not in minutes


def test_a_cancelled_vote_is_called_as_the_console_calls_it(tmp_path):
    sim = clubs(close=False)
    sim("open_vote", subject="Wniosek o przerwę")
    sim("cancel_vote", reason="pomyłka w treści")
    export_package(sim.state, sim.log, tmp_path / "p", formats=["md"])
    minutes = (tmp_path / "p" / "protokol.md").read_text(encoding="utf-8")
    assert "Głosowanie nr 3 (Wniosek o przerwę) unieważniono: pomyłka w treści." in minutes
