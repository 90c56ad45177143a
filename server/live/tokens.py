"""Access tokens of one deployment: one per role, in files only their owner can read.

The folder is created 0700 and each token file 0600 (on Windows they keep the access list
of their parent folder, see `server.portable`); a token is compared with every role's token
in constant time, so a wrong guess says nothing about the right one. Beside the role
tokens, each secretary may have a personal control token (server.live.secretaries), read
again whenever its folder changes, so `sesja token add` needs no restart of the server.
"""

import hmac
import secrets
from pathlib import Path

from server import portable
from server.bilingual import BilingualError
from server.live import secretaries

ROLES = ("control", "display", "public")


class TokenError(BilingualError):
    """The token folder cannot be used; the message says why (English and Polish)."""


def default_token_dir(db: Path) -> Path:
    """Tokens live beside the event log: `sesja.db` -> `sesja.db.tokens/`."""
    return db.with_name(db.name + ".tokens")


class TokenStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._tokens = {role: self._load_or_create(role) for role in ROLES}
        self._named: dict[str, str] = {}  # a secretary's name -> their control token
        self._named_stamp: int | None = None

    def path(self, role: str) -> Path:
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}; roles: {', '.join(ROLES)}")
        return self.folder / f"{role}.token"

    def token(self, role: str) -> str:
        return self._tokens[role]

    def role_of(self, token: str) -> str | None:
        """The role this token belongs to, or None; every comparison is constant-time."""
        found = self.holder(token)
        return found[0] if found else None

    def holder(self, token: str) -> tuple[str, str] | None:
        """(role, name) of the token: a role token is named after its role, a secretary's
        personal token opens control under the secretary's name. Every token is compared,
        each in constant time."""
        given = token.encode()
        found = None
        for role, expected in self._tokens.items():
            if hmac.compare_digest(given, expected.encode()):
                found = (role, role)
        for name, expected in self._secretaries().items():
            if hmac.compare_digest(given, expected.encode()):
                found = ("control", name)
        return found

    def _secretaries(self) -> dict[str, str]:
        stamp = secretaries.stamp(self.folder)
        if stamp != self._named_stamp:
            self._named, self._named_stamp = secretaries.read(self.folder), stamp
        return self._named

    def _load_or_create(self, role: str) -> str:
        try:
            portable.private_folder(self.folder)
            path = self.path(role)
            if path.exists():
                portable.make_private(path)
                token = path.read_text(encoding="ascii").strip()
                if len(token) >= 32:
                    return token
            token = secrets.token_urlsafe(32)
            portable.write_private_file(path, token + "\n")
            return token
        except (OSError, UnicodeDecodeError) as error:
            raise TokenError(f"cannot use the token folder {self.folder}: {error}",
                             f"nie można użyć folderu tokenów {self.folder}: {error}") from error
