"""The display views and merge patches, in the pure core: no server needed."""

import json

from hypothesis import given
from hypothesis import strategies as st

from models.commands import DefineCouncil, OpenSitting
from models.state import Chamber
from models.terms import CouncilKind
from server.live.merge_patch import apply, diff
from server.live.views import BUILDERS, chamber_view, overlay_view, public_view
from tests.chamber import Sim, council, opened

leaf = st.one_of(st.integers(), st.text(max_size=5), st.booleans(),
                 st.lists(st.integers(), max_size=3))
documents = st.recursive(leaf, lambda inner: st.dictionaries(st.text(max_size=3), inner,
                                                             max_size=4), max_leaves=20)
objects = st.dictionaries(st.text(max_size=3), documents, max_size=5)


@given(objects, objects)
def test_a_diff_applied_gives_the_new_document(old, new):
    assert apply(old, diff(old, new)) == new


def test_merge_patch_follows_rfc_7386_examples():
    assert apply({"a": "b"}, {"a": "c"}) == {"a": "c"}
    assert apply({"a": "b"}, {"b": "c"}) == {"a": "b", "b": "c"}
    assert apply({"a": "b"}, {"a": None}) == {}
    assert apply({"a": ["b"]}, {"a": "c"}) == {"a": "c"}
    assert apply({"a": {"b": "c"}}, {"a": {"b": "d", "c": None}}) == {"a": {"b": "d"}}
    assert apply({"e": None}, {"a": 1}) == {"e": None, "a": 1}
    assert apply(["a", "b"], {"a": "b", "c": None}) == {"a": "b"}


def _nulls(value) -> bool:
    if value is None:
        return True
    if isinstance(value, dict):
        return any(_nulls(v) for v in value.values())
    if isinstance(value, list):
        return any(_nulls(v) for v in value)
    return False


def _voting():
    sim = opened(present=7)
    sim("set_current_item", item="i3")
    sim("queue_speaker", member="m03")
    sim("start_speech")
    sim("stop_speech")
    sim("open_vote", subject="Projekt uchwały w sprawie budżetu", kind="resolution",
        recused=["m07"])
    return sim


def test_chamber_view_shows_a_named_vote_tile_by_tile():
    sim = _voting()
    sim("record_answer", member="m01", answer="yes")
    sim("record_answer", member="m02", answer="no")
    view = chamber_view(sim.state)
    vote = view["vote"]
    assert view["item"] == {"id": "i3", "number": "2.1", "title": "w sprawie budżetu",
                            "kind": "resolution", "print_number": "412"}
    assert view["attendance"] == {"present": 7, "statutory": 11, "quorum_needed": 6,
                                  "quorum": True}
    assert vote["status"] == "open" and vote["tally"] == {"yes": 1, "no": 1, "abstain": 0}
    answers = {member: tile["answer"] for member, tile in vote["grid"].items()}
    assert answers["m01"] == "yes" and answers["m02"] == "no"
    assert answers["m03"] == "pending" and answers["m07"] == "recused"
    assert answers["m08"] == "absent"
    assert vote["order"][:3] == ["m01", "m02", "m03"]
    assert "result" not in vote


def test_one_answer_is_a_patch_of_one_tile():
    sim = _voting()
    before = chamber_view(sim.state)
    sim("record_answer", member="m04", answer="abstain")
    patch = diff(before, chamber_view(sim.state))
    assert patch == {"vote": {"tally": {"abstain": 1}, "grid": {"m04": {"answer": "abstain"}}}}


def test_closed_vote_shows_result_and_final_answers_until_the_item_changes():
    sim = _voting()
    for member in ("m01", "m02", "m03", "m04"):
        sim("record_answer", member=member, answer="yes")
    sim("close_vote")
    vote = chamber_view(sim.state)["vote"]
    assert vote["status"] == "closed" and vote["result"]["outcome"] == "adopted"
    assert vote["result"]["explanation_pl"].startswith("Przyjęto: 4 za")
    assert vote["result"]["reason_pl"].startswith("4 za") and vote["result"]["reason_en"].startswith(
        "4 yes")
    assert vote["grid"]["m05"]["answer"] == "not_voting"
    assert overlay_view(sim.state)["vote"]["result"]["yes"] == 4
    sim("set_current_item", item="i4")
    assert "vote" not in chamber_view(sim.state)
    public = public_view(sim.state)
    assert public["vote_order"] == ["v1"]
    assert public["votes"]["v1"]["result"]["outcome"] == "adopted"
    assert public["agenda"]["i3"]["resolution"]


def test_secret_vote_shows_totals_and_no_names():
    sim = opened(present=7)
    sim("open_vote", subject="Wybór przewodniczącego", mode="secret")
    sim("record_totals", yes=5, no=1, abstain=1)
    vote = chamber_view(sim.state)["vote"]
    assert vote["tally"] == {"yes": 5, "no": 1, "abstain": 1}
    assert "grid" not in vote and vote["named"] is False


def test_speaker_countdown_travels_as_start_elapsed_and_limit():
    sim = opened(present=7)
    sim("set_current_item", item="i1")
    sim("queue_speaker", member="m02")
    sim("start_speech")
    sim.tick(30)
    sim("pause_speech")
    paused = chamber_view(sim.state)["speaker"]
    assert paused["status"] == "paused" and paused["elapsed_ms"] == 30_000
    assert "running_since" not in paused and paused["limit_s"] == 300
    sim.tick(10)
    sim("resume_speech")
    running = overlay_view(sim.state)["speaker"]
    assert running["running_since"] == round(sim.at.timestamp() * 1000)
    assert running["name"] == "Radny 2"


def test_views_hold_no_nulls_and_are_json():
    sim = _voting()
    for build in BUILDERS.values():
        view = build(sim.state)
        assert not _nulls(view)
        assert json.loads(json.dumps(view)) == view
    assert chamber_view(Chamber()) == {}


def _committee_meeting() -> Sim:
    sim = Sim()
    committee = council(5, 5, kind=CouncilKind.COMMITTEE)
    sim.run(DefineCouncil(council=committee.model_copy(update={"name": "Komisja Budżetu"})))
    sim.run(OpenSitting.model_validate({
        "number": "12", "date": "2026-11-24", "sitting_type": "committee", "chair": "m02",
        "agenda": [{"title": "Opinia do projektu budżetu"}]}))
    return sim


def test_a_committee_meets_in_a_posiedzenie_and_a_council_in_a_sesja():
    head = chamber_view(_committee_meeting().state)["sitting"]
    assert (head["committee"], head["label_pl"], head["label_en"]) == (
        True, "posiedzenie 12", "meeting 12")
    council_head = overlay_view(opened().state)["sitting"]
    assert "committee" not in council_head
    assert (council_head["label_pl"], council_head["label_en"]) == ("sesja XL", "sitting XL")


def test_the_speaker_who_chairs_is_marked_as_the_chair():
    sim = _committee_meeting()
    sim("set_current_item", item="i1")
    sim("queue_speaker", member="m02")
    sim("queue_speaker", member="m03")
    sim("start_speech")
    assert overlay_view(sim.state)["speaker"]["chair"] is True
    sim("start_speech")  # the next in line: not the chair
    speaker = overlay_view(sim.state)["speaker"]
    assert speaker["name"] == "Radny 3" and "chair" not in speaker
