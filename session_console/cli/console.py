"""`sesja console` and `sesja demo`: the secretary's console on a log, on a live server of
its own (--serve), or on a remote server (--connect)."""

import argparse
import importlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from server.paths import default_db_path
from server.store_errors import StoreError
from session_console import heap, i18n
from session_console.cli.arguments import (
    actor,
    add_db_argument,
    add_lang_argument,
    add_secretary_argument,
    fail,
    failed,
    refuse,
    tell,
)
from session_console.cli.opening import open_deferred, open_service
from session_console.cli.serve import add_live_arguments, bad_port, tls_of

if TYPE_CHECKING:
    from server.deferred_service import DeferredService
    from server.service import SittingService
    from session_console.backend import Backend

# The console on a local log reaches its first frame without the live server, publication,
# the remote client (websockets) and the demo council: each is imported where an option
# asks for it (pyproject.toml, "The console's first frame is reachable without ...";
# tests/test_lazy_imports.py).


def _add_live_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--serve", action="store_true",
                        help="also serve the chamber screens and overlay from this console")
    add_live_arguments(parser, condition="with --serve: ")


def register(commands: argparse._SubParsersAction) -> None:
    console = commands.add_parser("console", help="the secretary's console on the last sitting")
    add_db_argument(console)
    add_lang_argument(console)
    _add_live_arguments(console)
    console.add_argument("--connect", metavar="URL", default=None,
                         help="drive a remote server (ws://HOST:PORT/ws) instead of a local log")
    console.add_argument("--token", default=None,
                         help="with --connect: the control token (a secretary's own, from "
                              "`sesja token add NAME` on the server, names who did what)")
    add_secretary_argument(console, "works this console")
    console.set_defaults(run=run_console)

    demo = commands.add_parser("demo", help="the console on the demo council, a fresh sitting")
    demo.add_argument("--db", type=Path, default=None,
                      help="a new file for the demo's log (default: a new file next to "
                           f"{default_db_path()})")
    add_lang_argument(demo)
    _add_live_arguments(demo)
    add_secretary_argument(demo, "works this console")
    demo.set_defaults(run=run_demo)


@contextmanager
def _app_imported_meanwhile(lang: str) -> Iterator[None]:
    """Imports the console's app (Textual and the screens, about 0.2 s of Python) in a
    thread while the block opens the log: SQLite checks the chain's links up to the
    checkpoint without Python's lock (0.1-0.2 s at 250,000 events), so the two share the
    machine's cores instead of taking turns. The language is chosen first, as the screens
    take their words when imported; the block's end waits for the import, so nothing is
    left half-imported whatever happened (the app's own import then finds it done, or
    raises its error itself)."""
    i18n.use(lang)
    thread = threading.Thread(target=_import_app, name="sesja-import-app", daemon=True)
    thread.start()
    try:
        yield
    finally:
        thread.join()


def _import_app() -> None:
    try:
        importlib.import_module("session_console.app")
    except Exception:  # noqa: BLE001 - `_run_app` imports it again and reports the error
        pass


def _run_app(backend: "Backend", lang: str) -> int:
    i18n.use(lang)
    from session_console.app import ConsoleApp  # after the language is chosen

    app = ConsoleApp(backend)
    app.run()
    if app.start_error:
        return fail(app.start_error)
    return app.return_code or 0


def _local(service: "SittingService", db: Path, args: argparse.Namespace) -> int:
    """The console on a log in this process, publishing with --publish-dir."""
    try:
        if not args.publish_dir:
            return _console_or_server(service, db, args)
        from server.publish import ExportError, LivePublisher

        publisher = LivePublisher(service, args.publish_dir)
        try:
            publisher.start()
            return _console_or_server(service, db, args)
        except ExportError as error:
            return failed(error, args.lang)
        finally:
            publisher.stop()
    finally:
        service.close()


def _console_or_server(service: "SittingService", db: Path, args: argparse.Namespace) -> int:
    """The console alone, or with the live server inside it when --serve is given."""
    if not args.serve:
        return _console_alone(service, args)
    if not 0 <= args.port <= 65535:
        return bad_port(args)
    from server.live import LiveServer, TokenError, default_token_dir
    from server.live.tls import TlsError

    try:
        live = LiveServer(service, host=args.host, port=args.port, public=args.public,
                          token_dir=args.token_dir or default_token_dir(db), tls=tls_of(args))
    except (TokenError, TlsError) as error:
        return failed(error, args.lang)
    from session_console.local_backend import LocalBackend

    backend = LocalBackend(service, actor("console", args.secretary), displays=live,
                           start=live.start, stop=live.stop)
    return _run_app(backend, args.lang)


def _remote(args: argparse.Namespace) -> int:
    if not args.token:
        return refuse(args.lang, "--connect needs --token (the control token of the server)",
                      "--connect wymaga --token (tokenu sterowania serwera)")
    if args.db or args.serve or args.publish_dir:
        return refuse(args.lang, "--connect drives a remote server; it takes no --db, --serve "
                      "or --publish-dir", "--connect steruje zdalnym serwerem; nie przyjmuje "
                      "--db, --serve ani --publish-dir")
    from server.live.remote import RemoteService
    from session_console.remote_backend import RemoteBackend

    # the server signs this console's events with its token's holder; this is our own word
    remote = RemoteService(args.connect, args.token, actor("console", args.secretary))
    return _run_app(RemoteBackend(remote, remote.actor), args.lang)


def run_console(args: argparse.Namespace) -> int:
    with heap.starting():  # the app turns the collector back on once it has drawn its first frame
        return _open_console(args)


def _opened(db: Path, holder: str, lang: str) -> "SittingService":
    """The log opened as its one writer, the app imported while its state is read (after
    the store and the model are: one thread imports them); raises as open_service."""
    return open_service(db, holder, meanwhile=lambda: _app_imported_meanwhile(lang))


def _open_console(args: argparse.Namespace) -> int:
    if args.connect:
        return _remote(args)
    db = args.db or default_db_path()
    try:
        deferred = None if args.serve or args.publish_dir else _shown_first(db, args.lang)
        service = None if deferred is not None else _opened(db, "sesja console", args.lang)
    except StoreError as error:
        return failed(error, args.lang)
    if deferred is not None:
        return _on_deferred(deferred, args)
    assert service is not None
    return _local(service, db, args)


def _shown_first(db: Path, lang: str) -> "DeferredService | None":
    """The log read for the first frame, its writer opened after it (the console alone:
    its live server and publication need the writer at once); raises as open_service."""
    return open_deferred(db, "sesja console", meanwhile=lambda: _app_imported_meanwhile(lang))


def _on_deferred(service: "DeferredService", args: argparse.Namespace) -> int:
    try:
        return _console_alone(service, args)
    finally:
        service.close()


def _console_alone(service: "SittingService | DeferredService",
                   args: argparse.Namespace) -> int:
    """The console on a log in this process, without a live server of its own."""
    from session_console.local_backend import LocalBackend

    return _run_app(LocalBackend(service, actor("console", args.secretary)), args.lang)


def demo_path() -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return default_db_path().with_name(f"demo-{stamp}.db")


def run_demo(args: argparse.Namespace) -> int:
    with heap.starting():
        return _open_demo(args)


def _open_demo(args: argparse.Namespace) -> int:
    db = args.db or demo_path()
    try:
        service = _opened(db, "sesja demo", args.lang)
    except StoreError as error:
        return failed(error, args.lang)
    if service.state.last_seq:
        service.close()
        return refuse(args.lang, f"{db} already holds a log; open it with "
                      f"`sesja console --db {db}`", f"plik {db} zawiera już dziennik; otwórz "
                      f"go poleceniem `sesja console --db {db}`")
    from server.demo import demo_commands

    for command in demo_commands(datetime.now().date()):
        service.execute(command, actor("console", args.secretary))
    tell(args.lang, f"sesja demo: the log is {db}", f"sesja demo: dziennik jest w pliku {db}")
    return _local(service, db, args)
