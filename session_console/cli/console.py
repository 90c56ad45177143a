"""`sesja console` and `sesja demo`: the secretary's console on a log."""

import argparse
from datetime import datetime
from pathlib import Path

from server.demo import demo_commands
from server.paths import default_db_path
from server.service import SittingService
from server.store import StoreError
from session_console import i18n
from session_console.cli.common import (
    add_db_argument,
    add_lang_argument,
    default_actor,
    fail,
    open_service,
)


def register(commands: argparse._SubParsersAction) -> None:
    console = commands.add_parser("console", help="the secretary's console on the last sitting")
    add_db_argument(console)
    add_lang_argument(console)
    console.set_defaults(run=run_console)

    demo = commands.add_parser("demo", help="the console on the demo council, a fresh sitting")
    demo.add_argument("--db", type=Path, default=None,
                      help="a new file for the demo's log (default: a new file next to "
                           f"{default_db_path()})")
    add_lang_argument(demo)
    demo.set_defaults(run=run_demo)


def _run_app(service: SittingService, lang: str) -> int:
    i18n.use(lang)
    from session_console.app import ConsoleApp  # after the language is chosen
    from session_console.backend import Backend

    backend = Backend(service, default_actor(), history=service.store.load)
    try:
        ConsoleApp(backend).run()
    finally:
        service.close()
    return 0


def run_console(args: argparse.Namespace) -> int:
    try:
        service = open_service(args.db)
    except StoreError as error:
        return fail(str(error))
    return _run_app(service, args.lang)


def demo_path() -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return default_db_path().with_name(f"demo-{stamp}.db")


def run_demo(args: argparse.Namespace) -> int:
    path = args.db or demo_path()
    try:
        service = open_service(path)
    except StoreError as error:
        return fail(str(error))
    if service.state.last_seq:
        service.close()
        return fail(f"{path} already holds a log; open it with `sesja console --db {path}`")
    for command in demo_commands(datetime.now().date()):
        service.execute(command, default_actor())
    print(f"sesja demo: the log is {path}")
    return _run_app(service, args.lang)
