"""The sitting's life in what is published: the convocation notice (zawiadomienie) for BIP,
the minutes' days, chair, quorum and breaks, and the screens' view data."""

from datetime import date

from models.commands import DefineCouncil
from models.terms import CouncilKind
from server.live.views import chamber_view
from server.publish.life_lines import life_lines
from server.publish.package import export_package
from tests.chamber import Sim, council
from tests.cli import sesja

AGENDA = [
    {"title": "Otwarcie sesji", "kind": "procedural"},
    {"title": "Projekt uchwały w sprawie budżetu", "kind": "resolution", "label": "6",
     "print_number": "412", "rapporteur": "Skarbnik Powiatu", "rule": {"kind": "absolute_seats"}},
    {"title": "Projekt uchwały w sprawie drogi", "kind": "resolution", "label": "6a"},
]


def _convened(kind=CouncilKind.GMINA, **fields) -> Sim:
    sim = Sim()
    sim.run(DefineCouncil(council=council(10, 11, kind=kind)))
    sim("convene_sitting", number="XLI", date="2026-12-03", hour="16:00", place="Sala sesyjna",
        chair="m01", agenda=AGENDA, **fields)
    return sim


def test_the_notice_names_the_right_act_and_lists_the_proposed_agenda(tmp_path):
    sim = _convened(CouncilKind.POWIAT, sitting_type="extraordinary",
                    requested_by="Zarząd Powiatu")
    export_package(sim.state, sim.log, tmp_path / "out", formats=["zawiadomienie"])
    text = (tmp_path / "out" / "zawiadomienie.md").read_text(encoding="utf-8")
    assert ("Na podstawie art. 15 ust. 1 u.s.p. w związku z art. 15 ust. 7 u.s.p. zwołuję "
            "XLI sesję nadzwyczajną") in text
    assert "3 grudnia 2026 r. o godz. 16:00, miejsce: Sala sesyjna" in text
    assert "Sesja zwołana na wniosek: Zarząd Powiatu." in text
    assert ("- 6. Projekt uchwały w sprawie budżetu (druk nr 412; referuje: Skarbnik Powiatu; "
            "wymagana bezwzględna większość ustawowego składu)") in text
    assert "- 6a. Projekt uchwały w sprawie drogi" in text
    page = (tmp_path / "out" / "zawiadomienie.html").read_text(encoding="utf-8")
    assert '<html lang="pl">' in page and "<li>6a. Projekt uchwały w sprawie drogi</li>" in page


def test_the_notice_exports_from_the_command_line_and_verifies(tmp_path):
    db = tmp_path / "sesja.db"
    script = tmp_path / "s.jsonl"
    script.write_text("\n".join([
        '{"type":"define_council","council":{"name":"Rada Gminy Testowo","statutory_seats":3,'
        '"members":[{"id":"m1","name":"Anna Nowak"}]}}',
        '{"type":"convene_sitting","number":"V","date":"2026-12-03","chair":"m1",'
        '"agenda":[{"title":"Otwarcie","label":"1"}]}']) + "\n", encoding="utf-8")
    assert sesja("apply", "--db", str(db), str(script)).returncode == 0
    out = tmp_path / "bip"
    done = sesja("export", "--db", str(db), "--format", "zawiadomienie", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "art. 20 ust. 1 u.s.g." in (out / "zawiadomienie.md").read_text(encoding="utf-8")
    checked = sesja("verify", "--db", str(db), "--export", str(out))
    assert checked.returncode == 0, checked.stderr


def test_the_minutes_show_both_days_the_chairs_the_quorum_and_the_break(tmp_path):
    sim = _convened()
    for i in range(1, 7):
        sim("check_in", member=f"m{i:02d}")
    sim("start_sitting")
    sim.tick(3600)
    sim("start_break", reason="narada klubów")
    sim.tick(900)
    sim("end_break")
    sim("hand_over_chair", member="m02")
    sim.tick(600)
    sim("hand_over_chair", member="m01")
    sim("adjourn_sitting", resume_on="2026-12-10")
    sim("continue_sitting", date="2026-12-10")
    sim("check_in", member="m03")
    sim("state_quorum")
    sim("close_sitting")
    export_package(sim.state, sim.log, tmp_path / "out", formats=["md"])
    text = (tmp_path / "out" / "protokol.md").read_text(encoding="utf-8")
    assert "odbyta 3 grudnia 2026 r. i 10 grudnia 2026 r." in text
    assert "Sesja odbyła się w częściach: 3 grudnia 2026 r. od 11:00 do 12:25" in text
    assert "Prowadzenie obrad: od 11:00 Radny 1; od 12:15 Radny 2; od 12:25 Radny 1." in text
    assert "O 11:00 stwierdzono kworum: obecnych 6, wymaganych 6." in text
    assert "stwierdzono brak kworum: obecnych 1, wymaganych 6." in text
    assert "Przerwa od 12:00 do 12:15 (narada klubów)." in text


def test_the_screens_view_says_break_chair_and_days():
    sim = _convened()
    for i in range(1, 7):
        sim("check_in", member=f"m{i:02d}")
    sim("start_sitting")
    sim("hand_over_chair", member="m02")
    sim("start_break", reason="przerwa obiadowa")
    head = chamber_view(sim.state)["sitting"]
    assert head["status"] == "break" and head["chairing"] == {"id": "m02", "name": "Radny 2"}
    assert head["break"]["reason"] == "przerwa obiadowa" and head["hour"] == "16:00"
    sim("end_break")
    sim("adjourn_sitting")
    sim("continue_sitting", date=date(2026, 12, 10).isoformat())
    head = chamber_view(sim.state)["sitting"]
    assert head["dates"] == ["2026-12-03", "2026-12-10"] and "break" not in head


def test_the_speaker_who_chairs_is_whoever_has_the_chair_now():
    sim = _convened()
    for i in range(1, 7):
        sim("check_in", member=f"m{i:02d}")
    sim("start_sitting")
    sim("set_current_item", item="i1")
    sim("queue_speaker", member="m02")
    sim("start_speech")
    assert "chair" not in chamber_view(sim.state)["speaker"]
    sim("hand_over_chair", member="m02")  # the vice-chair speaks from the chair
    assert chamber_view(sim.state)["speaker"]["chair"] is True


def test_a_committee_meeting_held_in_parts_is_a_posiedzenie_in_the_minutes():
    sim = _convened(sitting_type="committee")
    sim("check_in", member="m01")
    sim("start_sitting")
    sim("adjourn_sitting", resume_on="2026-12-10")
    sim("continue_sitting", date="2026-12-10")
    (first, *_rest) = life_lines(sim.state.sittings[sim.state.current_sitting])
    assert first.startswith("Posiedzenie komisji odbyło się w częściach: 3 grudnia 2026 r.")
