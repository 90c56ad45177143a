"""The close of a vote, confirmed on the result the chair saw: the dialog shows the result
as it stands and follows it while open (another console or a device may change an answer);
the close command carries the vote's revision the dialog showed last, so the server
refuses to declare a result nobody saw."""

from collections.abc import Callable

from textual.widgets import Label

from models.decide import vote_result
from models.events import VoteResult
from models.state import Chamber
from session_console.dialogs import Confirm
from session_console.i18n import _


class CloseVoteConfirm(Confirm):
    """Enter confirms; then `revision` is what the close must carry (None: the vote is no
    longer open, and nothing is to be sent)."""

    def __init__(self, chamber: Chamber, vote_id: str,
                 describe: Callable[[VoteResult], str]) -> None:
        self.vote_id, self.describe = vote_id, describe
        self.revision: int | None = None
        body = self._text(chamber)
        sitting = chamber.sitting
        number = sitting.votes[vote_id].number if sitting and vote_id in sitting.votes else 0
        super().__init__(_("Close vote no. {number}?").format(number=number), body)

    def _text(self, chamber: Chamber) -> str:
        sitting = chamber.sitting
        vote = sitting.votes.get(self.vote_id) if sitting else None
        if sitting is None or vote is None or not vote.is_open:
            self.revision = None
            return "To głosowanie nie jest już otwarte."
        self.revision = vote.revision
        return self.describe(vote_result(sitting, vote))

    def follow_chamber(self, chamber: Chamber) -> None:
        """The app calls this with each new snapshot while the dialog is on top."""
        self.body = self._text(chamber)
        self.query_one("#body", Label).update(self.body)
