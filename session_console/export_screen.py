"""F7: the sitting's package for BIP, written from the console with a progress bar.

The export runs in a worker thread (the console keeps answering keys) through the
console's backend, which makes it as `sesja export` does, into `FOLDER/<sitting>` as
live publication names it.
"""

from pathlib import Path
from typing import cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, ProgressBar, SelectionList
from textual.worker import Worker, WorkerState

from models.state import Sitting
from session_console.backend import Backend
from session_console.dialogs import Dialog, dialog_css
from session_console.i18n import _
from session_console.words import counted, is_committee


def default_export_dir() -> Path:
    """Where packages go unless the secretary types another folder: in the home folder,
    where a secretary finds them (the log itself lives in a hidden data folder)."""
    return Path.home() / "sesja-eksport"


def format_label(name: str) -> str:
    return {"csv": _("CSV (UTF-8)"), "csv-excel": _("CSV for Excel (semicolons)"),
            "json": _("JSON (Popolo)"), "html": _("HTML pages for BIP"),
            "pdf": _("PDF with every named vote"), "md": _("minutes draft (Markdown)")}[name]


def outcome_text(sitting: Sitting, folder: Path, data: dict) -> str:
    """What the export wrote, and whether the package is partial."""
    last = data["last_event"]
    files = counted(len(data["files"]) + 1, ("file", "files"), ("plik", "pliki", "plików"))
    lines = [_("Done: {files} in {folder}").format(files=files, folder=folder),
             _("Votes in the package: {votes} · up to event {seq}").format(votes=data["votes"],
                                                                           seq=last["seq"])]
    if not data["complete"]:
        lines.append(_("The meeting is still open: the package is partial and says so.")
                     if is_committee(sitting.sitting_type) else
                     _("The sitting is still open: the package is partial and says so."))
    return "\n".join(lines)


def title_text(sitting: Sitting) -> str:
    """ "Eksport do BIP: sesja XL z 2026-11-23" ("posiedzenie" for a committee)."""
    title = (_("Export committee meeting {number} of {date} for BIP")
             if is_committee(sitting.sitting_type)
             else _("Export sitting {number} of {date} for BIP"))
    return title.format(number=sitting.number, date=sitting.date.isoformat())


class ExportScreen(Dialog[None]):
    """Folder and formats, then F7 or Enter exports; Escape closes when nothing runs."""

    AUTO_FOCUS = "#folder"
    DEFAULT_CSS = dialog_css("ExportScreen") + """
    ExportScreen > Vertical { width: 90; max-height: 100%; padding: 0 1; }
    ExportScreen .title { margin-bottom: 0; }
    ExportScreen SelectionList { height: auto; }
    ExportScreen .hint { margin-top: 0; }
    """
    BINDINGS = [Binding("f7", "export", _("Export")), Binding("escape", "close", _("Close"))]

    def __init__(self, sitting: Sitting, folder: Path, backend: Backend) -> None:
        super().__init__()
        self.sitting, self.folder, self.backend = sitting, folder, backend
        self.running = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(title_text(self.sitting), classes="title", markup=False)
            folder = Input(str(self.folder), id="folder")
            folder.border_title = _("Folder")
            yield folder
            yield Label(self._target_text(str(self.folder)), id="target", classes="hint",
                        markup=False)  # a typed path is shown as typed
            formats = SelectionList[str](
                *((format_label(f), f, True) for f in self.backend.export_formats), id="formats")
            formats.border_title = _("Formats")
            yield formats
            bar = ProgressBar(id="progress", show_eta=False)
            bar.display = False
            yield bar
            yield Label("", id="outcome", markup=False)
            yield Label(_("Enter or F7: export · Space: a format on or off · Esc: close"),
                        classes="hint")

    def _target(self, text: str) -> Path:
        return Path(text.strip()).expanduser() / self.backend.package_name(self.sitting)

    def _target_text(self, text: str) -> str:
        return _("The package goes to {path}").format(path=self._target(text))

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#target", Label).update(self._target_text(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_export()

    def _show(self, text: str, error: bool = False) -> None:
        outcome = self.query_one("#outcome", Label)
        outcome.update(text)
        outcome.set_class(error, "error")

    def action_export(self) -> None:
        if self.running:
            return
        folder = self.query_one("#folder", Input).value
        formats = self.query_one("#formats", SelectionList).selected
        if not folder.strip():
            self._show(_("Type the folder for the package."), error=True)
            return
        if not formats:
            self._show(_("Choose at least one format."), error=True)
            return
        self._show(_("Exporting…"))
        bar = self.query_one("#progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        self._lock(True)
        target = self._target(folder)
        self.run_worker(lambda: self._export(target, formats), thread=True, group="export",
                        exit_on_error=False)

    def _lock(self, running: bool) -> None:
        """While the export runs, the folder and the formats stay as they were chosen."""
        self.running = running
        for widget in self.query("#folder, #formats"):
            widget.disabled = running

    def _export(self, target: Path, formats: list[str]) -> tuple[Path, dict]:
        """In the worker thread: the log as it is now, exported whole."""
        return target, self.backend.export(target, formats, self._progress)

    def _progress(self, done: int, total: int) -> None:
        """Called by the export in the worker thread; the bar moves on the UI's."""
        self.app.call_from_thread(self._advance, done, total)

    def _advance(self, done: int, total: int) -> None:
        self.query_one("#progress", ProgressBar).update(total=total, progress=done)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        self._lock(False)
        if event.state is WorkerState.SUCCESS:
            folder, data = cast(tuple[Path, dict], event.worker.result)  # what _export returned
            self._show(outcome_text(self.sitting, folder, data))
        else:
            self.query_one("#progress", ProgressBar).display = False
            self._show(_("Export failed: {reason}").format(reason=event.worker.error),
                       error=True)
        self.set_focus(self.query_one("#folder", Input))

    def action_close(self) -> None:
        if self.running:
            self.notify(_("The export is still running; close this when it is done."),
                        severity="warning")
        else:
            self.dismiss(None)
