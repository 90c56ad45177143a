"""No exception ends the console: one guard for what a key, a message or a dialog runs.

A console that exits in the middle of a sitting is the worst thing it can do. Four doors
lead into the console's code, and each is guarded once, here, not with a try in every
action:

- `Survives._on_message`: every message and event a guarded node handles (its `on_*`
  handlers, the callbacks it is asked to run, a dialog's answer);
- `ConsoleApp.run_action` (app.py): every action, from a key, the palette or a click;
- `Dialog._push_result_callback` (dialogs.py): every dialog's answer, via `guarded`
  (Textual runs it as a callback outside the handlers of the node that opened it).
- the app's one-second clock (app.py), via `guarded` (a timer's callback runs outside
  every handler).

What fails becomes a notification in the console's language and a line in the log
(logger `session_console.guard`), and the app keeps running. Commands themselves never
get this far: a rejection or a failed write is told where it is submitted (app.py).
"""

import inspect
import logging
from collections.abc import Awaitable, Callable
from typing import Any, Protocol, TypeVar

from pydantic import ValidationError
from textual.message import Message
from textual.message_pump import MessagePump

from session_console.validation import explain

log = logging.getLogger(__name__)
T = TypeVar("T")


class Survivor(Protocol):
    """The app that is told what failed (ConsoleApp)."""

    def survived(self, error: Exception, where: str) -> None: ...


def report(node: MessagePump, error: Exception, where: str) -> None:
    """Tells the app of `node` what failed in `where`; without a survivor app, it raises."""
    survived = getattr(node.app, "survived", None)
    if not callable(survived):
        raise error
    survived(error, where)


def describe(error: Exception) -> tuple[str, bool]:
    """The message for the secretary, and whether it is a bug (True) or bad input."""
    if isinstance(error, ValidationError):
        return explain(error), False
    return f"{type(error).__name__}: {error}", True


def guarded(node: MessagePump, callback: Callable[..., T], where: str) -> Callable[..., Any]:
    """`callback`, with what it raises (or its coroutine raises) reported, not raised."""

    def run(*args: Any) -> Any:
        try:
            outcome = callback(*args)
        except Exception as error:
            report(node, error, where)
            return None
        if inspect.isawaitable(outcome):
            return _awaited(node, outcome, where)
        return outcome

    return run


async def _awaited(node: MessagePump, outcome: Awaitable[T], where: str) -> T | None:
    try:
        return await outcome
    except Exception as error:
        report(node, error, where)
        return None


class Survives(MessagePump):
    """A node whose message handlers cannot end the app: what they raise is reported."""

    async def _on_message(self, message: Message) -> None:
        try:
            await super()._on_message(message)
        except Exception as error:
            report(self, error, f"{type(self).__name__}.{message.handler_name}")
