"""Ctrl+G: the council's settings that the log keeps, seen and changed in one form.

Devices' answers changeable until the close, members' check-in from their devices, the
voting time on devices, and whether the stream overlay shows an open vote's live tally.
Each is an event in the log (a replay gives the same refusals and the same overlay), so the
form sends commands: only for what was changed, and only when the law allows every one of
them now (asked of models.decide first, so a refused change is shown here, in the form,
with what was typed kept, and nothing is sent).
"""

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label

from models.commands import Command, SetOverlayTally, SetVotingSettings
from models.decide import decide
from models.devices import MAX_VOTING_TIME_S, VotingSettings
from models.rejection import Rejection
from models.state import Chamber
from session_console.forms import Choice, Form
from session_console.i18n import _, lang
from session_console.validation import explain


class CouncilSettingsForm(Form):
    DEFAULT_CSS = """
    CouncilSettingsForm .section { text-style: bold underline; }
    """

    def __init__(self, chamber: Chamber) -> None:
        super().__init__()
        self.chamber = chamber

    def compose(self) -> ComposeResult:
        voting = self.chamber.voting
        with Vertical():
            yield Label(_("Council settings"), classes="title")
            yield Label(_("Members' devices"), classes="section")
            yield Label(_("A member may change a device answer until the close"))
            yield Choice([(_("yes, until the close"), True),
                          (_("no: the first answer is final"), False)],
                         value=voting.answers_changeable, allow_blank=False, id="changeable")
            yield Label(_("Members may check in from their devices"))
            yield Choice([(_("yes (the secretary sees it and may correct it)"), True),
                          (_("no: only the secretary checks members in"), False)],
                         value=voting.self_check_in, allow_blank=False, id="check_in")
            yield Label(_("Voting time on devices, seconds (empty: no limit)"))
            yield Input(str(voting.voting_time_s or ""), id="voting_time", max_length=4)
            yield Label(_("Stream overlay"), classes="section")
            yield Choice([(_("shows an open vote's live tally"), True),
                          (_("shows only the result after the close"), False)],
                         value=self.chamber.overlay_tally, allow_blank=False, id="tally")
            yield from self.footer()

    def voting_time(self) -> int | None:
        text = self.text("voting_time")
        if not text:
            return None
        if not text.isdigit() or not 1 <= int(text) <= MAX_VOTING_TIME_S:
            raise ValueError(_("Voting time: a whole number of seconds from 1 to {most}, or "
                               "empty for no limit.").format(most=MAX_VOTING_TIME_S))
        return int(text)

    def build(self) -> tuple[Command, ...]:
        """The commands for what was changed, each allowed now; raises ValueError."""
        try:
            settings = VotingSettings(answers_changeable=self.chosen("changeable", bool),
                                      self_check_in=self.chosen("check_in", bool),
                                      voting_time_s=self.voting_time())
        except ValidationError as invalid:
            raise ValueError(explain(invalid)) from None
        commands: list[Command] = []
        if settings != self.chamber.voting:
            commands.append(SetVotingSettings(settings=settings))
        tally = self.chosen("tally", bool)
        if tally != self.chamber.overlay_tally:
            commands.append(SetOverlayTally(shown=tally))
        if not commands:
            raise ValueError(_("Nothing was changed: these settings are in force."))
        for command in commands:  # all allowed, or none sent
            try:
                decide(self.chamber, command)
            except Rejection as rejection:
                raise ValueError(rejection.message(lang())) from None
        return tuple(commands)
