"""A form field held to its model's limits as the secretary types, with the reason said.

Textual's Input refuses a key past `max_length` (or outside `restrict`) with a bell, and a
paste that would overflow it as a whole. Here a paste keeps what fits, and every refusal is
said in the dialog's error line ("Temat: najwyżej 1000 znaków."), so nothing is lost unseen.
"""

from typing import Any

from pydantic import BaseModel
from textual import events
from textual.widgets import Input, Label

from session_console.i18n import _
from session_console.validation import Limits, field_label, limits, too_long

DIGITS = r"[0-9]*"


class LimitedInput(Input):
    def __init__(self, value: str = "", *, limit: Limits, label: str,
                 id: str | None = None, **kwargs: Any) -> None:  # Input's own keywords
        digits = limit.ge is not None and limit.ge >= 0 and limit.max_length is None
        super().__init__(value, id=id, max_length=limit.max_length or 0,
                         restrict=DIGITS if digits else None, **kwargs)
        self.limit, self.label = limit, label

    def _on_paste(self, event: events.Paste) -> None:
        """A paste keeps what fits and says that the rest was left out (a paste that fits
        goes on to Input's own handler, the next in the class chain)."""
        if self.max_length and event.text:
            line = event.text.splitlines()[0]
            start, end = sorted(self.selection)
            room = self.max_length - (len(self.value) - (end - start))
            if len(line) > room:
                event.stop()
                event.prevent_default()
                self.replace(line[:max(0, room)], start, end)
                self.restricted()

    def restricted(self) -> None:
        """Says why a key or a paste was refused, in the dialog's error line."""
        if self.restrict == DIGITS:
            text = _("{label}: type a whole number.").format(label=self.label)
        else:
            text = too_long(self.label, self.max_length or 0)
        for error in self.screen.query("#error").results(Label):
            error.update(text)
        self.app.bell()


def model_input(model: type[BaseModel], name: str, value: str = "", *, id: str,
                **kwargs: Any) -> LimitedInput:
    """A field for `model.name`, with that field's limits and label."""
    return LimitedInput(value, limit=limits(model, name), label=field_label(name), id=id,
                        **kwargs)
