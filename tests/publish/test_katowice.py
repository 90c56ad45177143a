"""A real sitting end to end: `sesja apply` builds it, `sesja export` publishes it, and every
published count and every member's answer is found in the CSV, JSON, HTML and PDF."""

import csv
import json
import re
import subprocess
from pathlib import Path

import pytest

from models.polish import ANSWER_PL
from server.publish.popolo import ANSWER_OF_OPTION
from server.publish.prose import count_phrase
from tests.cli import ROOT, sesja
from tests.publish.katowice import COUNTS, FINAL, published, write_script

ARTIFACTS = ROOT / "test-artifacts" / "publish"


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("katowice")
    db, script = folder / "katowice.db", folder / "katowice.jsonl"
    write_script(script)
    applied = sesja("apply", "--db", str(db), str(script))
    assert applied.returncode == 0, applied.stderr
    exported = sesja("export", "--db", str(db), "--out", str(folder / "bip"), "--lang", "en")
    assert exported.returncode == 0, exported.stderr
    assert "exported sitting XV of 2025-05-29 (21 votes)" in exported.stdout
    verified = sesja("verify", "--db", str(db), "--export", str(folder / "bip"), "--lang", "en")
    assert verified.returncode == 0, verified.stderr
    assert "its 21 votes match the log" in verified.stdout
    return folder / "bip"


def expected() -> list[tuple[int, dict[str, str], dict[str, int]]]:
    """(vote number, {name: Polish answer}, {answer code: count}) as BIP published them."""
    votes = []
    for vote in published()["votes"]:
        answers = {name: ANSWER_PL[FINAL[word]] for _seat, name, word in vote["raw_rows"]}
        counts = {COUNTS[key].value: vote["counts"][key] for key in COUNTS}
        votes.append((vote["number"], answers, counts))
    return votes


@pytest.mark.parametrize("name, encoding, delimiter", [
    ("imienne.csv", "utf-8", ","), ("imienne-excel.csv", "utf-8-sig", ";")])
def test_every_answer_in_both_csv_dialects(package, name, encoding, delimiter):
    raw = (package / name).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") == (encoding == "utf-8-sig")
    with (package / name).open(encoding=encoding, newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=delimiter))
    assert len(rows) == 21 * 28
    found = {(int(r["Głosowanie nr"]), r["Radny"]): r["Głos"] for r in rows}
    for number, answers, _counts in expected():
        assert {n: found[(number, n)] for n in answers} == answers


def test_every_count_in_the_results_csv(package):
    with (package / "wyniki-excel.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = {int(r["Głosowanie nr"]): r for r in csv.DictReader(handle, delimiter=";")}
    columns = {"yes": "Za", "no": "Przeciw", "abstain": "Wstrzymało się",
               "not_voting": "Nie głosowało", "absent": "Nieobecni"}
    for number, _answers, counts in expected():
        assert {code: int(rows[number][columns[code]]) for code in counts} == counts
        assert rows[number]["Kworum"] == "tak"


def test_every_answer_and_count_in_the_popolo_json(package):
    document = json.loads((package / "sesja.json").read_text(encoding="utf-8"))
    events = {int(e["identifier"]): e for e in document["vote_events"]}
    popolo = {"yes": "yes", "no": "no", "abstain": "abstain", "not_voting": "not voting",
              "absent": "absent"}
    for number, answers, counts in expected():
        event = events[number]
        given = {c["option"]: c["value"] for c in event["counts"]}
        assert {code: given[popolo[code]] for code in counts} == counts
        assert {v["voter"]["name"]: ANSWER_PL[ANSWER_OF_OPTION[v["option"]]]
                for v in event["votes"]} == answers
        single = json.loads((package / "glosowania" / f"glosowanie-{number:03d}.json")
                            .read_text(encoding="utf-8"))
        assert single == event


def test_every_answer_and_count_in_the_html(package):
    page = (package / "index.html").read_text(encoding="utf-8")
    sections = re.split(r'<section id="glosowanie-(\d+)"', page)
    by_number = {int(sections[i]): sections[i + 1] for i in range(1, len(sections), 2)}
    for number, answers, counts in expected():
        section = by_number[number]
        rows = dict(re.findall(r'<th scope="row">([^<]+)</th><td class="\w+">([^<]+)</td>',
                               section))
        assert rows == answers
        for code, value in counts.items():
            assert f"<li>{count_phrase(FINAL_BY_CODE[code], value)}</li>" in section


FINAL_BY_CODE = {code.value: code for code in FINAL.values()}


def test_every_answer_and_count_in_the_pdf(package):
    text = subprocess.run(["pdftotext", "-raw", str(package / "sesja.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    parts = re.split(r"^\f?Głosowanie nr (\d+):", text, flags=re.MULTILINE)
    by_number = {int(parts[i]): parts[i + 1] for i in range(1, len(parts), 2)}
    assert sorted(by_number) == list(range(1, 22))
    for number, answers, counts in expected():
        section = " ".join(by_number[number].split())
        for name, answer in answers.items():
            assert re.search(rf"\d+\. {re.escape(name)} {re.escape(answer)}( |$)", section), (number, name)
        phrases = [count_phrase(FINAL_BY_CODE[code], value) for code, value in counts.items()]
        listed = f"{', '.join(phrases[:3])}; {', '.join(phrases[3:])}."  # votes; people
        assert listed in section, number
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob("katowice-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(package / "sesja.pdf"),
                    str(ARTIFACTS / "katowice")], check=True)
    pages = sorted(ARTIFACTS.glob("katowice-*.png"))
    assert pages and all(p.stat().st_size > 5000 for p in pages)


def test_the_minutes_name_the_sitting_chair_and_quorum(package):
    minutes = (package / "protokol.md").read_text(encoding="utf-8")
    for part in ("# Protokół nr XV/2025 (projekt)", "Rada Miasta Katowice: XV sesja, odbyta "
                 "29 maja 2025 r.", "Obradom przewodniczył(a): Sobula Roch.",
                 "Ustawowy skład rady: 28; kworum: 14. Obecnych przy pierwszym głosowaniu: 27",
                 "Głosowanie nr 21", "Zamknięto XV sesję"):
        assert part in minutes, part

