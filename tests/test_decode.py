"""Bytes to text: binary detection, encodings, content sniffing, newlines and the decode stage."""

from __future__ import annotations

import codecs
import dataclasses
import gzip
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean.config import LimitsConfig
from newsclean.document import Doc, RawDocument
from newsclean.errors import Reject
from newsclean.io.decode import (
    Decoded,
    DecodeStage,
    binary_evidence,
    charset_codec,
    declared_charset,
    decode_bytes,
    looks_binary,
    normalize_newlines,
    sniff_content_type,
)
from newsclean.pipeline import start_document
from newsclean.records import ContentType, RejectReason, StageName

WESTERN = "café, naïve — “quoted”"
PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Story</title></head>
<body><article><h1>Headline</h1><p>The council met on Monday.</p></article></body></html>
"""

ARTICLE_ABOUT_HTML = (
    "The city's new website went live on Tuesday after two years of work.\n\n"
    + "Officials said the old pages had been written by hand, one paragraph at a time. " * 8
    + "\n\nA developer explained that every paragraph was wrapped as <p>text</p>, with <div> and "
    "<span> tags for layout, which made changes slow.\n\n"
    + "Residents can now pay parking fines and book sports halls online, the council said. " * 8
)

#: A tutorial quoting a page's source as its code sample: dense markup, but on a block of lines between prose.
ARTICLE_WITH_CODE_SAMPLE = (
    "Testing a small library in the browser takes one page and three scripts.\n\n"
    + "The runner loads the library, the tests and a reporter, and shows the results on the page. " * 3
    + "\n\nHere is the test file we use:\n\n"
    + "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>Test</title>\n</head>\n<body>\n"
    + "<div id=\"results\"></div>\n<script src=\"vendor/runner.js\"></script>\n"
    + "<script src=\"library.js\"></script>\n<script src=\"library_test.js\"></script>\n</body>\n</html>\n\n"
    + "Notice that the library is loaded before its tests, so that the runner can measure what they cover. " * 4
    + "\n\nThe file must be served over HTTP for the reporter to load; a local server is enough. " * 3
)
#: A saved page under the header lines a scraper writes above it.
PAGE_UNDER_SCRAPER_HEADER = "Title: Story\nURL: https://example.org/story\nDate: 2024-05-01\n\n" + PAGE.replace(
    "<html", "\n<html").replace("<body>", "\n<body>\n")


def doc_of(data: bytes | str, hint: ContentType | None = None) -> Doc:
    return start_document(RawDocument(source="input.txt", data=data, content_type=hint))


# --- binary detection ---------------------------------------------------------------------------

@pytest.mark.parametrize(("data", "evidence"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
    (b"GIF89a\x01\x00", "GIF image"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "PDF document"),
    (b"PK\x03\x04\x14\x00", "ZIP archive"),
    (gzip.compress(b"hello"), "gzip data"),
    (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "WebP image"),
    (bytes(range(1, 9)) * 10, "nothing but control characters"),
    (codecs.BOM_UTF16_LE + "".join(map(chr, range(1, 9))).encode("utf-16-le") * 9, "nothing but control"),
    (random.Random(3).randbytes(4096) + b" short tail", "binary runs"),
])
def test_binary_content_is_recognised(data: bytes, evidence: str) -> None:
    assert looks_binary(data)
    assert evidence in (binary_evidence(data) or "")


@pytest.mark.parametrize("seed", range(20))
def test_random_bytes_look_binary(seed: int) -> None:
    noise = random.Random(seed).randbytes(4096)
    assert looks_binary(noise)
    assert looks_binary(noise.decode("utf-8", "replace"))  # the same decoded by a careless scraper


@pytest.mark.parametrize("data", [
    b"",
    b"Plain ASCII text.\n",
    WESTERN.encode("utf-8"),
    WESTERN.encode("cp1252"),
    "Привет, мир".encode("cp1251"),
    "UTF-16 text with its BOM".encode("utf-16"),  # NUL bytes are fine after a UTF-16 BOM
    "UTF-32 text".encode("utf-32"),
    "UTF-16 text without a byte order mark".encode("utf-16-le"),
    b"Tabs\tand\r\nline breaks\fand a form feed",
    b"A stray control \x0b character in a long enough line of ordinary prose, as old files have.",
    b"GIF is a format; PDF too.",  # names of formats are not their signatures
    # damaged text is text: what remains once the damage is cut decides
    b"Paragraph one.\x00\x00Paragraph two.\x00Paragraph three.",
    bytes(range(1, 9)) * 100 + b"The article after a broken export's control characters.",
    b"The story begins. " * 20 + random.Random(5).randbytes(512) + b" The story goes on. " * 20,
])
def test_text_does_not_look_binary(data: bytes) -> None:
    assert not looks_binary(data)


# --- decoding -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("data", "text", "encoding", "confident"), [
    (codecs.BOM_UTF8 + WESTERN.encode(), WESTERN, "utf-8", True),
    (WESTERN.encode("utf-16-le").join([codecs.BOM_UTF16_LE, b""]), WESTERN, "utf-16-le", True),
    (codecs.BOM_UTF16_BE + WESTERN.encode("utf-16-be"), WESTERN, "utf-16-be", True),
    (codecs.BOM_UTF32_LE + WESTERN.encode("utf-32-le"), WESTERN, "utf-32-le", True),
    (WESTERN.encode("utf-8"), WESTERN, "utf-8", True),
    (b"", "", "utf-8", True),
    (WESTERN.encode("cp1252"), WESTERN, "cp1252", False),  # a statistical guess
    # UTF-8 with a few bad bytes stays UTF-8, the bad bytes replaced (no code page guessed)
    (WESTERN.encode() + b" \xff\xfe.", WESTERN + " \ufffd\ufffd.", "utf-8", False),
])
def test_decode_bytes(data: bytes, text: str, encoding: str, confident: bool) -> None:
    assert decode_bytes(data) == Decoded(text, encoding, confident)


def test_longer_legacy_texts_are_guessed() -> None:
    russian = "Правительство объявило о новых мерах поддержки. " * 5
    assert decode_bytes(russian.encode("cp1251")).text == russian
    german = "Die Bürger müssen größere Straßen überqueren, sagte der Bürgermeister. " * 5
    assert decode_bytes(german.encode("cp1252")).text == german


@pytest.mark.parametrize("declaration", [
    '<meta charset="windows-1251">',
    "<meta charset=windows-1251>",
    '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">',
])
def test_declared_charset_is_used_when_it_decodes_cleanly(declaration: str) -> None:
    html = f"<html><head>{declaration}</head><body><p>Да, это так.</p></body></html>"
    decoded = decode_bytes(html.encode("cp1251"))
    assert decoded == Decoded(html, "cp1251", True, ("the document", "windows-1251"))


@pytest.mark.parametrize(("head", "codec"), [
    (b'<meta charset="ISO-8859-1">', "cp1252"),  # browsers read Latin-1 as windows-1252
    (b'<meta charset="us-ascii">', "cp1252"),
    (b'<meta charset="iso-8859-15">', "iso8859-15"),
    (b'<?xml version="1.0" encoding="koi8-r"?>', "koi8-r"),
    (b'<meta charset="no-such-charset">', None),
    (b"<p>no declaration</p>", None),
])
def test_declared_charset(head: bytes, codec: str | None) -> None:
    assert declared_charset(head) == codec


@pytest.mark.parametrize(("label", "codec"), [
    # as browsers read them (WHATWG Encoding Standard), not as Python's codec registry does
    ("iso-8859-9", "cp1254"),  # Turkish pages are windows-1254: its quotes and euro sign too
    ("ISO-8859-8-I", "iso8859-8"),  # Hebrew, logical order (Python knows no such label)
    ("gb2312", "gb18030"),  # GBK, whose decoder is the gb18030 decoder
    ("shift_jis", "cp932"),  # with Microsoft's extensions, as every browser decodes it
    ("euc-kr", "cp949"),  # Unified Hangul Code
    ("latin1", "cp1252"),
    ("us-ascii", "cp1252"),
    (" utf-8 ", "utf-8"),
    ("x-user-defined", None),  # bytes to private-use characters: never what a page means
    ("iso-2022-kr", None),  # the "replacement" encoding: browsers refuse to decode it
    ("utf-16", None),  # a UTF-16 declaration without a byte order mark is a stale one
    ("punycode", None),  # a Python codec, no charset of the web
    ("nonsense", None),
])
def test_charset_labels_resolve_as_browsers_resolve_them(label: str, codec: str | None) -> None:
    assert charset_codec(label) == codec


#: Each text holds a character the narrow codec of its label lacks, or one the label's
#: ISO standard puts elsewhere: what a page in the browsers' encoding really contains.
MISLABELLED = [
    ("iso-8859-9", "cp1254", "“Şehir” kütüphanesi 40.000 € tuttu — çok ucuz."),
    ("iso-8859-8-i", "iso8859-8", "הספרייה הצפה נפתחה בנמל ביום שבת."),
    ("gb2312", "gb18030", "港口小镇的浮动图书馆开幕了，镕铁。"),  # 镕 is GBK, not GB 2312
    ("shift_jis", "cp932", "港町に浮かぶ図書館が開館した①。"),  # ① is a Microsoft (NEC) extension
    ("euc-kr", "cp949", "항구 마을에 떠 있는 도서관이 문을 열었다 똠."),  # 똠 is UHC, not KS X 1001
]


@pytest.mark.parametrize(("label", "codec", "text"), MISLABELLED)
def test_pages_decode_in_the_encoding_their_label_means(label: str, codec: str, text: str) -> None:
    html = f'<html><head><meta charset="{label}"><title>t</title></head><body><p>{text}</p></body></html>'
    decoded = decode_bytes(html.encode(codec))
    assert decoded == Decoded(html, codec, True, ("the document", label))


@pytest.mark.parametrize(("label", "codec", "text"), MISLABELLED)
def test_a_charset_from_the_http_header_is_followed(label: str, codec: str, text: str) -> None:
    data = f"<html><body><p>{text}</p></body></html>".encode(codec)
    assert decode_bytes(data, declared=label) == Decoded(data.decode(codec), codec, True, ("the HTTP header", label))


def test_the_http_header_outranks_the_page_and_strict_utf8_outranks_both() -> None:
    page = '<html><head><meta charset="koi8-r"></head><body><p>Да, это так.</p></body></html>'
    assert decode_bytes(page.encode("cp1251"), declared="windows-1251").encoding == "cp1251"
    assert decode_bytes(page.encode("utf-8"), declared="iso-8859-1") == Decoded(page, "utf-8", True)
    # a header whose charset cannot decode the bytes gives way to the page's declaration
    assert decode_bytes(page.encode("koi8-r"), declared="utf-8").encoding == "koi8-r"


def test_latin1_declaration_decodes_windows_1252_quotes() -> None:
    html = b'<html><head><meta charset="iso-8859-1"></head><body>\x93Caf\xe9\x94 \x96 ok</body></html>'
    decoded = decode_bytes(html)
    assert "“Café” – ok" in decoded.text
    assert (decoded.encoding, decoded.confident) == ("cp1252", True)


def test_declaration_beyond_the_scan_window_is_ignored() -> None:
    html = b"<html><head>" + b"<!-- padding -->" * 200 + b'<meta charset="koi8-r"></head>\xf0\xd2'
    assert declared_charset(html) is None


@settings(max_examples=300)
@given(st.binary(max_size=2048))
def test_decode_never_raises(data: bytes) -> None:
    decoded = decode_bytes(data)
    assert isinstance(decoded.text, str)
    looks_binary(data)
    sniff_content_type(decoded.text, None)


CHARSET_LABELS = ["utf-8", "utf-16", "koi8-r", "punycode", "idna", "undefined", "rot13", "base64",
                  "unicode_escape", "mbcs", "x-user-defined", "latin1", "shift_jis", "nonsense"]


@settings(max_examples=300)
@given(st.one_of(st.sampled_from(CHARSET_LABELS), st.from_regex(r"[A-Za-z0-9._:-]{1,20}", fullmatch=True)),
       st.binary(max_size=512))
def test_decode_never_raises_whatever_the_page_declares(label: str, body: bytes) -> None:
    data = f'<html><head><meta charset="{label}"></head><body>'.encode() + body
    assert isinstance(decode_bytes(data).text, str)


@pytest.mark.parametrize("label", ["punycode", "idna", "undefined", "rot13", "base64", "utf-16",
                                   "unicode_escape", "raw_unicode_escape"])
def test_labels_that_are_no_page_charset_are_ignored(label: str) -> None:
    data = f'<meta charset="{label}"><p>caf'.encode() + b"\xe9</p>"
    assert decode_bytes(data).encoding not in {label, codecs.lookup(label).name}


@settings(max_examples=200)
@given(st.text(max_size=500))
def test_utf8_text_round_trips(text: str) -> None:
    assert decode_bytes(text.encode("utf-8")) == Decoded(text.removeprefix("\ufeff"), "utf-8", True)


# --- sniffing and newlines ----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "hint", "expected"), [
    (PAGE, None, ContentType.HTML),
    ("\ufeff  \n" + PAGE, None, ContentType.HTML),
    ('<?xml version="1.0"?>\n<!-- saved -->\n<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>',
     None, ContentType.HTML),
    ("<HTML><BODY>Old school</BODY></HTML>", None, ContentType.HTML),
    ("<head><title>t</title></head>", None, ContentType.HTML),
    ('<div class="story"><p>One.</p><p>Two.</p><a href="/x">more</a></div>', None, ContentType.HTML),
    ("Editors wrap paragraphs in <p> tags and links in <a href> tags. " * 20, None, ContentType.TEXT),
    (ARTICLE_ABOUT_HTML, None, ContentType.TEXT),  # tags and a closing tag, but few for the text around
    (ARTICLE_WITH_CODE_SAMPLE, ContentType.TEXT, ContentType.TEXT),  # dense markup, on a block between prose
    (PAGE_UNDER_SCRAPER_HEADER, ContentType.TEXT, ContentType.HTML),  # markup on most of the text
    ("The <p> element is the workhorse of HTML, and <div> its container.", None, ContentType.TEXT),
    ("Just a story about the council.", None, ContentType.TEXT),
    ("Just a story about the council.", ContentType.HTML, ContentType.HTML),  # the hint decides
    ("<htmlish> is not a tag", None, ContentType.TEXT),
    ("", None, ContentType.TEXT),
])
def test_sniff_content_type(text: str, hint: ContentType | None, expected: ContentType) -> None:
    assert sniff_content_type(text, hint) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("a\r\nb", "a\nb"),
    ("a\rb\r", "a\nb\n"),
    ("a\r\n\r\nb", "a\n\nb"),
    ("a\n\rb", "a\n\nb"),
    ("unchanged\n", "unchanged\n"),
])
def test_normalize_newlines(text: str, expected: str) -> None:
    assert normalize_newlines(text) == expected


# --- the stage ----------------------------------------------------------------------------------

STAGE = DecodeStage(LimitsConfig())


def test_stage_name() -> None:
    assert STAGE.name is StageName.DECODE


def test_plain_text_document() -> None:
    out = STAGE(doc_of(b"Headline\r\n\r\nThe body.\r"))
    assert (out.content_type, out.text, out.html, out.warnings) == (
        ContentType.TEXT, "Headline\n\nThe body.\n", None, ())


def test_html_document() -> None:
    out = STAGE(doc_of(PAGE.encode()))
    assert (out.content_type, out.html, out.text) == (ContentType.HTML, PAGE, "")


def test_already_decoded_text_is_taken_as_is() -> None:
    out = STAGE(doc_of("\ufeffJSON text\r\nwith é", hint=ContentType.TEXT))
    assert (out.text, out.warnings) == ("JSON text\nwith é", ())


def test_html_hint_from_the_container() -> None:
    out = STAGE(doc_of("<p>A fragment with one paragraph.</p>", hint=ContentType.HTML))
    assert out.content_type is ContentType.HTML and out.html == "<p>A fragment with one paragraph.</p>"


def test_c1_controls_are_left_for_later() -> None:
    # in real text a C1 control is a windows-1252 character read as Latin-1: ftfy repairs it later
    out = STAGE(doc_of("It was \x93quoted\x94 \x96 and more than enough ordinary words around it."))
    assert "\x93quoted\x94" in out.text and out.warnings == ()


@pytest.mark.parametrize(("data", "text", "warning"), [
    (b"Text with a \x0b vertical tab and words.", "Text with a  vertical tab and words.",
     "removed 1 control character at byte offsets 12"),
    (b"Title\x00First paragraph.\x00\x00Second.\x00", "Title\nFirst paragraph.\nSecond.",
     "removed 4 control characters at byte offsets 5, 22-24, 31"),
    ("Sat\x08urday, \x1b[1;31mred\x1b[0m and a bell\x07.", "Saturday, red and a bell.",
     "removed 4 control characters at character offsets 3, 11-18, 21-25, 36"),  # colour codes go whole
    (bytes(range(1, 9)) * 50 + b"The article.", "The article.",
     "removed 400 control characters at byte offsets 0-400"),
    (codecs.BOM_UTF16_LE + "One.\x00Two.".encode("utf-16-le"), "One.\nTwo.",
     "removed 1 control character at character offsets 4"),
])
def test_control_characters_and_binary_runs_are_cut_with_a_warning(data, text, warning) -> None:
    out = STAGE(doc_of(data))
    assert out.text == text
    assert warning in out.warnings


def test_a_binary_run_inside_an_article_is_cut() -> None:
    before, after = "The story begins here. " * 10, " The story goes on." * 10
    junk = random.Random(9).randbytes(700)
    out = STAGE(doc_of(before.encode() + junk + after.encode()))
    assert out.text == before + after  # the junk and nothing else: the spaces around it stay
    (warning,) = out.warnings
    assert warning.startswith("removed 1 binary run (")


@pytest.mark.parametrize(("data", "warning"), [
    (WESTERN.encode("cp1252"), "encoding guessed: cp1252"),
    (b'<html><head><meta charset="koi8-r"></head><body>\xf0\xd2\xc9\xd7\xc5\xd4</body></html>',
     "encoding: koi8-r (declared by the document as 'koi8-r')"),
    (codecs.BOM_UTF16_LE + "text, one lone surrogate: ".encode("utf-16-le") + b"\x00\xd8" + b"!\x00",
     "1 undecodable characters replaced"),
])
def test_encoding_warnings(data: bytes, warning: str) -> None:
    out = STAGE(doc_of(data))
    assert any(w.startswith(warning) for w in out.warnings), out.warnings


def test_existing_warnings_are_kept() -> None:
    doc = dataclasses.replace(doc_of(WESTERN.encode("cp1252")), warnings=("earlier",))
    assert STAGE(doc).warnings[0] == "earlier"


@pytest.mark.parametrize(("data", "limits", "reason", "detail"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", LimitsConfig(), RejectReason.NOT_TEXT, "PNG image"),
    (random.Random(1).randbytes(2000), LimitsConfig(), RejectReason.NOT_TEXT, "binary content"),
    ("\x01\x02\x03\x04\x05\x06 \x00", LimitsConfig(), RejectReason.NOT_TEXT, "nothing but control characters"),
    (random.Random(2).randbytes(3000) + b"A few words", LimitsConfig(), RejectReason.NOT_TEXT, "binary runs"),
    (b"", LimitsConfig(), RejectReason.EMPTY, "empty or whitespace"),
    (b" \r\n\t \n", LimitsConfig(), RejectReason.EMPTY, "empty or whitespace"),
    ("   ", LimitsConfig(), RejectReason.EMPTY, "empty or whitespace"),
    (b"x" * 101, LimitsConfig(max_chars=100), RejectReason.TOO_LARGE,
     "101 characters after decoding exceed limits.max_chars=100"),
    ("é" * 60, LimitsConfig(max_chars=50), RejectReason.TOO_LARGE, "limits.max_chars=50"),
    (codecs.BOM_UTF16_LE + b"\x00\xd8a\x00" * 20, LimitsConfig(), RejectReason.DECODE_ERROR,
     "50% of the characters could not be decoded"),  # lone surrogates
    ("text \ufffd\ufffd\ufffd", LimitsConfig(), RejectReason.DECODE_ERROR, "could not be decoded"),
])
def test_rejections(data: bytes | str, limits: LimitsConfig, reason: RejectReason, detail: str) -> None:
    with pytest.raises(Reject) as caught:
        DecodeStage(limits)(doc_of(data))
    assert caught.value.reason is reason
    assert detail in caught.value.detail


def test_chars_at_the_limit_pass() -> None:
    assert DecodeStage(LimitsConfig(max_chars=100))(doc_of(b"x" * 100)).text == "x" * 100
