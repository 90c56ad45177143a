"""`sesja export`: the sitting's publication package for BIP; `sesja verify --export`."""

import argparse
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from models.polish import plural
from models.vocabulary import sitting_words
from server.paths import default_db_path
from server.publish.formats import DEFAULT_FORMATS, FORMATS
from server.store_errors import StoreError
from session_console.cli.arguments import add_db_argument, add_lang_argument, fail, failed, tell
from session_console.cli.counted import votes_pl
from session_console.cli.parser_words import said

# The store, the writers and the checker are imported by the command that runs them, not
# by the parser every other command builds (tests/test_lazy_imports.py).


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("export", help="write the sitting's package for BIP "
                                 "(named votes, attendance, minutes draft, ...)")
    add_db_argument(parser)
    add_lang_argument(parser)
    parser.add_argument("--sitting", default=None,
                        help="the sitting's id, e.g. s1 (default: the most recent)")
    parser.add_argument("--format", default=",".join(DEFAULT_FORMATS),
                        help=f"comma-separated, from {','.join(FORMATS)} (default: all but "
                             "zawiadomienie, the convocation notice)")
    parser.add_argument("--out", type=Path, required=True,
                        help="the package's folder (replaced whole if it holds an earlier one)")
    parser.add_argument("--video-start", type=_moment, default=None,
                        help="when the recording starts, e.g. 2025-05-29T10:58:30 (local time "
                             "unless an offset is given): adds YouTube and WebVTT chapters")
    parser.set_defaults(run=run_export)


def _moment(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(said(
            f"{text!r} is not a date and time such as 2025-05-29T10:58:30",
            f"„{text}” nie jest datą i godziną, np. 2025-05-29T10:58:30")) from error


def progress(lang: str) -> Callable[[int, int], None]:
    """The export's progress bar on a terminal (stderr), named in the command's language."""
    word = "eksport" if lang == "pl" else "export"

    def shown(done: int, total: int) -> None:
        if sys.stderr.isatty():
            bar = "#" * (20 * done // total)
            print(f"\r{word} [{bar:<20}] {done}/{total}", end="" if done < total else "\n",
                  file=sys.stderr, flush=True)
    return shown


def run_export(args: argparse.Namespace) -> int:
    from server.publish.from_log import export_sitting
    from server.publish.manifest import NAME
    from server.publish.record import ExportError
    from server.store import EventStore
    from session_console.cli.common import read_state

    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    try:
        store = EventStore(args.db or default_db_path(), readonly=True)
    except StoreError as error:
        return failed(error, args.lang)
    try:
        state = read_state(store)
        data = export_sitting(state, store, args.out, sitting_id=args.sitting,
                              formats=formats, progress=progress(args.lang),
                              video_start=args.video_start)
    except (ExportError, StoreError) as error:
        return failed(error, args.lang)
    finally:
        store.close()
    sitting, last = data["sitting"], data["last_event"]
    words = sitting_words(state.sittings[sitting["id"]].sitting_type)
    tell(args.lang, f"exported sitting {sitting['number']} of {sitting['date']} "
                    f"({data['votes']} votes) to {args.out.absolute()}; manifest {NAME} ties "
                    f"it to event {last['seq']} ({last['hash'][:12]})",
         f"wyeksportowano {words.named(sitting['number'], 'accusative')} z dnia "
         f"{sitting['date']} ({votes_pl(data['votes'])}) do {args.out.absolute()}; manifest "
         f"{NAME} wiąże pakiet ze zdarzeniem nr {last['seq']} ({last['hash'][:12]})")
    if not data["complete"]:
        tell(args.lang, "note: the sitting is still open: the package says it is partial",
             f"uwaga: {words.noun} nie {words.was} jeszcze {words.closed}: pakiet jest "
             "oznaczony jako niepełny", note=True)
    if not data["votes"]:
        tell(args.lang, "note: no vote has closed yet: the package holds the attendance list, "
                        "the speakers and the minutes draft",
             "uwaga: żadne głosowanie nie zostało jeszcze zamknięte: pakiet zawiera listę "
             "obecności, listę mówców i projekt protokołu", note=True)
    return 0


def run_verify_export(args: argparse.Namespace) -> int:
    """Checks a package's files; with --db, also that its votes are the log's."""
    from server.publish.check import check_package
    from session_console.cli.common import read_log

    events = None
    if args.db is not None:
        try:
            events = read_log(args.db)
        except StoreError as error:
            return failed(error, args.lang)
    try:
        data, problems = check_package(args.export, events)
    except ValueError as error:
        return fail(str(error))
    for problem in problems:
        print(f"FAIL: {problem}", file=sys.stderr)
    if problems:
        return 1
    tied = tied_pl = ""
    if events is not None and "json" in data["formats"]:
        tied = f"; its {data['votes']} votes match the log"
        tied_pl = f"; głosowania zgodne z dziennikiem: {data['votes']}"
    elif events is not None:
        tied, tied_pl = "; made from this log", "; pakiet powstał z tego dziennika"
    files, last = len(data["files"]), data["last_event"]
    tell(args.lang, f"ok: {files} files unchanged since export (SHA-256), made from event "
                    f"{last['seq']} ({last['hash'][:12]}){tied}",
         f"ok: {plural(files, 'plik', 'pliki', 'plików')} bez zmian od eksportu (SHA-256), "
         f"pakiet odpowiada dziennikowi do zdarzenia nr {last['seq']} ({last['hash'][:12]})"
         f"{tied_pl}")
    return 0
