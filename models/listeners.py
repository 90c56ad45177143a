"""What a sitting service (in process or a remote replica) tells its subscribers after each
durable write: a type over the domain's events and state, shared by the server and the
console."""

from collections.abc import Callable

from models.events import StoredEvent
from models.state import Chamber

# Called with the events just written (in seq order) and the state after them.
Listener = Callable[[tuple[StoredEvent, ...], Chamber], None]
