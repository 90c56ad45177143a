"""Forms that build a command: open a vote, enter a secret vote's totals, open a sitting,
add an agenda item."""

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, TypeVar

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Select

from models.agenda import AddItem
from models.commands import OpenSitting, OpenVote, RecordTotals
from models.council import Member
from models.rules import MajorityRule
from models.terms import ItemKind, MajorityKind, VoteKind, VoteMode
from session_console.dialogs import Dialog, dialog_css
from session_console.i18n import _, lang
from session_console.search import find_members
from session_console.validation import explain
from session_console.widgets.field import model_input
from session_console.words import item_kind_label, kind_label, mode_label

RULES: tuple[MajorityRule, ...] = (
    MajorityRule(kind=MajorityKind.SIMPLE),
    MajorityRule(kind=MajorityKind.ABSOLUTE_CAST),
    MajorityRule(kind=MajorityKind.ABSOLUTE_SEATS),
    MajorityRule(kind=MajorityKind.QUALIFIED_SEATS, numerator=3, denominator=5),
    MajorityRule(kind=MajorityKind.QUALIFIED_SEATS, numerator=2, denominator=3),
    MajorityRule(kind=MajorityKind.QUALIFIED_CAST, numerator=2, denominator=3),
    MajorityRule(kind=MajorityKind.QUALIFIED_CAST, numerator=3, denominator=5),
)
T = TypeVar("T")
VOTE_KINDS = tuple(k for k in VoteKind if k is not VoteKind.AGENDA_CHANGE)


def parse_recusals(text: str, members: Sequence[Member]) -> tuple[list[str], str | None]:
    """Member ids from "3, Nowak" (seat numbers or names, comma separated), or an error."""
    found: list[str] = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        matches = find_members(members, part)
        if len(matches) != 1:
            return [], (_("“{text}” matches no member.") if not matches
                        else _("“{text}” matches several members.")).format(text=part)
        found.append(matches[0].id)
    return found, None


class Choice(Select):
    """A form's drop-down: Enter confirms the form, as the form's hint says (Textual's opens
    the list, which Down and Space still do)."""

    BINDINGS = [Binding("enter", "screen.confirm", show=False)]


class Form(Dialog[Any]):
    """A modal form: Enter submits, Escape cancels (or closes an open list), errors show at
    the bottom."""

    AUTO_FOCUS = "*"

    DEFAULT_CSS = dialog_css("Form") + """
    Form Input, Form Select { margin-bottom: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", _("Cancel"))]

    def build(self) -> object:
        """The command, or raises ValueError with the message to show."""
        raise NotImplementedError

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_confirm()

    def action_confirm(self) -> None:
        try:
            command = self.build()
        except ValidationError as error:
            self.query_one("#error", Label).update(explain(error))
            return
        except ValueError as error:
            self.query_one("#error", Label).update(str(error))
            return
        self.dismiss(command)

    def action_cancel(self) -> None:
        """Escape in an open list closes the list, not the form with what was chosen."""
        for choice in self.query(Choice):
            if choice.expanded:
                choice.expanded = False
                choice.focus()
                return
        self.dismiss(None)

    def footer(self) -> ComposeResult:
        yield Label("", id="error", classes="error", markup=False)
        yield Label(_("Enter: confirm · Tab: next field · Esc: cancel"), classes="hint")

    def text(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", Input).value.strip()

    def chosen(self, field_id: str, kind: type[T]) -> T:
        """The value of a drop-down without a blank line (`allow_blank=False`)."""
        value = self.query_one(f"#{field_id}", Choice).value
        assert isinstance(value, kind), f"{field_id}: {value!r} is not a {kind.__name__}"
        return value

    def number(self, field_id: str, label: str) -> int:
        text = self.text(field_id) or "0"
        if not text.isdigit():
            raise ValueError(_("{label}: type a whole number.").format(label=label))
        return int(text)


class OpenVoteForm(Form):
    """Subject, kind, majority rule, mode and recusals of a new vote on the current item."""

    def __init__(self, subject: str, members: Sequence[Member], revote_of: str | None = None,
                 kind: VoteKind = VoteKind.RESOLUTION) -> None:
        super().__init__()
        self.subject, self.members, self.revote_of, self.kind = subject, members, revote_of, kind

    def compose(self) -> ComposeResult:
        with Vertical():
            title = _("Re-vote") if self.revote_of else _("Open a vote")
            yield Label(title, classes="title")
            yield Label(_("Subject"))
            yield model_input(OpenVote, "subject", self.subject, id="subject")
            kinds = VOTE_KINDS if self.kind in VOTE_KINDS else (*VOTE_KINDS, self.kind)
            yield Choice([(kind_label(k), k) for k in kinds], value=self.kind,
                         allow_blank=False, id="kind")
            yield Choice([(r.label(lang()), i)
                          for i, r in enumerate(RULES)], value=0, allow_blank=False, id="rule")
            yield Choice([(mode_label(m), m) for m in VoteMode], value=VoteMode.ROLL_CALL,
                         allow_blank=False, id="mode")
            yield Label(_("Recused (seat numbers or names, comma separated)"))
            yield Input(id="recused")
            yield from self.footer()

    def build(self) -> OpenVote:
        recused, problem = parse_recusals(self.text("recused"), self.members)
        if problem:
            raise ValueError(problem)
        if not self.text("subject"):
            raise ValueError(_("The vote needs a subject."))
        return OpenVote(subject=self.text("subject"), kind=self.chosen("kind", VoteKind),
                        rule=RULES[self.chosen("rule", int)],
                        mode=self.chosen("mode", VoteMode), recused=tuple(recused),
                        revote_of=self.revote_of)


class TotalsForm(Form):
    """The counting committee's totals of a secret or summary vote. Totals the law refuses
    (`check`: the pane asks models.decide) are refused here, with what was typed kept;
    0/0/0 is asked about once (Enter again records it)."""

    def __init__(self, check: Callable[[RecordTotals], str | None] | None = None) -> None:
        super().__init__()
        self.check = check
        self.zero_asked = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(_("Totals of the vote"), classes="title")
            for field_id, label in (("yes", _("yes")), ("no", _("no")), ("abstain", _("abstain")),
                                    ("invalid", _("invalid ballots"))):
                yield Label(label)
                yield model_input(RecordTotals, field_id, "0", id=field_id)
            yield Label(_("ballots issued (empty if the committee did not count them)"))
            yield model_input(RecordTotals, "ballots_issued", "", id="ballots_issued")
            yield from self.footer()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.zero_asked = False  # a changed number is asked about again

    def build(self) -> RecordTotals:
        issued = self.text("ballots_issued")
        command = RecordTotals(yes=self.number("yes", _("yes")), no=self.number("no", _("no")),
                               abstain=self.number("abstain", _("abstain")),
                               invalid=self.number("invalid", _("invalid ballots")),
                               ballots_issued=self.number("ballots_issued", _("ballots issued"))
                               if issued else None)
        problem = self.check(command) if self.check else None
        if problem:
            raise ValueError(problem)
        if not (command.yes or command.no or command.abstain) and not self.zero_asked:
            self.zero_asked = True
            raise ValueError(_("Every total is 0: nobody voted? Press Enter again to record "
                               "it, or type the totals."))
        return command


class NewSittingForm(Form):
    """Number, date and place of a new sitting of the council."""

    def __init__(self, today: date) -> None:
        super().__init__()
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(_("Open a new sitting"), classes="title")
            yield Label(_("Number (Roman, e.g. XLI)"))
            yield model_input(OpenSitting, "number", id="number")
            yield Label(_("Date (YYYY-MM-DD)"))
            yield Input(self.today.isoformat(), id="date")
            yield Label(_("Place"))
            yield model_input(OpenSitting, "place", id="place")
            yield from self.footer()

    def build(self) -> OpenSitting:
        if not self.text("number"):
            raise ValueError(_("The sitting needs a number."))
        try:
            day = date.fromisoformat(self.text("date"))
        except ValueError as error:
            raise ValueError(_("The date must look like 2026-11-23.")) from error
        return OpenSitting(number=self.text("number"), date=day, place=self.text("place"))


class AddItemForm(Form):
    """Title, kind and print number of an item the agenda change will add. A resolution's
    draft is the usual addition, and only a resolution gets a number in the register."""

    def __init__(self, parent_id: str | None, position: int | None) -> None:
        super().__init__()
        self.parent_id, self.position = parent_id, position

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(_("Add an item (after the highlighted one)"), classes="title")
            yield Label(_("Title"))
            yield model_input(AddItem, "title", id="title")
            yield Choice([(item_kind_label(k), k) for k in ItemKind], value=ItemKind.RESOLUTION,
                         allow_blank=False, id="kind")
            yield Label(_("Print number (of a draft resolution)"))
            yield model_input(AddItem, "print_number", id="print")
            yield from self.footer()

    def build(self) -> AddItem:
        if not self.text("title"):
            raise ValueError(_("The item needs a title."))
        return AddItem(title=self.text("title"), kind=self.chosen("kind", ItemKind),
                       print_number=self.text("print"), parent_id=self.parent_id,
                       position=self.position)
