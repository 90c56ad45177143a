"""Votes: open one on the current item, walk the roll-call with one key per answer, take a
secret vote's totals, close with a confirmation, cancel with a reason, re-vote."""

from collections.abc import Sequence

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from models import events as ev
from models.answers import can_answer, provisional_answer
from models.commands import CancelVote, CloseVote, OpenVote, RecordAnswer, RecordTotals
from models.council import Member
from models.events import StoredEvent
from models.polish import fold
from models.rules import yes_needed
from models.sitting_life import quorum_warning
from models.state import Chamber, Sitting, Vote
from models.terms import Answer, FinalAnswer, ItemKind, VoteKind
from session_console.close_vote import CloseVoteConfirm
from session_console.dialogs import Confirm, MemberPicker, Prompt
from session_console.forms import OpenVoteForm, TotalsForm
from session_console.i18n import _, lang
from session_console.named_list import NamedList
from session_console.panes.base import MemberRows, Pane
from session_console.validation import field_label, limits
from session_console.widgets.lines import TextLines
from session_console.widgets.search_input import SearchInput
from session_console.words import answer_label, kind_label, mode_label, outcome_label

ANSWER_STYLES = {
    FinalAnswer.YES: Style(color="green", bold=True),
    FinalAnswer.NO: Style(color="red", bold=True),
    FinalAnswer.ABSTAIN: Style(color="yellow", bold=True),
}
_MUTED = Style(dim=True)
_REFRESH_ALL = (ev.VoteOpened, ev.VoteClosed, ev.VoteCancelled, ev.SittingOpened)
_ATTENDANCE = (ev.MemberCheckedIn, ev.MemberCheckedOut, ev.MemberExcused)
ROOM_FOR_LIST = 30  # rows of the Votes tab from which the past votes show beside an open vote
WALK_END = -1  # the walk has passed the last eligible member; keys wait for the arrows


def open_vote(sitting: Sitting | None) -> Vote | None:
    return sitting.votes[sitting.open_vote] if sitting and sitting.open_vote else None


def tally_text(sitting: Sitting, vote: Vote) -> str:
    tally = vote.tally()
    needed = yes_needed(vote.rule, tally, sitting.statutory_seats)
    return (f"{_('yes')} {tally.yes} · {_('no')} {tally.no} · {_('abstain')} {tally.abstain}"
            f" · {_('yes needed')} {needed} · {_('in the room')} {sitting.present_count}"
            f" ({_('quorum') if sitting.has_quorum else _('NO QUORUM')})")


def vote_row(vote: Vote) -> Text:
    """A line of the list of votes, cut at the list's width (not at a fixed length)."""
    state = (outcome_label(vote.result.outcome) if vote.result
             else _("cancelled") if vote.cancelled_reason else _("open"))
    return Text(f"{vote.number:>3}. {vote.subject} · {state}", no_wrap=True,
                overflow="ellipsis")


def vote_matches(vote: Vote, query: str) -> bool:
    """A vote's number ("12") or every word of the query in its subject, letters folded."""
    query = query.strip()
    if query.isdigit():
        return vote.number == int(query)
    subject = fold(vote.subject)
    return all(word in subject for word in fold(query).split())


def result_text(result: ev.VoteResult) -> str:
    """The explanation (it starts with the outcome: "Przyjęto: 12 za, …"), then the counts."""
    explanation = result.explanation_pl if lang() == "pl" else result.explanation_en
    return (f"{explanation}\n"
            f"{_('yes')} {result.yes} · {_('no')} {result.no} · {_('abstain')} {result.abstain}"
            f" · {_('did not vote')} {result.not_voting} · {_('absent')} {result.absent}"
            f" · {_('recused')} {result.recused}")


class RollCallRows(MemberRows):
    pane: "VotesPane"

    def action_cursor(self, step: int) -> None:
        self.pane.walk = None  # the secretary takes the cursor: the next key answers there
        super().action_cursor(step)

    def cells(self, row: Member, width: int) -> list[Segment]:
        sitting = self.pane.sitting
        vote = open_vote(sitting)
        lead = self.lead(row)
        if sitting is None or vote is None:
            return lead
        answer = provisional_answer(sitting, vote, row.id)
        if answer is None:
            return [*lead, Segment("·", _MUTED)]
        return [*lead, Segment(answer_label(answer), ANSWER_STYLES.get(answer, _MUTED))]


class VotesPane(Pane):
    TAB_TITLE = _("Votes")
    KEY_NOTES = ((_("Enter"), _("on a closed named vote in the list: how each member voted")),
            (_("Up, Down"), _("choose a vote in the list (r and the result line take it)")))
    BINDINGS = [
        Binding("v", "open_vote", _("Open vote")),
        # priority: the answer keys act as the app receives them, without first travelling
        # down to the roster and back up through every container (a millisecond a key)
        Binding("1,z", "answer('yes')", _("Yes"), priority=True),
        Binding("2,p", "answer('no')", _("No"), priority=True),
        Binding("3,w", "answer('abstain')", _("Abstain"), priority=True),
        Binding("0", "answer('')", _("No answer"), priority=True, show=False),  # F1 has it
        Binding("backspace,u", "undo", _("Undo")),
        Binding("t", "totals", _("Enter totals")),
        Binding("c", "close_vote", _("Close vote")),
        Binding("x", "cancel_vote", _("Cancel vote")),
        Binding("r", "revote", _("Re-vote")),
        Binding("slash", "search", _("Find"), show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.undo_stack: list[tuple[str, Answer | None]] = []
        self._listed = (0, 0)  # votes listed, closed among them
        # where the next answer goes while earlier ones are in flight, or WALK_END
        self.walk: int | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="vote-title", markup=False)  # the subject is the council's text
        yield TextLines(1, id="vote-tally")
        yield RollCallRows(self, id="rollcall")
        yield SearchInput("#votes", id="votes-find", placeholder=_(
            "/ finds a vote by its number or words of its subject"))
        yield OptionList(id="votes", markup=False)
        yield Static(id="vote-detail", markup=False)

    @property
    def rows(self) -> RollCallRows:
        return self.query_one(RollCallRows)

    @property
    def tally(self) -> TextLines:
        return self.query_one("#vote-tally", TextLines)

    # --- rendering ---------------------------------------------------------------------

    def show(self, chamber: Chamber, events: Sequence[StoredEvent] | None) -> None:
        sitting, vote = chamber.sitting, open_vote(chamber.sitting)
        if events is None or any(isinstance(s.event, _REFRESH_ALL) for s in events):
            self._render_all(sitting, vote)
            return
        for stored in events:
            if isinstance(stored.event, (ev.AnswerRecorded, *_ATTENDANCE)):
                self.rows.refresh_key(stored.event.member_id)
        if sitting is not None and vote is not None:
            self.tally.set_line(0, tally_text(sitting, vote))

    def _render_all(self, sitting: Sitting | None, vote: Vote | None) -> None:
        title, detail = self.query_one("#vote-title", Static), self.query_one("#vote-detail", Static)
        votes = self.query_one("#votes", OptionList)
        named = vote is not None and vote.mode.named
        if not named and self.rows.has_focus:  # the roll-call goes: the list takes the keys
            self.screen.set_focus(self.query_one("#votes", OptionList))
        self.rows.display = named
        self.refresh_bindings()
        votes.set_class(vote is not None, "beside-vote")  # shorter while a vote is open
        self._place_list()
        self._list_votes(sitting)
        if vote is None or sitting is None:
            title.update(_("No vote is open. v opens a vote on the current item."))
            self.tally.set_line(0, "")
            return
        title.update(f"{_('Vote')} {_('no.')} {vote.number}: {vote.subject}\n"
                     f"{kind_label(vote.kind)} · {vote.rule.label(lang())} · {mode_label(vote.mode)}")
        self.tally.set_line(0, tally_text(sitting, vote))
        detail.update("" if named else _("t enters the totals from the counting committee."))
        if named:
            self.walk = None
            self.rows.set_rows(sitting.roster)
            self.rows.move_to(self._first_unanswered(sitting, vote))
            self.rows.refresh()

    def _place_list(self) -> None:
        """The past votes stay in sight while a vote is open when the tab has the room
        (ROOM_FOR_LIST rows); in a small terminal the roll-call takes it all."""
        voting = open_vote(self.sitting) is not None
        shown = not voting or self.size.height >= ROOM_FOR_LIST
        self.query_one("#votes", OptionList).display = shown
        self.query_one("#votes-find", Input).display = shown

    def on_resize(self) -> None:
        self._place_list()

    def _list_votes(self, sitting: Sitting | None) -> None:
        """Every vote of the sitting, the open one too; a vote opened or closed since the
        last time brings the highlight to the newest (Reasumpcja and the result line
        act on it), otherwise the secretary's choice stays."""
        votes = self.query_one("#votes", OptionList)
        highlighted, known = votes.highlighted, self._listed
        votes.clear_options()
        listed = list(sitting.votes.values()) if sitting else []
        self._listed = (len(listed), sum(v.result is not None for v in listed))
        query = self.query_one("#votes-find", Input).value
        for vote in (v for v in listed if vote_matches(v, query)):
            votes.add_option(Option(vote_row(vote), id=vote.id))
        if votes.option_count:
            newest = votes.option_count - 1
            votes.highlighted = (newest if highlighted is None or self._listed != known
                                 else min(highlighted, newest))
        self._show_detail()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._list_votes(self.sitting)

    def action_search(self) -> None:
        self.query_one("#votes-find", Input).focus()

    def focus_target(self) -> str | None:
        """The roll-call while a named vote is open, otherwise the list of votes."""
        return "#rollcall" if self.rows.display else "#votes"

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_detail()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a closed named vote shows how each member voted."""
        event.stop()
        vote, sitting = self._highlighted_vote(), self.sitting
        if vote is not None and sitting is not None and vote.result and vote.result.named:
            self.app.push_screen(NamedList(sitting, vote))

    def _show_detail(self) -> None:
        vote = self._highlighted_vote()
        detail = self.query_one("#vote-detail", Static)
        if open_vote(self.sitting) is not None:
            return  # the open vote's own line stays (the totals key of a secret vote)
        if vote is None:
            detail.update("")
        elif vote.result is not None:
            detail.update(result_text(vote.result))
        else:
            detail.update(f"{_('cancelled')}: {vote.cancelled_reason or ''}")

    def _highlighted_vote(self) -> Vote | None:
        votes, sitting = self.query_one("#votes", OptionList), self.sitting
        if sitting is None or votes.highlighted is None:
            return None
        return sitting.votes.get(votes.get_option_at_index(votes.highlighted).id or "")

    # --- the roll-call -----------------------------------------------------------------

    def _first_unanswered(self, sitting: Sitting, vote: Vote) -> int:
        for index, member in enumerate(sitting.roster):
            if can_answer(sitting, vote, member.id) and member.id not in vote.answers:
                return index
        return 0

    def _next_eligible(self, sitting: Sitting, vote: Vote, after: int) -> int:
        """The next member to answer, or WALK_END after the last."""
        for index in range(after + 1, len(sitting.roster)):
            if can_answer(sitting, vote, sitting.roster[index].id):
                return index
        return WALK_END

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        vote = open_vote(self.sitting)
        if action in ("answer", "undo"):
            return vote is not None and vote.mode.named
        if action == "totals":
            return vote is not None and not vote.mode.named
        if action in ("close_vote", "cancel_vote"):
            return vote is not None
        if action == "search":
            return True
        return vote is None

    def action_answer(self, value: str) -> None:
        """Records the answer of the member at the cursor; the cursor moves on to the next
        eligible member in the same frame that shows the durable answer. Past the last
        member a key answers nobody (it used to change the last answer unseen) until the
        secretary moves the cursor."""
        sitting, vote = self.sitting, open_vote(self.sitting)
        if sitting is None or vote is None or not self.rows.rows:
            return
        index = self.rows.cursor if self.walk is None else self.walk
        if index == WALK_END:
            self.app.notify(_("Every member present has answered. To change an answer, "
                              "choose the member with the arrow keys."), severity="warning")
            return
        member, answer = sitting.roster[index], Answer(value) if value else None
        following = self._next_eligible(sitting, vote, index)
        previous = vote.answers.get(member.id)
        if answer == previous:
            self._walk_on(following)
            return
        self.walk = following
        self.undo_stack.append((member.id, previous))
        self.console.dispatch(self._record(RecordAnswer(member=member.id, answer=answer),
                                           index, following))

    async def _record(self, command: RecordAnswer, index: int, following: int) -> None:
        recorded = await self.console.submit(command)
        if self.walk != following:  # a key was pressed since this one
            return
        if recorded:
            self._walk_on(following)
        else:
            self.walk = None
            self.rows.move_to(index)

    def _walk_on(self, following: int) -> None:
        """Moves the cursor to the next member, or ends the walk after the last."""
        self.walk = WALK_END if following == WALK_END else None
        if following != WALK_END:
            self.rows.move_to(following)

    def action_undo(self) -> None:
        if not self.undo_stack:
            self.app.notify(_("Nothing to undo."), severity="warning")
            return
        member_id, previous = self.undo_stack.pop()
        self.send(RecordAnswer(member=member_id, answer=previous))
        self.walk = None  # the next key answers the member whose answer was undone
        self.rows.move_to_key(member_id)

    # --- opening and closing -----------------------------------------------------------

    def action_open_vote(self) -> None:
        sitting = self.sitting
        if sitting is None:
            return
        item = sitting.items.get(sitting.current_item) if sitting.current_item else None
        subject = item.item.title if item else ""
        kind = VoteKind.RESOLUTION if item and item.item.kind is ItemKind.RESOLUTION else VoteKind.OTHER
        self.app.push_screen(OpenVoteForm(subject, sitting.roster, kind=kind), self._opened)

    def action_revote(self) -> None:
        """A re-vote of the vote highlighted in the list (the newest after a close); one
        the law does not allow now (an agenda change's) is refused before the form."""
        vote, sitting = self._highlighted_vote(), self.sitting
        if vote is None or sitting is None or vote.result is None:
            self.app.notify(_("Choose a closed vote in the list first."), severity="warning")
            return
        if self.refused(OpenVote(subject=vote.subject, kind=vote.kind, revote_of=vote.id)):
            return
        subject = _("Re-vote: {subject}").format(subject=vote.subject)
        self.app.push_screen(OpenVoteForm(subject, sitting.roster, revote_of=vote.id,
                                          kind=vote.kind), self._opened)

    def _opened(self, command: OpenVote | None) -> None:
        if command is None:
            return
        if command.revote_of is not None and not command.revote_reason:
            self.app.push_screen(Prompt(_("Re-vote: on what grounds?"),
                                        limit=limits(OpenVote, "revote_reason"),
                                        label=field_label("revote_reason")),
                                 lambda reason: self._revote_motion(command, reason))
            return
        warning = (quorum_warning(self.console.chamber, self.sitting, lang()) if self.sitting
                   else None)
        if warning is None:
            self._open(command)
            return
        self.app.push_screen(Confirm(_("No quorum"), warning),
                             lambda yes: self._open(command) if yes else None)

    def _revote_motion(self, command: OpenVote, reason: str | None) -> None:
        """A re-vote says why and on whose motion (Escape in the picker: the chair's own)."""
        sitting = self.sitting
        if reason is None or sitting is None:
            return

        def moved(member: str | None) -> None:
            self._opened(command.model_copy(update={"revote_reason": reason,
                                                    "revote_motion": member}))

        self.app.push_screen(MemberPicker(_("Re-vote: on whose motion? (Esc: the chair's)"),
                                          sitting.roster), moved)

    def _open(self, command: OpenVote) -> None:
        self.undo_stack.clear()
        self.send(command)

    def action_totals(self) -> None:
        self.app.push_screen(TotalsForm(check=self.refusal), self._totals_entered)

    def _totals_entered(self, command: RecordTotals | None) -> None:
        if command is not None:
            self.send(command)

    def action_close_vote(self) -> None:
        sitting, vote = self.sitting, open_vote(self.sitting)
        if sitting is None or vote is None or self.refused(CloseVote()):
            return

        dialog = CloseVoteConfirm(self.console.chamber, vote.id, result_text)

        def close(confirmed: bool | None) -> None:
            if confirmed and dialog.revision is not None:
                self.send(CloseVote(confirmed_revision=dialog.revision))

        self.app.push_screen(dialog, close)

    def action_cancel_vote(self) -> None:
        def cancel(reason: str | None) -> None:
            if reason:
                self.send(CancelVote(reason=reason))

        self.app.push_screen(Prompt(_("Why is the vote cancelled?"),
                                    limit=limits(CancelVote, "reason"),
                                    label=field_label("reason")), cancel)
