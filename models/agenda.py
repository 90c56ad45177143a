"""Agenda items and how they are specified and changed; numbering is derived (5, 5.1)."""

from typing import Annotated, Literal

from pydantic import Field

from models.council import Frozen
from models.terms import ItemKind

Title = Annotated[str, Field(min_length=1, max_length=500)]
PrintNumber = Annotated[str, Field(max_length=40)]


class ItemSpec(Frozen):
    """An item as written in a proposed agenda, possibly with sub-items."""

    title: Title
    kind: ItemKind = ItemKind.OTHER
    print_number: PrintNumber = ""
    children: tuple["ItemSpec", ...] = ()


class AgendaItem(Frozen):
    """An item as it stands in a sitting: `parent_id` None means top level."""

    id: str
    parent_id: str | None = None
    title: Title
    kind: ItemKind = ItemKind.OTHER
    print_number: PrintNumber = ""


class AddItem(Frozen):
    op: Literal["add"] = "add"
    title: Title
    kind: ItemKind = ItemKind.OTHER
    print_number: PrintNumber = ""
    parent_id: str | None = None
    position: int | None = Field(default=None, ge=0)  # among siblings; None = last


class MoveItem(Frozen):
    op: Literal["move"] = "move"
    item_id: str
    parent_id: str | None = None
    position: int = Field(ge=0)


class WithdrawItem(Frozen):
    op: Literal["withdraw"] = "withdraw"
    item_id: str
    reason: str = Field(default="", max_length=500)


AgendaChange = Annotated[AddItem | MoveItem | WithdrawItem, Field(discriminator="op")]


def describe_change(change: AddItem | MoveItem | WithdrawItem, titles: dict[str, str]) -> str:
    """The motion's subject in Polish, as the chair puts it to the vote."""
    match change:
        case AddItem():
            return f"Zmiana porządku obrad: dodanie punktu „{change.title}”"
        case MoveItem():
            return f"Zmiana porządku obrad: przeniesienie punktu „{titles[change.item_id]}”"
        case WithdrawItem():
            return f"Zmiana porządku obrad: zdjęcie punktu „{titles[change.item_id]}”"
