"""A committee's vote on an opinion is not a council resolution: it gets no number in the
council's resolution register, and no export gives it one."""

import json

from server.publish import export_package
from tests.publish.sittings import clubs


def test_a_committee_vote_gets_no_resolution_number(tmp_path):
    council, committee = clubs(), clubs("committee")
    assert [r.number for r in council.state.register] == ["III/1/2026"]  # the same vote
    assert committee.state.register == ()
    assert committee.state.sitting.votes["v1"].result.outcome.value == "adopted"
    export_package(committee.state, committee.log, tmp_path / "p", formats=["json", "csv", "md"])
    document = json.loads((tmp_path / "p" / "sesja.json").read_text(encoding="utf-8"))
    assert document["resolutions"] == []
    assert [e["sesja"]["resolution"] for e in document["vote_events"]] == [None, None]
    assert "uchwałę nr" not in (tmp_path / "p" / "protokol.md").read_text(encoding="utf-8")
