"""`evolve`, the reducer's cheap copy of frozen state: same result as dataclasses.replace."""

from dataclasses import FrozenInstanceError, replace

import pytest

from models.state import Presence, evolve
from models.terms import AttendanceStatus
from tests.chamber import opened


def test_evolve_copies_changes_and_leaves_the_original_alone():
    sitting = opened(present=3).sitting
    copy = evolve(sitting, present_count=99, current_item="i2")
    assert copy == replace(sitting, present_count=99, current_item="i2")
    assert (sitting.present_count, sitting.current_item) == (3, None)
    assert copy.attendance is sitting.attendance  # unchanged fields are shared, not copied
    with pytest.raises(FrozenInstanceError):
        copy.present_count = 1


def test_evolve_refuses_a_field_the_snapshot_does_not_have():
    presence = Presence()
    with pytest.raises(TypeError, match="Presence has no field present, stauts"):
        evolve(presence, stauts=AttendanceStatus.PRESENT, present=True)
    assert presence.status is AttendanceStatus.ABSENT
