"""Video chapters from the recording's start: a YouTube chapter list and WebVTT chapters.

YouTube wants the first chapter at 00:00 and chapters at least 10 seconds long, so a
marker closer than that to the one before is left out of both files.
"""

from datetime import datetime, timedelta

from server.publish.labels import LOCAL, clock
from server.publish.record import Marker, SittingRecord

MIN_CHAPTER = timedelta(seconds=10)


def aware(moment: datetime) -> datetime:
    """A time without a zone is the chamber's local time (Europe/Warsaw)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=LOCAL)


def chapters(record: SittingRecord, video_start: datetime) -> list[Marker]:
    start = aware(video_start)
    kept = [Marker(start, "Początek nagrania")]
    for marker in record.markers:
        if marker.at - kept[-1].at < MIN_CHAPTER:
            if marker.at <= start:  # an earlier event: the latest title before the start wins
                kept[-1] = Marker(start, marker.title)
            continue
        kept.append(marker)
    return kept


def youtube(record: SittingRecord, video_start: datetime) -> str:
    start = aware(video_start)
    return "".join(f"{clock(m.at - start)} {m.title}\n" for m in chapters(record, video_start))


def vtt_time(offset: timedelta) -> str:
    millis = max(0, round(offset.total_seconds() * 1000))
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def webvtt(record: SittingRecord, video_start: datetime) -> str:
    start = aware(video_start)
    marks = chapters(record, video_start)
    ends = [m.at for m in marks[1:]] + [max(record.ended_at, marks[-1].at + MIN_CHAPTER)]
    cues = ["WEBVTT", ""]
    for number, (mark, end) in enumerate(zip(marks, ends, strict=True), start=1):
        title = " ".join(mark.title.replace("-->", "->").split())
        cues.extend((str(number), f"{vtt_time(mark.at - start)} --> {vtt_time(end - start)}",
                     title, ""))
    return "\n".join(cues)
