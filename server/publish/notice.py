"""The convocation notice (zawiadomienie o zwołaniu sesji) for BIP, as HTML and Markdown:
number, type, day, hour, place, the proposed agenda with its drafts, and who convenes it,
under the article of the council's own act."""

from collections.abc import Iterator
from pathlib import Path

from models.law import Rule, article
from models.terms import SittingType
from server.publish import blocks as rendered
from server.publish.blocks import Block
from server.publish.labels import long_date
from server.publish.record import SittingRecord

HTML_NAME, MARKDOWN_NAME = "zawiadomienie.html", "zawiadomienie.md"

_TYPE_PL = {SittingType.ORDINARY: "zwyczajną", SittingType.EXTRAORDINARY: "nadzwyczajną",
            SittingType.CEREMONIAL: "uroczystą", SittingType.COMMITTEE: ""}


def _basis(record: SittingRecord) -> str:
    kind, sitting = record.council_kind, record.sitting
    rules = [Rule.CONVOCATION]
    if sitting.sitting_type is SittingType.EXTRAORDINARY:
        rules.append(Rule.EXTRAORDINARY)
    found = [article(rule, kind) for rule in rules if article(rule, kind)]
    return f"Na podstawie {' w związku z '.join(found)} z" if found else "Z"


def _item_line(number: str, depth: int, title: str, details: list[str]) -> str:
    extra = f" ({'; '.join(details)})" if details else ""
    return f"{'    ' * depth}{number}. {title}{extra}"


def blocks(record: SittingRecord) -> Iterator[Block]:
    sitting = record.sitting
    kind_word = _TYPE_PL[sitting.sitting_type]
    what = "posiedzenie" if sitting.sitting_type is SittingType.COMMITTEE else \
        f"{sitting.number} sesję {kind_word}".rstrip()
    yield "h1", (f"Zawiadomienie o zwołaniu {record.words.named(sitting.number, 'genitive')} – "
                 f"{sitting.council_name}")
    which = "które" if sitting.sitting_type is SittingType.COMMITTEE else "która"
    when = long_date(sitting.date) + (f" o godz. {sitting.hour:%H:%M}" if sitting.hour else "")
    where = f", miejsce: {sitting.place}" if sitting.place else ""
    yield "p", (f"{_basis(record)}wołuję {what} ({sitting.council_name}), {which} odbędzie się "
                f"{when}{where}.")
    if sitting.requested_by:
        yield "p", f"Sesja zwołana na wniosek: {sitting.requested_by}."
    yield "p", "Proponowany porządek obrad:"
    for number, depth, item in sitting.numbered_items():
        if int(item.item.id[1:]) > sitting.proposed_items:
            continue  # added during the sitting: not in the notice
        agenda = item.item
        details = [f"druk nr {agenda.print_number}"] if agenda.print_number else []
        details += [f"referuje: {agenda.rapporteur}"] if agenda.rapporteur else []
        details += [f"wymagana {agenda.rule.label()}"] if agenda.rule else []
        yield "li", _item_line(number, depth, agenda.title, details)
    yield "p", "Projekty uchwał są dołączone do zawiadomienia."
    chair = sitting.members_by_id.get(sitting.chair) if sitting.chair else None
    if chair is not None:
        yield "p", f"Przewodniczący(-a) {record.words.of_body}: {chair.name}"


def write(record: SittingRecord, folder: Path) -> None:
    written = list(blocks(record))
    (folder / HTML_NAME).write_text(rendered.html(written), encoding="utf-8")
    (folder / MARKDOWN_NAME).write_text(rendered.markdown(written), encoding="utf-8")
