"""A closed vote's named list: how each member voted, as the BIP list will say it."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from models.state import Sitting, Vote
from session_console.dialogs import Dialog, dialog_css
from session_console.i18n import _
from session_console.words import answer_label


def named_lines(sitting: Sitting, vote: Vote) -> list[str]:
    """ "  4  Dąbrowski Łukasz                  za", a line per member in roster order."""
    members = sitting.members_by_id
    lines = []
    for member_id, answer in vote.result.named if vote.result else ():
        member = members.get(member_id)
        seat, name = (member.seat or "", member.name) if member else ("", member_id)
        lines.append(f"{seat:>4}  {name:<32.32} {answer_label(answer)}")
    return lines


class NamedList(Dialog[None]):
    """Escape or Enter closes it; the arrows scroll a long list."""

    DEFAULT_CSS = dialog_css("NamedList") + "NamedList OptionList { max-height: 30; }"
    BINDINGS = [Binding("escape", "close", _("Close"))]

    def __init__(self, sitting: Sitting, vote: Vote) -> None:
        super().__init__()
        self.sitting, self.vote = sitting, vote

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"{_('Vote')} {_('no.')} {self.vote.number}: {self.vote.subject}",
                        classes="title", markup=False)
            yield OptionList(*(Option(line) for line in named_lines(self.sitting, self.vote)),
                             markup=False)
            yield Label(_("Enter or Esc: close"), classes="hint")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
