"""F1 and the palette list every class's BINDINGS, written either way Textual takes them."""

from textual.binding import Binding

from session_console.help import declared, key_name


def test_a_binding_written_as_a_tuple_is_listed_like_a_binding() -> None:
    bindings = declared([("ctrl+s", "save", "Zapisz"), ("f9", "quit"),
                         Binding("slash", "search", "Szukaj", show=False)])
    assert [(key_name(b), b.action, b.description, b.show) for b in bindings] == [
        ("Ctrl+S", "save", "Zapisz", True), ("F9", "quit", "", True),
        ("/", "search", "Szukaj", False)]
