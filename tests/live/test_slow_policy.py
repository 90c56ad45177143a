"""What happens to a client that stops reading, as decisions from bytes and times."""

from server.live.slow import CatchUp, SlowClientPolicy

POLICY = SlowClientPolicy(buffer_limit=1000, stall_timeout_s=10.0)


def test_only_a_client_over_the_buffer_limit_is_too_far_behind():
    assert not POLICY.too_far_behind(1000)
    assert POLICY.too_far_behind(1001)


def test_a_screen_put_aside_waits_then_gets_a_snapshot_or_is_closed_at_the_deadline():
    assert POLICY.catch_up(buffered=500, since=100.0, now=105.0) is CatchUp.WAIT
    assert POLICY.catch_up(buffered=0, since=100.0, now=105.0) is CatchUp.SNAPSHOT
    assert POLICY.catch_up(buffered=0, since=100.0, now=130.0) is CatchUp.SNAPSHOT
    assert POLICY.catch_up(buffered=1, since=100.0, now=110.0) is CatchUp.CLOSE
