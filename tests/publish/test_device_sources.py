"""The named list in every format says which answers of an electronic vote the secretary
recorded (a member's device failed), and marks none of a roll-call's."""

import csv
import json
import subprocess

import pytest

from models.devices import code_hash
from server.publish import export_package
from tests.chamber import opened

SALT = "salt-of-this-log-0001"


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    sim = opened(present=6)
    sim("issue_device_code", member="m01", code_hash=code_hash(SALT, "one"), salt=SALT)
    sim("issue_device_code", member="m02", code_hash=code_hash(SALT, "two"), salt=SALT)
    sim("open_vote", subject="Wniosek elektroniczny", mode="electronic")
    sim("device_answer", member="m01", answer="yes", code_hash=code_hash(SALT, "one"),
        at=sim.at.isoformat())
    sim("device_answer", member="m02", answer="no", code_hash=code_hash(SALT, "two"),
        at=sim.at.isoformat())
    sim("record_answer", member="m03", answer="abstain")  # m03's device failed
    sim("close_vote")
    sim("open_vote", subject="Wniosek przez wyczytanie", mode="roll_call")
    sim("record_answer", member="m01", answer="yes")
    sim("close_vote")
    folder = tmp_path_factory.mktemp("bip") / "p"
    export_package(sim.state, sim.log, folder, formats=["csv", "json", "html", "pdf"])
    return folder


def test_csv_has_a_column_for_answers_the_secretary_recorded(package):
    with (package / "imienne.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    marked = {(r["Głosowanie nr"], r["Id radnego"]) for r in rows if r["Zapisał sekretarz"]}
    assert marked == {("1", "m03")}
    assert {r["Zapisał sekretarz"] for r in rows} == {"", "tak"}


def test_json_says_it_of_every_answer_of_an_electronic_vote(package):
    events = json.loads((package / "sesja.json").read_text(encoding="utf-8"))["vote_events"]
    flagged = {(e["identifier"], v["voter_id"]) for e in events for v in e["votes"]
               if v.get("recorded_by_secretary")}
    assert flagged == {("1", "m03")}
    electronic, roll_call = events
    assert {v["voter_id"]: v["recorded_by_secretary"] for v in electronic["votes"]
            if "recorded_by_secretary" in v} == {"m01": False, "m02": False, "m03": True}
    assert not any("recorded_by_secretary" in v for v in roll_call["votes"])


def test_html_and_pdf_mark_it_in_words(package):
    page = (package / "glosowania" / "glosowanie-001.html").read_text(encoding="utf-8")
    assert page.count("(zapisał sekretarz)") == 1
    assert "(zapisał sekretarz)" not in (package / "glosowania" /
                                         "glosowanie-002.html").read_text(encoding="utf-8")
    text = subprocess.run(["pdftotext", "-layout", str(package / "sesja.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    first = text.split("Głosowanie nr 2:")[0]
    assert first.count("(S)") == 2  # the mark and its legend
    assert "głos zapisany przez sekretarza" in first
