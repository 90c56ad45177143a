"""The agenda tree: choose the current item; add, move or withdraw items through the vote
that the law requires for a change during the sitting (u.s.g. art. 20 ust. 1a)."""

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from models import events as ev
from models.agenda import AddItem, MoveItem, WithdrawItem
from models.commands import ProposeAgendaChange, SetCurrentItem
from models.events import StoredEvent
from models.state import Chamber, Item, Sitting
from session_console.dialogs import Prompt
from session_console.forms import AddItemForm
from session_console.i18n import _
from session_console.panes.base import Pane
from session_console.validation import field_label, limits

_AGENDA_EVENTS = (ev.SittingOpened, ev.CurrentItemSet, ev.AgendaItemAdded, ev.AgendaItemMoved,
                  ev.AgendaItemWithdrawn, ev.ResolutionRegistered, ev.ResolutionVoided)


def item_text(number: str, depth: int, item: Item, current: bool) -> str:
    marker = "▶ " if current else "  "
    print_number = f" ({_('print no.')} {item.item.print_number})" if item.item.print_number else ""
    resolution = f" · {_('resolution')} {item.resolution}" if item.resolution else ""
    withdrawn = f" · {_('withdrawn')}" if item.withdrawn else ""
    return f"{marker}{'    ' * depth}{number}. {item.item.title}{print_number}{resolution}{withdrawn}"


def target_of(sitting: Sitting, number: str, moving: str) -> tuple[str | None, int] | None:
    """Where "5.2" is: (parent id, position among the siblings other than `moving`)."""
    numbers = {n: item.item.id for n, _depth, item in sitting.numbered_items()}
    parent_number, _dot, last = number.rpartition(".")
    if not last.isdigit() or int(last) < 1 or (parent_number and parent_number not in numbers):
        return None
    parent = numbers[parent_number] if parent_number else None
    siblings = [i for i in sitting.children.get(parent, ()) if i != moving]
    position = int(last) - 1
    return (parent, position) if position <= len(siblings) else None


class AgendaPane(Pane):
    TAB_TITLE = _("Agenda")
    BINDINGS = [
        Binding("enter", "set_current", _("Make current")),
        Binding("a", "add_item", _("Add item")),
        Binding("m", "move_item", _("Move item")),
        Binding("w", "withdraw_item", _("Withdraw item")),
    ]

    def compose(self) -> ComposeResult:
        yield Static(_("Changes to the agenda are put to a vote (absolute majority of the "
                       "statutory seats)."), id="agenda-hint")
        yield OptionList(id="items", markup=False)  # titles are plain

    def show(self, chamber: Chamber, events: Sequence[StoredEvent] | None) -> None:
        if events is not None and not any(isinstance(s.event, _AGENDA_EVENTS) for s in events):
            return
        items, sitting = self.query_one("#items", OptionList), chamber.sitting
        highlighted = items.highlighted
        items.clear_options()
        if sitting is None:
            return
        for number, depth, item in sitting.numbered_items():
            items.add_option(Option(item_text(number, depth, item,
                                              item.item.id == sitting.current_item),
                                    id=item.item.id))
        if events is None and sitting.current_item is not None:
            items.highlighted = items.get_option_index(sitting.current_item)
        elif items.option_count:
            items.highlighted = min(highlighted or 0, items.option_count - 1)

    def _highlighted(self) -> str | None:
        items = self.query_one("#items", OptionList)
        return None if items.highlighted is None else items.get_option_at_index(items.highlighted).id

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_set_current()

    def action_set_current(self) -> None:
        if (item_id := self._highlighted()) is not None:
            self.send(SetCurrentItem(item=item_id))

    def action_add_item(self) -> None:
        sitting, after = self.sitting, self._highlighted()
        if sitting is None:
            return
        parent = sitting.items[after].item.parent_id if after else None
        siblings = sitting.children.get(parent, ())
        position = siblings.index(after) + 1 if after in siblings else None

        def add(change: AddItem | None) -> None:
            if change is not None:
                self.send(ProposeAgendaChange(change=change))

        self.app.push_screen(AddItemForm(parent, position), add)

    def action_move_item(self) -> None:
        sitting, item_id = self.sitting, self._highlighted()
        if sitting is None or item_id is None:
            return

        def check(text: str) -> str | None:
            return None if target_of(sitting, text, item_id) else _(
                "Type the item's new number, e.g. 3 or 5.2.")

        def move(text: str | None) -> None:
            target = target_of(sitting, text, item_id) if text else None
            if target is not None:
                parent, position = target
                self.send(ProposeAgendaChange(change=MoveItem(item_id=item_id, parent_id=parent,
                                                              position=position)))

        title = sitting.items[item_id].item.title
        self.app.push_screen(Prompt(_("New number of “{title}”").format(title=title),
                                    check=check), move)

    def action_withdraw_item(self) -> None:
        sitting, item_id = self.sitting, self._highlighted()
        if sitting is None or item_id is None:
            return

        def withdraw(reason: str | None) -> None:
            if reason is not None:
                self.send(ProposeAgendaChange(change=WithdrawItem(item_id=item_id, reason=reason)))

        title = sitting.items[item_id].item.title
        self.app.push_screen(Prompt(_("Why withdraw “{title}”?").format(title=title),
                                    check=lambda text: None,
                                    limit=limits(WithdrawItem, "reason"),
                                    label=field_label("reason")), withdraw)
