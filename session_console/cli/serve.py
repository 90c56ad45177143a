"""`sesja serve`: the live server (chamber screens, overlay, remote consoles) on one port.

To run something beside the server (e.g. publishing files as the sitting goes on), add
its argument in `add_serve_arguments` and pass its coroutine in the `tasks` list that
`run_serve` gives `serve_until_stopped`: it runs beside the server and is cancelled when
the server stops.
"""

import argparse
from collections.abc import Coroutine
from pathlib import Path
from typing import TYPE_CHECKING

from server.live.defaults import DEFAULT_PORT
from server.paths import default_db_path
from server.store_errors import StoreError
from session_console.cli.arguments import (
    add_db_argument,
    add_lang_argument,
    failed,
    refuse,
    tell,
    whole_number,
)
from session_console.cli.opening import open_service

if TYPE_CHECKING:
    import ssl

    from server.live import LiveServer

# The parser (every sub-command's, the console's too) needs none of the live server,
# websockets, publication, asyncio or the log's store: `run_serve` imports them
# (pyproject.toml, "The command line parses without ..."; tests/test_lazy_imports.py).


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("serve", help="serve the chamber screens, overlay and "
                                 "remote consoles over websockets")
    add_serve_arguments(parser)
    add_lang_argument(parser)
    parser.set_defaults(run=run_serve)


def add_serve_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)
    add_live_arguments(parser)


def add_live_arguments(parser: argparse.ArgumentParser, condition: str = "") -> None:
    """The live server's options; `condition` (e.g. "with --serve: ") heads their help."""
    parser.add_argument("--host", default="127.0.0.1",
                        help=f"{condition}address to listen on (0.0.0.0: every network; "
                             "default 127.0.0.1)")
    parser.add_argument("--port", type=whole_number, default=DEFAULT_PORT,
                        help=f"{condition}port for pages, JSON views and websocket "
                             f"(default {DEFAULT_PORT})")
    parser.add_argument("--token-dir", type=Path, default=None,
                        help=f"{condition}folder of the access tokens (default: beside the "
                             "log, DB.tokens)")
    parser.add_argument("--public", action="store_true",
                        help=f"{condition}let anyone read the public view, without a token")
    parser.add_argument("--tls-cert", type=Path, default=None, metavar="PEM",
                        help=f"{condition}serve pages and websocket over TLS with this "
                             "certificate (chain), with --tls-key")
    parser.add_argument("--tls-key", type=Path, default=None, metavar="PEM",
                        help=f"{condition}the private key of --tls-cert")
    parser.add_argument("--publish-dir", type=Path, default=None, metavar="DIR",
                        help="publish the sitting's package for BIP to DIR/<sitting> "
                             "after every vote (see sesja export)")


def bad_port(args: argparse.Namespace) -> int:
    return refuse(args.lang, f"--port {args.port} is not a port number (0-65535)",
                  f"--port {args.port} nie jest numerem portu (0-65535)")


def tls_of(args: argparse.Namespace) -> "ssl.SSLContext | None":
    """The TLS context of --tls-cert and --tls-key, or None; raises TlsError (both or
    neither must be given)."""
    from server.live.tls import TlsError, tls_context

    if args.tls_cert is None and args.tls_key is None:
        return None
    if args.tls_cert is None or args.tls_key is None:
        raise TlsError("--tls-cert and --tls-key go together",
                       "--tls-cert i --tls-key podaje się razem")
    return tls_context(args.tls_cert, args.tls_key)


def announce(live: "LiveServer", lang: str) -> None:
    """Where it listens, its URLs by name, and its token folder with the tokens' names (the
    names and URLs are the same in either language)."""
    where = f"{live.host}:{live.port}"
    tell(lang, f"sesja serve: listening on {where}", f"sesja serve: nasłuchuje na {where}")
    for name, url in live.urls().items():
        print(f"  {name:13} {url}")
    folder = live.token_file("control").parent
    tell(lang, f"  {'tokens':13} {folder} (control: consoles, display: screens, public: website)",
         f"  {'tokeny':13} {folder} (control: konsole, display: ekrany, public: strona "
         "internetowa)")


async def serve_until_stopped(live: "LiveServer", tasks: list[Coroutine], lang: str) -> None:
    """Starts the server and the tasks; stops all on Ctrl+C or SIGTERM (Ctrl+Break on Windows)."""
    import asyncio

    from server.portable import stop_on_signals

    stop = asyncio.Event()
    with stop_on_signals(stop.set):
        await live.start()
        running = [asyncio.create_task(task) for task in (*tasks, _build_ahead())]
        announce(live, lang)
        try:
            await stop.wait()
        finally:
            for task in running:
                task.cancel()
            await asyncio.gather(*running, return_exceptions=True)
            await live.stop()


async def _build_ahead() -> None:
    """Once listening, the validators models/ defers (models/build.py), one a turn of the
    loop, so displays are answered in between and the first command finds them built."""
    import asyncio

    from models import build

    for step in build.steps():
        step()
        await asyncio.sleep(0)


def run_serve(args: argparse.Namespace) -> int:
    if not 0 <= args.port <= 65535:
        return bad_port(args)
    db = args.db or default_db_path()
    try:
        service = open_service(db, "sesja serve")
    except StoreError as error:
        return failed(error, args.lang)
    import asyncio  # the server's parts once the log is open (they need it, not it them)

    from server.live import LiveServer, TokenError, default_token_dir
    from server.live.tls import TlsError
    from server.publish import ExportError, LivePublisher

    publisher = LivePublisher(service, args.publish_dir) if args.publish_dir else None
    try:
        if publisher:
            publisher.start()
        live = LiveServer(service, host=args.host, port=args.port,
                          token_dir=args.token_dir or default_token_dir(db), public=args.public,
                          tls=tls_of(args))
        asyncio.run(serve_until_stopped(live, tasks=[], lang=args.lang))
    except KeyboardInterrupt:  # Ctrl+C before the server's own handlers were set
        pass
    except (ExportError, TokenError, TlsError) as error:
        return failed(error, args.lang)
    except OSError as error:
        from server.os_reasons import os_reason

        where, reason = f"{args.host}:{args.port}", os_reason(error)
        return refuse(args.lang, f"cannot listen on {where}: {reason.en}",
                      f"nie można nasłuchiwać na {where}: {reason.message('pl')}")
    finally:
        if publisher:
            publisher.stop()
        service.close()
    tell(args.lang, "sesja serve: stopped", "sesja serve: zatrzymano", note=True)
    return 0
