"""A WebVTT caption track of who speaks when (`napisy.vtt`): one cue per speech, from the
speakers list and the recording's start.

The recording's captions must be ready within 14 days; this is the skeleton an editor fills
in: each cue names the speaker (a `<v>` voice span, with the club or role) and leaves the
words to be written. A speech before the recording starts is left out; one running at the
start begins at 00:00.
"""

from datetime import datetime, timedelta
from html import escape

from server.publish.chapters import aware, vtt_time
from server.publish.record import SittingRecord


def _clean(text: str) -> str:
    """One line with nothing WebVTT reads as markup or a cue timing."""
    return " ".join(escape(text.replace("-->", "->"), quote=False).split())


def webvtt(record: SittingRecord, video_start: datetime) -> str:
    start = aware(video_start)
    cues = ["WEBVTT", "", "NOTE Kto mówi kiedy: szkielet napisów, do uzupełnienia treścią "
            "wystąpień.", ""]
    number = 0
    for speech in record.speeches:
        begin, end = speech.started_at - start, speech.started_at - start + timedelta(
            seconds=speech.seconds)
        if end <= timedelta(0):
            continue
        number += 1
        who = _clean(speech.name)
        role = f" ({_clean(speech.role)})" if speech.role.strip() else ""
        cues.extend((f"mowca-{number}", f"{vtt_time(begin)} --> {vtt_time(end)}",
                     f"<v {who}>{who}{role}: [{_clean(speech.kind_pl)}]", ""))
    return "\n".join(cues)
