"""What a sitting service tells its subscribers after each durable write."""

from collections.abc import Callable

from models.events import StoredEvent
from models.state import Chamber

# Called with the events just written (in seq order) and the state after them.
Listener = Callable[[tuple[StoredEvent, ...], Chamber], None]
