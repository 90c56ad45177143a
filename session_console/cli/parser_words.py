"""The command line's own messages (argparse's usage errors: an unknown command, a missing
argument, a value not among the choices) in the command's language: Polish unless the
command line holds `--lang en` (docs/decisions.md, "The command line's language").

argparse says them through gettext's `_` and `ngettext`, looked up in its module when a
message is made; while `sesja` parses its command line they are the `argparse` catalogue's
(`locale/pl/LC_MESSAGES/argparse.po`, compiled to `.mo`) and are put back after. `--help`
stays English, as the help texts are. Light on purpose: every command's parser imports it.
"""

import argparse
import gettext
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "argparse"
DEFAULT_LANG = "pl"
SAYS = ("_", "ngettext")  # argparse's names for gettext's `gettext` and `ngettext`

_lang = DEFAULT_LANG


def lang_of(argv: Sequence[str]) -> str:
    """The language a command line asks for: the last `--lang X` (or `--lang=X`) before a
    lone `--`, "en" or "pl"; Polish when none is given or the value is neither."""
    chosen = DEFAULT_LANG
    for index, word in enumerate(argv):
        if word == "--":
            break
        value = (word.removeprefix("--lang=") if word.startswith("--lang=")
                 else argv[index + 1] if word == "--lang" and index + 1 < len(argv) else None)
        if value in ("pl", "en"):
            chosen = value
    return chosen


def translations(lang: str) -> gettext.NullTranslations:
    if lang == "pl":
        return gettext.translation(DOMAIN, LOCALE_DIR, languages=["pl"])
    return gettext.NullTranslations()


@contextmanager
def argparse_in(lang: str) -> Iterator[None]:
    """argparse's messages in `lang` for the block (`said` answers in it too)."""
    global _lang
    words = translations(lang)
    saved = {name: getattr(argparse, name) for name in SAYS}, _lang
    for name in SAYS:
        setattr(argparse, name, getattr(words, name.replace("_", "gettext")))
    _lang = lang
    try:
        yield
    finally:
        for name, said_before in saved[0].items():
            setattr(argparse, name, said_before)
        _lang = saved[1]


def said(en: str, pl: str) -> str:
    """A message of the command line's own checks while it is parsed (an argument's type),
    in the language the command line asks for."""
    return pl if _lang == "pl" else en


class SesjaParser(argparse.ArgumentParser):
    """argparse's parser whose help is English whatever the language of its errors."""

    def format_help(self) -> str:
        with argparse_in("en"):
            return super().format_help()

    def parse_in(self, argv: Sequence[str]) -> argparse.Namespace:
        """`parse_args` with argparse's messages in the language `argv` asks for."""
        with argparse_in(lang_of(argv)):
            return self.parse_args(argv)
