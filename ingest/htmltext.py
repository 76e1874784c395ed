"""HTML → text lines with BeautifulSoup + lxml: page chrome dropped, block elements as lines."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from ingest.model import CELL_SEPARATOR

if TYPE_CHECKING:
    from bs4 import PageElement

# Never content: code, styling, and the page chrome around a scraped article.
DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "object", "head", "nav")
# Site banners and footers; inside <article>/<main> a header holds the article's own title.
CHROME_TAGS = ("header", "footer")
BLOCK_TAGS = (
    "address", "article", "aside", "blockquote", "caption", "dd", "details", "dialog", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "li", "main", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "ul",
)  # fmt: skip
MAX_NESTED_ROWS = 8  # tables inside table cells, read as cells up to this depth
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# GB2312 and GBK are subsets of GB18030; pages declaring them often use GB18030-only chars.
_CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030"}
_CJK = "[\u3001-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]"
# CSS Text 3: a source line break between two CJK characters renders as nothing, not a space.
_CJK_SEGMENT_BREAK = re.compile(rf"(?<={_CJK})[ \t\r\f]*\n\s*(?={_CJK})")
_WHITESPACE = re.compile(r"\s+")


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a <meta> tag within its first 4 KB, if any."""
    match = _CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii").lower()
    return _CHARSET_ALIASES.get(name, name)


def decode_html(data: bytes, fallback: Callable[[bytes], str]) -> str:
    """Decode as UTF-8 if valid, else by the declared charset, else by `fallback` (txt rules)."""
    # Strict UTF-8 first: GBK text is practically never valid UTF-8, while scraped pages
    # often keep a stale "gb2312" <meta> over UTF-8 bytes, which GB18030 would turn into
    # mojibake without any error.
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    charset = declared_charset(data)
    if charset:
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass  # an unknown or wrong declaration
    return fallback(data)


def _collapse(text: str) -> str:
    return _WHITESPACE.sub(" ", _CJK_SEGMENT_BREAK.sub("", text))


def html_to_text(markup: str) -> str:
    """Visible text of a page, one line per block element; table rows as cells joined by ' | '."""
    from bs4 import BeautifulSoup

    text = _PageText().read(BeautifulSoup(markup, "lxml"))
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


# A step of the walk: a node to read, with what its ancestors make of it, or the end of one.
_Visit = tuple["PageElement", bool, bool, bool]  # node, verbatim, in an article, a row's cell


class _End(NamedTuple):
    kind: str  # "block", "cell" or "row"
    began: int  # where its text began in the output


class _PageText:
    """One walk over the parsed page in document order, with a stack instead of recursion, so
    a page nested thousands of levels deep costs time in proportion to its size.

    What is read: page chrome (DROP_TAGS; CHROME_TAGS outside <article>/<main>) is skipped
    whole; source whitespace collapses as a browser does (not inside <pre>/<textarea>); <br>
    and block elements break lines; a table row becomes its cells (its direct <td>/<th>, each
    on one line, trailing empty ones dropped) joined by CELL_SEPARATOR, a nested table already
    flat inside its cell (up to MAX_NESTED_ROWS deep); only text nodes and CDATA are text
    (comments, doctype are not).
    """

    def __init__(self) -> None:
        self.out: list[str] = []
        self.rows: list[list[str]] = []  # the cells read so far of each open row, innermost last

    def read(self, soup: PageElement) -> str:
        """The page's text, lines not yet tidied."""
        stack: list[_Visit | _End] = [(soup, False, False, False)]
        while stack:
            step = stack.pop()
            if isinstance(step, _End):
                self._end(step)
            else:
                self._visit(step, stack)
        return "".join(self.out)

    def _visit(self, step: _Visit, stack: list[_Visit | _End]) -> None:
        from bs4 import CData, NavigableString, Tag

        node, verbatim, in_article, is_cell = step
        if not isinstance(node, Tag):
            if type(node) is NavigableString:
                self.out.append(str(node) if verbatim else _collapse(str(node)))
            elif type(node) is CData:
                self.out.append(str(node))
            return
        name = node.name
        if name in DROP_TAGS or (name in CHROME_TAGS and not in_article):
            return
        if name == "br":
            self.out.append("\n")
            return
        verbatim = verbatim or name in ("pre", "textarea")
        in_article = in_article or name in ("article", "main")
        if is_cell:  # its line breaks fall outside the row's text
            stack.append(_End("cell", len(self.out)))
        elif name in BLOCK_TAGS:
            self.out.append("\n")
            stack.append(_End("block", len(self.out)))
        # a row nested deeper is read as lines in its cell: flattening costs the size of what
        # a cell holds at each level of nesting
        row = name == "tr" and len(self.rows) < MAX_NESTED_ROWS
        if row:
            self.rows.append([])
            stack.append(_End("row", len(self.out)))
        for child in reversed(node.contents):
            cell = row and isinstance(child, Tag) and child.name in ("td", "th")
            stack.append((child, verbatim, in_article, cell))

    def _end(self, step: _End) -> None:
        kind, began = step
        if kind == "block":
            self.out.append("\n")
        elif kind == "cell":
            text = "".join(self.out[began:])
            del self.out[began:]
            self.rows[-1].append(" ".join(text.split()))
        else:  # a row: its cells replace everything it held
            cells = self.rows.pop()
            while cells and not cells[-1]:
                cells.pop()
            del self.out[began:]
            self.out.append("\n" + CELL_SEPARATOR.join(cells) + "\n")
