"""The operator's log of refused clients (server.live.refusal_log): a line per connection
at most, a budget for all of them per window, and a count of what was left out."""

import logging

from server.live.refusal_log import RefusalLog


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _log(caplog, **budget) -> tuple[RefusalLog, Clock]:
    caplog.set_level(logging.DEBUG, logger="sesja.live")
    clock = Clock()
    return RefusalLog(clock=clock, **budget), clock


def test_a_connection_is_named_once_however_often_it_is_refused(caplog):
    log, _ = _log(caplog)
    log.refused("10.0.0.7:5000", True, "bad_json: The message is not valid JSON.")
    for _ in range(10_000):
        log.refused("10.0.0.7:5000", False, "bad_json: The message is not valid JSON.")
    assert [r.getMessage() for r in caplog.records] == [
        "client 10.0.0.7:5000 refused (bad_json: The message is not valid JSON.); its later "
        "refusals are not logged"]
    assert caplog.records[0].levelno == logging.WARNING and caplog.records[0].exc_info is None
    log.close()
    assert caplog.records[-1].getMessage() == "10000 more refusals were not logged"


def test_many_connections_share_a_budget_and_the_rest_is_counted_when_the_window_ends(caplog):
    log, clock = _log(caplog, lines=3, window_s=60.0)
    for number in range(50):
        log.refused(f"10.0.0.{number}:1", True, "unauthorized: wrong token")
    assert len(caplog.records) == 3
    clock.now += 59.0
    log.refused("10.0.0.99:1", True, "unauthorized")
    assert len(caplog.records) == 3  # the same window: still over budget
    clock.now += 1.0
    log.refused("10.0.0.100:1", True, "bad_json: x")
    summary, named = caplog.records[3:]
    assert summary.getMessage() == ("48 more refusals were not logged, 48 of them from "
                                    "connections not named above")
    assert "10.0.0.100:1" in named.getMessage()  # a new window, a new budget
    log.close()
    assert len(caplog.records) == 5  # nothing left out since: no summary


def test_a_failure_of_the_server_is_logged_with_its_traceback_within_the_budget(caplog):
    log, _ = _log(caplog, lines=2)
    for number in range(5):
        try:
            raise RuntimeError(f"bug {number}")
        except RuntimeError as error:
            log.failed(f"10.0.0.{number}:1", error)
    assert len(caplog.records) == 2
    assert caplog.records[0].levelno == logging.ERROR
    assert caplog.records[0].exc_info[1].args == ("bug 0",)
    log.close()
    assert caplog.records[-1].getMessage() == (
        "3 more refusals were not logged, 3 of them from connections not named above")
