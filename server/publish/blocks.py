"""Documents written as blocks (heading, paragraph, list item indented by four spaces a
level), rendered once as Markdown and once as an accessible HTML page: the minutes draft
and the convocation notice share these two renderers."""

from collections.abc import Sequence
from html import escape

from server.publish.html_pages import page

Block = tuple[str, str]  # ("h1" | "h2" | "h3" | "p" | "li", text)

_PREFIXES = {"h1": "# ", "h2": "## ", "h3": "### "}


def markdown(blocks: Sequence[Block]) -> str:
    lines: list[str] = []
    for kind, text in blocks:
        if kind == "li":
            depth = (len(text) - len(text.lstrip(" "))) // 4
            lines.append(f"{'  ' * depth}- {text.lstrip(' ')}")
            continue
        if lines and lines[-1].lstrip().startswith("- "):
            lines.append("")
        lines.extend((_PREFIXES.get(kind, "") + text, ""))
    return "\n".join(lines).rstrip() + "\n"


def html(blocks: Sequence[Block]) -> str:
    """A page titled by the first block."""
    parts: list[str] = []
    in_list = False
    for kind, text in blocks:
        if kind == "li" and not in_list:
            parts.append("<ul>")
        if kind != "li" and in_list:
            parts.append("</ul>")
        in_list = kind == "li"
        parts.append(f"<{kind}>{escape(text.strip())}</{kind}>")
    if in_list:
        parts.append("</ul>")
    return page(blocks[0][1], "".join(parts))
