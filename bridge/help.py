"""Help text from task descriptions, which servers send as plain text or (escaped) HTML: only
harmless formatting and http(s) links are kept; scripts, styles, images and events go."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from ..gp_core import Parameter, Task

_KEPT = {"p", "br", "b", "strong", "i", "em", "u", "ul", "ol", "li", "code", "pre", "h3", "h4", "div", "span"}
_DROPPED_WITH_CONTENT = {"script", "style", "head", "title"}
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")


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
            href = dict(attrs).get("href") or ""
            self.out.append(
                f'<a href="{html.escape(href)}">' if href.lower().startswith(("http://", "https://")) else "<a>"
            )

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED_WITH_CONTENT:
            self._skipping = max(0, self._skipping - 1)
        elif not self._skipping and (tag in _KEPT or tag == "a") and tag != "br":
            self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.out.append(html.escape(data, quote=False))


def sanitised(text: str) -> str:
    """Safe HTML for Processing's help panel; plain text keeps its line breaks."""
    if not _TAG.search(text):
        return html.escape(text, quote=False).replace("\n", "<br>")
    parser = _Sanitiser()
    parser.feed(text)
    parser.close()
    return "".join(parser.out)


def task_help(task: Task) -> str:
    """The algorithm's help: the task's description, then each parameter's."""
    parts = [sanitised(task.description)] if task.description else []
    described = [p for p in task.parameters if p.description]
    if described:
        parts.append("<dl>" + "".join(_parameter(p) for p in described) + "</dl>")
    return "".join(parts)


def _parameter(parameter: Parameter) -> str:
    return f"<dt><b>{html.escape(parameter.label)}</b></dt><dd>{sanitised(parameter.description)}</dd>"
