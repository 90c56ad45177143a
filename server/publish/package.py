"""`export_package`: a whole sitting's publication, written beside the target, then swapped in.

A reader of the folder (a website or a BIP sync) sees the old package or the new one,
never a mix: the new one is written to a temporary folder in the same parent and put in
the old one's place by `server.portable.replace_folder` (one renameat2 RENAME_EXCHANGE on
Linux, two renames elsewhere; a failure leaves the old package whole).
"""

import os
import shutil
import tempfile
from collections.abc import Callable, Collection, Sequence
from datetime import datetime
from pathlib import Path

from models.events import StoredEvent
from models.state import Chamber
from server import portable
from server.publish import (
    captions,
    chapters,
    csv_files,
    html_pages,
    manifest,
    minutes,
    notice,
    open_data,
    pdf_document,
    popolo,
)
from server.publish.file_names import VOTES_FOLDER
from server.publish.formats import DEFAULT_FORMATS, FORMATS
from server.publish.record import ExportError, SittingRecord, VoteRecord, sitting_record

# what a step returns is not used, except a PDF still being laid out (pdf_document.Pending)
Step = Callable[[SittingRecord, Path], object]


def _html(record: SittingRecord, folder: Path) -> None:
    present = {p.name for p in folder.iterdir()} | {"protokol.html", open_data.DCAT}
    html_pages.write_sitting(record, folder, present)
    (folder / "protokol.html").write_text(minutes.html(record), encoding="utf-8")


def _pdf(record: SittingRecord, folder: Path) -> pdf_document.Pending:
    """Begins the sitting's PDF in its own process; `write_package` waits for it before the
    steps that list the folder's files."""
    return pdf_document.start_sitting(record, folder)


STEPS: dict[str, Step] = {
    "csv": lambda record, folder: csv_files.write_sitting(record, folder, "csv"),
    "csv-excel": lambda record, folder: csv_files.write_sitting(record, folder, "csv-excel"),
    "json": popolo.write_sitting,
    "pdf": _pdf,
    "md": lambda record, folder: (folder / "protokol.md").write_text(minutes.markdown(record),
                                                                     encoding="utf-8"),
    "zawiadomienie": notice.write,
    "html": _html,  # last: the index page links to the files that exist
}


def _formats(formats: Collection[str] | None) -> list[str]:
    chosen = list(DEFAULT_FORMATS) if not formats else list(dict.fromkeys(formats))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown:
        raise ExportError(f"unknown format {', '.join(unknown)}; choose from {', '.join(FORMATS)}",
                          f"nieznany format {', '.join(unknown)}; do wyboru: "
                          f"{', '.join(FORMATS)}")
    return [f for f in STEPS if f in chosen]


def _check_target(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise ExportError(f"{out_dir} is a file, not a folder; nothing was written",
                          f"{out_dir} to plik, nie folder; nic nie zapisano")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / manifest.NAME).is_file():
        raise ExportError(f"{out_dir} holds other files; choose a new or empty folder, or one "
                          "with an earlier sesja package; nothing was written",
                          f"w {out_dir} są inne pliki; wybierz nowy lub pusty folder albo "
                          "folder z wcześniejszym pakietem sesji; nic nie zapisano")


def export_package(state: Chamber, events: Sequence[StoredEvent], out_dir: Path, *,
                   sitting_id: str | None = None, formats: Collection[str] | None = None,
                   progress: Callable[[int, int], None] | None = None,
                   video_start: datetime | None = None) -> Path:
    """Writes the sitting's package to `out_dir`; returns the manifest's path."""
    chosen = _formats(formats)
    return write_package(sitting_record(state, events, sitting_id), out_dir, chosen,
                         progress=progress, video_start=video_start)


def write_package(record: SittingRecord, out_dir: Path, formats: Sequence[str] = tuple(STEPS), *,
                  progress: Callable[[int, int], None] | None = None,
                  video_start: datetime | None = None) -> Path:
    """`export_package` of a record already made; `formats` are known ones, in STEPS order."""
    chosen = list(formats)
    out_dir = Path(out_dir).absolute()
    _check_target(out_dir)
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        temp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    except (FileExistsError, NotADirectoryError) as error:  # a file where a folder should be
        raise ExportError(f"cannot write in {out_dir.parent}: a file stands in its path; "
                          "nothing was written",
                          f"nie można pisać w {out_dir.parent}: na tej ścieżce stoi plik; "
                          "nic nie zapisano") from error
    except OSError as error:
        raise ExportError(f"cannot write in {out_dir.parent}: {error.strerror}; "
                          "nothing was written",
                          f"nie można pisać w {out_dir.parent} ({error.strerror}); "
                          "nic nie zapisano") from error
    # the PDF first (its own process lays it out meanwhile); the open-data metadata describes
    # the data files, and the index page links to it and to the files that exist
    first = sorted((f for f in chosen if f != "html"), key=lambda f: f != "pdf")
    steps = ([STEPS[f] for f in first] + [_finish_pdf, open_data.write_datapackage]
             + [STEPS[f] for f in chosen if f == "html"]
             + ([_chapters(video_start)] if video_start else []))
    pending: list[pdf_document.Pending] = []
    try:
        (temp / VOTES_FOLDER).mkdir()
        for done, step in enumerate(steps):
            if progress:
                progress(done, len(steps) + 1)
            if step is _finish_pdf:
                for job in pending:  # kept in the list until all are done: a failure cancels
                    job.wait()
                pending.clear()
                continue
            made = step(record, temp)
            if isinstance(made, pdf_document.Pending):
                pending.append(made)
        if not any((temp / VOTES_FOLDER).iterdir()):
            (temp / VOTES_FOLDER).rmdir()
        open_data.write_dcat(record, temp)
        manifest.write(record, temp, chosen, chapters.aware(video_start) if video_start else None)
        portable.share_folder(temp)
        portable.replace_folder(temp, out_dir)
    except OSError as error:
        _cancel(pending)
        shutil.rmtree(temp, ignore_errors=True)
        raise ExportError(f"cannot write the package to {out_dir}: {error}; "
                          "nothing was written",
                          f"nie można zapisać pakietu w {out_dir} ({error}); "
                          "nic nie zapisano") from error
    except BaseException:
        _cancel(pending)
        shutil.rmtree(temp, ignore_errors=True)
        raise
    if progress:
        progress(len(steps) + 1, len(steps) + 1)
    return out_dir / manifest.NAME


def _finish_pdf(record: SittingRecord, folder: Path) -> None:
    """A marker in the steps: where `write_package` waits for the PDF's process."""


def _cancel(pending: list[pdf_document.Pending]) -> None:
    for job in pending:
        job.cancel()


VOTE_STEPS: tuple[Callable[[SittingRecord, VoteRecord, Path], None], ...] = (
    lambda record, vote, folder: csv_files.write_vote(record, vote, folder, "csv"),
    lambda record, vote, folder: csv_files.write_vote(record, vote, folder, "csv-excel"),
    popolo.write_vote,
    html_pages.write_vote,
)


def publish_votes(record: SittingRecord, out_dir: Path, vote_ids: Collection[str]) -> list[Path]:
    """Puts these closed votes' own files (CSV, CSV for Excel, JSON, HTML) and the sitting's
    index page into the package at `out_dir`, ahead of the package's refresh, each by one
    rename: a reader sees the old file or the whole new one. Returns the files, the index
    last; none when `out_dir` holds no package yet."""
    out_dir = Path(out_dir).absolute()
    if not (out_dir / manifest.NAME).is_file():
        return []
    try:
        temp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-glosowania.", dir=out_dir.parent))
        try:
            (temp / VOTES_FOLDER).mkdir()
            for vote in record.votes:
                if vote.vote.id in vote_ids:
                    for step in VOTE_STEPS:
                        step(record, vote, temp)
            if (out_dir / "index.html").is_file():
                html_pages.write_index(record, temp, {p.name for p in out_dir.iterdir()})
            (out_dir / VOTES_FOLDER).mkdir(exist_ok=True)
            names = [f"{VOTES_FOLDER}/{p.name}" for p in sorted((temp / VOTES_FOLDER).iterdir())]
            names += ["index.html"] if (temp / "index.html").is_file() else []
            for name in names:
                os.replace(temp / name, out_dir / name)
            return [out_dir / name for name in names]
        finally:
            shutil.rmtree(temp, ignore_errors=True)
    except OSError as error:
        raise ExportError(f"cannot write the votes' files to {out_dir}: {error}",
                          f"nie można zapisać plików głosowań w {out_dir} ({error})") from error


def _chapters(video_start: datetime) -> Step:
    def write(record: SittingRecord, folder: Path) -> None:
        (folder / "rozdzialy-youtube.txt").write_text(chapters.youtube(record, video_start),
                                                      encoding="utf-8")
        (folder / "rozdzialy.vtt").write_text(chapters.webvtt(record, video_start),
                                              encoding="utf-8")
        (folder / "napisy.vtt").write_text(captions.webvtt(record, video_start), encoding="utf-8")
    return write
