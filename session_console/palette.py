"""Ctrl+P: Textual's command palette in the console's words, and finding "Unieważnij" from
"uniewaz" as the member search finds "Łódź" from "lodz"."""

from collections.abc import Sequence

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.fuzzy import FuzzySearch, Matcher
from textual.style import Style
from textual.system_commands import SystemCommandsProvider
from textual.widgets.option_list import Option

from models.polish import fold_letters
from session_console.i18n import _


class FoldingSearch(FuzzySearch):
    """Textual's fuzzy search on the folded letters of the query and of each command."""

    def match(self, query: str, candidate: str) -> tuple[float, Sequence[int]]:
        return super().match(fold_letters(query), fold_letters(candidate))


class FoldingMatcher(Matcher):
    def __init__(self, query: str, *, match_style: Style | None = None,
                 case_sensitive: bool = False) -> None:
        super().__init__(query, match_style=match_style, case_sensitive=case_sensitive)
        self.fuzzy_search = FoldingSearch()


class FoldingCommands(SystemCommandsProvider):
    """The app's commands (ConsoleApp.get_system_commands), matched without diacritics."""

    def matcher(self, user_input: str, case_sensitive: bool = False) -> Matcher:
        return FoldingMatcher(user_input, match_style=self.match_style,
                              case_sensitive=case_sensitive)


class Palette(CommandPalette):
    """The command palette with its placeholder and its "no matches" line in the console's
    language (Textual 8 writes both in English)."""

    def __init__(self) -> None:
        super().__init__(placeholder=_("Search for commands…"), id="--command-palette")

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's own method with the words translated: it builds the line inside.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(Option(
                    Align.center(Text(_("No matches found"), style="not bold")),
                    disabled=True, id=self._NO_MATCHES))
            self._list_visible = bool(search_value)

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
