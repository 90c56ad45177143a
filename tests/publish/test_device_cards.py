"""`sesja device-cards`: a card per member with a working code; the log keeps only hashes,
so printing again makes the old cards stop working."""

import re
import subprocess

from models.commands import DefineCouncil
from models.council import Council, Member
from models.devices import code_hash
from server.service import SittingService
from server.store import EventStore
from tests.cli import sesja
from tests.live.serve_process import demo_db


def test_cards_carry_codes_whose_hashes_the_log_keeps(tmp_path):
    db = demo_db(tmp_path / "rada.db")
    out = tmp_path / "karty.pdf"
    result = sesja("device-cards", "--db", str(db), "--url", "http://10.0.0.5:8765/",
                   "--out", str(out))
    assert result.returncode == 0, result.stderr
    text = subprocess.run(["pdftotext", "-raw", str(out), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Zeskanuj kod QR" in text and "http://10.0.0.5:8765/vote" in text
    codes = re.findall(r"\b[A-HJ-NP-Z2-9]{10}\b", text)
    service = SittingService(EventStore(db))
    state = service.state
    service.close()
    members = [m.id for m in state.council.members]
    assert len(codes) == len(members) == len(state.member_codes)
    assert {code_hash(state.device_salt, code) for code in codes} == set(
        state.member_codes.values())
    for member in state.council.members[:3]:
        assert member.name in text
    again = sesja("device-cards", "--db", str(db), "--url", "http://10.0.0.5:8765",
                  "--out", str(tmp_path / "nowe.pdf"), "--member", members[0])
    assert again.returncode == 0, again.stderr
    service = SittingService(EventStore(db))
    assert service.state.member_codes[members[0]] not in {
        code_hash(state.device_salt, code) for code in codes}  # the old card is dead
    service.close()
    refused = sesja("device-cards", "--db", str(db), "--url", "http://x", "--out",
                    str(tmp_path / "x.pdf"), "--member", "nobody")
    assert refused.returncode == 1 and "nie ma radnego o identyfikatorze: nobody" in refused.stderr
    refused = sesja("device-cards", "--db", str(db), "--url", "http://x", "--out",
                    str(tmp_path / "x.pdf"), "--member", "nobody", "--lang", "en")
    assert refused.returncode == 1 and "no such member: nobody" in refused.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_a_name_the_pdf_font_cannot_print_issues_no_codes(tmp_path):
    db = tmp_path / "rada.db"
    service = SittingService(EventStore(db))
    service.execute(DefineCouncil(council=Council(name="Rada Gminy Testowo", statutory_seats=2,
                                                  members=(Member(id="m1", name="Li 李", seat=1),
                                                           Member(id="m2", name="Jan", seat=2)))),
                    "test")
    service.close()
    out = tmp_path / "karty.pdf"
    refused = sesja("device-cards", "--db", str(db), "--url", "http://x", "--out", str(out))
    assert refused.returncode == 1 and "nie ma znaku 李 w „Li 李”" in refused.stderr, refused.stderr
    english = sesja("device-cards", "--db", str(db), "--url", "http://x", "--out", str(out),
                    "--lang", "en")
    assert english.returncode == 1 and "has no 李 for „Li 李”" in english.stderr, english.stderr
    assert not out.exists()
    service = SittingService(EventStore(db))
    assert service.state.member_codes == {}
    service.close()
