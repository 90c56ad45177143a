"""The `sesja` command line. Each module in COMMAND_MODULES adds its sub-commands."""

import atexit
import sys
from collections.abc import Sequence

from session_console import heap
from session_console.cli import console, core, devices, export, serve, token, votes_import
from session_console.cli.parser_words import SesjaParser

COMMAND_MODULES = (core, votes_import, serve, console, export, token, devices)


def build_parser() -> SesjaParser:
    """The parser and its sub-commands' (the same class: argparse makes them like their
    parent), whose usage errors are in the command line's language."""
    parser = SesjaParser(
        prog="sesja", description="Runs a council sitting: console, live screens, BIP exports.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    atexit.register(heap.ending)  # the process's end frees what it made: no collection
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if not args_list:
        args_list = ["console"]
    args = parser.parse_in(args_list)
    if not hasattr(args, "run"):
        parser.print_help()
        return 2
    try:
        return args.run(args)
    except BrokenPipeError:  # the output was piped into something that stopped reading
        return 0


if __name__ == "__main__":
    sys.exit(main())
