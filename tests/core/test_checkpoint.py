"""Checkpoints in the pure core: the state to canonical JSON and back, equal to the fold."""

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models import checkpoint
from models.checkpoint import (
    STATE_SHAPES,
    STATE_VERSION,
    CheckpointError,
    SittingParts,
    decode,
    encode,
    state_shape,
)
from models.council import Member
from models.pmap import PMap
from models.reducer import fold
from models.state import Chamber
from models.state_json import StateJsonError, decoder, encoder
from models.terms import Answer
from models.trail import Trail
from tests.chamber import opened
from tests.checkpoint_states import rich
from tests.core.test_afterwards import _afterwards, _at
from tests.core.test_properties import draw_command, run


def _restored(state: Chamber) -> Chamber:
    made = encode(state)
    texts = {part.digest: part.text for part in made.parts}
    return decode(made.document, texts.__getitem__)


def test_the_state_has_the_shape_of_its_version():
    """Fails when a field of the state (or a type in it) changes: bump STATE_VERSION and
    record the new shape, so that checkpoints of the old shape are refused."""
    assert max(STATE_SHAPES) == STATE_VERSION
    assert len(set(STATE_SHAPES.values())) == len(STATE_SHAPES)
    assert state_shape() == STATE_SHAPES[STATE_VERSION], (
        f"the state's shape changed: bump STATE_VERSION to {STATE_VERSION + 1} and add "
        f"{state_shape()!r} to STATE_SHAPES")


def test_a_rich_state_comes_back_equal_from_its_checkpoint():
    state = rich().state
    back = _restored(state)
    assert back == state
    assert back.sittings["s1"].removed_speakers == state.sittings["s1"].removed_speakers
    assert list(back.sittings["s1"].votes) == list(state.sittings["s1"].votes)
    assert back.sitting.children == state.sitting.children
    assert back.device_codes == state.device_codes and back.voting == state.voting
    # and the state restored goes on as the original does
    sim = rich()
    sim.state = back
    sim("continue_sitting", date="2026-12-10")
    assert sim.state.sitting.status.value == "open"


def test_the_document_is_canonical_json_naming_its_event_and_version():
    state = rich().state
    made = encode(state)
    data = json.loads(made.document)
    assert made.document == json.dumps(data, sort_keys=True, separators=(",", ":"),
                                       ensure_ascii=False)
    assert (data["seq"], data["hash"], data["version"]) == (state.last_seq, state.last_hash,
                                                            STATE_VERSION)
    assert [entry[0] for entry in data["sittings"]] == ["s1", "s2"]
    assert encode(state).content_hash == made.content_hash  # the same state, the same bytes


def test_an_unchanged_sitting_is_not_encoded_again():
    sim = rich()
    parts = SittingParts()
    first = encode(sim.state, parts)
    sim("check_in", member="m05")
    second = encode(sim.state, parts)
    assert [part.digest for part in second.parts] != [first.parts[1].digest]
    assert len(second.parts) == 1  # the closed sitting is named, not encoded again
    assert json.loads(second.document)["sittings"][0] == ["s1", first.parts[0].digest, True]


@settings(max_examples=60)
@given(present=st.integers(min_value=0, max_value=8), data=st.data())
def test_a_checkpoint_then_the_rest_folds_to_what_the_whole_log_folds_to(present, data):
    sim = opened(members=8, seats=9, present=present)
    for _ in range(data.draw(st.integers(min_value=0, max_value=120), label="steps")):
        run(sim, draw_command(data, sim.state), data.draw(st.integers(0, 90)))
    cut = data.draw(st.integers(min_value=1, max_value=len(sim.log)), label="cut")
    at_cut = fold(sim.log[:cut])
    assert fold(sim.log[cut:], _restored(at_cut)) == fold(sim.log) == sim.state


def test_another_version_is_refused(monkeypatch):
    made = encode(rich().state)
    texts = {part.digest: part.text for part in made.parts}
    monkeypatch.setattr(checkpoint, "STATE_VERSION", STATE_VERSION + 1)
    with pytest.raises(CheckpointError, match="version"):
        decode(made.document, texts.__getitem__)


def test_a_changed_part_or_a_document_of_another_event_is_refused():
    made = encode(rich().state)
    texts = {part.digest: part.text for part in made.parts}
    edited = {key: text.replace('"yes"', '"no"') for key, text in texts.items()}
    with pytest.raises(CheckpointError, match="hash mismatch"):
        decode(made.document, edited.__getitem__)
    data = json.loads(made.document)
    data["seq"] -= 1
    with pytest.raises(CheckpointError, match="another event"):
        decode(checkpoint.canonical(data), texts.__getitem__)
    with pytest.raises(CheckpointError, match="not a sesja checkpoint"):
        decode('{"format":"other"}', texts.__getitem__)
    data = json.loads(made.document)
    del data["chamber"]["register"]
    with pytest.raises(CheckpointError, match="fields"):
        decode(checkpoint.canonical(data), texts.__getitem__)


@dataclass(frozen=True)
class _Future:
    """Fields of the kinds other work adds to the state, none of which this module names."""

    when: datetime
    day: date | None
    hour: time
    answers: PMap[str, Answer] = field(default_factory=PMap)
    trail: Trail[tuple[str, int]] = field(default_factory=Trail)
    members: tuple[Member, ...] = ()
    seen: frozenset[str] = frozenset()
    number: str | None = None
    ratio: float = 0.5


def test_any_field_of_the_known_kinds_round_trips_without_naming_it():
    value = _Future(datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC), None, time(16, 30),
                    PMap({"m01": Answer.YES, "m02": Answer.NO}),
                    Trail().push(("a", 1)).push(("b", 2)),
                    (Member(id="m01", name="Radny"),), frozenset({"b", "a"}), "12/2026", 1.0)
    data = json.loads(json.dumps(encoder(_Future)(value)))
    assert decoder(_Future)(data) == value
    assert data["seen"] == ["a", "b"] and data["answers"] == [["m01", "yes"], ["m02", "no"]]


def test_a_type_json_cannot_tell_apart_is_refused_when_its_codec_is_built():
    with pytest.raises(StateJsonError, match="union"):
        encoder(int | str)
    with pytest.raises(StateJsonError, match="cannot store"):
        encoder(bytes)


def test_a_sitting_entered_afterwards_round_trips_with_the_fields_other_work_added():
    """Fields added to the state by the entered-afterwards work (happened and entry times,
    'brak danych', the council's own resolution number, a quorum as stated) came through
    the codec without an edit to it."""
    sim = _afterwards(members=5, seats=5)
    sim("check_out", member="m05", happened_at=_at("11:04"))
    sim("open_vote", subject="Budżet", item="i1", kind="resolution", happened_at=_at("11:05"))
    for member, answer in (("m01", "yes"), ("m02", "yes"), ("m03", "no")):
        sim("record_answer", member=member, answer=answer, happened_at=_at("11:05"))
    sim("import_answer", member="m04", answer="unknown", happened_at=_at("11:05"))
    sim("close_vote", happened_at=_at("11:06"), quorum_as_stated="Kworum zostało osiągnięte",
        resolution_number="XV/345/25")
    state = sim.state
    assert state.sitting.entered_afterwards and state.register[0].given
    back = _restored(state)
    assert back == state
    assert back.sitting.last_happened_at == state.sitting.last_happened_at
    assert back.sitting.votes["v1"].answers["m04"] is Answer.UNKNOWN
