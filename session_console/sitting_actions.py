"""The console's actions for a sitting's life (F8 and the palette): convene, open, state
quorum, break and resume, hand the chair over, a recusal in the open vote, continue on
another day, close. Mixed into `ConsoleApp`; every step is decided again by the server."""

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual.binding import Binding

from models.agenda import ItemSpec
from models.commands import (
    AdjournSitting,
    CloseSitting,
    Command,
    ContinueSitting,
    DeclareRecusal,
    EndBreak,
    HandOverChair,
    StartBreak,
    StartSitting,
    StateQuorum,
)
from models.council import Member
from models.sitting_life import council_kind, quorum_line
from models.state import Chamber, Sitting
from models.terms import SittingStatus
from session_console.dialogs import Confirm, MemberPicker, Prompt
from session_console.life_screens import (
    LIFE_ACTIONS,
    CloseSittingConfirm,
    ConveneForm,
    SittingMenu,
)
from session_console.words import LOCAL_TIME

if TYPE_CHECKING:
    from session_console.app import ConsoleApp

BINDINGS = [
    Binding("f8", "sitting_menu", "Sesja", show=False),  # in F1 and the palette: the footer is full
    Binding("f9", "toggle_break", "Przerwa / wznowienie", show=False),
    Binding("f10", "close_sitting", "Zamknij sesję", show=False),
]


def _optional(text: str) -> str | None:
    """A Prompt's check that takes any text, an empty one too."""
    return None


class SittingActions:
    """Actions of `ConsoleApp` (its `chamber`, `send`, `push_screen`, `notify`, `backend`)."""

    def _app(self) -> "ConsoleApp":
        return cast("ConsoleApp", self)

    def _sitting(self) -> Sitting | None:
        sitting: Sitting | None = self._app().chamber.sitting
        if sitting is None:
            self._app().notify("Nie ma jeszcze sesji: zwołaj ją (F8).", severity="warning")
        return sitting

    def _sent(self, command: Command | None) -> None:
        if command is not None:
            self._app().send(command)

    def action_sitting_menu(self) -> None:
        def chosen(action: str | None) -> None:
            if action is not None:
                self._app().call_next(self._app().run_action, action)

        self._app().push_screen(SittingMenu(), chosen)

    def action_convene(self) -> None:
        app = self._app()
        today = app.now().astimezone(LOCAL_TIME).date()
        app.push_screen(ConveneForm(today, app.chamber, self._read_agenda), self._sent)

    def _read_agenda(self, path: Path) -> tuple[ItemSpec, ...]:
        return self._app().backend.read_agenda(path)

    def action_start_sitting(self) -> None:
        sitting = self._sitting()
        if sitting is None:
            return
        body = quorum_line(sitting, council_kind(self._app().chamber))
        self._app().push_screen(Confirm(f"Otworzyć sesję {sitting.number}?", body),
                                lambda yes: self._sent(StartSitting() if yes else None))

    def action_state_quorum(self) -> None:
        if self._sitting() is not None:
            self._app().send(StateQuorum())

    def action_toggle_break(self) -> None:
        sitting = self._sitting()
        if sitting is None:
            return
        if sitting.status is SittingStatus.BREAK:
            self._app().send(EndBreak())
            return
        self._app().push_screen(
            Prompt("Przerwa w obradach: powód (może zostać pusty)", check=_optional,
                   hint="Enter: ogłoś przerwę · Esc: wróć"),
            lambda reason: self._sent(StartBreak(reason=reason) if reason is not None else None))

    def _present(self, chamber: Chamber) -> list[Member]:
        sitting = chamber.sitting
        return [m for m in sitting.roster if sitting.is_present(m.id)] if sitting else []

    def action_hand_over(self) -> None:
        sitting = self._sitting()
        if sitting is None:
            return
        picker = MemberPicker("Kto prowadzi obrady od teraz?", self._present(self._app().chamber))
        self._app().push_screen(
            picker, lambda member: self._sent(HandOverChair(member=member) if member else None))

    def action_recuse(self) -> None:
        sitting = self._sitting()
        if sitting is None:
            return
        vote = sitting.votes.get(sitting.open_vote) if sitting.open_vote else None
        if vote is None:
            self._app().notify("Żadne głosowanie nie jest otwarte.", severity="warning")
            return
        waiting = [m for m in self._present(self._app().chamber)
                   if m.id not in vote.answers and m.id not in vote.recused]
        self._app().push_screen(
            MemberPicker(f"Kto wyłącza się z głosowania nr {vote.number}?", waiting),
            lambda member: self._sent(DeclareRecusal(member=member) if member else None))

    def _ask_day(self, title: str, make: Callable[[date | None], Command | None],
                 required: bool) -> None:
        def check(text: str) -> str | None:
            if not text and not required:
                return None
            try:
                date.fromisoformat(text)
            except ValueError:
                return "Dzień zapisz jak 2026-12-10."
            return None

        def answered(text: str | None) -> None:
            if text is not None:
                self._sent(make(date.fromisoformat(text) if text else None))

        self._app().push_screen(Prompt(title, check=check), answered)

    def action_adjourn(self) -> None:
        if self._sitting() is not None:
            self._ask_day("Przerwać sesję do innego dnia: którego (RRRR-MM-DD, może zostać "
                          "pusty)?", lambda day: AdjournSitting(resume_on=day), required=False)

    def action_continue_sitting(self) -> None:
        if self._sitting() is not None:
            self._ask_day("Dalszy ciąg sesji: dzień (RRRR-MM-DD)",
                          lambda day: ContinueSitting(date=day) if day else None, required=True)

    def action_close_sitting(self) -> None:
        app = self._app()
        if self._sitting() is None:
            return
        app.push_screen(CloseSittingConfirm(app.chamber),
                        lambda yes: self._sent(CloseSitting() if yes else None))


def palette_entries() -> list[tuple[str, str]]:
    """(title, action) of each step for the command palette."""
    return [(f"Sesja: {label}", action) for action, label in LIFE_ACTIONS]
