"""`parse_command` validates by the model its `type` names (building that validator alone)
and gives exactly what the command union gives: the same command for valid input, the
same error, word for word, for invalid input."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from models.commands import COMMAND_ADAPTER, parse_command
from server.demo import demo_commands

VALID = [COMMAND_ADAPTER.dump_python(command, mode="json")
         for command in demo_commands(date(2026, 11, 23))]
INVALID = [
    {"type": "check_in"},
    {"type": "check_in", "member": ""},
    {"type": "check_in", "member": "m01", "extra": 1},
    {"type": "open_vote", "subject": 5},
    {"type": "no_such_command"},
    {"type": ["check_in"]},
    {"type": None},
    {"member": "m01"},
    [],
    "check_in",
    None,
]


def _outcome(parse, data):
    try:
        return ("ok", parse(data))
    except ValidationError as error:
        return ("refused", error.errors(include_url=False), error.title)


@pytest.mark.parametrize("data", VALID + INVALID)
def test_a_command_parses_as_the_union_parses_it(data):
    mine, union = _outcome(parse_command, data), _outcome(COMMAND_ADAPTER.validate_python, data)
    assert mine == union
    if mine[0] == "ok":
        assert type(mine[1]) is type(union[1])


@given(st.sampled_from(VALID), st.sampled_from(["type", "member", "subject", "sitting",
                                                 "council", "rule", "at"]),
       st.one_of(st.none(), st.integers(), st.text(max_size=5), st.lists(st.integers())))
def test_an_edited_command_parses_or_is_refused_as_the_union_does(data, key, value):
    edited = {**data, key: value}
    assert (_outcome(parse_command, edited)
            == _outcome(COMMAND_ADAPTER.validate_python, edited))
