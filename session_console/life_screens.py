"""Screens of the sitting's life: the F8 menu, convening a sitting (zwołanie) with its
agenda from a file or an earlier sitting, and closing the sitting with what is still open
listed. Polish only, like their log lines."""

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
from session_console.search import find_members

AgendaReader = Callable[[Path], tuple[ItemSpec, ...]]  # raises ValueError with the rows named

# (action, label) of the F8 menu, in a sitting's order
LIFE_ACTIONS: tuple[tuple[str, str], ...] = (
    ("convene", "Zwołaj sesję (porządek obrad z pliku lub z wcześniejszej sesji)"),
    ("start_sitting", "Otwórz zwołaną sesję (stwierdza kworum)"),
    ("state_quorum", "Stwierdź kworum"),
    ("toggle_break", "Przerwa / wznowienie obrad"),
    ("hand_over", "Przekaż prowadzenie obrad (wiceprzewodniczący) lub przejmij je z powrotem"),
    ("recuse", "Wyłączenie radnego z trwającego głosowania"),
    ("adjourn", "Przerwij sesję do innego dnia"),
    ("continue_sitting", "Dalszy ciąg sesji (nowy dzień)"),
    ("close_sitting", "Zamknij sesję"),
)

_TYPES = ((SittingType.ORDINARY, "zwyczajna"), (SittingType.EXTRAORDINARY, "nadzwyczajna (na wniosek)"),
          (SittingType.CEREMONIAL, "uroczysta"))


class SittingMenu(ModalScreen[str | None]):
    """The sitting's life on one key: Enter runs the highlighted step, Escape closes."""

    AUTO_FOCUS = "*"
    DEFAULT_CSS = dialog_css("SittingMenu")
    BINDINGS = [Binding("escape", "cancel", "Anuluj")]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Sesja", classes="title")
            yield OptionList(*(Option(label, id=action) for action, label in LIFE_ACTIONS),
                             id="steps", markup=False)
            yield Label("Enter: wybierz · Esc: zamknij", classes="hint")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


def _member_ref(text: str, members: Sequence[Member], what: str) -> str | None:
    if not text:
        return None
    matches = find_members(members, text)
    if len(matches) != 1:
        raise ValueError(f"{what}: „{text}” " + ("nie pasuje do żadnego radnego."
                                                  if not matches else "pasuje do kilku radnych."))
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

    def compose(self) -> ComposeResult:
        earlier = [(f"{s.number} z {s.date.isoformat()}", s.id)
                   for s in reversed(list(self.chamber.sittings.values()))]
        with Vertical():
            yield Label("Zwołanie sesji", classes="title")
            yield Label("Numer (rzymski, np. XLI) · rodzaj")
            yield Input(id="number", max_length=12)
            yield Choice([(label, kind) for kind, label in _TYPES], value=SittingType.ORDINARY,
                         allow_blank=False, id="type")
            yield Label("Dzień (RRRR-MM-DD) · godzina (GG:MM) · miejsce")
            yield Input(self.today.isoformat(), id="date", max_length=10)
            yield Input("", id="hour", max_length=5, placeholder="np. 16:00")
            yield Input("", id="place", max_length=200, placeholder="miejsce obrad")
            yield Label("Przewodniczący (nazwisko lub nr miejsca) · wniosek (sesja nadzwyczajna)")
            yield Input(id="chair", max_length=120)
            yield Input(id="requested_by", max_length=300, placeholder="kto złożył wniosek")
            yield Label("Porządek obrad: plik CSV/JSON albo wcześniejsza sesja")
            yield Input(id="agenda_file", placeholder="ścieżka do pliku, np. porzadek.csv")
            yield Choice(earlier, prompt="(bez porządku z wcześniejszej sesji)", id="earlier")
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
            raise ValueError("Sesja potrzebuje numeru.")
        try:
            day = date.fromisoformat(self.text("date"))
        except ValueError as error:
            raise ValueError("Dzień zapisz jak 2026-12-03.") from error
        try:
            hour = time.fromisoformat(self.text("hour")) if self.text("hour") else None
        except ValueError as error:
            raise ValueError("Godzinę zapisz jak 16:00.") from error
        council = self.chamber.council
        members = council.members if council else ()
        return ConveneSitting(
            number=self.text("number"), sitting_type=self.chosen("type", SittingType),
            date=day, hour=hour, place=self.text("place"),
            chair=_member_ref(self.text("chair"), members, "Przewodniczący"),
            requested_by=self.text("requested_by"), agenda=self._agenda())


class CloseSittingConfirm(ModalScreen[bool]):
    """Closing the sitting, with what is still open listed; Enter closes, Escape does not."""

    AUTO_FOCUS = "*"
    DEFAULT_CSS = dialog_css("CloseSittingConfirm")
    BINDINGS = [Binding("enter,y,t", "answer(True)", "Zamknij sesję"),
                Binding("escape,n", "answer(False)", "Anuluj")]

    def __init__(self, chamber: Chamber) -> None:
        super().__init__()
        self.chamber = chamber

    def compose(self) -> ComposeResult:
        sitting = self.chamber.sitting
        assert sitting is not None, "the action checks for a sitting first"
        matters = open_matters(sitting)
        body = ("Wciąż otwarte:\n" + "\n".join(f"• {line}" for line in matters)
                if matters else "Nic nie zostało otwarte: głosowania zamknięte, nikt nie "
                "przemawia, wszystkie punkty rozpatrzone.")
        with Vertical():
            yield Label(f"Zamknąć sesję {sitting.number}?", classes="title", markup=False)
            yield Label(body, id="body", markup=False)
            yield Label("Enter: zamknij sesję · Esc: wróć", classes="hint")

    def action_answer(self, confirmed: bool) -> None:
        self.dismiss(confirmed)
