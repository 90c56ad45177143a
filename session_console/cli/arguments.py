"""The arguments several sub-commands share, and how a command says who acts, what it did
and what failed (in its language: `--lang`, Polish by default). Light on purpose: every command's
parser imports it (docs/performance.md)."""

import argparse
import os
import sys
from pathlib import Path

from server.bilingual import BilingualError
from server.paths import default_db_path
from server.portable import login_name
from session_console.cli.parser_words import said


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=Path, default=None,
                        help=f"the sitting's event log (default: {default_db_path()})")


def add_lang_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=("pl", "en"), default="pl",
                        help="language of messages (default: pl)")


SECRETARY_VARIABLE = "SESJA_SECRETARY"


def add_secretary_argument(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--as", dest="secretary", metavar="NAME", default=None,
                        help=f"who {what}, as the log records it (default: "
                             f"${SECRETARY_VARIABLE}, else the login name)")


def secretary(name: str | None = None) -> str:
    """Who is at the keyboard: `--as`, else $SESJA_SECRETARY, else the login name."""
    chosen = (name or os.environ.get(SECRETARY_VARIABLE, "")).strip()
    return chosen or login_name() or "unknown"


def actor(channel: str, name: str | None = None) -> str:
    """What the log records as the author of an event: how it came and who, e.g.
    "console:Anna Nowak", "apply:jan" (a remote console's are signed by the server)."""
    return f"{channel}:{secretary(name)}"


def whole_number(text: str) -> int:
    """An argument's whole number (--port, --seats), refused in the command line's words."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(said(f"{text!r} is not a whole number",
                                              f"„{text}” nie jest liczbą całkowitą")) from None


def fail(message: str) -> int:
    print(f"sesja: {message}", file=sys.stderr)
    return 1


def refuse(lang: str, en: str, pl: str) -> int:
    """`fail` with the command line's own check, in the command's language (`--lang`)."""
    return fail(BilingualError(en, pl).message(lang))


def tell(lang: str, en: str, pl: str, *, note: bool = False) -> None:
    """`refuse`'s counterpart for what went well: the line a command prints when it is done
    (stdout), or a note beside it (`note`: stderr), in the command's language (`--lang`)."""
    print(pl if lang == "pl" else en, file=sys.stderr if note else sys.stdout, flush=True)


def failed(error: BilingualError, lang: str) -> int:
    """`fail` with an error that says itself in both languages."""
    return fail(error.message(lang))
