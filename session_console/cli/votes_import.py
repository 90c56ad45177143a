"""`sesja import`: named votes from a council's CSV or XLSX file into a sitting entered
afterwards (server/import_votes; the layouts are in docs/decisions.md)."""

import argparse
from pathlib import Path

from models.polish import plural
from models.vocabulary import sitting_words
from server.import_votes.reading import ENCODINGS
from server.store_errors import StoreError
from session_console.cli.arguments import (
    actor,
    add_db_argument,
    add_lang_argument,
    add_secretary_argument,
    fail,
    failed,
    tell,
)
from session_console.cli.counted import events_pl, votes_pl
from session_console.cli.opening import open_service


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
    from server.import_votes.plan import sitting_of
    from server.import_votes.run import import_votes

    nothing = "nic nie zaimportowano" if args.lang == "pl" else "nothing was imported"
    try:
        service = open_service(args.db, "sesja import")
    except StoreError as error:
        return failed(error, args.lang)
    try:
        done = import_votes(service, args.file, actor("import", args.secretary),
                            sitting_id=args.sitting, encoding=args.encoding, sheet=args.sheet)
        sitting = sitting_of(service.state, args.sitting)  # the one import_votes chose
    except VoteImportError as error:
        return fail(f"{args.file}: {error.message(args.lang)}; {nothing}")
    except StoreError as error:
        return fail(f"{error.message(args.lang)}; {nothing}")
    finally:
        service.close()
    named = sitting_words(sitting.sitting_type).named(sitting.number, "genitive")
    answers = plural(done.answers, "imienny głos", "imienne głosy", "imiennych głosów")
    tell(args.lang, f"imported {done.votes} votes ({done.answers} named answers) from "
                    f"{args.file} ({done.described.en}) into sitting {done.sitting} as "
                    f"{done.events} events; the log ends at event {done.last_seq}",
         f"zaimportowano {votes_pl(done.votes)} ({answers}) z pliku {args.file} "
         f"({done.described.pl}) do {named} "
         f"z dnia {sitting.date}; zapisano {events_pl(done.events)}, dziennik kończy się "
         f"zdarzeniem nr {done.last_seq}")
    return 0
