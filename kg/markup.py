"""The text of Markdown and HTML documents: what a reader sees, without the markup.

Markdown is parsed by markdown-it-py (CommonMark, with tables); HTML by the standard library's
html.parser. Blocks (paragraphs, headings, list items, table cells) end in a line break, so that
sentences do not run into each other; scripts, styles and images are left out.

>>> markdown_text("Orbex chief *Mara Quill* met [Tom Reed](https://example.org/reed).")
'Orbex chief Mara Quill met Tom Reed.'
>>> html_text("<p>Orbex chief <b>Mara Quill</b></p><script>x = 1</script><p>met Tom&nbsp;Reed.</p>")
'Orbex chief Mara Quill\\n\\nmet Tom Reed.'
"""

from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser

from markdown_it import MarkdownIt
from markdown_it.token import Token

# elements whose content is not text a reader sees
HIDDEN = {"script", "style", "noscript", "template", "title", "svg", "math", "iframe", "object", "canvas"}
# elements that end a block of text
BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
    "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul",
}
# inline tokens of markdown-it whose content is text
INLINE_TEXT = {"text", "code_inline"}


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def markdown_text(source: str) -> str:
    """The text of a Markdown document: emphasis and links keep their words, images and raw HTML tags
    are left out, each block ends in a line break."""
    parts: list[str] = []
    for token in _markdown().parse(source):
        if token.type == "inline":
            parts.extend(_inline(token.children or []))
        elif token.type in ("fence", "code_block"):
            parts.append(token.content)
        elif token.type == "html_block":
            parts.append(html_text(token.content))
        if token.nesting == -1 or token.type in ("fence", "code_block", "html_block", "hr"):
            parts.append("\n\n")
    return _tidy("".join(parts))


def _inline(children: list[Token]) -> list[str]:
    out = []
    for child in children:
        if child.type in INLINE_TEXT:
            out.append(child.content)
        elif child.type == "softbreak":
            out.append(" ")
        elif child.type == "hardbreak":
            out.append("\n")
    return out


def html_text(source: str) -> str:
    """The text of an HTML document or fragment: character references decoded, scripts, styles and the
    title left out, each block ends in a line break."""
    parser = _TextParser()
    parser.feed(source)
    parser.close()
    return _tidy("".join(parser.parts))


def html_title(source: str) -> str | None:
    """The <title> of an HTML document, if it has one.

    >>> html_title("<html><head><title> Orbex &amp; news </title></head></html>")
    'Orbex & news'
    """
    parser = _TextParser()
    parser.feed(source)
    parser.close()
    title = " ".join("".join(parser.title).split())
    return title or None


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.hidden: list[str] = []  # the open elements whose content is left out
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        if tag in HIDDEN:
            self.hidden.append(tag)
        elif tag in BLOCKS and not self.hidden:
            self.parts.append("\n" if tag == "br" else "\n\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCKS and not self.hidden:
            self.parts.append("\n" if tag == "br" else "\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in self.hidden:  # also closes what was left open inside it
            del self.hidden[self.hidden.index(tag):]
        elif tag in BLOCKS and not self.hidden:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.hidden:
            self.parts.append(re.sub(r"\s+", " ", data))


def _tidy(text: str) -> str:
    """One space between words, none at the ends of lines, at most one empty line between blocks."""
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", re.sub(r"[ \t]{2,}", " ", text))
    return re.sub(r"\n{3,}", "\n\n", text).strip()
