"""Random command sequences (hypothesis) never break the chamber's invariants.

Commands are drawn from a small council (8 members, 9 seats) with ids that exist and some
that do not, so that many are rejected; a rejected command must leave state and log as
they were. After every accepted command the invariants below must hold, and at the end
replaying the log, as stored, gives the state that applying the events one by one gave.
"""

import tempfile
from collections import Counter
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from models import events as ev
from models.commands import parse_command
from models.reducer import fold
from models.rejection import Rejection
from models.state import Chamber
from models.terms import AttendanceStatus, FinalAnswer, Outcome, SpeechStatus
from server.service import SittingService
from server.store import EventStore
from server.verify import verify
from tests.chamber import Sim, opened

MEMBERS = [f"m{i:02d}" for i in range(1, 9)]
member = st.sampled_from([*MEMBERS, "m99"])
item = st.sampled_from(["i1", "i2", "i3", "i4", "i9"])
entry = st.sampled_from(["e1", "e2", "e3", "e4", "e9"])
rule = st.sampled_from([
    {"kind": "simple"}, {"kind": "absolute_cast"}, {"kind": "absolute_seats"},
    {"kind": "qualified_seats", "numerator": 3, "denominator": 5},
    {"kind": "qualified_cast", "numerator": 2, "denominator": 3}])
small = st.integers(min_value=0, max_value=3)


def command(type_: str, **fields) -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries({"type": st.just(type_), **fields})


attendance = st.one_of(
    command("check_in", member=member),
    command("check_out", member=member),
    command("excuse", member=member, reason=st.sampled_from(["", "choroba"])),
)
voting = st.one_of(
    command("open_vote", subject=st.just("Wniosek"),
            kind=st.sampled_from(["other", "resolution", "amendment", "procedural"]),
            rule=rule, mode=st.sampled_from(["roll_call", "electronic", "secret", "summary"]),
            recused=st.lists(member, max_size=2),
            revote_of=st.one_of(st.none(), st.sampled_from(["v1", "v2", "v3"]))),
    command("record_answer", member=member,
            answer=st.sampled_from(["yes", "yes", "no", "abstain", None])),
    command("record_totals", yes=small, no=small, abstain=small),
    command("close_vote"),
    command("cancel_vote", reason=st.just("pomyłka")),
)
agenda = st.one_of(
    command("set_current_item", item=st.one_of(st.none(), item)),
    command("propose_agenda_change", change=st.one_of(
        st.fixed_dictionaries({"op": st.just("add"), "title": st.just("Nowy punkt"),
                               "position": st.one_of(st.none(), small)}),
        st.fixed_dictionaries({"op": st.just("move"), "item_id": item,
                               "parent_id": st.one_of(st.none(), item), "position": small}),
        st.fixed_dictionaries({"op": st.just("withdraw"), "item_id": item}))),
)
speakers = st.one_of(
    command("queue_speaker", member=member,
            kind=st.sampled_from(["normal", "reply", "point_of_order"])),
    command("queue_speaker", guest=st.just({"name": "Burmistrz"})),
    command("start_speech", entry=st.one_of(st.none(), entry)),
    command("pause_speech"), command("resume_speech"), command("stop_speech"),
    command("remove_speaker", entry=entry),
    command("move_speaker", entry=entry, position=small),
)
sitting = st.one_of(command("close_sitting"),
                    command("open_sitting", number=st.just("XLI"), date=st.just("2026-12-01")))
any_command = st.one_of(attendance, attendance, voting, voting, voting, agenda, speakers, sitting)
seconds = st.integers(min_value=0, max_value=90)


def guided(data: st.DataObject, state: Chamber) -> dict:
    """A command likely to be accepted in this state, so that long sittings happen."""
    sitting = state.sitting
    if sitting is None or not sitting.is_open:
        return {"type": "open_sitting", "number": "XLI", "date": "2026-12-01"}
    roster = [m.id for m in sitting.roster]
    present = [m for m in roster if sitting.is_present(m)]
    absent = [m for m in roster if m not in present]
    choices = ["check_in"] * 3 * bool(absent) + ["check_out"] * bool(present)
    vote = sitting.votes[sitting.open_vote] if sitting.open_vote else None
    if vote is not None:
        eligible = [m for m in present if m not in vote.recused]
        choices += ["answer" if vote.mode.named else "totals"] * 6 * bool(eligible)
        choices += ["check_out"] * 2 * bool(present) + ["close_vote"] * 2 + ["cancel_vote"]
    else:
        choices += ["open_vote"] * 8 + ["agenda_vote"] * 2 + ["speech"] * 4 + ["close_sitting"]
    live_items = [i for i, item in sitting.items.items() if not item.withdrawn]
    choices += ["current_item"] * 2 * bool(live_items)
    match data.draw(st.sampled_from(choices)):
        case "check_in":
            return {"type": "check_in", "member": data.draw(st.sampled_from(absent))}
        case "check_out":
            return {"type": "check_out", "member": data.draw(st.sampled_from(present))}
        case "answer":
            return {"type": "record_answer", "member": data.draw(st.sampled_from(eligible)),
                    "answer": data.draw(st.sampled_from(["yes", "no", "abstain", None]))}
        case "totals":
            yes = data.draw(st.integers(0, len(eligible)))
            no = data.draw(st.integers(0, len(eligible) - yes))
            everyone = data.draw(st.booleans())  # often every eligible member votes
            abstain = len(eligible) - yes - no if everyone else data.draw(
                st.integers(0, len(eligible) - yes - no))
            return {"type": "record_totals", "yes": yes, "no": no, "abstain": abstain}
        case "open_vote":
            return data.draw(command(
                "open_vote", subject=st.just("Projekt"), kind=st.sampled_from(
                    ["other", "resolution"]), item=st.sampled_from(["i2", "i3"]), rule=rule,
                mode=st.sampled_from(["roll_call", "electronic", "secret", "summary"]),
                recused=st.lists(st.sampled_from(roster), max_size=2),
                revote_of=st.sampled_from([None, None, *sitting.votes])))
        case "current_item":
            return {"type": "set_current_item", "item": data.draw(st.sampled_from(live_items))}
        case "agenda_vote":
            return data.draw(agenda)
        case "speech":
            return data.draw(speakers)
        case other:
            return data.draw(command(other, reason=st.just("pomyłka")) if other == "cancel_vote"
                             else command(other))


def draw_command(data: st.DataObject, state: Chamber) -> dict:
    """Mostly a command that fits the state; one in four drawn blind, to be rejected."""
    wild = data.draw(st.integers(min_value=0, max_value=3)) == 0
    return data.draw(any_command) if wild else guided(data, state)


def check_answer_event(before: Chamber, event: ev.Event) -> None:
    """A named answer only comes from a present member who is not recused; never in secret."""
    if isinstance(event, ev.AnswerRecorded):
        sitting = before.sittings[event.sitting_id]
        vote = sitting.votes[event.vote_id]
        assert vote.mode.named and vote.is_open
        assert sitting.is_present(event.member_id) and event.member_id not in vote.recused


def check_invariants(state: Chamber) -> None:
    for sitting in state.sittings.values():
        present = [m for m, p in sitting.attendance.items()
                   if p.status is AttendanceStatus.PRESENT]
        assert sitting.present_count == len(present)
        assert set(sitting.attendance) == {m.id for m in sitting.roster}
        open_votes = [v.id for v in sitting.votes.values() if v.is_open]
        assert open_votes == ([sitting.open_vote] if sitting.open_vote else [])
        for vote in sitting.votes.values():
            check_vote(sitting, vote)
        check_agenda(sitting)
        assert all(sitting.speakers[e].status is SpeechStatus.WAITING for e in sitting.queue)
        assert len(set(sitting.queue)) == len(sitting.queue)
        assert all(seconds >= 0 for seconds in sitting.speaking_totals.values())
        if sitting.speaking is not None:
            assert sitting.speakers[sitting.speaking].status in (SpeechStatus.SPEAKING,
                                                                 SpeechStatus.PAUSED)
    numbers = [r.number for r in state.register]
    ordinals = [r.ordinal for r in state.register]
    assert len(set(numbers)) == len(numbers)
    assert ordinals == sorted(set(ordinals)) and all(o < state.next_resolution for o in ordinals)


def check_agenda(sitting) -> None:
    """Every item sits exactly once under the parent it names; the current one is live."""
    placed = [child for children in sitting.children.values() for child in children]
    assert sorted(placed) == sorted(sitting.items)
    for parent, children in sitting.children.items():
        assert all(sitting.items[child].item.parent_id == parent for child in children)
    if sitting.current_item is not None:
        assert not sitting.items[sitting.current_item].withdrawn
    numbers = [number for number, _depth, _item in sitting.numbered_items() if number != "—"]
    assert len(set(numbers)) == len(numbers)


def check_vote(sitting, vote) -> None:
    assert not (set(vote.answers) & vote.recused)
    assert set(vote.answers) <= {m.id for m in sitting.roster}
    if not vote.mode.named:
        assert vote.answers == {}
    result = vote.result
    if result is None:
        return
    quorate = min(result.present_at_open, result.present_at_close) >= sitting.quorum_needed
    assert result.quorum is quorate
    assert (result.outcome is Outcome.INVALID) is not quorate
    if quorate:
        assert (result.outcome is Outcome.ADOPTED) is (result.yes >= result.needed >= 1)
    parts = (result.yes, result.no, result.abstain, result.not_voting, result.absent,
             result.recused)
    assert min(parts) >= 0 and sum(parts) == len(sitting.roster), parts
    if vote.mode.named:
        finals = Counter(answer for _member, answer in result.named)
        assert [m for m, _a in result.named] == [m.id for m in sitting.roster]
        assert (finals[FinalAnswer.YES], finals[FinalAnswer.NO], finals[FinalAnswer.ABSTAIN],
                finals[FinalAnswer.NOT_VOTING], finals[FinalAnswer.ABSENT],
                finals[FinalAnswer.RECUSED]) == parts
    else:
        assert result.named == ()


def run(sim: Sim, data: dict, seconds: int) -> bool:
    """Runs one command; True if accepted. A rejection must change nothing."""
    sim.tick(seconds)
    command = parse_command(data)
    before, log_length = sim.state, len(sim.log)
    try:
        bodies = sim.run(command)
    except Rejection:
        assert sim.state is before and len(sim.log) == log_length
        return False
    state = before
    for stored in sim.log[log_length:]:
        check_answer_event(state, stored.event)
        state = fold([stored], state)
    assert len(bodies) == len(sim.log) - log_length
    return True


@settings(max_examples=150)
@given(present=st.integers(min_value=0, max_value=8), data=st.data())
def test_random_commands_keep_the_invariants_and_replay_reproduces_the_state(present, data):
    sim = opened(members=8, seats=9, present=present)
    for _ in range(data.draw(st.integers(min_value=0, max_value=150), label="steps")):
        run(sim, draw_command(data, sim.state), data.draw(seconds))
        check_invariants(sim.state)
    stored = [ev.StoredEvent.model_validate_json(s.model_dump_json()) for s in sim.log]
    assert stored == sim.log
    assert fold(stored) == sim.state


@settings(max_examples=25)
@given(present=st.integers(min_value=0, max_value=8), data=st.data())
def test_through_the_real_store_rejections_write_nothing_and_the_log_replays(present, data):
    prelude = opened(members=8, seats=9, present=present).log
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sesja.db"
        store = EventStore(path)
        store.append(prelude)
        service = SittingService(store)
        try:
            for _ in range(data.draw(st.integers(min_value=0, max_value=40), label="steps")):
                chosen = parse_command(draw_command(data, service.state))
                before, rows = service.state, store.rows()
                try:
                    service.execute(chosen, "hypothesis")
                except Rejection:
                    assert service.state is before and store.rows() == rows
            assert fold(store.load()) == service.state
            report = verify(store)
            assert report.ok, report.problems
            assert report.events == service.state.last_seq
        finally:
            service.close()
