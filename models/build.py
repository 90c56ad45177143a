"""The validators models/ builds when first used, and how to build them ahead of use.

pydantic builds a model's validator and serializer when its class is made, about 0.25 s
for the domain's 115 models and two unions: a new process paid it at import, before the
console's first frame, although a start from a checkpoint validates only the few models
of the council and the sitting going on. With `defer_build` (council.Frozen,
rules.MajorityRule, the command and event unions) each is built when it first validates
or serializes, exactly as strict as before. A process that will soon need the rest (the
console after its first frame, the live server once listening) builds them one step at
a time with `steps`, between its other work, so the first command does not pay it.
"""

from collections.abc import Callable, Iterator

from pydantic import BaseModel

from models.commands import COMMAND_ADAPTER
from models.council import Frozen
from models.events import EVENT_ADAPTER, StoredEvent
from models.rules import MajorityRule


def _models(root: type[BaseModel]) -> Iterator[type[BaseModel]]:
    """`root` and every subclass of it, each once, a parent before its subclasses."""
    seen: set[type[BaseModel]] = set()
    waiting = [root]
    while waiting:
        model = waiting.pop(0)
        if model not in seen:
            seen.add(model)
            yield model
            waiting.extend(model.__subclasses__())


def _model_step(model: type[BaseModel]) -> Callable[[], object]:
    return lambda: model.model_rebuild()  # None (nothing to do) once built


def steps() -> Iterator[Callable[[], object]]:
    """One call per validator not built yet, what any command needs first: the stored
    event (which builds every event's), the unions events and commands are read with, then
    every other model (each one already built is a step that does nothing)."""
    yield _model_step(StoredEvent)
    yield EVENT_ADAPTER.rebuild
    yield COMMAND_ADAPTER.rebuild
    for root in (MajorityRule, Frozen):
        for model in _models(root):
            yield _model_step(model)


def build_all() -> None:
    """Every validator, now (a test's or a batch tool's choice: one pause, then none)."""
    for step in steps():
        step()


def unbuilt() -> list[str]:
    """The names of the models whose validators are not built yet."""
    return [model.__name__ for root in (MajorityRule, Frozen) for model in _models(root)
            if not model.__pydantic_complete__]
