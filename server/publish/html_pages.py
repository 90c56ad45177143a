"""The BIP page: one accessible HTML page per sitting and one per vote (WCAG 2.1 AA).

Every table has a caption and header cells with scope; answers are words (colour only
repeats them); the language is Polish.
"""

from collections.abc import Iterable, Sequence
from html import escape
from pathlib import Path

from models.polish import ANSWER_PL
from models.terms import FinalAnswer
from server.publish import tables
from server.publish.file_names import vote_path
from server.publish.labels import MODE_PL, OUTCOME_PL, hhmm, long_date
from server.publish.prose import vote_prose
from server.publish.record import SittingRecord, VoteRecord

STYLE = """
body{font-family:system-ui,"DejaVu Sans",sans-serif;color:#1a1a1a;background:#fff;
 max-width:60rem;margin:0 auto;padding:1rem;line-height:1.45}
table{border-collapse:collapse;margin:.5rem 0 1.5rem;width:100%}
caption{text-align:left;font-weight:bold;padding:.25rem 0}
th,td{border:1px solid #6b6b6b;padding:.2rem .45rem;text-align:left;vertical-align:top}
thead th{background:#e8e8e8}
td.n{text-align:right}
.yes{color:#0b5d1e}.no{color:#8a1010}.abstain{color:#5a4a00}
.note{border-left:.3rem solid #8a5a00;padding:.3rem .6rem;background:#fff6e0}
a{color:#0b4f9c}
"""


def table(caption: str, header: Sequence[str], rows: Iterable[Sequence[str]],
          row_header: int | None = None, numeric: frozenset[int] = frozenset(),
          links: Sequence[str] = ()) -> str:
    """A data table; column `row_header` holds each row's header cell (scope="row"),
    which links to `links[i]` for the i-th row when links are given."""
    parts = [f"<table><caption>{escape(caption)}</caption><thead><tr>"]
    parts.extend(f'<th scope="col">{escape(h)}</th>' for h in header)
    parts.append("</tr></thead><tbody>")
    for number, row in enumerate(rows):
        parts.append("<tr>")
        for index, cell in enumerate(row):
            text = escape(cell)
            if index == row_header:
                if links:
                    text = f'<a href="{escape(links[number])}">{text}</a>'
                parts.append(f'<th scope="row">{text}</th>')
            elif index in numeric:
                parts.append(f'<td class="n">{text}</td>')
            else:
                parts.append(f"<td>{text}</td>")
        parts.append("</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="pl"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{STYLE}</style></head>"
            f"<body><main>{body}</main></body></html>\n")


def _title(record: SittingRecord) -> str:
    sitting = record.sitting
    return f"{sitting.council_name}: {sitting.number} sesja, {long_date(sitting.date)}"


BY_SECRETARY_HTML = " (zapisał sekretarz)"  # words, not a sign: read out as they are


def _answers(vote: VoteRecord, rows: dict[tuple[str, FinalAnswer, bool | None], str]) -> str:
    """The named table; `rows` caches each member's row per answer across the votes."""
    parts = [f'<table><caption>Imienny wykaz głosowania nr {vote.vote.number}</caption>'
             '<thead><tr><th scope="col">Lp.</th><th scope="col">Radny</th>'
             '<th scope="col">Klub</th><th scope="col">Głos</th></tr></thead><tbody>']
    for row in vote.rows:
        key = (row.member.id, row.answer, row.by_secretary)
        if key not in rows:
            mark = BY_SECRETARY_HTML if row.by_secretary else ""
            rows[key] = (f'<tr><td class="n">{row.ordinal}</td><th scope="row">'
                         f"{escape(row.member.name)}</th><td>{escape(row.member.club)}</td>"
                         f'<td class="{row.answer.value}">{ANSWER_PL[row.answer]}{mark}</td></tr>')
        parts.append(rows[key])
    parts.append("</tbody></table>")
    return "".join(parts)


def vote_section(record: SittingRecord, vote: VoteRecord, level: int, answers: str) -> str:
    v, prose = vote.vote, vote_prose(record, vote)
    item = f"Punkt {vote.item_number}: {vote.item_title}. " if vote.item_number else ""
    counts = "".join(f"<li>{phrase}</li>" for phrase in (*prose.votes, *prose.people))
    revote = f" {prose.revote}" if prose.revote else ""
    resolution = f" {escape(prose.resolution)}" if prose.resolution else ""
    body = [f'<section id="glosowanie-{v.number}" aria-labelledby="g{v.number}">'
            f'<h{level} id="g{v.number}">Głosowanie nr {v.number}: {escape(v.subject)}</h{level}>'
            f"<p>{escape(item)}Tryb: {MODE_PL[v.mode]}. Otwarto {hhmm(v.opened_at)}, "
            f"zamknięto {hhmm(v.closed_at)}.{revote}</p>"
            f"<p><strong>{prose.outcome}.</strong> {escape(prose.explanation)}"
            f"{resolution}</p><ul>{counts}</ul>"]
    if vote.named:
        body.append(answers)
    else:
        body.append("<p>Głosowanie tajne lub zbiorcze: publikuje się tylko wyniki.</p>")
    body.append("</section>")
    return "".join(body)


DOWNLOADS = (("sesja.pdf", "PDF"), ("imienne.csv", "CSV"), ("imienne-excel.csv", "CSV dla Excela"),
             ("sesja.json", "JSON (Popolo)"), ("protokol.html", "projekt protokołu"))


def sitting_page(record: SittingRecord, present: set[str], answers: dict[str, str]) -> str:
    """The sitting's index page; `present` names the files of the package it may link to."""
    body = [f"<h1>{escape(_title(record))}</h1>"]
    if record.partial_note:
        body.append(f'<p class="note"><strong>{escape(record.partial_note)}</strong></p>')
    body.append(f"<p>{escape(record.summary)}</p>")
    links = [f'<li><a href="{name}">{label}</a></li>' for name, label in DOWNLOADS if name in present]
    if links:
        body.append(f'<nav aria-label="Pliki do pobrania"><ul>{"".join(links)}</ul></nav>')
    body.append("<h2>Wyniki głosowań</h2>")
    if record.votes:
        body.append(table("Wyniki głosowań", ("Nr", "Punkt", "Temat", "Za", "Przeciw",
                                              "Wstrzymało się", "Nie głosowało", "Nieobecni",
                                              "Wyłączeni", "Wynik"),
                          ((str(v.vote.number), v.item_number, v.vote.subject, str(v.result.yes),
                            str(v.result.no), str(v.result.abstain), str(v.result.not_voting),
                            str(v.result.absent), str(v.result.recused),
                            OUTCOME_PL[v.result.outcome]) for v in record.votes),
                          row_header=2, numeric=frozenset(range(3, 9)),
                          links=[f"#glosowanie-{v.vote.number}" for v in record.votes]))
        body.extend(vote_section(record, vote, 3, answers.get(vote.vote.id, "")) for vote in record.votes)
    else:
        body.append("<p>Na tej sesji nie przeprowadzono dotąd żadnego głosowania.</p>")
    body.append("<h2>Lista obecności</h2>")
    body.append(table("Lista obecności radnych", tables.ATTENDANCE_HEADER,
                      tables.attendance_rows(record), row_header=2, numeric=frozenset({0})))
    body.append("<h2>Mówcy</h2>")
    if record.speeches:
        body.append(table("Wystąpienia", tables.SPEAKERS_HEADER, tables.speaker_rows(record),
                          row_header=3, numeric=frozenset({0})))
    else:
        body.append("<p>Nie odnotowano wystąpień.</p>")
    body.append("<h2>Rejestr uchwał</h2>")
    if record.register:
        body.append(table("Uchwały podjęte na sesji", tables.REGISTER_HEADER,
                          tables.register_rows(record), row_header=0))
    else:
        body.append("<p>Na tej sesji nie podjęto uchwał.</p>")
    body.append(f"<footer><p>Wygenerowano z rejestru zdarzeń sesji: zdarzenie "
                f"{record.last_event.seq}, skrót {record.last_event.hash}.</p></footer>")
    return page(_title(record), "".join(body))


def _write_vote_page(record: SittingRecord, vote: VoteRecord, folder: Path, answers: str) -> None:
    title = _title(record)
    body = (f'<p><a href="../index.html">{escape(title)}</a></p>'
            + vote_section(record, vote, 1, answers))
    vote_path(folder, vote.vote.number, ".html").write_text(
        page(f"Głosowanie nr {vote.vote.number}: {title}", body), encoding="utf-8")


def write_vote(record: SittingRecord, vote: VoteRecord, folder: Path) -> None:
    """One vote's page on its own."""
    _write_vote_page(record, vote, folder, _answers(vote, {}) if vote.named else "")


def write_index(record: SittingRecord, folder: Path, present: set[str]) -> dict[str, str]:
    """The sitting's index page; returns each named vote's table (by vote id) it holds."""
    rows: dict[tuple[str, FinalAnswer, bool | None], str] = {}
    answers = {vote.vote.id: _answers(vote, rows) for vote in record.votes if vote.named}
    (folder / "index.html").write_text(sitting_page(record, present, answers), encoding="utf-8")
    return answers


def write_sitting(record: SittingRecord, folder: Path, present: set[str]) -> None:
    answers = write_index(record, folder, present)
    for vote in record.votes:
        _write_vote_page(record, vote, folder, answers.get(vote.vote.id, ""))
