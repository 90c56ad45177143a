"""`sesja token`: personal control tokens, one per secretary, so the log says who did what.

A remote console that connects with its secretary's token has its events signed
`remote:NAME` by the server (server.live.secretaries).
"""

import argparse
from pathlib import Path

from server.live import secretaries
from server.live.tokens import default_token_dir
from server.paths import default_db_path
from session_console.cli.arguments import add_db_argument, add_lang_argument, failed


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    token = commands.add_parser("token", help="secretaries' own control tokens (who did what)")
    actions = token.add_subparsers(dest="token_command", metavar="COMMAND", required=True)
    add = actions.add_parser("add", help="make (or replace) a secretary's control token "
                                         "and print it")
    add.add_argument("name", help='the secretary, as the log shows them, e.g. "Anna Nowak"')
    remove = actions.add_parser("remove", help="take a secretary's token away")
    remove.add_argument("name")
    listing = actions.add_parser("list", help="the secretaries who have a token")
    for parser, run in ((add, run_add), (remove, run_remove), (listing, run_list)):
        add_db_argument(parser)
        add_lang_argument(parser)
        parser.add_argument("--token-dir", type=Path, default=None,
                            help="the server's token folder (default: beside the log, DB.tokens)")
        parser.set_defaults(run=run)


def _folder(args: argparse.Namespace) -> Path:
    return args.token_dir or default_token_dir(args.db or default_db_path())


def run_add(args: argparse.Namespace) -> int:
    try:
        token = secretaries.add(_folder(args), args.name)
    except secretaries.SecretaryError as error:
        return failed(error, args.lang)
    print(token)
    return 0


def run_remove(args: argparse.Namespace) -> int:
    try:
        secretaries.remove(_folder(args), args.name)
    except secretaries.SecretaryError as error:
        return failed(error, args.lang)
    return 0


def run_list(args: argparse.Namespace) -> int:
    for name in secretaries.read(_folder(args)):
        print(name)
    return 0
