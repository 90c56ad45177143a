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
from server.publish.prose import item_sentence, vote_prose
from server.publish.record import SittingRecord, VoteRecord
from server.publish.typography import quotes

STYLE = """
body{font-family:system-ui,"DejaVu Sans",sans-serif;color:#1a1a1a;background:#fff;
 max-width:60rem;margin:0 auto;padding:1rem;line-height:1.45;overflow-wrap:break-word}
table{border-collapse:collapse;margin:.5rem 0 1.5rem;width:100%}
caption{text-align:left;font-weight:bold;padding:.25rem 0}
th,td{border:1px solid #6b6b6b;padding:.2rem .45rem;text-align:left;vertical-align:top}
thead th{background:#e8e8e8}
td.n{text-align:right;width:1%}
table.blocks th[scope=row]{min-width:12rem}
.yes{color:#0b5d1e}.no{color:#8a1010}.abstain{color:#5a4a00}
.note{border-left:.3rem solid #8a5a00;padding:.3rem .6rem;background:#fff6e0}
.quorum{font-weight:bold}
a{color:#0b4f9c}
@media (max-width:40rem){
 body{padding:.5rem}
 h1{font-size:1.35rem}
 table.blocks,table.blocks caption,table.blocks tbody,table.blocks tr,table.blocks th,
 table.blocks td{display:block}
 table.blocks thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
 table.blocks tr{border:1px solid #6b6b6b;margin:0 0 .6rem;padding:.3rem .45rem}
 table.blocks th,table.blocks td{border:0;padding:.05rem 0;text-align:left;min-width:0;width:auto}
 table.blocks td[data-label]::before{content:attr(data-label) ": ";font-weight:bold}
 table.blocks th[scope=row] a{display:-webkit-box;-webkit-line-clamp:3;-webkit-box-orient:vertical;
  overflow:hidden}
}
"""


def shown(header: Sequence[str], rows: Iterable[Sequence[str]],
          keep: frozenset[int] = frozenset()) -> tuple[list[str], list[list[str]], list[int]]:
    """(header, rows, kept column indexes) without the columns empty in every row (a sitting
    without clubs has no "Klub" column); columns in `keep` stay."""
    body = [list(row) for row in rows]
    kept = [i for i in range(len(header)) if i in keep or any(row[i] for row in body)]
    return [header[i] for i in kept], [[row[i] for i in kept] for row in body], kept


def table(caption: str, header: Sequence[str], rows: Iterable[Sequence[str]],
          row_header: int | None = None, numeric: frozenset[int] = frozenset(),
          links: Sequence[str] = ()) -> str:
    """A data table that becomes one block per row on a narrow screen (each cell labelled
    by its column); column `row_header` holds each row's header cell (scope="row"), which
    links to `links[i]` for the i-th row when links are given. Columns empty in every row
    are left out."""
    keep = frozenset({row_header} if row_header is not None else set())
    header, body, kept = shown(header, rows, keep)
    parts = [f'<table class="blocks"><caption>{escape(caption)}</caption><thead><tr>']
    parts.extend(f'<th scope="col">{escape(h)}</th>' for h in header)
    parts.append("</tr></thead><tbody>")
    for number, row in enumerate(body):
        parts.append("<tr>")
        for column, cell in zip(kept, row, strict=True):
            text, label = escape(cell), escape(header[kept.index(column)])
            if column == row_header:
                if links:
                    text = f'<a href="{escape(links[number])}">{text}</a>'
                parts.append(f'<th scope="row">{text}</th>')
            elif column in numeric:
                parts.append(f'<td class="n" data-label="{label}">{text}</td>')
            else:
                parts.append(f'<td data-label="{label}">{text}</td>')
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
    return f"{sitting.council_name}: {record.words.named(sitting.number)}, {long_date(sitting.date)}"


BY_SECRETARY_HTML = " (zapisał sekretarz)"  # words, not a sign: read out as they are


def _answers(vote: VoteRecord, rows: dict[tuple[str, FinalAnswer, bool | None], str],
             clubs: bool) -> str:
    """The named table; `rows` caches each member's row per answer across the votes; the
    "Klub" column only when some member of the council has a club."""
    club_head = '<th scope="col">Klub</th>' if clubs else ""
    parts = [f'<table><caption>Imienny wykaz głosowania nr {vote.vote.number}</caption>'
             f'<thead><tr><th scope="col">Lp.</th><th scope="col">Radny</th>{club_head}'
             '<th scope="col">Głos</th></tr></thead><tbody>']
    for row in vote.rows:
        key = (row.member.id, row.answer, row.by_secretary)
        if key not in rows:
            club = f"<td>{escape(row.member.club)}</td>" if clubs else ""
            mark = BY_SECRETARY_HTML if row.by_secretary else ""
            rows[key] = (f'<tr><td class="n">{row.ordinal}</td><th scope="row">'
                         f"{escape(row.member.name)}</th>{club}"
                         f'<td class="{row.answer.value}">{ANSWER_PL[row.answer]}{mark}</td></tr>')
        parts.append(rows[key])
    parts.append("</tbody></table>")
    return "".join(parts)


def vote_section(record: SittingRecord, vote: VoteRecord, level: int, answers: str) -> str:
    v, prose = vote.vote, vote_prose(record, vote)
    item = item_sentence(vote)
    counts = "".join(f"<li>{phrase}</li>" for phrase in (*prose.votes, *prose.ballots, *prose.people))
    revote = f" {prose.revote}" if prose.revote else ""
    resolution = f" {escape(prose.resolution)}" if prose.resolution else ""
    body = [f'<section id="glosowanie-{v.number}" aria-labelledby="g{v.number}">'
            f'<h{level} id="g{v.number}">Głosowanie nr {v.number}: {escape(quotes(v.subject))}</h{level}>'
            f"<p>{escape(item)}Tryb: {MODE_PL[v.mode]}. {prose.when.capitalize()}.{revote}</p>"
            f'<p class="quorum">{escape(prose.quorum)}.</p>'
            f"<p><strong>{prose.outcome}.</strong> {escape(prose.explanation)}"
            f"{resolution}</p><ul>{counts}</ul>"]
    if vote.named:
        body.append(answers)
    else:
        body.append("<p>Głosowanie tajne lub zbiorcze: publikuje się tylko wyniki.</p>")
    body.append("</section>")
    return "".join(body)


RESULTS_COLUMNS = ("Nr", "Punkt", "Temat", "Godzina", "Kworum", "Za", "Przeciw", "Wstrzymało się",
                   "Nie głosowało", "Nieobecni", "Wyłączeni", "Brak danych", "Wynik")


def hours(record: SittingRecord, vote: VoteRecord) -> str:
    """ "10:04–10:05"; entered afterwards with one time per vote, that one time."""
    opened, closed = hhmm(vote.vote.opened_at), hhmm(vote.vote.closed_at)
    return opened if record.afterwards and opened == closed else f"{opened}–{closed}"


def results_row(record: SittingRecord, vote: VoteRecord) -> tuple[str, ...]:
    """A vote's row of the index; "Wyłączeni" and "Brak danych" are empty rather than 0 so
    that a sitting without recusals (or entered live) shows no such column."""
    v, r = vote.vote, vote.result
    present = f"jest ({r.present_at_close} z {record.sitting.statutory_seats})" if r.quorum else "brak"
    return (str(v.number), vote.item_number, quotes(v.subject), hours(record, vote), present,
            str(r.yes), str(r.no), str(r.abstain), str(r.not_voting), str(r.absent),
            str(r.recused) if r.recused else "", str(r.unknown) if r.unknown else "",
            OUTCOME_PL[r.outcome])


DOWNLOADS = (("sesja.pdf", "PDF"), ("imienne.csv", "CSV"), ("imienne-excel.csv", "CSV dla Excela"),
             ("sesja.json", "JSON (Popolo)"), ("protokol.html", "projekt protokołu"),
             ("datapackage.json", "opis danych (Data Package)"), ("dcat.jsonld", "metadane DCAT-AP"))


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
        body.append(table("Wyniki głosowań", RESULTS_COLUMNS,
                          [results_row(record, v) for v in record.votes],
                          row_header=2, numeric=frozenset(range(5, 12)),
                          links=[f"#glosowanie-{v.vote.number}" for v in record.votes]))
        body.extend(vote_section(record, vote, 3, answers.get(vote.vote.id, "")) for vote in record.votes)
    else:
        body.append(f"<p>{record.words.on_this.capitalize()} nie przeprowadzono dotąd "
                    "żadnego głosowania.</p>")
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
        body.append(table(f"Uchwały podjęte {record.words.on_this}", tables.REGISTER_HEADER,
                          tables.register_rows(record), row_header=0))
    else:
        body.append(f"<p>{record.words.on_this.capitalize()} nie podjęto uchwał.</p>")
    body.append(f"<footer><p>Wygenerowano z rejestru zdarzeń {record.words.genitive}: zdarzenie "
                f"{record.last_event.seq}, skrót {record.last_event.hash}.</p></footer>")
    return page(_title(record), "".join(body))


def _write_vote_page(record: SittingRecord, vote: VoteRecord, folder: Path, answers: str) -> None:
    title = _title(record)
    note = f'<p class="note">{escape(record.afterwards_note)}</p>' if record.afterwards else ""
    body = (f'<p><a href="../index.html">{escape(title)}</a></p>{note}'
            + vote_section(record, vote, 1, answers)
            + f"<p>Ustawowy skład {record.words.of_body}: {record.sitting.statutory_seats}.</p>")
    vote_path(folder, vote.vote.number, ".html").write_text(
        page(f"Głosowanie nr {vote.vote.number}: {title}", body), encoding="utf-8")


def _clubs(record: SittingRecord) -> bool:
    return any(member.club for _ordinal, member, _presence in record.attendance)


def write_vote(record: SittingRecord, vote: VoteRecord, folder: Path) -> None:
    """One vote's page on its own."""
    _write_vote_page(record, vote, folder, _answers(vote, {}, _clubs(record)) if vote.named else "")


def write_index(record: SittingRecord, folder: Path, present: set[str]) -> dict[str, str]:
    """The sitting's index page; returns each named vote's table (by vote id) it holds."""
    rows: dict[tuple[str, FinalAnswer, bool | None], str] = {}
    clubs = _clubs(record)
    answers = {vote.vote.id: _answers(vote, rows, clubs) for vote in record.votes if vote.named}
    (folder / "index.html").write_text(sitting_page(record, present, answers), encoding="utf-8")
    return answers


def write_sitting(record: SittingRecord, folder: Path, present: set[str]) -> None:
    answers = write_index(record, folder, present)
    for vote in record.votes:
        _write_vote_page(record, vote, folder, answers.get(vote.vote.id, ""))
