"""Access tokens of one deployment: one per role, in files only their owner can read.

The folder is created 0700 and each token file 0600; a token is compared with every
role's token in constant time, so a wrong guess says nothing about the right one.
"""

import hmac
import os
import secrets
from pathlib import Path

ROLES = ("control", "display", "public")


class TokenError(Exception):
    """The token folder cannot be used; the message says why."""


def default_token_dir(db: Path) -> Path:
    """Tokens live beside the event log: `sesja.db` -> `sesja.db.tokens/`."""
    return db.with_name(db.name + ".tokens")


class TokenStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._tokens = {role: self._load_or_create(role) for role in ROLES}

    def path(self, role: str) -> Path:
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}; roles: {', '.join(ROLES)}")
        return self.folder / f"{role}.token"

    def token(self, role: str) -> str:
        return self._tokens[role]

    def role_of(self, token: str) -> str | None:
        """The role this token belongs to, or None; every comparison is constant-time."""
        given = token.encode()
        found = None
        for role, expected in self._tokens.items():
            if hmac.compare_digest(given, expected.encode()):
                found = role
        return found

    def _load_or_create(self, role: str) -> str:
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.chmod(self.folder, 0o700)
            path = self.path(role)
            if path.exists():
                os.chmod(path, 0o600)
                token = path.read_text(encoding="ascii").strip()
                if len(token) >= 32:
                    return token
            token = secrets.token_urlsafe(32)
            descriptor = os.open(path.with_suffix(".tmp"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC,
                                 0o600)
            with os.fdopen(descriptor, "w", encoding="ascii") as handle:
                handle.write(token + "\n")
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(path.with_suffix(".tmp"), path)
            return token
        except (OSError, UnicodeDecodeError) as error:
            raise TokenError(f"cannot use the token folder {self.folder}: {error}") from error
