"""The minutes draft (projekt protokołu) in the usual order, as Markdown and as HTML.

Number, date, place, hours, chair, quorum statement, the agenda as adopted, the course
of each item (speakers, votes with results, resolutions), closing.
"""

from collections.abc import Iterator

from models.polish import plural
from models.vocabulary import CANCELLED_PL, COMMITTEE_SITTING
from server.publish import blocks as rendered
from server.publish.blocks import Block
from server.publish.labels import ATTENDANCE_PL, actor_label, duration, hhmm
from server.publish.life_lines import days_text, life_lines
from server.publish.prose import vote_prose
from server.publish.record import SittingRecord, VoteRecord
from server.publish.typography import quotes, sentence


def _vote_line(record: SittingRecord, vote: VoteRecord) -> str:
    prose = vote_prose(record, vote)
    subject = sentence(quotes(vote.vote.subject))
    line = (f"Głosowanie nr {vote.vote.number} ({hhmm(vote.vote.closed_at)}): {subject} "
            f"{prose.outcome} - {prose.counts}. {prose.explanation}")
    if prose.quorum_stated:
        line = f"{line} {prose.quorum_stated}."
    return f"{line} {prose.resolution}" if prose.resolution else line


def _votes_of(record: SittingRecord, number: str, listed: set[str]) -> list[tuple[int, str]]:
    """The lines of an item's votes, closed and cancelled, in the order they were held; a
    vote whose item is not listed (withdrawn since) goes with those outside the items."""
    sitting = record.sitting

    def here(item_number: str) -> bool:
        return (item_number if item_number in listed else "") == number

    closed = [(v.vote.number, _vote_line(record, v)) for v in record.votes if here(v.item_number)]
    cancelled = [(v.number, f"Głosowanie nr {v.number} ({quotes(v.subject)}) {CANCELLED_PL}: "
                            f"{v.cancelled_reason}.")
                 for v in record.cancelled_votes
                 if here(sitting.item_number(v.item_id) if v.item_id else "")]
    return sorted(closed + cancelled)


def _opening(record: SittingRecord) -> Iterator[Block]:
    sitting = record.sitting
    yield "h1", f"Protokół nr {sitting.number}/{sitting.date.year} (projekt)"
    held = "odbyte" if record.words is COMMITTEE_SITTING else "odbyta"  # posiedzenie / sesja
    yield "p", (f"{sitting.council_name}: {record.words.named(sitting.number)}, {held} "
                f"{days_text(sitting)}" + (f", miejsce: {sitting.place}." if sitting.place else ""))
    hours = f"Obrady rozpoczęto o {hhmm(sitting.opened_at)}"
    hours += (f" i zakończono o {hhmm(sitting.closed_at)}." if sitting.closed_at
              else f"; {record.words.noun} trwa.")
    yield "p", hours
    if record.partial_note:
        yield "p", record.partial_note
    if record.afterwards:
        yield "p", record.afterwards_note
    if sitting.chair and sitting.chair in sitting.members_by_id:
        yield "p", f"Obradom przewodniczył(a): {sitting.members_by_id[sitting.chair].name}."
    for line in life_lines(sitting):
        yield "p", line
    first = record.votes[0].result.present_at_open if record.votes else sitting.present_count
    moment = "przy pierwszym głosowaniu" if record.votes else "w chwili sporządzenia projektu"
    verdict = ("co stanowi kworum; obrady były prawomocne" if first >= sitting.quorum_needed
               else "czyli bez kworum")
    yield "p", (f"Ustawowy skład {record.words.of_body}: {sitting.statutory_seats}; "
                f"kworum: {sitting.quorum_needed}. "
                f"Obecnych {moment}: {first}, {verdict}. Lista obecności stanowi załącznik.")
    absent = [f"{member.name} ({ATTENDANCE_PL[presence.status]}"
              + (f": {presence.excuse})" if presence.excuse else ")")
              for _o, member, presence in record.attendance if not presence.stays]
    if absent:
        yield "p", "Nieobecni: " + "; ".join(absent) + "."


def _course(record: SittingRecord) -> Iterator[Block]:
    sitting = record.sitting
    yield "h2", "Porządek obrad (przyjęty)"
    for number, depth, item in sitting.numbered_items():
        note = f" (zdjęty z porządku obrad{': ' + item.withdraw_reason if item.withdraw_reason else ''})" \
            if item.withdrawn else ""
        yield "li", f"{'    ' * depth}{number}. {item.item.title}{note}"
    yield "h2", "Przebieg obrad"
    groups: list[tuple[str, str]] = [(number, item.item.title)
                                     for number, _d, item in sitting.numbered_items()
                                     if not item.withdrawn]
    groups.append(("", ""))
    listed = {number for number, _title in groups}
    for number, title in groups:
        speeches = [s for s in record.speeches if s.item_number == number]
        votes = _votes_of(record, number, listed)
        if not number and not speeches and not votes:
            continue
        yield "h3", f"Ad {number}. {title}" if number else "Poza punktami porządku obrad"
        if speeches:
            yield "p", "Głos zabrali: " + "; ".join(
                f"{s.name}{' (' + s.role + ')' if s.role else ''} - {s.kind_pl}, "
                f"{duration(s.seconds)}" for s in speeches) + "."
        for _order, line in votes:
            yield "p", line
        if not speeches and not votes:
            yield "p", "Bez wystąpień i głosowań."
    yield "h2", "Zamknięcie"
    if sitting.closed_at:
        yield "p", (f"Zamknięto {record.words.named(sitting.number, 'accusative')} "
                    f"o {hhmm(sitting.closed_at)}.")
    else:
        yield "p", record.words.not_closed
    if record.recorded_by:
        yield "p", f"Przebieg {record.words.genitive} zapisali w dzienniku zdarzeń: " + "; ".join(
            f"{actor_label(actor)}, {plural(count, 'zdarzenie', 'zdarzenia', 'zdarzeń')}"
            for actor, count in record.recorded_by) + "."


def blocks(record: SittingRecord) -> list[Block]:
    return [*_opening(record), *_course(record)]


def markdown(record: SittingRecord) -> str:
    return rendered.markdown(blocks(record))


def html(record: SittingRecord) -> str:
    return rendered.html(blocks(record))
