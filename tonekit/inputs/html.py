"""HTML into the article text tonekit extracts from: the page's body, without menus or footers.

A saved news page holds the article among navigation, teasers and boilerplate, with its
characters written as entities (``&ldquo;``). Extraction needs the article's paragraphs, one per
line, with real characters, so the body is found by trafilatura (made for this, kept up to date,
in the ``tonekit[html]`` extra), entities decoded. When it finds no article body (a fragment such
as ``<p>...</p>`` in a JSON record, a page that is all links), the page's visible text is used
instead, one block element per line, and the item says so. Offsets of the quotes then refer to
the extracted text, which is what every record holds.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from .._extras import require

__all__ = ["Extracted", "extract_html", "looks_like_html_page", "BODY", "PAGE_TEXT"]

BODY = "html article body"  # trafilatura found the article
PAGE_TEXT = "html page text"  # no article body: all visible text
_PAGE = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>])", re.IGNORECASE | re.DOTALL)
_BLOCKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "article",
                     "tr", "table", "ul", "ol", "header", "footer", "pre", "hr", "dd", "dt", "figcaption"})
_HIDDEN = frozenset({"script", "style", "noscript", "template", "head", "svg"})


@dataclass(frozen=True, slots=True)
class Extracted:
    """The text of a page and how it was found (:data:`BODY` or :data:`PAGE_TEXT`)."""

    text: str
    how: str


def looks_like_html_page(text: str) -> bool:
    """A whole HTML document (a doctype or ``<html>`` first), not prose that mentions a tag."""
    return _PAGE.match(text[:2000]) is not None


def _trafilatura() -> Any:
    return require("trafilatura", "html", "reading HTML")


class _VisibleText(HTMLParser):
    """Visible text, one block element per line (script, style and head left out)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def _visible_text(markup: str) -> str:
    parser = _VisibleText()
    parser.feed(markup)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def extract_html(markup: str) -> Extracted:
    """The article text of ``markup``: trafilatura's body, else the visible text; entities decoded.
    Raises :class:`~tonekit.errors.ExtraNotInstalledError` when the ``html`` extra is not installed."""
    extractor = _trafilatura()
    quiet = logging.getLogger("trafilatura")  # it logs an ERROR for every fragment it finds no body in
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)
    try:
        body = extractor.extract(markup, output_format="txt", include_comments=False, include_tables=False,
                                 deduplicate=False, with_metadata=False)
    finally:
        quiet.setLevel(level)
    if body and body.strip():
        return Extracted(body.strip(), BODY)  # trafilatura has decoded the entities
    return Extracted(_visible_text(markup), PAGE_TEXT)
