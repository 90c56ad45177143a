"""Personal control tokens: one per secretary, so the log can say who did what.

Each is a file `secretaries/NAME.token` in the token folder (0600, like the role tokens;
the folder 0700), holding the token. The name is the file's name, so `ls` shows who may
drive the sitting and deleting a file takes the right away (the server sees it on the next
hello). A remote console that says hello with such a token is the secretary NAME: the
server signs its commands `remote:NAME`, whatever the client claims.
"""

import re
import secrets
from pathlib import Path

from server import portable
from server.bilingual import BilingualError

FOLDER = "secretaries"
SUFFIX = ".token"
# letters (Polish included), digits, spaces, dots, hyphens, apostrophes: a person's name,
# and never a path
NAME = re.compile(r"[^\W_][\w .'-]{0,39}")


class SecretaryError(BilingualError):
    """The name cannot be used, or the folder cannot be written; says why (English and
    Polish)."""


def checked_name(name: str) -> str:
    name = name.strip()
    if not NAME.fullmatch(name) or name.endswith((" ", ".")):
        raise SecretaryError(
            f"{name!r} cannot name a secretary: use 1-40 letters, digits, spaces, dots, "
            "hyphens or apostrophes, starting with a letter or digit",
            f"„{name}” nie może być nazwą sekretarza: użyj od 1 do 40 liter, cyfr, spacji, "
            "kropek, łączników lub apostrofów, zaczynając od litery lub cyfry")
    return name


def folder_of(token_dir: Path) -> Path:
    return token_dir / FOLDER


def add(token_dir: Path, name: str) -> str:
    """Makes (or replaces: a rotation) NAME's personal control token; returns it."""
    name = checked_name(name)
    token = secrets.token_urlsafe(32)
    try:
        portable.private_folder(token_dir)
        portable.private_folder(folder_of(token_dir))
        portable.write_private_file(folder_of(token_dir) / f"{name}{SUFFIX}", token + "\n")
    except OSError as error:
        raise SecretaryError(f"cannot write to the token folder {token_dir}: {error}",
                             f"nie można zapisać w folderze tokenów {token_dir}: {error}"
                             ) from error
    return token


def remove(token_dir: Path, name: str) -> None:
    path = folder_of(token_dir) / f"{checked_name(name)}{SUFFIX}"
    try:
        path.unlink()
    except FileNotFoundError:
        folder = folder_of(token_dir)
        raise SecretaryError(f"no secretary named {name!r} in {folder}",
                             f"w {folder} nie ma sekretarza o nazwie „{name}”") from None
    except OSError as error:
        raise SecretaryError(f"cannot remove {path}: {error}",
                             f"nie można usunąć {path}: {error}") from error


def read(token_dir: Path) -> dict[str, str]:
    """Every secretary's token by name (files that are not a valid token are skipped)."""
    tokens = {}
    folder = folder_of(token_dir)
    if not folder.is_dir():
        return {}
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        name = path.name.removesuffix(SUFFIX)
        try:
            token = path.read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            continue
        if NAME.fullmatch(name) and len(token) >= 32:
            tokens[name] = token
    return tokens


def stamp(token_dir: Path) -> int | None:
    """Changes when a secretary's file is added, replaced or removed (the folder's mtime)."""
    try:
        return folder_of(token_dir).stat().st_mtime_ns
    except OSError:
        return None
