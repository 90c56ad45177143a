"""A member's device view: what one councillor's phone shows, derived from the state.

The sitting and the current item; the open vote's subject, the member's own recorded answer
(with its time and where it came from) and the voting time; after the close, the result
and the member's place in it. Plain JSON with no nulls, like the display views, so a
change is a small merge patch.
"""

from collections.abc import Iterable

from models import events as ev
from models.answers import provisional_answer
from models.state import Chamber, Sitting, Vote
from server.live.views import View, epoch_ms, shown_vote
from server.live.views import _compact as compact  # the display views' own helpers, shared
from server.live.views import _current_item as current_item
from server.live.views import _sitting_head as sitting_head

MEMBER_VIEW_PREFIX = "member:"


# events that change one member's own device view only (the member they name): a press,
# a check-in, a recusal, a code. Every other event may change what every device shows.
ONE_MEMBERS_EVENTS = (ev.AnswerRecorded, ev.MemberCheckedIn, ev.MemberCheckedOut,
                      ev.MemberExcused, ev.RecusalDeclared, ev.DeviceCodeIssued,
                      ev.DeviceCodeRevoked)


def member_view_name(member_id: str) -> str:
    return MEMBER_VIEW_PREFIX + member_id


def concerned_members(events: Iterable[ev.StoredEvent]) -> frozenset[str] | None:
    """The members whose device views these events can change, or None for every member's."""
    members: set[str] = set()
    for stored in events:
        if not isinstance(stored.event, ONE_MEMBERS_EVENTS):
            return None
        members.add(stored.event.member_id)
    return frozenset(members)


def _presence(sitting: Sitting, member_id: str) -> str:
    return "present" if sitting.is_present(member_id) else "absent"


def _own_vote(sitting: Sitting, vote: Vote, member_id: str) -> View:
    place = provisional_answer(sitting, vote, member_id)
    answer = vote.answers.get(member_id)
    result = vote.result
    final = dict(result.named).get(member_id) if result is not None else None
    return compact({
        "id": vote.id, "number": vote.number, "subject": vote.subject,
        "mode": vote.mode.value, "status": "open" if vote.is_open else (
            "cancelled" if vote.cancelled_reason is not None else "closed"),
        "opened_at": epoch_ms(vote.opened_at), "time_limit_s": vote.time_limit_s,
        "recused": member_id in vote.recused or None,
        "answer": answer.value if answer is not None else None,
        "answered_at": epoch_ms(vote.answered_at[member_id]) if answer is not None else None,
        "source": vote.sources[member_id].value if answer is not None else None,
        "place": place.value if place is not None and answer is None else None,
        "result": compact({
            "outcome": result.outcome.value, "yes": result.yes, "no": result.no,
            "abstain": result.abstain, "final": final.value if final else None,
        }) if result is not None else None,
    })


def member_view(state: Chamber, member_id: str) -> View:
    """One member's device view (the member need not be on the open sitting's roster)."""
    sitting = state.sitting
    member = sitting.members_by_id.get(member_id) if sitting else None  # O(1) per device
    if member is None and state.council is not None:
        member = next((m for m in state.council.members if m.id == member_id), None)
    head = compact({"id": member_id, "name": member.name if member else None,
                    "valid": member_id in state.member_codes})
    settings = state.voting
    rules = compact({"changeable": settings.answers_changeable,
                     "self_check_in": settings.self_check_in})
    if sitting is None or member_id not in sitting.members_by_id:
        return compact({"member": head, "rules": rules,
                        "council": state.council.name if state.council else None})
    vote = shown_vote(sitting)
    return compact({
        "member": head, "rules": rules, "sitting": sitting_head(state, sitting),
        "item": current_item(sitting), "presence": _presence(sitting, member_id),
        "vote": _own_vote(sitting, vote, member_id) if vote is not None else None,
    })
