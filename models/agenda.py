"""Agenda items and how they are specified and changed; numbering is derived (5, 5.1)."""

from typing import Annotated, Literal

from pydantic import Field

from models.council import Frozen
from models.rules import MajorityRule
from models.terms import ItemKind

Title = Annotated[str, Field(min_length=1, max_length=500)]
PrintNumber = Annotated[str, Field(max_length=40)]
# The item's number as the council gives it ("6a", "11b", "5.1"); empty: numbered by position.
Label = Annotated[str, Field(max_length=12, pattern=r"^[0-9A-Za-z.]*$")]
Rapporteur = Annotated[str, Field(max_length=200)]


class ItemSpec(Frozen):
    """An item as written in a proposed agenda, possibly with sub-items."""

    title: Title
    kind: ItemKind = ItemKind.OTHER
    print_number: PrintNumber = ""
    label: Label = ""
    rapporteur: Rapporteur = ""  # who presents the draft (sprawozdawca)
    rule: MajorityRule | None = None  # the majority the draft needs, if not a simple one
    children: tuple["ItemSpec", ...] = ()


class AgendaItem(Frozen):
    """An item as it stands in a sitting: `parent_id` None means top level."""

    id: str
    parent_id: str | None = None
    title: Title
    kind: ItemKind = ItemKind.OTHER
    print_number: PrintNumber = ""
    label: Label = ""
    rapporteur: Rapporteur = ""
    rule: MajorityRule | None = None


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
