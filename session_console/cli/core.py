"""Core sub-commands: apply, verify, schema, council import."""

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from models.polish import plural
from models.terms import CouncilKind
from server.paths import default_db_path
from server.store_errors import StoreError
from session_console.cli.arguments import (
    actor,
    add_db_argument,
    add_lang_argument,
    add_secretary_argument,
    fail,
    failed,
    refuse,
    tell,
    whole_number,
)
from session_console.cli.counted import events_pl
from session_console.cli.export import run_verify_export
from session_console.cli.opening import open_service

# Each command imports its own parts when it runs, so that every command's parser starts
# without them, and `apply` begins opening the log before it imports the store and the
# model (session_console/cli/opening.py; docs/performance.md).


def register(commands: argparse._SubParsersAction) -> None:
    apply_parser = commands.add_parser("apply", help="apply a script of commands (JSON lines)")
    add_db_argument(apply_parser)
    add_lang_argument(apply_parser)
    apply_parser.add_argument("script", type=Path, help="one JSON command a line; - for stdin")
    add_secretary_argument(apply_parser, "applies the script")
    apply_parser.add_argument("--actor", default=None,
                              help="the exact signature of the events (default: apply:NAME)")
    apply_parser.add_argument(
        "--afterwards", action="store_true",
        help="enter a sitting afterwards (from paper or another system): every command "
             "gives the time it happened as happened_at (ISO 8601 with its offset)")
    apply_parser.set_defaults(run=run_apply)

    verify_parser = commands.add_parser("verify", help="check the log's hash chain and replay")
    add_db_argument(verify_parser)
    add_lang_argument(verify_parser)
    verify_parser.add_argument("--export", type=Path, default=None, metavar="DIR",
                               help="check an exported package instead (with --db: against the log)")
    verify_parser.set_defaults(run=run_verify)

    schema_parser = commands.add_parser("schema", help="print the JSON Schema of the protocol")
    add_lang_argument(schema_parser)
    schema_parser.set_defaults(run=run_schema)

    council = commands.add_parser("council", help="manage the council").add_subparsers(
        dest="council_command", metavar="COMMAND", required=True)
    import_parser = council.add_parser("import", help="import members from a CSV file")
    add_db_argument(import_parser)
    add_lang_argument(import_parser)
    import_parser.add_argument("csv", type=Path)
    import_parser.add_argument("--encoding", default=None,
                               help="utf-8 or cp1250 (default: detected)")
    import_parser.add_argument("--name", help="the council's name (kept if already defined)")
    import_parser.add_argument("--kind", choices=[k.value for k in CouncilKind])
    import_parser.add_argument("--seats", type=whole_number, help="statutory seats (ustawowy skład)")
    add_secretary_argument(import_parser, "imports the council")
    import_parser.set_defaults(run=run_council_import)


def _read_text(path: Path) -> str:
    if str(path) == "-":
        return sys.stdin.read()
    return path.read_bytes().decode("utf-8-sig")


def run_apply(args: argparse.Namespace) -> int:
    from server.os_reasons import cannot_read

    try:
        lines = _read_text(args.script).splitlines()
    except OSError as error:
        return failed(cannot_read(args.script, error), args.lang)
    except UnicodeDecodeError as error:
        return refuse(args.lang, f"{args.script} is not UTF-8 (byte {error.start})",
                      f"plik {args.script} nie jest zapisany w UTF-8 (bajt {error.start})")
    try:
        service = open_service(args.db, "sesja apply")
    except StoreError as error:
        return failed(error, args.lang)
    from server.script import ScriptError, apply_script

    try:
        applied = apply_script(service, lines, args.actor or actor("apply", args.secretary),
                               args.afterwards)
    except ScriptError as error:
        return refuse(args.lang, f"{args.script}: {error}; nothing from this script was written",
                      f"{args.script}: {error.message('pl')}; nic z tego skryptu nie zapisano")
    except StoreError as error:
        return failed(error, args.lang)
    finally:
        service.close()
    tell(args.lang, f"applied {applied.commands} commands as {applied.events} events; "
                    f"the log ends at event {applied.last_seq} ({applied.last_hash[:12]})",
         f"wykonano {plural(applied.commands, 'polecenie', 'polecenia', 'poleceń')}, "
         f"zapisano {events_pl(applied.events)}; dziennik kończy się zdarzeniem nr "
         f"{applied.last_seq} ({applied.last_hash[:12]})")
    return 0


def run_verify(args: argparse.Namespace) -> int:
    if args.export is not None:
        return run_verify_export(args)
    from server.store import EventStore
    from server.verify import verify

    try:
        store = EventStore(args.db or default_db_path(), readonly=True)
    except StoreError as error:
        return failed(error, args.lang)
    try:
        report = verify(store)
    except StoreError as error:  # the file itself is damaged, e.g. a disk error
        return failed(error, args.lang)
    finally:
        store.close()
    if report.ok:
        tell(args.lang, f"ok: {report.events} events, chain intact, replay matches the "
                        f"projections; last hash {report.last_hash}",
             f"ok: {events_pl(report.events)}, łańcuch skrótów nienaruszony, odtworzenie "
             f"zgodne z zapisanym stanem; ostatni skrót {report.last_hash}")
        return 0
    for problem in report.problems:
        print(f"FAIL: {problem}", file=sys.stderr)
    return 1


def run_schema(args: argparse.Namespace) -> int:
    from server.schema import json_schema

    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return 0


def run_council_import(args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from models.commands import DefineCouncil
    from models.council import Council
    from models.rejection import Rejection
    from server.council_csv import CsvImportError, read_members
    from server.os_reasons import cannot_read
    from server.validation_words import describe_validation

    nothing = {"en": "nothing was imported", "pl": "nic nie zaimportowano"}[args.lang]
    try:
        data = args.csv.read_bytes()
    except OSError as error:
        return fail(f"{cannot_read(args.csv, error).message(args.lang)}; {nothing}")
    try:
        members, encoding = read_members(data, args.encoding)
    except CsvImportError as error:
        for problem in error.messages(args.lang):
            print(f"{args.csv}: {problem}", file=sys.stderr)
        return fail(nothing)
    try:
        service = open_service(args.db, "sesja council import")
    except StoreError as error:
        return failed(error, args.lang)
    try:
        old = service.state.council
        name = args.name or (old.name if old else None)
        seats = args.seats or (old.statutory_seats if old else None)
        if not name or not seats:
            return refuse(args.lang, f"a new council needs --name and --seats; {nothing}",
                          f"nowa rada potrzebuje --name i --seats; {nothing}")
        kept: dict[str, Any] = {"resolution_pattern": old.resolution_pattern,
                                "next_resolution_number": service.state.next_resolution} if old else {}
        try:
            council = Council(
                name=name, statutory_seats=seats, members=tuple(members),
                kind=CouncilKind(args.kind) if args.kind else (old.kind if old else CouncilKind.GMINA),
                **kept)
        except ValidationError as error:
            return fail(f"{describe_validation(error, args.lang)}; {nothing}")
        try:
            service.execute(DefineCouncil(council=council), actor("import", args.secretary))
        except Rejection as rejection:
            return fail(f"{rejection.message(args.lang).rstrip('.')}; {nothing}")
        except StoreError as error:  # a write that failed says nothing of it was written
            return failed(error, args.lang)
    finally:
        service.close()
    tell(args.lang, f"imported {len(members)} members ({encoding}) into {name}, "
                    f"{seats} statutory seats",
         f"„{name}”: zaimportowano {plural(len(members), 'osobę', 'osoby', 'osób')} "
         f"({encoding}); ustawowy skład: {seats}")
    return 0
