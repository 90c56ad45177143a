"""The views as JSON documents over plain HTTP (`/view/<name>.json`), for a poll or a script.

A poll is answered from the feed the screens follow, so it never sends them a frame: with
screens connected, the coalesced refreshes keep the feed current (within the 50 ms window);
with none, the feed is brought up to the state first.
"""

from collections.abc import Callable, Mapping
from http import HTTPStatus
from typing import Any

from models.state import Chamber
from server.live.access import Authoriser
from server.live.feeds import ViewFeed


class JsonViews:
    def __init__(self, feeds: Mapping[str, ViewFeed], access: Authoriser,
                 state: Callable[[], Chamber]) -> None:
        self.feeds = feeds
        self.access = access
        self.state = state

    def __call__(self, name: str, token: str) -> dict[str, Any] | HTTPStatus:
        """The view's snapshot, or why not (no such view, no or a wrong token)."""
        feed = self.feeds.get(name)
        if feed is None:
            return HTTPStatus.NOT_FOUND
        if not self.access.allows(self.access.role_for_view(name), token):
            return HTTPStatus.UNAUTHORIZED
        if not feed.clients:
            feed.refresh(self.state())
        return feed.snapshot()
