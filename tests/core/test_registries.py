"""Every event the log can hold has a branch in the reducer, and every command a decision:
an event or command added without one would otherwise fail only when a log is replayed
(a KeyError on the first such event) or when the command is first sent."""

from types import ModuleType
from typing import get_args

import pytest
from pydantic import BaseModel

from models import commands as cmd
from models import events as ev
from models.decide import decided_commands
from models.reducer import applied_events


def _typed_models(module: ModuleType) -> set[type]:
    """The module's message classes: pydantic models with their own `type` tag."""
    return {value for value in vars(module).values()
            if isinstance(value, type) and value.__module__ == module.__name__
            and issubclass(value, BaseModel)
            and "type" in value.model_fields}


def _union_members(annotated: object) -> set[type]:
    union = get_args(annotated)[0]
    return set(get_args(union))


@pytest.mark.parametrize(("module", "union", "handled"), [
    (ev, ev.Event, applied_events()),
    (cmd, cmd.Command, decided_commands()),
], ids=["events-have-reducer-branches", "commands-have-decisions"])
def test_every_message_type_is_parsed_and_handled(module, union, handled):
    declared = _typed_models(module)
    assert declared, "no message classes found: the test would pass on nothing"
    assert sorted(c.__name__ for c in declared - _union_members(union)) == [], \
        "declared but missing from the union that parses the log"
    assert sorted(c.__name__ for c in declared - handled) == [], "no branch for these"
    assert sorted(c.__name__ for c in handled - declared) == [], "a branch for an unknown type"
