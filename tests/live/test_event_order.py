"""Events reach the consoles in seq order whatever order the writers told the server in,
and a console joining meanwhile misses none and gets none twice (server.live.consoles)."""

from server.live.consoles import EventOrder, joined_log
from tests.live.conftest import checked_in_log


def test_events_told_out_of_order_go_out_in_seq_order(service):
    log = checked_in_log(service, 5)[-5:]
    first, second, third, fourth, fifth = log
    order: EventOrder[str] = EventOrder(next_seq=first.seq)
    assert order.arrive([third]) == []  # held: first and second have not come yet
    assert order.arrive([second, fifth]) == []
    assert order.arrive([first]) == [first, second, third]
    assert order.arrive([fourth]) == [fourth, fifth]
    assert order.held == {} and order.next_seq == fifth.seq + 1


def test_events_already_passed_on_are_ignored(service):
    log = checked_in_log(service, 2)
    order: EventOrder[str] = EventOrder(next_seq=log[-1].seq)
    assert order.arrive(log) == [log[-1]]  # the older ones are in the log, not resent
    assert order.arrive([log[-1]]) == []


def test_a_joining_console_collects_what_comes_while_it_reads_the_log(service):
    log = checked_in_log(service, 4)
    order: EventOrder[str] = EventOrder(next_seq=log[-2].seq)
    pending = order.begin_join("console")
    order.arrive([log[-1]])
    order.arrive([log[-2]])
    assert pending == log[-2:]
    order.end_join("console")
    order.arrive([])
    assert order.joining == {}
    stored_when_read = log[:-1]  # the log was read after the third-last event was written
    events, last_seq = joined_log(stored_when_read, pending, since=log[-4].seq)
    assert events == log[-3:] and last_seq == log[-1].seq  # each once, in order


def test_a_console_that_holds_everything_gets_an_empty_log_at_its_seq(service):
    log = checked_in_log(service, 1)
    assert joined_log(log, [], since=log[-1].seq) == ([], log[-1].seq)
