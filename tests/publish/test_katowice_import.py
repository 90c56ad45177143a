"""The Katowice XV sitting brought in as a council would: `sesja apply --afterwards` for its
frame, `sesja import` of its vote lists (one row per member per vote), `sesja export`. Every
export carries the published times (11:05 for the first vote, one time per vote), the agenda
labels the council gave ("17a"), each vote's quorum as the source states it, every count
and named answer, and says the sitting was entered afterwards."""

import csv
import json
import re
import subprocess
from pathlib import Path

import pytest

from models.polish import ANSWER_PL
from server.publish.popolo import ANSWER_OF_OPTION
from server.publish.prose import count_phrase
from tests.cli import sesja
from tests.publish.katowice import published
from tests.publish.katowice_import import (
    closing_script,
    frame_script,
    label_and_subject,
    rows,
    write_csv,
    write_jsonl,
)
from tests.publish.test_katowice import FINAL_BY_CODE, expected

DATA = published()
QUORUM = "Kworum zostało osiągnięte"
NOTE = "Sesję wprowadzono do systemu po fakcie"


def times() -> dict[int, str]:
    """Each vote's published time, "11:05"."""
    return {v["number"]: v["voted_at"].split()[1] for v in DATA["votes"]}


def labels() -> dict[int, str]:
    return {v["number"]: label_and_subject(v["subject"])[0] for v in DATA["votes"]}


def bring_in(folder: Path, votes_file: Path, *import_args: str) -> Path:
    """The frame applied afterwards, the votes imported, the sitting closed; the log."""
    db = folder / "katowice.db"
    write_jsonl(folder / "frame.jsonl", frame_script(DATA))
    write_jsonl(folder / "close.jsonl", closing_script(DATA))
    framed = sesja("apply", "--afterwards", "--db", str(db), str(folder / "frame.jsonl"))
    assert framed.returncode == 0, framed.stderr
    imported = sesja("import", "--db", str(db), str(votes_file), *import_args, "--lang", "en")
    assert imported.returncode == 0, imported.stderr
    assert "imported 21 votes (588 named answers)" in imported.stdout
    closed = sesja("apply", "--afterwards", "--db", str(db), str(folder / "close.jsonl"))
    assert closed.returncode == 0, closed.stderr
    return db


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("katowice-import")
    write_csv(folder / "glosowania.csv", rows(DATA))
    db = bring_in(folder, folder / "glosowania.csv")
    exported = sesja("export", "--db", str(db), "--out", str(folder / "bip"))
    assert exported.returncode == 0, exported.stderr
    verified = sesja("verify", "--db", str(db), "--export", str(folder / "bip"))
    assert verified.returncode == 0, verified.stderr
    return folder / "bip"


def _results(package: Path) -> dict[int, dict[str, str]]:
    with (package / "wyniki.csv").open(encoding="utf-8", newline="") as handle:
        return {int(r["Głosowanie nr"]): r for r in csv.DictReader(handle)}


def test_the_results_csv_has_the_published_times_labels_quorum_and_counts(package):
    results = _results(package)
    assert results[1]["Otwarto"] == results[1]["Zamknięto"] == "2025-05-29 11:05:00"
    columns = {"yes": "Za", "no": "Przeciw", "abstain": "Wstrzymało się",
               "not_voting": "Nie głosowało", "absent": "Nieobecni"}
    for number, _answers, counts in expected():
        row = results[number]
        assert row["Otwarto"][11:16] == times()[number] == row["Zamknięto"][11:16]
        assert row["Punkt"] == labels()[number]
        assert (row["Kworum według źródła"], row["Wprowadzono po fakcie"]) == (QUORUM, "tak")
        assert {code: int(row[columns[code]]) for code in counts} == counts
        assert row["Brak danych"] == "0" and row["Uchwała nr"] == ""
    assert results[18]["Punkt"] == "17a" and results[20]["Punkt"] == "17c"
    assert results[18]["Temat"].startswith("Rozpatrzenie projektu uchwały")  # label taken off


def test_the_named_csv_has_every_answer_and_label(package):
    with (package / "imienne.csv").open(encoding="utf-8", newline="") as handle:
        named = list(csv.DictReader(handle))
    found = {(int(r["Głosowanie nr"]), r["Radny"]): r["Głos"] for r in named}
    for number, answers, _counts in expected():
        assert {name: found[(number, name)] for name in answers} == answers
    assert {r["Punkt"] for r in named if r["Głosowanie nr"] == "19"} == {"17b"}


def test_the_popolo_json_has_the_times_labels_quorum_and_every_answer(package):
    document = json.loads((package / "sesja.json").read_text(encoding="utf-8"))
    assert document["entered_afterwards"] is True
    assert document["entered_afterwards_note"].startswith(NOTE)
    assert document["sitting"]["opened_at"] == "2025-05-29T11:05:00+02:00"
    events = {int(e["identifier"]): e for e in document["vote_events"]}
    for number, answers, counts in expected():
        event = events[number]
        assert event["start_date"] == event["end_date"] == f"2025-05-29T{times()[number]}:00+02:00"
        assert event["sesja"]["item_number"] == labels()[number]
        assert event["sesja"]["quorum_as_stated"] == QUORUM
        given = {c["option"]: c["value"] for c in event["counts"]}
        assert given["unknown"] == 0
        assert {v["voter"]["name"]: ANSWER_PL[ANSWER_OF_OPTION[v["option"]]]
                for v in event["votes"]} == answers
        assert given["yes"] == counts["yes"] and given["no"] == counts["no"]


def test_the_html_pages_have_the_times_labels_quorum_and_every_answer(package):
    page = (package / "index.html").read_text(encoding="utf-8")
    assert NOTE in page
    sections = re.split(r'<section id="glosowanie-(\d+)"', page)
    by_number = {int(sections[i]): sections[i + 1] for i in range(1, len(sections), 2)}
    for number, answers, counts in expected():
        section = by_number[number]
        assert f"Punkt {labels()[number]}: " in section
        assert f"29 maja 2025 r., godz. {times()[number]}." in section
        assert f"kworum według źródła: „{QUORUM}”" in section
        found = dict(re.findall(r'<th scope="row">([^<]+)</th><td class="\w+">([^<]+)</td>',
                                section))
        assert found == answers
        for code, value in counts.items():
            assert f"<li>{count_phrase(FINAL_BY_CODE[code], value)}</li>" in section
        single = (package / "glosowania" / f"glosowanie-{number:03d}.html").read_text(encoding="utf-8")
        assert NOTE in single and f"godz. {times()[number]}." in single
    assert re.search(r'<td data-label="Godzina">11:05</td>', page)  # one time, not 11:05–11:05


def test_the_minutes_say_it_was_entered_afterwards_with_the_real_times(package):
    minutes = (package / "protokol.md").read_text(encoding="utf-8")
    for part in ("Obrady rozpoczęto o 11:05 i zakończono o 12:31.", NOTE,
                 "Ad 17a. Rozpatrzenie projektu uchwały", "Głosowanie nr 1 (11:05): ",
                 "Głosowanie nr 21 (12:31): ", f"Kworum według źródła: „{QUORUM}”."):
        assert part in minutes, part


def test_the_pdf_says_it_was_entered_afterwards_and_shows_the_labels(package):
    """The PDF takes the note, the times and the quorum from the shared record and prose, as
    the HTML does."""
    text = subprocess.run(["pdftotext", str(package / "sesja.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    joined = " ".join(text.replace("\u200b", "").split())
    assert "Sesję wprowadzono do systemu po fakcie" in joined
    assert "Obrady od 11:05 do 12:31." in joined and "Punkt 17a: " in joined
    assert "29 maja 2025 r., godz. 11:05." in joined  # the first vote: one time, no seconds
    assert f"kworum według źródła: „{QUORUM}”" in joined
    assert "Punkt 2: Powołanie sekretarzy sesji. Tryb" in joined  # the title's own stop, once
