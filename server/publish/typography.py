"""Typography of the published text: Polish quotation marks and sentences' full stops."""

_OPENS_AFTER = " \t\n([{/–—-„‚"


def quotes(text: str) -> str:
    """Polish quotation marks, a quote inside a quote in single ones: „a ‚b’ c”.

    Straight quotes open after a space or a bracket (or at the start) and close elsewhere;
    „ opens and ” closes; a mark opened inside a quote becomes ‚ and its closing ’. An
    apostrophe (’ outside a nested quote) and an unmatched closing mark stay as they are."""
    out: list[str] = []
    depth = 0
    for index, char in enumerate(text):
        before = text[index - 1] if index else " "
        if char == "„" or (char in '"“' and (before in _OPENS_AFTER or (char == "“" and not depth))):
            out.append("„" if depth % 2 == 0 else "‚")
            depth += 1
        elif char in '”"“' and depth:
            depth -= 1
            out.append("”" if depth % 2 == 0 else "’")
        elif char == "’" and depth % 2 == 0 and depth:
            depth -= 1
            out.append("’")
        else:
            out.append(char)
    return "".join(out)


def sentence(text: str) -> str:
    """The text as a sentence: a full stop added unless it ends with its own mark."""
    text = text.rstrip()
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."
