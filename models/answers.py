"""A member's answer while a named vote is open, as every screen shows it before the close.

One rule for the console's roll-call, the chamber's grid and the result the close stores:
a recused member is recused; a recorded answer stands (even if the member has left since:
it is counted at the close); otherwise a present member is still to answer, anyone else
is absent.
"""

from models.state import Sitting, Vote
from models.terms import FinalAnswer


def can_answer(sitting: Sitting, vote: Vote, member_id: str) -> bool:
    """The member may be given an answer now: present and not recused."""
    return member_id not in vote.recused and sitting.is_present(member_id)


def provisional_answer(sitting: Sitting, vote: Vote, member_id: str) -> FinalAnswer | None:
    """The member's place in the vote so far; None while a present member has not answered
    (closing now would make it `not_voting`)."""
    if member_id in vote.recused:
        return FinalAnswer.RECUSED
    answer = vote.answers.get(member_id)
    if answer is not None:
        return FinalAnswer(answer.value)
    return None if sitting.is_present(member_id) else FinalAnswer.ABSENT
