"""Screens of the sitting's life: the F8 menu, convening a sitting (zwołanie) with its
agenda from a file or an earlier sitting, and closing the sitting with what is still open
listed; in the console's language, a committee's sitting called a "posiedzenie komisji"
(session_console/sitting_nouns.py)."""

from collections.abc import Callable, Sequence
from datetime import date, time
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from models.agenda import ItemSpec
from models.commands import ConveneSitting
from models.council import Member
from models.sitting_life import agenda_specs, open_matters
from models.state import Chamber
from models.terms import SittingType
from session_console.dialogs import dialog_css
from session_console.forms import Choice, Form
from session_console.i18n import _, lang, pgettext
from session_console.search import find_members
from session_console.sitting_nouns import heading, kind_in_view, said
from session_console.words import sitting_type_label

AgendaReader = Callable[[Path], tuple[ItemSpec, ...]]  # raises ValueError with the rows named

# the F8 menu's steps, in a sitting's order
LIFE_ACTIONS: tuple[str, ...] = (
    "convene", "start_sitting", "state_quorum", "toggle_break", "hand_over", "recuse",
    "adjourn", "continue_sitting", "close_sitting",
)


def life_steps(kind: SittingType) -> tuple[tuple[str, str], ...]:
    """(action, label) of each step of LIFE_ACTIONS, for a sitting of type `kind`."""
    labels = {
        "convene": said(kind, _("Convene a {sitting} (the agenda from a file or an earlier "
                                "{sitting})"),
                        pgettext("meeting", "Convene a {sitting} (the agenda from a file or an "
                                 "earlier {sitting})")),
        "start_sitting": said(kind, _("Open the convened {sitting} (states the quorum)"),
                              pgettext("meeting", "Open the convened {sitting} (states the "
                                       "quorum)")),
        "state_quorum": _("State the quorum"),
        "toggle_break": _("Break / resumption of the proceedings"),
        "hand_over": _("Hand the chair over (a vice-chair) or take it back"),
        "recuse": _("Recuse a member from the vote in progress"),
        "adjourn": said(kind, _("Adjourn the {sitting} to another day")),
        "continue_sitting": said(kind, _("Continue the {sitting} (a new day)")),
        "close_sitting": said(kind, _("Close the {sitting}")),
    }
    return tuple((action, labels[action]) for action in LIFE_ACTIONS)


def _types(kind: SittingType) -> list[tuple[str, SittingType]]:
    """The types the convening form offers: a committee's log convenes committee meetings."""
    if kind is SittingType.COMMITTEE:
        return [(sitting_type_label(kind), kind)]
    return [(sitting_type_label(SittingType.ORDINARY), SittingType.ORDINARY),
            (_("extraordinary (on request)"), SittingType.EXTRAORDINARY),
            (sitting_type_label(SittingType.CEREMONIAL), SittingType.CEREMONIAL)]


class SittingMenu(ModalScreen[str | None]):
    """The sitting's life on one key: Enter runs the highlighted step, Escape closes."""

    AUTO_FOCUS = "*"
    DEFAULT_CSS = dialog_css("SittingMenu")
    BINDINGS = [Binding("escape", "cancel", _("Cancel"))]

    def __init__(self, kind: SittingType) -> None:
        super().__init__()
        self.kind = kind

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(heading(self.kind), classes="title")
            yield OptionList(*(Option(label, id=action) for action, label in life_steps(self.kind)),
                             id="steps", markup=False)
            yield Label(_("Enter: choose · Esc: close"), classes="hint")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


def _member_ref(text: str, members: Sequence[Member], what: str) -> str | None:
    if not text:
        return None
    matches = find_members(members, text)
    if not matches:
        raise ValueError(_("{what}: “{text}” matches no member.").format(what=what, text=text))
    if len(matches) > 1:
        raise ValueError(_("{what}: “{text}” matches several members.").format(what=what,
                                                                                text=text))
    return matches[0].id


class ConveneForm(Form):
    """Zwołanie: number, type, day, hour, place, chair, who asked (an extraordinary sitting)
    and the proposed agenda, read from a CSV/JSON file or taken from an earlier sitting."""

    DEFAULT_CSS = Form.DEFAULT_CSS + """
    ConveneForm > Vertical { width: 100; }
    ConveneForm Input, ConveneForm Select { margin-bottom: 0; }
    """

    def __init__(self, today: date, chamber: Chamber, read_agenda: AgendaReader) -> None:
        super().__init__()
        self.today, self.chamber, self.read_agenda = today, chamber, read_agenda
        self.kind = kind_in_view(chamber)

    def compose(self) -> ComposeResult:
        kind = self.kind
        earlier = [(_("{number} of {date}").format(number=s.number, date=s.date.isoformat()), s.id)
                   for s in reversed(list(self.chamber.sittings.values()))]
        types = _types(kind)
        with Vertical():
            yield Label(said(kind, _("Convening a {sitting}")), classes="title")
            yield Label(_("Number (Roman, e.g. XLI) · type"))
            yield Input(id="number", max_length=12)
            yield Choice(types, value=types[0][1], allow_blank=False, id="type")
            yield Label(_("Day (YYYY-MM-DD) · hour (HH:MM) · place"))
            yield Input(self.today.isoformat(), id="date", max_length=10)
            yield Input("", id="hour", max_length=5, placeholder=_("e.g. 16:00"))
            yield Input("", id="place", max_length=200, placeholder=_("place of the proceedings"))
            yield Label(said(kind, _("Chair (surname or seat no.) · request (an extraordinary "
                                     "{sitting})"),
                             pgettext("meeting", "Chair (surname or seat no.) · request (an "
                                      "extraordinary {sitting})")))
            yield Input(id="chair", max_length=120)
            yield Input(id="requested_by", max_length=300, placeholder=_("who made the request"))
            yield Label(said(kind, _("Agenda: a CSV/JSON file or an earlier {sitting}"),
                             pgettext("meeting", "Agenda: a CSV/JSON file or an earlier "
                                      "{sitting}")))
            yield Input(id="agenda_file", placeholder=_("path to the file, e.g. porzadek.csv"))
            yield Choice(earlier, prompt=said(kind, _("(no agenda from an earlier {sitting})"),
                                              pgettext("meeting", "(no agenda from an earlier "
                                                       "{sitting})")), id="earlier")
            yield from self.footer()

    def _agenda(self) -> tuple[ItemSpec, ...]:
        path = self.text("agenda_file")
        if path:
            return self.read_agenda(Path(path).expanduser())
        earlier = self.query_one("#earlier", Choice).value
        if isinstance(earlier, str) and earlier in self.chamber.sittings:
            return agenda_specs(self.chamber.sittings[earlier])
        return ()

    def build(self) -> ConveneSitting:
        if not self.text("number"):
            raise ValueError(said(self.kind, _("{Sitting} needs a number.")))
        try:
            day = date.fromisoformat(self.text("date"))
        except ValueError as error:
            raise ValueError(_("Write the day as 2026-12-03.")) from error
        try:
            hour = time.fromisoformat(self.text("hour")) if self.text("hour") else None
        except ValueError as error:
            raise ValueError(_("Write the hour as 16:00.")) from error
        council = self.chamber.council
        members = council.members if council else ()
        return ConveneSitting(
            number=self.text("number"), sitting_type=self.chosen("type", SittingType),
            date=day, hour=hour, place=self.text("place"),
            chair=_member_ref(self.text("chair"), members, _("Chair")),
            requested_by=self.text("requested_by"), agenda=self._agenda())


class CloseSittingConfirm(ModalScreen[bool]):
    """Closing the sitting, with what is still open listed; Enter closes, Escape does not."""

    AUTO_FOCUS = "*"
    DEFAULT_CSS = dialog_css("CloseSittingConfirm")
    BINDINGS = [Binding("enter,y,t", "answer(True)", _("Close the sitting")),
                Binding("escape,n", "answer(False)", _("Cancel"))]

    def __init__(self, chamber: Chamber) -> None:
        super().__init__()
        self.chamber = chamber

    def compose(self) -> ComposeResult:
        sitting = self.chamber.sitting
        assert sitting is not None, "the action checks for a sitting first"
        kind = sitting.sitting_type
        matters = open_matters(sitting, lang())
        body = (_("Still open:") + "\n" + "\n".join(f"• {line}" for line in matters)
                if matters else _("Nothing is left open: votes closed, nobody speaking, every "
                                  "item taken up."))
        with Vertical():
            yield Label(said(kind, _("Close {sitting} {number}?"), number=sitting.number),
                        classes="title", markup=False)
            yield Label(body, id="body", markup=False)
            yield Label(said(kind, _("Enter: close the {sitting} · Esc: back")), classes="hint")

    def action_answer(self, confirmed: bool) -> None:
        self.dismiss(confirmed)
