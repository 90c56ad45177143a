"""The display views, derived from the state by pure functions: chamber, overlay, public.

A view is plain JSON with no null values (a null in a merge patch removes a key) and with
everything that changes one by one keyed by id, so an answer is a patch of one tile.
Times are Unix milliseconds; countdowns travel as start + elapsed + limit and screens
count down locally against the server's clock sent with every frame.
"""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from models.answers import provisional_answer
from models.decide import vote_result
from models.rules import reason
from models.state import Chamber, Sitting, SpeakerEntry, Vote
from models.terms import SittingType
from models.vocabulary import sitting_words

View = dict[str, Any]
VIEW_NAMES = ("chamber", "overlay", "public")


def epoch_ms(moment: datetime) -> int:
    return round(moment.timestamp() * 1000)


def _compact(data: View) -> View:
    return {key: value for key, value in data.items() if value is not None and value != ""}


def sitting_label(sitting: Sitting, lang: str) -> str:
    """ "sesja XV" or "posiedzenie 12", as the screens' headings say it."""
    words = sitting_words(sitting.sitting_type)  # a council's "sesja", a committee's "posiedzenie"
    return f"{words.short_pl if lang == 'pl' else words.short_en} {sitting.number}"


def _sitting_head(state: Chamber, sitting: Sitting) -> View:
    return _compact({
        "council": sitting.council_name, "number": sitting.number,
        "type": sitting.sitting_type.value, "date": sitting.date.isoformat(),
        "place": sitting.place, "closed": sitting.closed_at is not None or None,
        "committee": sitting.sitting_type is SittingType.COMMITTEE or None,
        "label_pl": sitting_label(sitting, "pl"), "label_en": sitting_label(sitting, "en"),
        **_life(sitting),
    })


def _life(sitting: Sitting) -> View:
    """Where the sitting stands (prepared, open, break, adjourned, closed), every day it
    sat, who chairs now and, on a break, since when and why (for the pages to show)."""
    chairing = sitting.members_by_id.get(sitting.chairing) if sitting.chairing else None
    pause = sitting.on_break
    return _compact({
        "status": sitting.status.value,
        "dates": [day.isoformat() for day in sitting.days] if len(sitting.days) > 1 else None,
        "hour": sitting.hour.strftime("%H:%M") if sitting.hour else None,
        "chairing": {"id": chairing.id, "name": chairing.name} if chairing else None,
        "break": _compact({"since": epoch_ms(pause.started_at), "reason": pause.reason})
        if pause else None,
    })


def _current_item(sitting: Sitting) -> View | None:
    if sitting.current_item is None:
        return None
    item = sitting.items[sitting.current_item].item
    return _compact({"id": item.id, "number": sitting.item_number(item.id), "title": item.title,
                     "kind": item.kind.value, "print_number": item.print_number})


def _attendance(sitting: Sitting) -> View:
    return {"present": sitting.present_count, "statutory": sitting.statutory_seats,
            "quorum_needed": sitting.quorum_needed, "quorum": sitting.has_quorum}


def _speaker(sitting: Sitting) -> View | None:
    if sitting.speaking is None:
        return None
    entry: SpeakerEntry = sitting.speakers[sitting.speaking]
    if entry.member_id is not None:
        member = sitting.members_by_id[entry.member_id]
        name, club, guest = member.name, member.club, False
    else:
        assert entry.guest is not None  # the reducer gives every entry a member or a guest
        name, club, guest = entry.guest.name, entry.guest.role, True
    chairs = entry.member_id is not None and entry.member_id == sitting.chairing
    return _compact({
        "entry": entry.id, "name": name, "club": club, "guest": guest or None,
        "chair": chairs or None,
        "kind": entry.kind.value, "status": entry.status.value, "limit_s": entry.limit_s,
        "elapsed_ms": round(entry.elapsed_s * 1000),
        "running_since": epoch_ms(entry.running_since) if entry.running_since else None,
    })


def shown_vote(sitting: Sitting) -> Vote | None:
    """The vote on screen: the open one, else the latest while its item is still current."""
    if not sitting.votes:
        return None
    latest = max(sitting.votes.values(), key=lambda vote: vote.number)
    return latest if latest.is_open or latest.item_id == sitting.current_item else None


def _status(vote: Vote) -> str:
    if vote.cancelled_reason is not None:
        return "cancelled"
    return "open" if vote.is_open else "closed"


def _live_answer(sitting: Sitting, vote: Vote, member_id: str) -> str:
    answer = provisional_answer(sitting, vote, member_id)
    return "pending" if answer is None else answer.value


def _grid(sitting: Sitting, vote: Vote) -> View:
    finals = dict(vote.result.named) if vote.result else {}
    return {
        member.id: _compact({
            "name": member.name, "club": member.club, "seat": member.seat,
            "answer": (finals[member.id].value if member.id in finals
                       else _live_answer(sitting, vote, member.id)),
        })
        for member in sitting.roster
    }


def _result(sitting: Sitting, vote: Vote) -> View:
    result = vote.result or vote_result(sitting, vote)
    return {
        "outcome": result.outcome.value, "yes": result.yes, "no": result.no,
        "abstain": result.abstain, "not_voting": result.not_voting, "absent": result.absent,
        "recused": result.recused, "unknown": result.unknown, "needed": result.needed,
        "quorum": result.quorum,
        "explanation_pl": result.explanation_pl, "explanation_en": result.explanation_en,
        "reason_pl": reason(result.explanation_pl), "reason_en": reason(result.explanation_en),
    }


def _vote(sitting: Sitting, vote: Vote, with_grid: bool) -> View:
    tally = vote.tally()
    data: View = _compact({
        "id": vote.id, "number": vote.number, "subject": vote.subject, "kind": vote.kind.value,
        "mode": vote.mode.value, "named": vote.mode.named, "status": _status(vote),
        "rule_pl": vote.rule.label("pl"), "rule_en": vote.rule.label("en"),
        "opened_at": epoch_ms(vote.opened_at),
        "time_limit_s": vote.time_limit_s,
        "deadline": epoch_ms(vote.deadline) if vote.deadline else None,
        "closed_at": epoch_ms(vote.closed_at) if vote.closed_at else None,
        "cancelled_reason": vote.cancelled_reason,
        "tally": {"yes": tally.yes, "no": tally.no, "abstain": tally.abstain},
        "result": _result(sitting, vote) if vote.result else None,
    })
    if with_grid and vote.mode.named:
        data["grid"] = _grid(sitting, vote)
        data["order"] = [member.id for member in sitting.roster]
    return data


def _no_sitting(state: Chamber) -> View:
    return _compact({"council": state.council.name if state.council else None,
                     "sitting": None})


def chamber_view(state: Chamber) -> View:
    """The chamber's TV: item, speaker and countdown, quorum, tally, named grid, result."""
    sitting = state.sitting
    if sitting is None:
        return _no_sitting(state)
    vote = shown_vote(sitting)
    return _compact({
        "sitting": _sitting_head(state, sitting), "item": _current_item(sitting),
        "attendance": _attendance(sitting), "speaker": _speaker(sitting),
        "vote": _vote(sitting, vote, with_grid=True) if vote else None,
    })


def overlay_view(state: Chamber) -> View:
    """The stream's lower third: the speaker, and the vote with its result bar. The live
    tally of an open vote is there only while the council shows it (`live_tally`, its
    setting in the log); the result after the close always is."""
    sitting = state.sitting
    if sitting is None:
        return _no_sitting(state)
    vote = shown_vote(sitting)
    item = _current_item(sitting)
    shown = _vote(sitting, vote, with_grid=False) if vote else None
    if shown is not None and vote is not None and vote.is_open and not state.overlay_tally:
        del shown["tally"]
    return _compact({
        "sitting": _sitting_head(state, sitting),
        "item": {key: item[key] for key in ("id", "number", "title")} if item else None,
        "speaker": _speaker(sitting), "live_tally": state.overlay_tally, "vote": shown,
    })


def _agenda(sitting: Sitting) -> View:
    return {
        item.item.id: _compact({"number": number, "depth": depth, "title": item.item.title,
                                "print_number": item.item.print_number,
                                "withdrawn": item.withdrawn or None,
                                "resolution": item.resolution})
        for number, depth, item in sitting.numbered_items()
    }


def _vote_summary(sitting: Sitting, vote: Vote) -> View:
    return _compact({
        "number": vote.number, "subject": vote.subject, "item": vote.item_id,
        "status": _status(vote),
        "result": _result(sitting, vote) if vote.result else None,
    })


def public_view(state: Chamber) -> View:
    """For the website and press: agenda, where the sitting is, attendance, vote results."""
    sitting = state.sitting
    if sitting is None:
        return _no_sitting(state)
    agenda = _agenda(sitting)
    votes = sorted(sitting.votes.values(), key=lambda vote: vote.number)
    return _compact({
        "sitting": _sitting_head(state, sitting), "agenda": agenda,
        "agenda_order": list(agenda), "current_item": sitting.current_item,
        "attendance": _attendance(sitting), "speaker": _speaker(sitting),
        "votes": {vote.id: _vote_summary(sitting, vote) for vote in votes},
        "vote_order": [vote.id for vote in votes],
    })


BUILDERS: dict[str, Callable[[Chamber], View]] = {
    "chamber": chamber_view, "overlay": overlay_view, "public": public_view,
}
