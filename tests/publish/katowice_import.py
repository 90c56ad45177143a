"""The Katowice XV sitting as a council publishes it, written as the files `sesja import`
reads: the sitting's frame as an `apply --afterwards` script, its votes one row per member
per vote (CSV) or as a members x votes matrix with a legend (CSV in Windows-1250, XLSX).

The subjects carry their agenda labels ("17a. Rozpatrzenie …"): the label is taken off the
subject and given in the file's own column, and the agenda is made of those labels. The
sitting opens at the first vote's published time and closes at the last one's: the source
gives no other time, and none is invented.
"""

import csv
import json
import re
from datetime import datetime
from pathlib import Path

from tests.publish.katowice import member_id

LABELLED = re.compile(r"^(\d+[a-z]?)\.\s*(.*)$", re.DOTALL)
# the matrix's legend, as Katowice's printouts would code the words they print
CODES = {"ZA": "1", "PRZECIW": "2", "WSTRZYMUJĘ SIĘ": "3", "OBECNY": "4", "OBECNA": "4",
         "NIEOBECNY": "0", "NIEOBECNA": "0"}
LEGEND = "Legenda: 1 = za, 2 = przeciw, 3 = wstrzymał się, 4 = nie głosował, 0 = nieobecny"


def label_and_subject(subject: str) -> tuple[str, str]:
    match = LABELLED.match(subject)
    assert match, subject
    return match.group(1), match.group(2)


def local_iso(voted_at: str) -> str:
    """ "29.05.2025 11:05" -> "2025-05-29T11:05:00+02:00" (Warsaw in May: summer time)."""
    return datetime.strptime(voted_at, "%d.%m.%Y %H:%M").isoformat() + "+02:00"


def frame_script(data: dict) -> list[dict]:
    """The council and the sitting entered afterwards with its labelled agenda, opened at
    the first vote's time."""
    labels = dict.fromkeys(label_and_subject(v["subject"])[0] for v in data["votes"])
    titles = {}
    for vote in data["votes"]:
        label, subject = label_and_subject(vote["subject"])
        titles.setdefault(label, subject[:500])
    members = [{"id": member_id(seat), "name": name, "seat": seat}
               for seat, name in enumerate(data["members"], start=1)]
    return [
        {"type": "define_council", "council": {"name": data["council"],
                                               "statutory_seats": data["statutory_seats"],
                                               "members": members}},
        {"type": "open_sitting", "number": data["sitting"], "date": data["date"],
         "happened_at": local_iso(data["votes"][0]["voted_at"]),
         "place": "Sala Sesyjna Rady Miasta Katowice, ul. Młyńska 4", "chair": "k22",
         "agenda": [{"title": titles[label], "label": label} for label in labels]},
    ]


def closing_script(data: dict) -> list[dict]:
    return [{"type": "close_sitting", "happened_at": local_iso(data["votes"][-1]["voted_at"])}]


def write_jsonl(path: Path, lines: list[dict]) -> None:
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines),
                    encoding="utf-8")


ROW_HEADER = ["Głosowanie nr", "Czas", "Punkt", "Temat", "Kworum", "Radny", "Głos"]


def rows(data: dict) -> list[list[str]]:
    """One row per member per vote, the words as the printouts print them."""
    lines = [ROW_HEADER]
    for vote in data["votes"]:
        label, subject = label_and_subject(vote["subject"])
        lines.extend([str(vote["number"]), vote["voted_at"], label, subject, vote["quorum"],
                      name, word] for _seat, name, word in vote["raw_rows"])
    return lines


def matrix(data: dict) -> list[list[str]]:
    votes = data["votes"]
    split = [label_and_subject(v["subject"]) for v in votes]
    lines = [["Głosowanie", *(str(v["number"]) for v in votes)],
             ["Czas", *(v["voted_at"] for v in votes)],
             ["Punkt", *(label for label, _s in split)],
             ["Temat", *(subject for _l, subject in split)],
             ["Kworum", *(v["quorum"] for v in votes)],
             ["Radny", *("" for _v in votes)]]
    for index, name in enumerate(data["members"]):
        lines.append([name, *(CODES[v["raw_rows"][index][2]] for v in votes)])
    lines.append([LEGEND])
    return lines


def write_csv(path: Path, lines: list[list[str]], encoding: str = "utf-8",
              delimiter: str = ",") -> None:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(lines)


def write_xlsx(path: Path, lines: list[list[str]]) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Głosowania"
    for line in lines:
        sheet.append([int(cell) if cell.isdigit() else cell for cell in line])
    book.save(path)


