"""Every exported vote event is Popolo: it validates against the Popolo project's own JSON
Schemas (vendored in popolo_schemas/, CC BY 4.0) with dates checked, and it holds what those
schemas cannot ask: counts equal to the named list, each member once, ISO times with offsets."""

import json
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest
from jsonschema import Draft3Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT3

from server.publish import export_package
from tests.chamber import Sim
from tests.publish.katowice import replayed
from tests.publish.sittings import clubs, rich

SCHEMAS = Path(__file__).resolve().parent / "popolo_schemas"
VOTE_EVENT = "http://www.popoloproject.com/schemas/vote_event.json#"


def validator() -> Draft3Validator:
    registry: Registry = Registry()
    for path in sorted(SCHEMAS.glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        registry = registry.with_resource(schema["id"].rstrip("#"),
                                          Resource(contents=schema, specification=DRAFT3))
    root = registry.contents(VOTE_EVENT.rstrip("#"))
    return Draft3Validator(root, registry=registry, format_checker=Draft3Validator.FORMAT_CHECKER)


SITTINGS = {"rich": rich, "clubs": clubs, "committee": lambda: clubs("committee"),
            "katowice": replayed}


@pytest.fixture(scope="module", params=sorted(SITTINGS))
def exported(request, tmp_path_factory) -> tuple[Sim, Path]:
    sim = SITTINGS[request.param]()
    out = tmp_path_factory.mktemp(request.param) / "bip"
    export_package(sim.state, sim.log, out, formats=["json"])
    return sim, out


def vote_events(folder: Path) -> list[tuple[str, dict]]:
    """(where, vote event) for every vote event of the package: sesja.json's and each file's."""
    document = json.loads((folder / "sesja.json").read_text(encoding="utf-8"))
    events = [(f"sesja.json #{n}", e) for n, e in enumerate(document["vote_events"], start=1)]
    events += [(p.name, json.loads(p.read_text(encoding="utf-8")))
               for p in sorted((folder / "glosowania").glob("*.json"))]
    return events


def test_the_validator_checks_dates_and_groups():
    """The schemas are applied, not skipped: a date without its zone and a club given as a
    bare string are each refused."""
    check = validator()
    assert check.is_valid({"start_date": "2026-11-22T10:00:00+01:00"})
    assert not check.is_valid({"start_date": "2026-11-22 10:00"})
    assert not check.is_valid({"votes": [{"voter_id": "m1", "group": "Klub"}]})
    assert not check.is_valid({"counts": [{"option": "yes"}]})


def test_every_vote_event_validates_against_the_popolo_schemas(exported):
    _sim, folder = exported
    check = validator()
    events = vote_events(folder)
    assert events
    problems = [f"{where}: {error.json_path}: {error.message}"
                for where, event in events for error in check.iter_errors(event)]
    assert problems == []


def test_counts_equal_the_named_list_and_each_member_is_listed_once(exported):
    sim, folder = exported
    roster = {m.id for m in sim.state.council.members}
    for where, event in vote_events(folder):
        counts = {c["option"]: c["value"] for c in event["counts"]}
        assert sum(counts.values()) == len(roster), where
        if event["sesja"]["secret"]:
            assert event["votes"] == [], where
            continue
        voters = Counter(v["voter_id"] for v in event["votes"])
        assert set(voters) == roster and set(voters.values()) == {1}, where
        assert Counter(v["option"] for v in event["votes"]) == +Counter(counts), where


def test_times_are_iso_with_their_offset(exported):
    _sim, folder = exported
    for where, event in vote_events(folder):
        for key in ("start_date", "end_date"):
            moment = datetime.fromisoformat(event[key])
            assert moment.utcoffset() is not None and event[key][-6] in "+-", (where, key)
        assert event["result"] in ("pass", "fail"), where


def test_clubs_are_popolo_organizations_listed_in_the_sitting(exported):
    sim, folder = exported
    document = json.loads((folder / "sesja.json").read_text(encoding="utf-8"))
    organizations = {o["id"]: o for o in document["organizations"]}
    clubs_of = {m.id: m.club for m in sim.state.council.members}
    for where, event in vote_events(folder):
        for vote in event["votes"]:
            club = clubs_of[vote["voter_id"]]
            if club:
                assert organizations[vote["group_id"]]["name"] == club, where
                assert vote["group"] == {"id": vote["group_id"], "name": club}, where
            else:
                assert vote["group_id"] is None and "group" not in vote, where
    named = {m.club for m in sim.state.council.members if m.club}
    assert {o["name"] for o in organizations.values() if o.get("classification") == "club"} == named
