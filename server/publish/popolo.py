"""JSON in Popolo's VoteEvent / Vote / Count shape, with sesja's own fields beside them."""

import json
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from models.polish import ANSWER_PL
from models.terms import FinalAnswer, Outcome
from server.publish.file_names import vote_path
from server.publish.labels import ATTENDANCE_PL, OUTCOME_PL, local
from server.publish.record import NamedAnswer, SittingRecord, VoteRecord

# Popolo's options are yes, no, abstain, absent, not voting; "recused" is ours (art. 25a),
# and so is "unknown" ("brak danych": a sitting entered afterwards whose source does not say
# whether the member was there; Popolo's option is a free string).
OPTION = {
    FinalAnswer.YES: "yes", FinalAnswer.NO: "no", FinalAnswer.ABSTAIN: "abstain",
    FinalAnswer.NOT_VOTING: "not voting", FinalAnswer.ABSENT: "absent",
    FinalAnswer.RECUSED: "recused", FinalAnswer.UNKNOWN: "unknown",
}
ANSWER_OF_OPTION = {option: answer for answer, option in OPTION.items()}
RESULT = {Outcome.ADOPTED: "pass", Outcome.REJECTED: "fail", Outcome.INVALID: "fail"}


def club_id(club: str) -> str | None:
    """A club's Organization id, from its name: "klub-radnych-wspolna-gmina"; None for no club."""
    if not club:
        return None
    ascii_name = unicodedata.normalize("NFKD", club.replace("ł", "l").replace("Ł", "L"))
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.encode("ascii", "ignore").decode().lower())
    return slug.strip("-") or f"klub-{sum(map(ord, club))}"


def club(club: str) -> dict[str, Any]:
    """`group_id`, and the club as a Popolo Organization (`group`) for a member of one."""
    identifier = club_id(club)
    return {"group_id": identifier, **({"group": {"id": identifier, "name": club}}
                                       if identifier else {})}


def organizations(record: SittingRecord) -> list[dict[str, Any]]:
    """The council and each club of its members, as Popolo Organizations (each club once)."""
    council = {"id": "rada", "name": record.sitting.council_name, "classification": "council"}
    names = dict.fromkeys(m.club for _o, m, _p in record.attendance if m.club)
    return [council, *({"id": club_id(name), "name": name, "classification": "club",
                        "parent_id": "rada"} for name in names)]


def vote_row(row: NamedAnswer) -> dict[str, Any]:
    """A member's Vote; in an electronic vote, with whether the secretary recorded it."""
    data: dict[str, Any] = {"voter_id": row.member.id,
                            "voter": {"id": row.member.id, "name": row.member.name},
                            **club(row.member.club), "option": OPTION[row.answer],
                            "option_pl": ANSWER_PL[row.answer]}
    if row.by_secretary is not None:
        data["recorded_by_secretary"] = row.by_secretary
    return data


def vote_event(record: SittingRecord, vote: VoteRecord) -> dict[str, Any]:
    """A VoteEvent with its counts and, for a named vote, every member's Vote."""
    return {**vote_head(record, vote), "votes": [vote_row(row) for row in vote.rows]}


def vote_head(record: SittingRecord, vote: VoteRecord) -> dict[str, Any]:
    """The VoteEvent without its "votes"."""
    v, r, sitting = vote.vote, vote.result, record.sitting
    earlier = sitting.votes.get(v.revote_of) if v.revote_of else None
    return {
        "id": f"{sitting.id}-{v.id}",
        "identifier": str(v.number),
        "organization_id": "rada",
        "organization": {"id": "rada", "name": sitting.council_name},
        "legislative_session": {"id": sitting.id, "name": record.words.named(sitting.number),
                                "start_date": sitting.date.isoformat()},
        "motion": {"text": v.subject, "classification": v.kind.value,
                   "requirement": v.rule.label("pl")},
        "start_date": local(v.opened_at).isoformat(),
        "end_date": local(v.closed_at).isoformat() if v.closed_at else None,
        "result": RESULT[r.outcome],
        "counts": [{"option": OPTION[answer], "value": value}
                   for answer, value in vote.counts.items()
                   if answer is not FinalAnswer.UNKNOWN or record.afterwards],
        "sesja": {
            "vote_id": v.id, "number": v.number, "mode": v.mode.value, "secret": not vote.named,
            "outcome": r.outcome.value, "outcome_pl": OUTCOME_PL[r.outcome],
            "majority_rule": v.rule.model_dump(mode="json"), "yes_needed": r.needed,
            "quorum": r.quorum, "present_at_open": r.present_at_open,
            "present_at_close": r.present_at_close, "explanation_pl": r.explanation_pl,
            "explanation_en": r.explanation_en, "item_number": vote.item_number,
            "item_title": vote.item_title,
            "revote_of": f"{sitting.id}-{earlier.id}" if earlier else None,
            "resolution": vote.resolution, "answer_changes": v.changes,
            "opened_by": vote.opened_by, "closed_by": vote.closed_by,
            "quorum_as_stated": v.quorum_as_stated or None,
        },
    }


def sitting_document(record: SittingRecord) -> dict[str, Any]:
    """The sitting without its vote events (write_sitting adds them as "vote_events")."""
    sitting = record.sitting
    return {
        "council": sitting.council_name,
        "organizations": organizations(record),
        "sitting": {"id": sitting.id, "number": sitting.number, "date": sitting.date.isoformat(),
                    "place": sitting.place, "type": sitting.sitting_type.value,
                    "statutory_seats": sitting.statutory_seats,
                    "opened_at": local(sitting.opened_at).isoformat(),
                    "closed_at": local(sitting.closed_at).isoformat() if sitting.closed_at else None},
        "complete": record.complete,
        "entered_afterwards": record.afterwards,
        "entered_afterwards_note": record.afterwards_note or None,
        "partial_note": record.partial_note or None,
        "attendance": [{"voter_id": member.id, "name": member.name, **club(member.club),
                        "status": presence.status.value,
                        "status_pl": ATTENDANCE_PL[presence.status],
                        "stays": [[local(came).isoformat(),
                                   local(left).isoformat() if left else None]
                                  for came, left in presence.stays],
                        "excuse": presence.excuse}
                       for _ordinal, member, presence in record.attendance],
        "speeches": [{"name": s.name, "role": s.role, "item_number": s.item_number,
                      "item_title": s.item_title, "kind_pl": s.kind_pl,
                      "start_date": local(s.started_at).isoformat(),
                      "seconds": round(s.seconds, 1)} for s in record.speeches],
        "resolutions": [{"number": r.number, "title": r.title,
                         "vote_id": f"{sitting.id}-{r.vote_id}",
                         "voided_by": f"{sitting.id}-{r.voided_by}" if r.voided_by else None}
                        for r in record.register],
        "recorded_by": [{"actor": actor, "events": count} for actor, count in record.recorded_by],
    }


def _dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _event_text(record: SittingRecord, vote: VoteRecord, encoded: Callable[[NamedAnswer], str]) -> str:
    """The VoteEvent as JSON, its head encoded whole and each member's Vote spliced in."""
    return f'{_dumps(vote_head(record, vote))[:-1]},"votes":[{",".join(map(encoded, vote.rows))}]}}'


def _row_text(row: NamedAnswer) -> str:
    return _dumps(vote_row(row))


def write_vote(record: SittingRecord, vote: VoteRecord, folder: Path) -> None:
    """One vote event on its own."""
    vote_path(folder, vote.vote.number, ".json").write_text(_event_text(record, vote, _row_text),
                                                   encoding="utf-8")


def write_sitting(record: SittingRecord, folder: Path) -> None:
    """sesja.json with every vote event, and each vote event on its own (encoded once)."""
    rows: dict[tuple[str, FinalAnswer, bool | None], str] = {}  # the same in every vote

    def encoded(row: NamedAnswer) -> str:
        key = (row.member.id, row.answer, row.by_secretary)
        if key not in rows:
            rows[key] = _row_text(row)
        return rows[key]

    events = [_event_text(record, vote, encoded) for vote in record.votes]
    for vote, event in zip(record.votes, events, strict=True):
        vote_path(folder, vote.vote.number, ".json").write_text(event, encoding="utf-8")
    document = _dumps(sitting_document(record))
    (folder / "sesja.json").write_text(
        f'{document[:-1]},"vote_events":[{",".join(events)}]}}', encoding="utf-8")
