"""HTML → text lines with BeautifulSoup + lxml: page chrome dropped, block elements as lines."""

from __future__ import annotations

import re
from collections.abc import Callable

from ingest.model import CELL_SEPARATOR

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
    from bs4 import BeautifulSoup, NavigableString

    soup = BeautifulSoup(markup, "lxml")
    for tag in soup.find_all(DROP_TAGS):
        if not tag.decomposed:  # may sit inside an element already dropped
            tag.decompose()
    for tag in soup.find_all(CHROME_TAGS):
        if not tag.decomposed and tag.find_parent(["article", "main"]) is None:
            tag.decompose()
    # Collapse source whitespace first (as a browser does), so the only newlines left are
    # the ones added for block elements below.
    for string in list(soup.find_all(string=True)):
        if type(string) is NavigableString and string.find_parent(["pre", "textarea"]) is None:
            string.replace_with(_collapse(str(string)))
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for tag in soup.find_all(BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    # Innermost rows first, so a nested table is already flat when its outer row is read.
    for tr in reversed(soup.find_all("tr")):
        cells = [
            " ".join(cell.get_text().split()) for cell in tr.find_all(["td", "th"], recursive=False)
        ]
        while cells and not cells[-1]:
            cells.pop()
        tr.replace_with("\n" + CELL_SEPARATOR.join(cells) + "\n")
    lines = (" ".join(line.split()) for line in soup.get_text().split("\n"))
    return "\n".join(line for line in lines if line)
