"""Who may open which role: a token opens its own role and those below it
(control > display > public); with `public` switched on, the public role needs no token."""

from typing import Protocol

ROLE_RANK = {"public": 0, "display": 1, "control": 2}


class Tokens(Protocol):
    """A TokenStore as the authoriser needs it."""

    def role_of(self, token: str) -> str | None: ...

    def holder(self, token: str) -> tuple[str, str] | None: ...


class Authoriser:
    def __init__(self, tokens: Tokens, public: bool) -> None:
        self.tokens = tokens
        self.public = public

    def allows(self, role: str, token: str) -> bool:
        """A token opens its own role and the ones below it; public may need no token."""
        if role == "public" and self.public:
            return True
        granted = self.tokens.role_of(token) if token else None
        return granted is not None and ROLE_RANK[granted] >= ROLE_RANK[role]

    def actor_of(self, token: str) -> str:
        """Who a console's commands are signed by: the connection's token, never what the
        client says. A secretary's personal token gives `remote:NAME`; the shared control
        token `remote:control`."""
        found = self.tokens.holder(token) if token else None
        return f"remote:{found[1] if found else 'control'}"

    @staticmethod
    def role_for_view(view: str) -> str:
        """The role a view's JSON document needs: the public view's, or a display's."""
        return "public" if view == "public" else "display"
