"""Help text from task descriptions, which servers send as plain text or as HTML (ArcGIS Pro
publishes `<DIV STYLE=...><P><SPAN>...`), for where QGIS shows it: the algorithm dialog renders
HTML (its help panel, its tooltips), so it gets HTML with only harmless formatting and http(s) links
(scripts, styles, images and events go); qgis_process prints the text as it is, so it gets plain
text, with paragraphs, list items and links written out."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from ..gp_core import Parameter, Task
from .feedback import in_qgis_process

_KEPT = {"p", "br", "b", "strong", "i", "em", "u", "ul", "ol", "li", "code", "pre", "h3", "h4", "div", "span"}
_DROPPED_WITH_CONTENT = {"script", "style", "head", "title"}
_BLOCKS = {"p", "div", "ul", "ol", "pre", "table", "tr", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6"}
#: A tag of the formatting descriptions use: text such as "<input>_out" is plain text, not HTML.
_FORMATTING_TAG = re.compile(
    r"</?(?:p|div|span|br|b|strong|i|em|u|ul|ol|li|a|font|code|pre|h[1-6]|table|tr|td|th|dl|dt|dd)\b[^<>]*>",
    re.IGNORECASE,
)
_SPACES = re.compile(r"\s+")
_BLANK_LINES = re.compile(r"\n{3,}")


class _Sanitiser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED_WITH_CONTENT:
            self._skipping += 1
        elif self._skipping:
            return
        elif tag in _KEPT:
            self.out.append(f"<{tag}>")
        elif tag == "a":
            href = _web_link(attrs)
            self.out.append(f'<a href="{html.escape(href)}">' if href else "<a>")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED_WITH_CONTENT:
            self._skipping = max(0, self._skipping - 1)
        elif not self._skipping and (tag in _KEPT or tag == "a") and tag != "br":
            self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            # HTML's line breaks are spaces; the dialog makes a paragraph of each line of the help
            self.out.append(html.escape(data.replace("\n", " "), quote=False))


class _PlainText(HTMLParser):
    """The text of HTML as a console shows it: blocks as paragraphs, line breaks as new lines, list
    items as "- " lines (the paragraphs within an item run on), a link's address after its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self._skipping = 0
        self._items = 0
        self._links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED_WITH_CONTENT:
            self._skipping += 1
        elif tag in _BLOCKS and not self._items:
            self.out.append("\n\n")
        elif tag == "br":
            self.out.append("\n")
        elif tag == "li":
            self._items += 1
            self.out.append("\n- ")
        elif tag == "a":
            self._links.append(_web_link(attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED_WITH_CONTENT:
            self._skipping = max(0, self._skipping - 1)
        elif tag == "li":
            self._items = max(0, self._items - 1)
        elif tag in _BLOCKS and not self._items:
            self.out.append("\n\n")
        elif tag == "a" and self._links:
            href = self._links.pop()
            if href and not self._skipping:
                self.out.append(f" ({href})")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.out.append(_SPACES.sub(" ", data))

    def text(self) -> str:
        """Paragraphs apart by one blank line, as Processing's own help texts are."""
        lines = "\n".join(line.strip() for line in "".join(self.out).split("\n"))
        return _BLANK_LINES.sub("\n\n", lines).strip()


def _web_link(attrs: list[tuple[str, str | None]]) -> str:
    """The link's address when it is a web one (no javascript:, data:...); else ""."""
    href = (dict(attrs).get("href") or "").strip()
    return href if href.lower().startswith(("http://", "https://")) else ""


def _is_html(text: str) -> bool:
    return bool(_FORMATTING_TAG.search(text))


def sanitised(text: str) -> str:
    """Safe HTML for the dialog; plain text keeps its line breaks."""
    if not _is_html(text):
        return html.escape(text, quote=False).replace("\n", "<br>")
    parser = _Sanitiser()
    parser.feed(text)
    parser.close()
    return "".join(parser.out)


def plain(text: str) -> str:
    """Plain text for a console: HTML's text, or plain text as it is."""
    if not _is_html(text):
        return text.strip()
    parser = _PlainText()
    parser.feed(text)
    parser.close()
    return parser.text()


def task_help(task: Task) -> str:
    """The algorithm's help. In the dialog: the task's description, then each parameter's. Printed
    (qgis_process): the description only, since each argument is printed with its own help."""
    if in_qgis_process():
        return plain(task.description)
    parts = [sanitised(task.description)] if task.description else []
    described = [p for p in task.parameters if p.description]
    if described:
        parts.append("<dl>" + "".join(_parameter(p) for p in described) + "</dl>")
    return "".join(parts)


def _parameter(parameter: Parameter) -> str:
    return f"<dt><b>{html.escape(parameter.label)}</b></dt><dd>{sanitised(parameter.description)}</dd>"
