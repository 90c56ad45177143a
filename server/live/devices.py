"""Members' devices on the live server: their codes, and one view feed per member.

A code is made here (`new_code`) and given to the member once; the log keeps only its
salted hash (models.devices), so a device's hello is checked by hashing the code it gives
with the log's salt and looking the hash up in the state.
"""

import secrets
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence

from models.commands import IssueDeviceCode
from models.devices import code_hash
from models.state import Chamber
from server.live.feeds import ViewFeed
from server.live.member_view import MEMBER_VIEW_PREFIX, member_view, member_view_name
from server.live.slow import SlowClientPolicy

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read off a printed card
CODE_LENGTH = 10  # 32**10 = 2**50 codes


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def issue_code(state: Chamber, member_id: str) -> tuple[str, IssueDeviceCode]:
    """A fresh code for the member and the command that records its hash (with the log's
    salt, or a new salt for the log's first code)."""
    return issue_codes(state, [member_id])[0]


def issue_codes(state: Chamber, member_ids: Sequence[str]) -> list[tuple[str, IssueDeviceCode]]:
    """Fresh codes for several members at once (one batch: one salt for all of them)."""
    salt = state.device_salt or secrets.token_urlsafe(18)
    codes = [new_code() for _ in member_ids]
    return [(code, IssueDeviceCode(member=member, code_hash=code_hash(salt, code), salt=salt))
            for member, code in zip(member_ids, codes, strict=True)]


def member_of_code(state: Chamber, code: str) -> tuple[str, str] | None:
    """(member id, the code's hash) for a valid code, else None."""
    if state.device_salt is None:
        return None
    hashed = code_hash(state.device_salt, code.strip().upper())
    member = state.device_codes.get(hashed)
    return (member, hashed) if member is not None else None


class MemberFeeds:
    """A feed per member whose device connected (made on the first connection)."""

    def __init__(self, policy: SlowClientPolicy,
                 on_clients: Callable[[], None] | None = None) -> None:
        self.policy = policy
        self.on_clients = on_clients
        self.feeds: dict[str, ViewFeed] = {}

    def feed(self, member_id: str) -> ViewFeed:
        found = self.feeds.get(member_id)
        if found is None:
            found = ViewFeed(member_view_name(member_id),
                             lambda state: member_view(state, member_id), self.policy,
                             on_clients=self.on_clients)
            self.feeds[member_id] = found
        return found

    def connected(self) -> list[str]:
        """The members with a device connected now, sorted."""
        return sorted(member for member, feed in self.feeds.items() if feed.clients)

    def refresh(self, state: Chamber, members: Collection[str] | None = None) -> None:
        """Rebuilds the connected devices' views: those of `members`, or all (None)."""
        if members is None:
            feeds: Iterable[ViewFeed] = self.feeds.values()
        else:
            feeds = (self.feeds[member] for member in members if member in self.feeds)
        for feed in feeds:
            if feed.clients:
                feed.refresh(state)

    async def disconnect(self, member_id: str, code: int, reason: str) -> None:
        """Closes the member's devices (their code was revoked or replaced)."""
        feed = self.feeds.get(member_id)
        for connection in list(feed.clients) if feed else ():
            await connection.close(code, reason)

    def cancel(self) -> None:
        for feed in self.feeds.values():
            feed.cancel()


class AllFeeds(Mapping[str, ViewFeed]):
    """The display views' feeds and, by `member:ID`, the members' device feeds."""

    def __init__(self, displays: Mapping[str, ViewFeed], members: MemberFeeds) -> None:
        self.displays = displays
        self.members = members

    def __getitem__(self, name: str) -> ViewFeed:
        if name.startswith(MEMBER_VIEW_PREFIX):
            return self.members.feed(name.removeprefix(MEMBER_VIEW_PREFIX))
        return self.displays[name]

    def __iter__(self) -> Iterator[str]:
        yield from self.displays
        yield from (member_view_name(member) for member in self.members.feeds)

    def __len__(self) -> int:
        return len(self.displays) + len(self.members.feeds)
