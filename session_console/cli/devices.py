"""`sesja device-cards`: new voting-device codes for the council's members, printed as one
PDF of cards (the member's name, a QR code of the voting page with the code, the code).

Codes are shown only on the cards: the log keeps their hashes, so printing again issues
new codes and the old cards stop working.
"""

import argparse
from pathlib import Path

from models.polish import plural
from server.store_errors import StoreError
from session_console.cli.arguments import (
    actor,
    add_db_argument,
    add_lang_argument,
    fail,
    failed,
    refuse,
    tell,
)
from session_console.cli.opening import open_service


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    cards = commands.add_parser("device-cards", help="issue members' voting-device codes and "
                                                     "print them as PDF cards with QR codes")
    add_db_argument(cards)
    add_lang_argument(cards)
    cards.add_argument("--url", required=True,
                       help="the server's address as phones reach it, e.g. http://10.0.0.5:8765")
    cards.add_argument("--out", type=Path, required=True, help="the PDF to write")
    cards.add_argument("--member", action="append", default=None, metavar="ID",
                       help="only this member (repeatable; default: every member)")
    cards.set_defaults(run=run_cards)


def run_cards(args: argparse.Namespace) -> int:
    from server.live.devices import issue_codes
    from server.publish.pdf_document import device_cards_pdf
    from server.publish.record import ExportError

    try:
        service = open_service(args.db, "sesja device-cards")
    except StoreError as error:
        return failed(error, args.lang)
    from server.service import BatchRejected

    try:
        council = service.state.council
        if council is None:
            return refuse(args.lang, "no council is defined in this log",
                          "w tym dzienniku nie zdefiniowano rady")
        members = [m for m in council.members if args.member is None or m.id in args.member]
        unknown = set(args.member or ()) - {m.id for m in members}
        if unknown:
            named = ", ".join(sorted(unknown))
            return refuse(args.lang, f"no such member: {named}",
                          f"nie ma radnego o identyfikatorze: {named}")
        issued = issue_codes(service.state, [m.id for m in members])
        base = args.url.rstrip("/")
        pdf = device_cards_pdf(council.name, [
            (member.name, code, f"{base}/vote?code={code}")
            for member, (code, _command) in zip(members, issued, strict=True)])
        service.execute_all([command for _code, command in issued], actor("cli", None))
        args.out.write_bytes(pdf)
    except (StoreError, ExportError) as error:  # the PDF is made before the codes are
        return failed(error, args.lang)  # logged: none issued
    except BatchRejected as batch:
        return fail(batch.rejection.message(args.lang))
    except OSError as error:
        from server.os_reasons import os_reason

        reason = os_reason(error)
        return refuse(args.lang, f"cannot write {args.out}: {reason.en}; no codes were issued",
                      f"nie można zapisać pliku {args.out}: {reason.message('pl')}; "
                      "nie wydano żadnych kodów")
    finally:
        service.close()
    one = len(issued) == 1
    english = ("card: {out} (the member's earlier code no longer works)" if one
               else "cards: {out} (earlier codes of these members no longer work)")
    polish = ("{out} (wcześniejszy kod tej osoby już nie działa)" if one
              else "{out} (wcześniejsze kody tych osób już nie działają)")
    tell(args.lang, f"{len(issued)} " + english.format(out=args.out),
         f"{plural(len(issued), 'karta', 'karty', 'kart')}: " + polish.format(out=args.out))
    return 0
