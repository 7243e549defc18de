import pytest

from kg.markup import html_text, html_title, markdown_text


@pytest.mark.parametrize(("source", "text"), [
    ("The director, *Ilsa Varnhagen*, spoke.", "The director, Ilsa Varnhagen, spoke."),
    ("The director, _Ilsa Varnhagen_, met **Tomas Brekke**.", "The director, Ilsa Varnhagen, met Tomas Brekke."),
    ("Her deputy [Ruth Okafor](https://example.org/okafor) flew.", "Her deputy Ruth Okafor flew."),
    ("See <https://example.org/a> and ![a rocket](r.png) now.", "See https://example.org/a and now."),
    ("A `probe-7` and <b>bold</b> words.", "A probe-7 and bold words."),
    ("~~Old~~ New name.", "Old New name."),
    ("Two lines\nof one paragraph.", "Two lines of one paragraph."),
    ("# Lakeville launch\nThe rocket flew.", "Lakeville launch\n\nThe rocket flew."),
    ("- Ilsa Varnhagen\n- Tomas Brekke\n", "Ilsa Varnhagen\n\nTomas Brekke"),
    ("| name | role |\n|---|---|\n| Ruth Okafor | deputy |\n", "name\n\nrole\n\nRuth Okafor\n\ndeputy"),
    ("> Quoted words.\n\n---\n\nAfter.", "Quoted words.\n\nAfter."),
    ("<div>\n<p>A <i>raw</i> block.</p>\n</div>\n\nText.", "A raw block.\n\nText."),
    ("Escaped \\*stars\\* stay.", "Escaped *stars* stay."),
])
def test_markdown_text_keeps_the_words_without_the_markup(source: str, text: str) -> None:
    assert markdown_text(source) == text


@pytest.mark.parametrize(("source", "text"), [
    ("<p>The director, <em>Ilsa Varnhagen</em>, spoke.</p>", "The director, Ilsa Varnhagen, spoke."),
    ("<html><head><title>Launch</title><style>p { color: red }</style></head>"
     "<body><h1>Lakeville launch</h1><p>The rocket flew.</p><script>alert('x')</script></body></html>",
     "Lakeville launch\n\nThe rocket flew."),
    ("<p>Ruth&nbsp;Okafor &amp; Tomas&#32;Brekke</p>", "Ruth Okafor & Tomas Brekke"),
    ("Line one<br>line two<br/>line three", "Line one\nline two\nline three"),
    ("<ul><li>Ilsa</li><li>Tomas</li></ul>", "Ilsa\n\nTomas"),
    ("<p>Kept</p><noscript><p>hidden</p></noscript><svg><text>drawn</text></svg><p>too</p>", "Kept\n\ntoo"),
    ("<p>A <a href='https://example.org'>link</a>\n   over   lines.</p>", "A link over lines."),
])
def test_html_text_is_what_a_browser_shows(source: str, text: str) -> None:
    assert html_text(source) == text


def test_html_title() -> None:
    assert html_title("<head><title>\n Lakeville &amp; launch </title></head><p>x</p>") == "Lakeville & launch"
    assert html_title("<p>no title</p>") is None
