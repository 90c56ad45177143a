"""Command scripts (one JSON object a line), applied whole or not at all."""

import json
from dataclasses import dataclass

from pydantic import ValidationError

from models.commands import SERVER_ONLY, Command, parse_command
from server.bilingual import BilingualError
from server.service import BatchRejected, SittingService
from server.validation_words import describe_validation

MAX_LINE = 1_000_000

# what json says of a line that is not JSON, in Polish (its position is added after)
_JSON_POLISH = {
    "Expecting value": "oczekiwano wartości",
    "Expecting property name enclosed in double quotes":
        "oczekiwano nazwy pola w cudzysłowie prostym (\")",
    "Expecting ':' delimiter": "oczekiwano dwukropka",
    "Expecting ',' delimiter": "oczekiwano przecinka",
    "Unterminated string starting at": "niezamknięty tekst",
    "Invalid control character at": "niedozwolony znak sterujący",
    "Invalid \\escape": "niepoprawna sekwencja z ukośnikiem (\\)",
    "Invalid \\uXXXX escape": "niepoprawna sekwencja \\uXXXX",
    "Extra data": "nadmiarowe znaki po obiekcie",
}


class ScriptError(BilingualError):
    """A line that is not a valid command, or is refused; nothing of the script is written.
    `str()` is the English ("line 3: ..."), `message("pl")` the Polish ("wiersz 3: ...")."""

    def __init__(self, line: int, en: str, pl: str) -> None:
        super().__init__(f"line {line}: {en}", f"wiersz {line}: {pl}")
        self.line = line


__all__ = ["Applied", "ScriptError", "apply_script", "describe_validation", "parse_lines"]


def _check_times(number: int, command: Command, afterwards: bool) -> None:
    """With --afterwards every command that can carry the time it happened gives it;
    without, none does (models/afterwards.py holds the rules of the sitting itself)."""
    if "happened_at" not in type(command).model_fields:
        return
    given = getattr(command, "happened_at", None) is not None
    example = "\"2025-05-29T11:05:00+02:00\""
    if afterwards and not given:
        raise ScriptError(
            number,
            "entered afterwards (--afterwards): give the time the command happened as "
            f"happened_at, e.g. {example}",
            "sesja wprowadzana później (--afterwards): podaj w polu happened_at, kiedy "
            f"to polecenie miało miejsce, np. {example}")
    if given and not afterwards:
        raise ScriptError(
            number,
            "happened_at is for a sitting entered afterwards: run `sesja apply --afterwards`",
            "pole happened_at jest dla sesji wprowadzanej później: uruchom "
            "`sesja apply --afterwards`")


def _not_json(number: int, error: json.JSONDecodeError) -> ScriptError:
    polish = _JSON_POLISH.get(error.msg, error.msg)
    return ScriptError(number, f"not JSON ({error.msg} at column {error.colno})",
                       f"to nie jest JSON ({polish} w kolumnie {error.colno})")


def _command(number: int, line: str, afterwards: bool) -> Command:
    if len(line) > MAX_LINE:
        raise ScriptError(number, f"longer than {MAX_LINE} characters",
                          f"dłuższy niż {MAX_LINE} znaków")
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        raise _not_json(number, error) from error
    if not isinstance(data, dict):
        raise ScriptError(number, "a command is a JSON object with a \"type\"",
                          "polecenie to obiekt JSON z polem „type”")
    if data.get("type") in SERVER_ONLY:
        raise ScriptError(
            number, f"{data['type']} is made by the server (a device's connection, "
            "`sesja import`), not taken from a script",
            f"polecenie „{data['type']}” tworzy serwer (połączenie urządzenia, "
            "`sesja import`), nie skrypt")
    try:
        command = parse_command(data)
    except ValidationError as error:
        raise ScriptError(number, f"invalid command: {describe_validation(error, 'en')}",
                          f"niepoprawne polecenie: {describe_validation(error, 'pl')}"
                          ) from error
    _check_times(number, command, afterwards)
    return command


def parse_lines(lines: list[str], afterwards: bool = False) -> list[tuple[int, Command]]:
    return [(number, _command(number, line, afterwards))
            for number, line in enumerate(lines, start=1) if line.strip()]


@dataclass(frozen=True)
class Applied:
    commands: int
    events: int
    last_seq: int
    last_hash: str


def apply_script(service: SittingService, lines: list[str], actor: str,
                 afterwards: bool = False) -> Applied:
    """All or nothing: every command is decided first, then all events go in one transaction.
    `afterwards`: the script enters a sitting afterwards, each command with its time.
    A refusal raises ScriptError with the model's reason in both languages."""
    numbered = parse_lines(lines, afterwards)
    try:
        events = service.execute_all([command for _number, command in numbered], actor)
    except BatchRejected as batch:
        refused = batch.rejection
        raise ScriptError(numbered[batch.index][0],
                          f"rejected: {refused.message('en').rstrip('.')}",
                          f"odrzucone: {refused.message('pl').rstrip('.')}") from batch
    state = service.state
    return Applied(len(numbered), len(events), state.last_seq, state.last_hash)
