"""The client's JSON as the protocol takes it (server.live.strict_json): what Python's json
module would read but the server could not answer is refused with a reason, never raised
as anything else."""

import json

import pytest

from server.live.strict_json import MAX_DEPTH, NotProtocolJson, loads


@pytest.mark.parametrize(("text", "reason"), [
    ('{"type": "ping", "t": NaN}', "NaN is not a JSON number"),
    ('{"type": "ping", "t": Infinity}', "Infinity is not a JSON number"),
    ('{"type": "ping", "t": -Infinity}', "-Infinity is not a JSON number"),
    ('{"type": "ping", "t": 1e999}', "Number out of range: 1e999"),
    ('{"type": "ping", "t": -2.5e400}', "Number out of range: -2.5e400"),
    ("[" * 2000 + "]" * 2000, f"nested deeper than {MAX_DEPTH} levels"),
    ('{"a":' * 5000 + "1" + "}" * 5000, f"nested deeper than {MAX_DEPTH} levels"),
    ("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), f"nested deeper than {MAX_DEPTH} levels"),
    ('{"type": "\\ud800"}', "lone surrogate"),
    ('{"type": "ping", "x": ["ok", {"deep": "a\\uDFFFb"}]}', "lone surrogate"),
    ('{"\\udbff": 1}', "lone surrogate"),
    ('"\\ude00\\ud83d"', "lone surrogate"),  # a pair in the wrong order is two lone halves
    ("{not json", "not valid JSON"),
    ("1" * 5000, "not valid JSON"),  # longer than Python converts to an int
    ("", "not valid JSON"),
])
def test_what_the_server_could_not_answer_is_refused_with_a_reason(text, reason):
    with pytest.raises(NotProtocolJson) as refused:
        loads(text)
    assert reason in refused.value.en
    assert refused.value.pl and refused.value.pl != refused.value.en


@pytest.mark.parametrize("text", [
    '{"type": "ping", "t": 1795424985006.5}',
    '{"type": "ping", "t": -1.7976931348623157e308}',
    '{"name": "Jóźwiak \\ud83d\\ude00", "path": "C:\\\\ud800"}',  # a pair; an escaped backslash
    "[" * MAX_DEPTH + "]" * MAX_DEPTH,
    '{"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}',
])
def test_json_the_server_can_send_back_is_read_as_json_reads_it(text):
    assert loads(text) == json.loads(text)
    json.dumps(loads(text), allow_nan=False).encode()  # and it can be sent back as it is
