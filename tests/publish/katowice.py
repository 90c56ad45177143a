"""The XV sitting of Rada Miasta Katowice (2025-05-29) as published in BIP, as a command script.

Attendance is set before each vote as the published list shows it (NIEOBECNY/NIEOBECNA:
checked out), answers are recorded as published; OBECNY/OBECNA (present, no vote) gets no
answer and so ends as "nie głosował".
"""

import json
from pathlib import Path

from models.commands import parse_command
from models.terms import FinalAnswer
from tests.chamber import Sim

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "katowice-xv-2025-05-29.json"

ANSWERS = {"ZA": "yes", "PRZECIW": "no", "WSTRZYMUJĘ SIĘ": "abstain"}
FINAL = {"ZA": FinalAnswer.YES, "PRZECIW": FinalAnswer.NO, "WSTRZYMUJĘ SIĘ": FinalAnswer.ABSTAIN,
         "OBECNY": FinalAnswer.NOT_VOTING, "OBECNA": FinalAnswer.NOT_VOTING,
         "NIEOBECNY": FinalAnswer.ABSENT, "NIEOBECNA": FinalAnswer.ABSENT}
COUNTS = {"za": FinalAnswer.YES, "przeciw": FinalAnswer.NO, "wstrzymal": FinalAnswer.ABSTAIN,
          "nie_glosowal": FinalAnswer.NOT_VOTING, "nieobecni": FinalAnswer.ABSENT}


def published() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def member_id(seat: int) -> str:
    return f"k{seat:02d}"


def script(data: dict) -> list[dict]:
    members = [{"id": member_id(seat), "name": name, "seat": seat}
               for seat, name in enumerate(data["members"], start=1)]
    year, month, day = data["date"].split("-")
    lines: list[dict] = [
        {"type": "define_council", "council": {"name": data["council"],
                                               "statutory_seats": data["statutory_seats"],
                                               "members": members}},
        {"type": "open_sitting", "number": data["sitting"], "date": data["date"],
         "place": "Sala Sesyjna Rady Miasta Katowice, ul. Młyńska 4", "chair": "k22"},
    ]
    present: set[str] = set()
    for vote in data["votes"]:
        for seat, _name, word in vote["raw_rows"]:
            member, here = member_id(seat), not word.startswith("NIEOBECN")
            if here and member not in present:
                lines.append({"type": "check_in", "member": member})
                present.add(member)
            elif not here and member in present:
                lines.append({"type": "check_out", "member": member})
                present.discard(member)
        lines.append({"type": "open_vote", "subject": vote["subject"], "kind": "other"})
        lines.extend({"type": "record_answer", "member": member_id(seat), "answer": ANSWERS[word]}
                     for seat, _name, word in vote["raw_rows"] if word in ANSWERS)
        lines.append({"type": "close_vote"})
    lines.append({"type": "close_sitting"})
    return lines


def write_script(path: Path) -> None:
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n"
                            for line in script(published())), encoding="utf-8")


def replayed() -> Sim:
    """The sitting's script run through the core, five seconds between commands."""
    sim = Sim()
    for line in script(published()):
        sim.run(parse_command(line))
        sim.tick(5)
    return sim
