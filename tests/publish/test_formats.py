"""Every format says the same thing as the event log: counts equal the named lists, the named
lists equal the state, secret ballots carry totals only, partial exports say so."""

import csv
import json
import re
import subprocess
from datetime import datetime, timedelta
from html import unescape

import pytest

from models.polish import ANSWER_PL
from models.terms import FinalAnswer
from server.publish import export_package
from server.publish.check import check_package
from server.publish.popolo import ANSWER_OF_OPTION
from server.publish.prose import count_phrase
from tests.publish.sittings import rich


@pytest.fixture(scope="module")
def closed():
    return rich()


@pytest.fixture(scope="module")
def package(closed, tmp_path_factory):
    out = tmp_path_factory.mktemp("rich") / "bip"
    export_package(closed.state, closed.log, out, video_start=closed.state.sitting.opened_at)
    return out


def state_lists(sim) -> dict[int, dict[str, FinalAnswer]]:
    return {v.number: dict(v.result.named) for v in sim.state.sitting.votes.values()}


def _pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def _pdf_votes(path) -> dict[str, str]:
    """Each vote's section of the PDF (by number), its whitespace made single spaces."""
    text = " ".join(_pdf_text(path).split("Lista obecności")[0].split())
    return dict(zip(*[iter(re.split(r"Głosowanie nr (\d+):", text)[1:])] * 2, strict=True))


def test_csv_in_both_dialects_reads_back_as_the_same_rows_and_the_log(closed, package):
    plain = list(csv.reader((package / "imienne.csv").open(encoding="utf-8", newline="")))
    excel = list(csv.reader((package / "imienne-excel.csv").open(encoding="utf-8-sig", newline=""),
                            delimiter=";"))
    assert plain == excel
    header, rows = plain[0], plain[1:]
    at = {name: header.index(name) for name in ("Głosowanie nr", "Id radnego", "Kod głosu")}
    lists: dict[int, dict[str, FinalAnswer]] = {}
    for row in rows:
        lists.setdefault(int(row[at["Głosowanie nr"]]), {})[row[at["Id radnego"]]] = \
            FinalAnswer(row[at["Kod głosu"]])
    expected = state_lists(closed)
    assert lists == {n: named for n, named in expected.items() if named}  # secret vote 2: none
    assert not (package / "glosowania" / "glosowanie-002.csv").exists()
    single = list(csv.reader((package / "glosowania" / "glosowanie-001-excel.csv")
                             .open(encoding="utf-8-sig", newline=""), delimiter=";"))
    assert single == [header] + [r for r in excel[1:] if r[2] == "1"]


def test_counts_equal_the_named_lists_in_every_format(closed, package):
    document = json.loads((package / "sesja.json").read_text(encoding="utf-8"))
    html = (package / "index.html").read_text(encoding="utf-8")
    printed = _pdf_votes(package / "sesja.pdf")
    with (package / "imienne.csv").open(encoding="utf-8", newline="") as handle:
        named_rows = list(csv.DictReader(handle))
    with (package / "wyniki.csv").open(encoding="utf-8", newline="") as handle:
        results = {row["Głosowanie nr"]: row for row in csv.DictReader(handle)}
    columns = dict(zip(FinalAnswer, ("Za", "Przeciw", "Wstrzymało się", "Nie głosowało",
                                     "Nieobecni", "Wyłączeni", "Brak danych"), strict=True))
    words = "|".join(re.escape(ANSWER_PL[answer]) for answer in FinalAnswer)
    for event in document["vote_events"]:
        counts = {c["option"]: c["value"] for c in event["counts"]}
        if event["sesja"]["secret"]:
            assert event["votes"] == [] and counts["yes"] == 4
            continue
        options = [v["option"] for v in event["votes"]]
        assert len(options) == 10  # every roster member once
        assert counts == {option: options.count(option) for option in counts}
        number = event["sesja"]["number"]
        section = html.split(f'<section id="glosowanie-{number}"')[1].split("</section>")[0]
        for option, value in counts.items():
            answer = ANSWER_OF_OPTION[option]
            told = value > 0 or answer is not FinalAnswer.RECUSED  # "0 recused" goes unsaid
            assert (f"<li>{count_phrase(answer, value)}</li>" in section) == told
            assert section.count(f'<td class="{answer.value}">') == value
            codes = [r["Kod głosu"] for r in named_rows if r["Głosowanie nr"] == str(number)]
            assert int(results[str(number)][columns[answer]]) == codes.count(answer.value) == value
            listed = re.findall(rf"\b\d+\. Radny \d+ ({words})(?= |$)", printed[str(number)])
            assert (count_phrase(answer, value) in printed[str(number)]) == told
            assert listed.count(ANSWER_PL[answer]) == value


def test_every_named_vote_lists_each_roster_member_once_in_every_format(closed, package):
    sitting = closed.state.sitting
    roster = [m.id for m in sitting.roster]
    names = {m.id: m.name for m in sitting.roster}
    named: dict[int, list[tuple[str, FinalAnswer]]] = {}  # vote number -> roster's answers
    for vote in sitting.votes.values():
        if vote.mode.named:
            answers = dict(vote.result.named)
            named[vote.number] = [(member, answers[member]) for member in roster]
    assert set(named) == {1, 3}
    # all six answers of a live sitting occur ("brak danych" is for one entered afterwards)
    assert {answer for _m, answer in named[1]} == set(FinalAnswer) - {FinalAnswer.UNKNOWN}
    for name, encoding, delimiter in (("imienne.csv", "utf-8", ","),
                                      ("imienne-excel.csv", "utf-8-sig", ";")):
        with (package / name).open(encoding=encoding, newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter=delimiter))
        for number, expected in named.items():
            assert [(r["Id radnego"], FinalAnswer(r["Kod głosu"])) for r in rows
                    if r["Głosowanie nr"] == str(number)] == expected, (name, number)
    document = json.loads((package / "sesja.json").read_text(encoding="utf-8"))
    for event in document["vote_events"]:
        if event["sesja"]["number"] in named:
            assert [(v["voter_id"], ANSWER_OF_OPTION[v["option"]]) for v in event["votes"]] \
                == named[event["sesja"]["number"]]
    html = (package / "index.html").read_text(encoding="utf-8")
    words = {ANSWER_PL[answer]: answer for answer in FinalAnswer}
    ids = {name: member for member, name in names.items()}
    printed = _pdf_votes(package / "sesja.pdf")
    row = re.compile(r"\b\d+\. (Radny \d+) (" + "|".join(map(re.escape, words)) + ")(?= |$)")
    for number, expected in named.items():
        section = html.split(f'<section id="glosowanie-{number}"')[1].split("</section>")[0]
        # no "Klub" column: no member of this council has a club
        shown = re.findall(r'<th scope="row">([^<]+)</th><td class="\w+">([^<]+)</td>', section)
        assert [(ids[n], words[w]) for n, w in shown] == expected, number
        found = row.findall(printed[str(number)])  # in reading order, column after column
        assert [(ids[n], words[w]) for n, w in found] == expected, number


def test_the_pdf_embeds_its_fonts(package):
    listing = subprocess.run(["pdffonts", str(package / "sesja.pdf")], capture_output=True,
                             text=True, check=True).stdout.splitlines()[2:]
    assert listing and all("DejaVuSans" in line for line in listing)
    assert all(line.split()[-5:-3] == ["yes", "yes"] for line in listing), listing  # emb, sub


def test_json_read_back_gives_the_votes_of_the_log(closed, package):
    document = json.loads((package / "sesja.json").read_text(encoding="utf-8"))
    read_back = {e["sesja"]["number"]: {v["voter_id"]: ANSWER_OF_OPTION[v["option"]]
                                        for v in e["votes"]} for e in document["vote_events"]}
    assert read_back == state_lists(closed)
    first, secret, revote = document["vote_events"]
    assert first["sesja"]["resolution"] == "XL/1/2026" and first["result"] == "pass"
    assert first["sesja"]["majority_rule"] == {"kind": "simple", "numerator": None,
                                               "denominator": None}
    assert revote["sesja"]["revote_of"] == first["id"] and revote["result"] == "fail"
    assert secret["sesja"]["mode"] == "secret"
    assert document["resolutions"][0]["voided_by"] == revote["id"]
    assert document["complete"] is True and document["partial_note"] is None
    vote = closed.state.sitting.votes["v1"]
    assert first["identifier"] == "1" and first["motion"]["text"] == vote.subject
    assert datetime.fromisoformat(first["start_date"]) == vote.opened_at
    assert datetime.fromisoformat(first["end_date"]) == vote.closed_at
    assert first["start_date"].endswith("+01:00")  # local time, with its offset
    assert first["votes"][0] == {"voter_id": "m01", "voter": {"id": "m01", "name": "Radny 1"},
                                 "group_id": None, "option": "yes", "option_pl": "za"}
    assert first["sesja"]["explanation_pl"] == vote.result.explanation_pl


def test_a_recused_member_is_listed_as_such_and_a_secret_ballot_names_nobody(package):
    html = (package / "index.html").read_text(encoding="utf-8")
    assert '<th scope="row"><a href="#glosowanie-2">Wybór przewodniczącego komisji</a></th>' in html
    first = html.split('<section id="glosowanie-1"')[1].split("</section>")[0]
    assert re.search(r'Radny 7</th><td class="recused">wyłączony\(-a\)</td>', first)
    secret = html.split('<section id="glosowanie-2"')[1].split("</section>")[0]
    assert "Radny" not in secret and "publikuje się tylko wyniki" in secret
    pdf = _pdf_text(package / "sesja.pdf")
    section = pdf.split("Głosowanie nr 2:")[1].split("Głosowanie nr 3:")[0]
    assert "Radny" not in section and "4 głosy za, 2 głosy przeciw, 1 głos wstrzymujący się;" in section
    assert "„Żółć”" in pdf and "Skarbnik Miasta" in pdf


def test_attendance_speakers_and_register(package):
    rows = list(csv.DictReader((package / "obecnosc.csv").open(encoding="utf-8", newline="")))
    by_id = {r["Id radnego"]: r for r in rows}
    assert by_id["m08"]["Status"] == "wyszedł(-a)" and by_id["m08"]["Obecność (od-do)"] == "11:00-11:05"
    assert by_id["m01"]["Obecność (od-do)"] == "11:00-11:08"  # present until the close
    assert by_id["m10"]["Usprawiedliwienie"] == "choroba"
    speakers = list(csv.DictReader((package / "mowcy.csv").open(encoding="utf-8", newline="")))
    assert [(s["Mówca"], s["Czas"], s["Punkt"]) for s in speakers] == [
        ("Radny 3", "2 min 05 s", "2.1"), ("Anna Skarbnik", "1 min 01 s", "2.1")]
    register = list(csv.DictReader((package / "uchwaly.csv").open(encoding="utf-8", newline="")))
    assert register == [{"Nr uchwały": "XL/1/2026", "W sprawie": "w sprawie budżetu",
                         "Głosowanie nr": "1", "Uwagi": "uchylona w reasumpcji (głosowanie 3)"}]


def test_the_minutes_draft_follows_the_usual_order(package):
    text = (package / "protokol.md").read_text(encoding="utf-8")
    order = ["# Protokół nr XL/2026", "22 listopada 2026", "Obrady rozpoczęto o 11:00",
             "kworum: 6", "## Porządek obrad", "  - 2.1. w sprawie budżetu", "## Przebieg obrad",
             "### Ad 2.1. w sprawie budżetu", "Głos zabrali: Radny 3", "Głosowanie nr 1 (11:04)",
             "Rada podjęła uchwałę nr XL/1/2026", "Głosowanie nr 3", "## Zamknięcie",
             "Zamknięto XL sesję o 11:08"]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)
    html = (package / "protokol.html").read_text(encoding="utf-8")
    assert '<html lang="pl">' in html and "<h3>Ad 2.1. w sprawie budżetu</h3>" in html
    body = unescape(re.sub(r"<[^>]+>", "\n", html.split("<body>")[1]))
    positions = [body.index(part.lstrip("#- ")) for part in order]
    assert positions == sorted(positions)  # the HTML draft in the same order


def test_video_chapters_start_at_zero_and_follow_the_sitting(package):
    youtube = (package / "rozdzialy-youtube.txt").read_text(encoding="utf-8").splitlines()
    assert youtube == ["00:00 Otwarcie XL sesji", "01:00 2.1. w sprawie budżetu",
                       "04:26 Głosowanie nr 1: Projekt uchwały w sprawie budżetu „Żółć”",
                       "05:11 Głosowanie nr 2: Wybór przewodniczącego komisji",
                       "05:51 Głosowanie nr 3: Reasumpcja głosowania nr 1",
                       "06:46 3. Wolne wnioski", "08:16 Zamknięcie sesji"]
    vtt = (package / "rozdzialy.vtt").read_text(encoding="utf-8")
    assert vtt.startswith("WEBVTT\n\n1\n00:00:00.000 --> 00:01:00.000\nOtwarcie XL sesji\n")
    assert "7\n00:08:16.000 --> 00:08:26.000\nZamknięcie sesji\n" in vtt


def test_a_recording_that_starts_late_skips_what_it_missed(closed, tmp_path):
    start = closed.state.sitting.opened_at + timedelta(seconds=200)
    export_package(closed.state, closed.log, tmp_path / "p", formats=["md"], video_start=start)
    youtube = (tmp_path / "p" / "rozdzialy-youtube.txt").read_text(encoding="utf-8").splitlines()
    assert youtube[0] == "00:00 2.1. w sprawie budżetu"
    assert youtube[1] == "01:06 Głosowanie nr 1: Projekt uchwały w sprawie budżetu „Żółć”"


def test_a_running_sitting_exports_as_partial(tmp_path):
    sim = rich(close=False)
    sim("open_vote", subject="Wniosek formalny")
    manifest = json.loads(export_package(sim.state, sim.log, tmp_path / "p").read_text("utf-8"))
    assert manifest["complete"] is False and "Sesja w toku" in manifest["partial_note"]
    assert "Trwa głosowanie nr 4" in manifest["partial_note"]
    assert manifest["votes"] == 3  # the open vote is not published until it closes
    assert "Sesja w toku" in (tmp_path / "p" / "index.html").read_text(encoding="utf-8")
    assert "Sesja nie została jeszcze zamknięta." in (tmp_path / "p" / "protokol.md").read_text("utf-8")
    document = json.loads((tmp_path / "p" / "sesja.json").read_text(encoding="utf-8"))
    assert document["complete"] is False and document["partial_note"] == manifest["partial_note"]
    assert "Sesja w toku" in " ".join(_pdf_text(tmp_path / "p" / "sesja.pdf").split())


def test_the_manifest_hashes_every_file_and_names_the_last_event(closed, package):
    data, problems = check_package(package, closed.log)
    assert problems == []
    assert data["last_event"] == {"seq": closed.log[-1].seq, "hash": closed.log[-1].hash,
                                  "at": closed.log[-1].at.isoformat()}
    names = {f["path"] for f in data["files"]}
    assert {"index.html", "sesja.pdf", "sesja.json", "imienne.csv", "imienne-excel.csv",
            "protokol.md", "protokol.html", "rozdzialy.vtt", "glosowania/glosowanie-001.html",
            "glosowania/glosowanie-002.json"} <= names


def test_a_vote_on_an_item_withdrawn_since_is_still_in_the_minutes(tmp_path):
    sim = rich(close=False)
    sim("propose_agenda_change", change={"op": "withdraw", "item_id": "i3",
                                         "reason": "projekt wycofany"})
    for member in ("m01", "m02", "m03", "m04", "m05", "m06", "m07"):
        sim("record_answer", member=member, answer="yes")
    sim("close_vote")
    assert sim.state.sitting.items["i3"].withdrawn  # the budget, voted on earlier
    export_package(sim.state, sim.log, tmp_path / "p", formats=["md"])
    minutes = (tmp_path / "p" / "protokol.md").read_text(encoding="utf-8")
    outside = minutes[minutes.index("### Poza punktami porządku obrad"):]
    assert "Głosowanie nr 1 (" in outside and "Głosowanie nr 3 (" in outside


def test_a_cancelled_vote_is_told_in_the_minutes_and_not_published_as_a_list(tmp_path):
    sim = rich(close=False)
    budget = next(item.item.id for number, _d, item in sim.state.sitting.numbered_items()
                  if number == "2.1")
    sim("set_current_item", item=budget)  # back to the budget, whose votes came earlier
    sim("open_vote", subject="Wniosek o przerwę")
    sim("cancel_vote", reason="awaria systemu do głosowania")
    export_package(sim.state, sim.log, tmp_path / "p", formats=["md", "json"])
    minutes = (tmp_path / "p" / "protokol.md").read_text(encoding="utf-8")
    cancelled = "Głosowanie nr 4 (Wniosek o przerwę) unieważniono: awaria systemu do głosowania."
    assert cancelled in minutes
    # under its own item, after that item's earlier votes, not after the last item
    item = minutes[:minutes.index(cancelled)].rsplit("### Ad ", 1)[-1]
    assert item.startswith("2.1. w sprawie budżetu") and "Głosowanie nr 3 " in item
    assert minutes.index(cancelled) < minutes.index("### Ad 3.")
    document = json.loads((tmp_path / "p" / "sesja.json").read_text(encoding="utf-8"))
    assert [e["identifier"] for e in document["vote_events"]] == ["1", "2", "3"]


def test_the_page_the_pdf_and_the_minutes_tell_a_vote_in_the_same_words(package):
    counts = ["4 głosy za", "1 głos przeciw", "1 głos wstrzymujący się", "1 osoba nie głosowała",
              "2 osoby nieobecne", "1 osoba wyłączona z głosowania"]
    told = ("Wynik: przyjęto", "Przyjęto: 4 za, 1 przeciw, 1 wstrz.; wymagana zwykła większość "
            "głosów przy 1 przeciw: 2 za.", "Rada podjęła uchwałę nr XL/1/2026.")
    sentence = f"{', '.join(counts[:3])}; {', '.join(counts[3:])}."
    minutes = (package / "protokol.md").read_text(encoding="utf-8")
    assert f"{told[0]} - {sentence} {told[1]} {told[2]}" in minutes
    printed = _pdf_votes(package / "sesja.pdf")["1"]
    assert f"{told[0]}. {told[1]} {told[2]}" in printed and sentence in printed
    html = (package / "index.html").read_text(encoding="utf-8")
    section = html.split('<section id="glosowanie-1"')[1].split("</section>")[0]
    assert f"<strong>{told[0]}.</strong> {told[1]} {told[2]}</p>" in section
    assert "<ul>" + "".join(f"<li>{c}</li>" for c in counts) + "</ul>" in section
    third = html.split('<section id="glosowanie-3"')[1].split("</section>")[0]
    assert "Reasumpcja głosowania nr 1." in third and "Reasumpcja głosowania nr 1." in \
        _pdf_votes(package / "sesja.pdf")["3"].split("Wynik")[1]
