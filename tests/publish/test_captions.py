"""napisy.vtt: a WebVTT track of who speaks when, from the speakers list and the video start,
structurally valid: the header, HH:MM:SS.mmm times, cues in order, one voice per speech."""

import re
from datetime import timedelta

import pytest

from server.publish import export_package
from tests.publish.sittings import rich

TIMING = re.compile(r"^(\d{2}):(\d{2}):(\d{2})\.(\d{3}) --> (\d{2}):(\d{2}):(\d{2})\.(\d{3})$")


@pytest.fixture(scope="module")
def closed():
    return rich()


def seconds(h: str, m: str, s: str, ms: str) -> float:
    assert int(m) < 60 and int(s) < 60
    return int(h) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000


def cues(vtt: str) -> list[tuple[float, float, str]]:
    """(start, end, text) of each cue; fails on anything that is not WebVTT's shape."""
    assert vtt.startswith("WEBVTT\n\n")
    found = []
    for block in vtt.split("\n\n")[1:]:
        lines = [line for line in block.split("\n") if line]
        if not lines or lines[0].startswith("NOTE"):
            continue
        timing = next(i for i, line in enumerate(lines) if "-->" in line)
        assert timing <= 1 and "-->" not in "".join(lines[timing + 1:]), block
        match = TIMING.match(lines[timing])
        assert match, lines[timing]
        start, end = seconds(*match.groups()[:4]), seconds(*match.groups()[4:])
        assert start < end, block
        found.append((start, end, "\n".join(lines[timing + 1:])))
    return found


def test_each_speech_is_a_cue_naming_its_speaker_in_order(closed, tmp_path):
    export_package(closed.state, closed.log, tmp_path / "p", formats=["md"],
                   video_start=closed.state.sitting.opened_at)
    found = cues((tmp_path / "p" / "napisy.vtt").read_text(encoding="utf-8"))
    assert [start for start, _end, _text in found] == sorted(start for start, _e, _t in found)
    ends, starts = [end for _s, end, _t in found[:-1]], [start for start, _e, _t in found[1:]]
    assert all(end <= start for end, start in zip(ends, starts, strict=True))
    assert found == [(60.0, 185.0, "<v Radny 3>Radny 3: [wystąpienie]"),
                     (185.0, 246.0, "<v Anna Skarbnik>Anna Skarbnik (Skarbnik Miasta): [wystąpienie]")]


def test_a_recording_that_starts_late_leaves_out_what_it_missed(closed, tmp_path):
    start = closed.state.sitting.opened_at + timedelta(seconds=200)
    export_package(closed.state, closed.log, tmp_path / "p", formats=["md"], video_start=start)
    found = cues((tmp_path / "p" / "napisy.vtt").read_text(encoding="utf-8"))
    assert found == [(0.0, 46.0, "<v Anna Skarbnik>Anna Skarbnik (Skarbnik Miasta): [wystąpienie]")]


def test_no_video_start_no_captions(closed, tmp_path):
    export_package(closed.state, closed.log, tmp_path / "p", formats=["md"])
    assert not (tmp_path / "p" / "napisy.vtt").exists()
