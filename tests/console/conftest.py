"""A console on a real event log with the demo council and a clock the test holds still."""

from datetime import UTC, date, datetime

import pytest

from models.commands import CheckIn, SetCurrentItem
from server.demo import demo_commands
from server.service import SittingService
from server.store import EventStore
from session_console.app import ConsoleApp
from session_console.local_backend import LocalBackend

FROZEN = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
DAY = date(2026, 11, 23)
SIZE = (120, 40)


def frozen() -> datetime:
    return FROZEN


def demo_service(path, *, present: int = 0, current: str | None = None) -> SittingService:
    """The demo council's sitting XL on `path`, the first `present` members checked in."""
    service = SittingService(EventStore(path), clock=frozen)
    for command in demo_commands(DAY):
        service.execute(command, "setup")
    for seat in range(1, present + 1):
        service.execute(CheckIn(member=f"m{seat:02d}"), "setup")
    if current is not None:
        service.execute(SetCurrentItem(item=current), "setup")
    return service


def console(service: SittingService) -> ConsoleApp:
    return ConsoleApp(LocalBackend(service, "test:sekretarz"), now=frozen)


@pytest.fixture
def service(tmp_path):
    service = demo_service(tmp_path / "sesja.db", present=12, current="i6")
    yield service
    service.close()


def events_of(service: SittingService, kind: str) -> list:
    return [s.event for s in service.store.load() if s.event.type == kind]
