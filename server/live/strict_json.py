"""JSON as the live protocol takes it from a client: RFC 8259 text the server could send back.

Python's `json.loads` reads more than that, and each extra is a way to trip the server:
it takes `NaN` and `Infinity` (which `json.dumps` then writes back as invalid JSON), turns
`1e999` into infinity, raises RecursionError on deep nesting, and keeps a lone surrogate
(`"\\ud800"`) that no UTF-8 frame can carry, so echoing it fails. `loads` refuses each of
them with a reason in Polish and English, and never raises anything but `NotProtocolJson`.
"""

import json
import math
import re
from typing import Any

MAX_DEPTH = 32  # objects and arrays inside each other; a command needs fewer than 10

_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")  # how a surrogate reaches the text
_SURROGATE = re.compile(r"[\ud800-\udfff]")


class NotProtocolJson(ValueError):
    """The text is not JSON the protocol takes; `pl` and `en` say why."""

    def __init__(self, pl: str, en: str) -> None:
        super().__init__(en)
        self.pl, self.en = pl, en


def not_json() -> NotProtocolJson:
    return NotProtocolJson("Wiadomość nie jest poprawnym JSON.", "The message is not valid JSON.")


def too_deep() -> NotProtocolJson:
    return NotProtocolJson(f"JSON ma więcej niż {MAX_DEPTH} poziomy zagnieżdżenia.",
                           f"JSON nested deeper than {MAX_DEPTH} levels.")


def lone_surrogate() -> NotProtocolJson:
    return NotProtocolJson("Tekst z pojedynczym surogatem (\\ud800–\\udfff) to nie Unicode.",
                           "Text with a lone surrogate (\\ud800-\\udfff) is not Unicode.")


def _constant(name: str) -> float:
    raise NotProtocolJson(f"{name} nie jest liczbą JSON.", f"{name} is not a JSON number.")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise NotProtocolJson(f"Liczba poza zakresem: {text[:40]}.",
                              f"Number out of range: {text[:40]}.")
    return value


_DECODER = json.JSONDecoder(parse_float=_finite, parse_constant=_constant)


def loads(text: str) -> Any:
    """The JSON value of `text`, or NotProtocolJson."""
    try:
        data = _DECODER.decode(text)
    except NotProtocolJson:
        raise
    except RecursionError:
        raise too_deep() from None
    except ValueError:  # JSONDecodeError, and an integer longer than Python converts
        raise not_json() from None
    deep = text.count("[") + text.count("{") > MAX_DEPTH
    if deep or _SURROGATE_ESCAPE.search(text):  # rare: most frames skip the walk
        _check_tree(data)
    return data


def _check_tree(data: Any) -> None:
    """Walks the value without recursion: nesting depth, and every string and key."""
    pending: list[tuple[Any, int]] = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, str):
            if _SURROGATE.search(value):
                raise lone_surrogate()
        elif isinstance(value, dict | list):
            if depth > MAX_DEPTH:
                raise too_deep()
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                if isinstance(key, str) and _SURROGATE.search(key):
                    raise lone_surrogate()
                pending.append((item, depth + 1))
