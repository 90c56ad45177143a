"""Live publication: each closed vote is published in every format by the publisher's own
thread; `sesja serve --publish-dir` does it for votes closed from a remote console."""

import asyncio
import json
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from models.commands import parse_command
from server.live.remote import RemoteService
from server.publish import ExportError, LivePublisher, export_package, package
from server.publish.check import check_package
from server.publish.package import publish_votes
from server.publish.record import sitting_record
from server.service import SittingService
from server.store import EventStore
from tests.chamber import council
from tests.live.serve_process import start, stop
from tests.publish.sittings import rich, write_log

SLUG = "sesja-XL-2026-11-22"


def run(service: SittingService, type_: str, **fields) -> None:
    service.execute(parse_command({"type": type_, **fields}), "test")


def logged_service(tmp_path: Path, close: bool = False) -> SittingService:
    """A service on a real log holding the rich sitting (3 votes closed)."""
    return SittingService(EventStore(write_log(tmp_path / "rada.db", rich(close=close))))


def wait_for(condition, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "not published in time"
        time.sleep(0.02)


def votes_published(folder: Path) -> int:
    try:
        return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["votes"]
    except (FileNotFoundError, json.JSONDecodeError):
        return -1


def test_a_closed_vote_is_published_in_every_format_by_the_publishers_thread(tmp_path):
    service = logged_service(tmp_path)
    threads: list[str] = []
    publisher = LivePublisher(service, tmp_path / "www",
                              on_published=lambda _m: threads.append(threading.current_thread().name))
    publisher.start()
    folder = tmp_path / "www" / SLUG
    try:
        wait_for(lambda: votes_published(folder) == 3)  # the sitting as it stood at the start
        run(service, "open_vote", subject="Wniosek o przerwę")
        for member in ("m01", "m02", "m03"):
            run(service, "record_answer", member=member, answer="yes")
        run(service, "close_vote")
        wait_for(lambda: votes_published(folder) == 4)
    finally:
        publisher.stop()
        service.close()
    assert set(threads) == {"sesja-publisher"}
    for name in ("glosowanie-004.csv", "glosowanie-004-excel.csv", "glosowanie-004.json",
                 "glosowanie-004.html"):
        assert (folder / "glosowania" / name).is_file(), name
    assert "Głosowanie nr 4: Wniosek o przerwę" in (folder / "index.html").read_text("utf-8")
    events = EventStore(tmp_path / "rada.db", readonly=True).load()
    assert check_package(folder, events)[1] == []
    assert [p.name for p in (tmp_path / "www").iterdir()] == [SLUG]  # no temporary folders left


def test_stop_publishes_what_is_pending_and_a_burst_coalesces(tmp_path):
    service = logged_service(tmp_path)
    published: list[Path] = []
    publisher = LivePublisher(service, tmp_path / "www", on_published=published.append)
    publisher.start()
    for number in range(3):
        run(service, "open_vote", subject=f"Wniosek {number}")
        run(service, "record_answer", member="m01", answer="no")
        run(service, "close_vote")
    publisher.stop()
    service.close()
    assert votes_published(tmp_path / "www" / SLUG) == 6
    assert 1 <= len(published) <= 4  # the start, then at most one export per closed vote


def _file_in_the_way(tmp_path: Path, monkeypatch) -> Callable[[], None]:
    (tmp_path / "www").mkdir()
    (tmp_path / "www" / SLUG).write_text("a file where the package should go")
    return (tmp_path / "www" / SLUG).unlink


def _bug_in_the_pdf(tmp_path: Path, monkeypatch) -> Callable[[], None]:
    def broken(record, folder):
        raise RuntimeError("a bug in the PDF")

    monkeypatch.setitem(package.STEPS, "pdf", broken)
    return monkeypatch.undo


@pytest.mark.parametrize(("breaks", "message"), [
    (_file_in_the_way, "is a file, not a folder"),
    (_bug_in_the_pdf, "RuntimeError: a bug in the PDF"),  # a fault must not end publication
])
def test_a_failing_export_is_reported_and_the_publisher_goes_on(tmp_path, monkeypatch, breaks,
                                                                message):
    service = logged_service(tmp_path)
    mend = breaks(tmp_path, monkeypatch)
    publisher = LivePublisher(service, tmp_path / "www")
    publisher.start()
    try:
        wait_for(lambda: publisher.last_error is not None)
        assert message in publisher.last_error
        mend()
        run(service, "close_sitting")
        wait_for(lambda: votes_published(tmp_path / "www" / SLUG) == 3)
    finally:
        publisher.stop()
        service.close()
    assert publisher.last_error is None


async def test_serve_publish_dir_publishes_a_vote_closed_from_a_remote_console(tmp_path):
    logged_service(tmp_path).close()
    www = tmp_path / "www"
    served = start("--db", str(tmp_path / "rada.db"), "--port", "0", "--publish-dir", str(www))
    try:
        token = (tmp_path / "rada.db.tokens" / "control.token").read_text().strip()
        remote = RemoteService(served.url("websocket"), token, "console:test")
        await remote.connect()
        try:
            for command in ({"type": "open_vote", "subject": "Wniosek zdalny"},
                            {"type": "record_answer", "member": "m02", "answer": "abstain"},
                            {"type": "close_vote"}):
                await remote.submit(parse_command(command), "console:test")
        finally:
            await remote.close()
        await asyncio.to_thread(wait_for, lambda: votes_published(www / SLUG) == 4)
    finally:
        errors = stop(served)
    assert served.process.returncode == 0, errors
    page = (www / SLUG / "glosowania" / "glosowanie-004.html").read_text(encoding="utf-8")
    assert "Wniosek zdalny" in page and '<td class="abstain">wstrzymuje się</td>' in page


def test_a_sitting_opened_while_publishing_gets_its_package(tmp_path):
    service = SittingService(EventStore(tmp_path / "rada.db"))
    run(service, "define_council", council=council().model_dump(mode="json"))
    publisher = LivePublisher(service, tmp_path / "www")
    publisher.start()
    try:
        assert publisher.last_error is None and list((tmp_path / "www").iterdir()) == []
        run(service, "open_sitting", number="XL", date="2026-11-22")
        wait_for(lambda: votes_published(tmp_path / "www" / SLUG) == 0)
    finally:
        publisher.stop()
        service.close()
    assert "Sesja w toku" in (tmp_path / "www" / SLUG / "index.html").read_text(encoding="utf-8")


def test_a_closed_votes_own_files_go_in_first_the_same_as_the_whole_export_writes(tmp_path):
    sim = rich(close=False)
    out = tmp_path / "www" / SLUG
    assert publish_votes(sitting_record(sim.state, sim.log, "s1"), out, {"v1"}) == []  # no package yet
    export_package(sim.state, sim.log, out)
    before = (out / "manifest.json").read_bytes()
    sim("open_vote", subject="Wniosek o przerwę")
    sim("record_answer", member="m01", answer="no")
    sim("close_vote")
    written = publish_votes(sitting_record(sim.state, sim.log, "s1"), out, {"v4"})
    assert [p.relative_to(out).as_posix() for p in written] == [
        "glosowania/glosowanie-004-excel.csv", "glosowania/glosowanie-004.csv",
        "glosowania/glosowanie-004.html", "glosowania/glosowanie-004.json", "index.html"]
    assert "Głosowanie nr 4: Wniosek o przerwę" in (out / "index.html").read_text("utf-8")
    assert (out / "manifest.json").read_bytes() == before  # the package's refresh comes next
    assert [p.name for p in (tmp_path / "www").iterdir()] == [SLUG]  # no temporary folder left
    whole = tmp_path / "whole"
    export_package(sim.state, sim.log, whole)
    for path in written:
        assert path.read_bytes() == (whole / path.relative_to(out)).read_bytes(), path.name


def test_the_publisher_tells_the_votes_files_before_the_package(tmp_path):
    service = logged_service(tmp_path)
    told: list[tuple[str, object]] = []
    publisher = LivePublisher(
        service, tmp_path / "www",
        on_votes_published=lambda paths: told.append(("votes", sorted(p.name for p in paths))),
        on_published=lambda manifest: told.append(("package", votes_published(manifest.parent))))
    publisher.start()
    try:
        wait_for(lambda: ("package", 3) in told)
        run(service, "open_vote", subject="Wniosek o przerwę")
        run(service, "record_answer", member="m01", answer="yes")
        run(service, "close_vote")
        wait_for(lambda: ("package", 4) in told)
    finally:
        publisher.stop()
        service.close()
    assert told == [("package", 3),
                    ("votes", ["glosowanie-004-excel.csv", "glosowanie-004.csv",
                               "glosowanie-004.html", "glosowanie-004.json", "index.html"]),
                    ("package", 4)]


def test_votes_files_that_cannot_be_written_say_so_and_leave_nothing_behind(tmp_path):
    sim = rich(close=False)
    out = tmp_path / "www" / SLUG
    export_package(sim.state, sim.log, out, formats=["csv"])
    shutil.rmtree(out / "glosowania")
    (out / "glosowania").write_text("a file where the votes' folder should be")
    with pytest.raises(ExportError, match="cannot write the votes' files to") as failed:
        publish_votes(sitting_record(sim.state, sim.log, "s1"), out, {"v1"})
    assert failed.value.message("pl").startswith("nie można zapisać plików głosowań")
    assert [p.name for p in (tmp_path / "www").iterdir()] == [SLUG]


def test_a_publication_goes_through_its_sittings_events_not_the_terms(tmp_path, monkeypatch):
    """A term's log is long: each package is made from its sitting's own events and the
    last event of the log, never from every event, and the log is not read again."""
    service = logged_service(tmp_path)
    given: list[tuple[str, list]] = []

    def recording(state, events, sitting_id, *rest):
        given.append((sitting_id, list(events)))
        return sitting_record(state, events, sitting_id, *rest)

    monkeypatch.setattr("server.publish.live.sitting_record", recording)
    publisher = LivePublisher(service, tmp_path / "www")
    publisher.start()

    def whole_log(*_args):
        raise AssertionError("the live publisher read the whole log again")

    monkeypatch.setattr(service.store, "rows", whole_log)
    monkeypatch.setattr(service.store, "load", whole_log)
    folder = tmp_path / "www" / SLUG
    try:
        wait_for(lambda: votes_published(folder) == 3)
        run(service, "open_vote", subject="Wniosek o przerwę")
        run(service, "record_answer", member="m01", answer="yes")
        run(service, "close_vote")
        wait_for(lambda: votes_published(folder) == 4)
    finally:
        publisher.stop()
        service.close()
    assert publisher.last_error is None and given
    for sitting_id, events in given:
        assert all(getattr(e.event, "sitting_id", None) == sitting_id for e in events[:-1])
        assert len({e.seq for e in events}) == len(events)
    last = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["last_event"]
    assert last["seq"] == service.state.last_seq and last["hash"] == service.state.last_hash
    events = EventStore(tmp_path / "rada.db", readonly=True).load()
    assert check_package(folder, events)[1] == []
