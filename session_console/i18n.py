"""The console's words: Polish by default, English on request, from gettext catalogs.

Message ids are English; `locale/pl/LC_MESSAGES/sesja.mo` (compiled from `sesja.po`)
holds the Polish. The language is chosen once per process, before the screens are
imported, because key bindings take their descriptions when their classes are built.
"""

import gettext
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "sesja"
LANGUAGES = ("pl", "en")

_translations: gettext.NullTranslations = gettext.translation(
    DOMAIN, LOCALE_DIR, languages=["pl"])
_lang = "pl"


def use(lang: str) -> None:
    """Switches the words to `lang` ("pl" or "en")."""
    global _translations, _lang
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    _translations = (gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang]) if lang == "pl"
                     else gettext.NullTranslations())
    _lang = lang


def lang() -> str:
    return _lang


def _(message: str) -> str:
    return _translations.gettext(message)


def pgettext(context: str, message: str) -> str:
    """The words of `message` in `context` ("member": about one member, e.g. "wstrzymuje się"
    where the tally's plain "abstain" reads "wstrzymało się")."""
    return _translations.pgettext(context, message)
