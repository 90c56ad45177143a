"""`sesja import`: named votes from a council's CSV or XLSX file into a sitting entered
afterwards (server/import_votes; the layouts are in docs/decisions.md)."""

import argparse
from pathlib import Path

from server.import_votes.reading import ENCODINGS
from server.store_errors import StoreError
from session_console.cli.arguments import (
    actor,
    add_db_argument,
    add_lang_argument,
    add_secretary_argument,
    fail,
)
from session_console.cli.opening import open_failed, open_service


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "import", help="named votes from a CSV or XLSX file into a sitting entered afterwards")
    add_db_argument(parser)
    add_lang_argument(parser)
    parser.add_argument("file", type=Path, help="CSV (one row per member per vote, or a "
                        "members x votes matrix with its legend) or XLSX")
    parser.add_argument("--sitting", default=None, help="the sitting's id (default: the last one)")
    parser.add_argument("--encoding", choices=list(ENCODINGS), default=None,
                        help="a CSV's encoding (default: detected; a BOM means UTF-8, else "
                             "UTF-8 if it reads as such, else Windows-1250)")
    parser.add_argument("--sheet", default=None, help="an XLSX workbook's sheet (default: the first)")
    add_secretary_argument(parser, "imports the votes")
    parser.set_defaults(run=run_import)


def run_import(args: argparse.Namespace) -> int:
    from server.import_votes.errors import VoteImportError
    from server.import_votes.run import import_votes

    nothing = "nic nie zaimportowano" if args.lang == "pl" else "nothing was imported"
    try:
        service = open_service(args.db, "sesja import")
    except StoreError as error:
        return open_failed(error, args.lang)
    try:
        done = import_votes(service, args.file, actor("import", args.secretary),
                            sitting_id=args.sitting, encoding=args.encoding, sheet=args.sheet)
    except VoteImportError as error:
        return fail(f"{args.file}: {error.message(args.lang)}; {nothing}")
    except StoreError as error:
        return fail(f"{error.message(args.lang)}; {nothing}")
    finally:
        service.close()
    print(f"imported {done.votes} votes ({done.answers} named answers) from {args.file} "
          f"({done.described}) into sitting {done.sitting} as {done.events} events; the log "
          f"ends at event {done.last_seq}")
    return 0
