"""The console's actions for a sitting's life (F8 and the palette): convene, open, state
quorum, break and resume, hand the chair over, a recusal in the open vote, continue on
another day, close. Mixed into `ConsoleApp`; every step is decided again by the server.
Their words are in the console's language; a committee's sitting is a "posiedzenie
komisji" (session_console/sitting_nouns.py). The keys' own descriptions (F1, the palette's
key list) are made with the classes, before any sitting is known, so they name a council's
"sesja"."""

from collections.abc import Callable, Iterable
from dataclasses import replace
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
from models.decide import decide
from models.rejection import Rejection
from models.sitting_life import council_kind, quorum_line
from models.state import Chamber, Sitting
from models.terms import SittingStatus
from session_console.dialogs import Confirm, MemberPicker, Prompt
from session_console.i18n import _, lang
from session_console.life_screens import (
    CloseSittingConfirm,
    ConveneForm,
    SittingMenu,
    life_steps,
)
from session_console.panes.base import tell_rejection
from session_console.sitting_nouns import heading, kind_in_view, said
from session_console.words import LOCAL_TIME

if TYPE_CHECKING:
    from session_console.app import ConsoleApp

BINDINGS = [
    Binding("f8", "sitting_menu", _("Sitting"), show=False),  # in F1 and the palette: the footer is full
    Binding("f9", "toggle_break", _("Break / resume"), show=False),
    Binding("f10", "close_sitting", _("Close the sitting"), show=False),
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
            self._app().notify(_("There is no sitting yet: convene one (F8)."),
                               severity="warning")
        return sitting

    def _allowed(self, probe: Command) -> bool:
        """Whether the model takes the command in the state on screen; if not, its refusal
        is said at once, before a dialog asks to confirm it or for more (what is sent is
        decided again when it arrives)."""
        try:
            decide(self._app().chamber, probe)
        except Rejection as rejection:
            tell_rejection(self._app(), rejection)
            return False
        return True

    def _sent(self, command: Command | None) -> None:
        if command is not None:
            self._app().send(command)

    def action_sitting_menu(self) -> None:
        def chosen(action: str | None) -> None:
            if action is not None:
                self._app().call_next(self._app().run_action, action)

        self._app().push_screen(SittingMenu(kind_in_view(self._app().chamber)), chosen)

    def action_convene(self) -> None:
        app = self._app()
        today = app.now().astimezone(LOCAL_TIME).date()
        app.push_screen(ConveneForm(today, app.chamber, self._read_agenda), self._sent)

    def _read_agenda(self, path: Path) -> tuple[ItemSpec, ...]:
        return self._app().backend.read_agenda(path)

    def action_start_sitting(self) -> None:
        sitting = self._sitting()
        if sitting is None or not self._allowed(StartSitting()):
            return
        body = quorum_line(sitting, council_kind(self._app().chamber), lang())
        title = said(sitting.sitting_type, _("Open {sitting} {number}?"), number=sitting.number)
        self._app().push_screen(Confirm(title, body),
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
        if not self._allowed(StartBreak(reason="")):
            return
        self._app().push_screen(
            Prompt(_("Break in the proceedings: the reason (may stay empty)"), check=_optional,
                   hint=_("Enter: announce the break · Esc: back")),
            lambda reason: self._sent(StartBreak(reason=reason) if reason is not None else None))

    def _present(self, chamber: Chamber) -> list[Member]:
        sitting = chamber.sitting
        return [m for m in sitting.roster if sitting.is_present(m.id)] if sitting else []

    def action_hand_over(self) -> None:
        sitting = self._sitting()
        if sitting is None:
            return
        picker = MemberPicker(_("Who chairs from now on?"), self._present(self._app().chamber))
        self._app().push_screen(
            picker, lambda member: self._sent(HandOverChair(member=member) if member else None))

    def action_recuse(self) -> None:
        sitting = self._sitting()
        if sitting is None:
            return
        vote = sitting.votes.get(sitting.open_vote) if sitting.open_vote else None
        if vote is None:
            self._app().notify(_("No vote is open."), severity="warning")
            return
        waiting = [m for m in self._present(self._app().chamber)
                   if m.id not in vote.answers and m.id not in vote.recused]
        self._app().push_screen(
            MemberPicker(_("Who is recused from vote no. {number}?").format(number=vote.number),
                         waiting),
            lambda member: self._sent(DeclareRecusal(member=member) if member else None))

    def _ask_day(self, title: str, make: Callable[[date | None], Command | None],
                 required: bool) -> None:
        def check(text: str) -> str | None:
            if not text and not required:
                return None
            try:
                date.fromisoformat(text)
            except ValueError:
                return _("Write the day as 2026-12-10.")
            return None

        def answered(text: str | None) -> None:
            if text is not None:
                self._sent(make(date.fromisoformat(text) if text else None))

        self._app().push_screen(Prompt(title, check=check), answered)

    def action_adjourn(self) -> None:
        sitting = self._sitting()
        if sitting is not None and self._allowed(AdjournSitting(resume_on=None)):
            self._ask_day(said(sitting.sitting_type, _("Adjourn the {sitting} to another day: "
                                                       "which (YYYY-MM-DD, may stay empty)?")),
                          lambda day: AdjournSitting(resume_on=day), required=False)

    def action_continue_sitting(self) -> None:
        sitting = self._sitting()
        if sitting is not None:
            self._ask_day(said(sitting.sitting_type, _("Continuation of the {sitting}: the day "
                                                       "(YYYY-MM-DD)")),
                          lambda day: ContinueSitting(date=day) if day else None, required=True)

    def action_close_sitting(self) -> None:
        app = self._app()
        if self._sitting() is None or not self._allowed(CloseSitting()):
            return
        app.push_screen(CloseSittingConfirm(app.chamber),
                        lambda yes: self._sent(CloseSitting() if yes else None))


def keys_in_words(chamber: Chamber, bindings: Iterable[Binding]) -> list[Binding]:
    """The bindings with F8's and F10's descriptions in the words of the chamber's sitting
    ("Posiedzenie", "Zamknij posiedzenie komisji" for a committee's): F1 and the palette
    list them (the binding itself is made once, before any sitting is known)."""
    kind = kind_in_view(chamber)
    words = {"sitting_menu": heading(kind), "close_sitting": dict(life_steps(kind))["close_sitting"]}
    return [replace(b, description=words[b.action]) if b.action in words else b
            for b in bindings]


def palette_entries(chamber: Chamber) -> list[tuple[str, str]]:
    """(title, action) of each step for the command palette, in the words of the chamber's
    sitting ("Posiedzenie: …" for a committee's)."""
    kind = kind_in_view(chamber)
    return [(f"{heading(kind)}: {label}", action) for action, label in life_steps(kind)]
