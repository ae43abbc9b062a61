"""The one reader of every command's inputs: files, folders, JSON Lines, CSV and stdin in, one
:class:`Item` (or :class:`ItemError`) per article out.

Its modules, one concern each: :mod:`.readers` (input kinds, records, ids: where an input becomes
an error record), :mod:`.decode` (bytes into text, for every reader: UTF-8, UTF-16/32 with a
byte-order mark, line ends; what offsets refer to), :mod:`.charset` (the encoding an HTML page
declares, read as a browser reads it), :mod:`.html` (the article body of an HTML page) and
:mod:`.language` (which language an article is in, and the warning when it is not English).
"""

from .decode import decode_text, normalise_newlines
from .html import extract_html, looks_like_html_page
from .language import detect_language, language_warning
from .readers import DEFAULT_MAX_BYTES, STDIN_FORMATS, Item, ItemError, count_hint, iter_items, iter_statements

__all__ = ["DEFAULT_MAX_BYTES", "STDIN_FORMATS", "Item", "ItemError", "count_hint", "iter_items", "iter_statements",
           "decode_text", "normalise_newlines", "extract_html", "looks_like_html_page", "detect_language",
           "language_warning"]
