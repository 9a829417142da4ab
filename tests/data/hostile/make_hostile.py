"""Write the hostile input corpus: files that must each end as an article or a precise rejection.

    python tests/data/hostile/make_hostile.py             # the small files, committed next to this script
    python tests/data/hostile/make_hostile.py --large DIR # also the large ones (about 56 MB), into DIR

The small files are committed; the large ones (a 50 MB article, a 2 MB line,
200,000 one-word lines, HTML nested 100,000 deep) are generated where they
are needed, by the tests into a temporary folder, never committed.
``expected.json`` is written from :data:`CASES` too: for every file, the
outcome the pipeline must give ("article" or a rejection reason) and what
the record must or must not contain. Everything is deterministic (seeded),
so rerunning the script reproduces the committed files byte for byte.

The story text is invented.
"""

from __future__ import annotations

import argparse
import codecs
import gzip
import json
import random
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXPECTED_FILE = "expected.json"

HEADLINE = "Harbor Town Opens a Floating Library for the Summer"
BODY = (
    "The harbor town opened a floating library on an old ferry on Saturday, and by noon more than three "
    "hundred people had walked up the gangway to borrow books, charts and board games.",
    "The ferry was retired from service six years ago and spent two winters tied to the north pier before "
    "volunteers stripped its engine room and rebuilt the lower deck as a reading room.",
    "Librarians said the boat will stay moored at the harbor until the end of September, opening every day "
    "from ten in the morning until eight in the evening, weather permitting.",
    "The project cost less than the town had feared, because a shipyard donated the paint and students from "
    "the technical college wired the lights and the heating as part of their course.",
)
#: Paragraphs in the scripts whose pages are most often mislabelled, each holding a character
#: that the label's narrow reading lacks (the quotes and euro sign of windows-1254, 镕 of GBK,
#: ① of Microsoft's Shift_JIS, 똠 of Unified Hangul Code): browsers read the label wider.
#: The alphabetic ones are whole stories (a lone paragraph in another language than the page's
#: is rightly removed as foreign-language sidebar text); the CJK paragraphs join the English story.
TURKISH = (
    "Liman kasabası cumartesi günü eski bir feribotta yüzen bir kütüphane açtı ve öğlene kadar üç yüzden "
    "fazla kişi kitap ödünç almak için rampadan çıktı.",
    "Belediye başkanı “Şehir kütüphanesi” için 40.000 € harcandığını söyledi — beklenenden çok daha az.",
    "Kütüphaneciler teknenin eylül sonuna kadar limanda kalacağını ve her gün sabah ondan akşam sekize "
    "kadar açık olacağını söyledi.",
)
HEBREW = (
    "הספרייה הצפה נפתחה בנמל ביום שבת, ומאות אנשים עלו על הסיפון כדי לשאול ספרים.",
    "המעבורת יצאה משירות לפני שש שנים ועמדה שני חורפים ליד המזח הצפוני לפני שמתנדבים בנו מחדש את הסיפון התחתון.",
    "הספרנים אמרו שהסירה תישאר בנמל עד סוף ספטמבר ותהיה פתוחה בכל יום מעשר בבוקר עד שמונה בערב.",
)
CHINESE = "港口小镇在一艘旧渡轮上开设了一座浮动图书馆，周六中午已有三百多人登船借书，镕铁工人也来了。"
JAPANESE = "港町の古いフェリーに浮かぶ図書館が土曜日に開館し、正午までに三百人以上が本を借りに訪れた①。"
KOREAN = "항구 마을이 토요일에 낡은 여객선에 떠 있는 도서관을 열었고, 정오까지 삼백 명이 넘는 사람이 책을 빌렸다 똠."
RUSSIAN = (
    "Портовый город открыл в субботу плавучую библиотеку на старом пароме, и к полудню там побывали сотни людей.",
    "Паром списали шесть лет назад, и две зимы он простоял у северного причала, пока волонтёры не перестроили "
    "нижнюю палубу в читальный зал.",
    "Библиотекари сказали, что судно останется в гавани до конца сентября и будет открыто каждый день с десяти "
    "утра до восьми вечера.",
)
#: A control character of every kind that does not belong in text, for the damaged inputs.
CONTROL_BYTES = bytes(b for b in range(0x20) if b not in b"\t\n\r\f") + b"\x7f"
#: Words with accents, curly quotes and a euro sign: what legacy encodings get wrong.
ACCENTED = ("The café on the quay served crème brûlée and “pain perdu” to the first visitors, and the "
            "mayor, Zoë Ångström, said the whole project cost under €40,000 — far less than feared.")


def story(*extra: str, newline: str = "\n") -> str:
    """The invented story as plain text: headline, body paragraphs, blank lines between blocks."""
    return (newline * 2).join((HEADLINE, *BODY, *extra)) + newline


def html_page(body_html: str, head: str = "", doctype: str = "<!DOCTYPE html>") -> str:
    return f"{doctype}\n<html><head><title>{HEADLINE}</title>{head}</head><body>{body_html}</body></html>\n"


def story_html(extra: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY)
    return f"<article><h1>{HEADLINE}</h1>{paragraphs}{extra}</article>"


def png_image() -> bytes:
    """A real 8x8 RGB PNG (a gradient), built by hand: signature, IHDR, IDAT, IEND."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + bytes(c for x in range(8) for c in (x * 32, y * 32, 128)) for y in range(8))
    header = struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def _fifty_megabytes() -> bytes:
    """The story repeated to exactly 50 MB (50,000,000 bytes)."""
    one = story().encode("utf-8")
    return (one * (50_000_000 // len(one) + 1))[:50_000_000]


def random_bytes(seed: int, size: int) -> bytes:
    return random.Random(seed).randbytes(size)


def high_bytes(seed: int, size: int) -> bytes:
    """Random bytes from 0x80-0xFF: no ASCII, so no encoding reads them as words."""
    rng = random.Random(seed)
    return bytes(rng.randrange(0x80, 0x100) for _ in range(size))


def as_windows_1252(data: bytes) -> str:
    """``data`` read as windows-1252 the way browsers do: its five undefined bytes map to C1 controls."""
    return "".join(chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([b]).decode("cp1252") for b in data)


def gzip_bytes(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


def control_run(seed: int, size: int) -> bytes:
    """``size`` control characters drawn at random: what a broken export leaves before its text."""
    rng = random.Random(seed)
    return bytes(rng.choice(CONTROL_BYTES) for _ in range(size))


def foreign_story_html(paragraphs: tuple[str, ...]) -> str:
    return f"<article><h1>{HEADLINE}</h1>{''.join(f'<p>{p}</p>' for p in paragraphs)}</article>"


def mislabelled_page(label: str, codec: str, paragraphs: str | tuple[str, ...]) -> Callable[[], bytes]:
    """A page declaring ``label``, written in ``codec`` (what browsers read the label as).

    A tuple of paragraphs is the whole story; one paragraph joins the English story.
    """
    body = foreign_story_html(paragraphs) if isinstance(paragraphs, tuple) else story_html(f"<p>{paragraphs}</p>")
    return lambda: html_page(body, head=f'<meta charset="{label}">').encode(codec)


def warc_response(url: str, content_type: str, payload: bytes) -> bytes:
    """One uncompressed WARC response record, written by hand so that every byte is fixed."""
    http = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n".encode("ascii") + payload
    header = ("WARC/1.0\r\nWARC-Type: response\r\n"
              f"WARC-Target-URI: {url}\r\nWARC-Date: 2026-05-04T10:00:00Z\r\n"
              "WARC-Record-ID: <urn:uuid:3f1b2c4d-0000-4000-8000-000000000001>\r\n"
              "Content-Type: application/http; msgtype=response\r\n"
              f"Content-Length: {len(http)}\r\n\r\n").encode("ascii")
    return header + http + b"\r\n\r\n"


#: A page that defines nested entities (XML "billion laughs"): ten levels of ten copies each.
BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n' for i in range(1, 10))
    + ']>\n<html><head><title>&lol9;</title></head><body><p>&lol9;</p></body></html>\n'
)
#: A page whose every external reference would be a fetch if anything resolved it.
#: 192.0.2.0/24 is TEST-NET-1 (RFC 5737): never routed, so a fetch would hang, not succeed.
EXTERNAL_RESOURCES = (
    '<?xml version="1.0"?>\n<!DOCTYPE html [\n <!ENTITY remote SYSTEM "http://192.0.2.1/entity.txt">\n'
    ' <!ENTITY local SYSTEM "file:///etc/passwd">\n]>\n'
    + html_page(
        story_html('<p>&remote;&local;</p><img src="http://192.0.2.1/photo.jpg" alt="">'
                   '<iframe src="http://192.0.2.1/embed"></iframe>'
                   '<object data="http://192.0.2.1/movie.swf"></object>'),
        head='<link rel="stylesheet" href="http://192.0.2.1/site.css">'
             '<script src="http://192.0.2.1/app.js"></script>'
             '<meta http-equiv="refresh" content="0; url=http://192.0.2.1/elsewhere">'
             '<base href="http://192.0.2.1/">',
        doctype="",
    )
)
NAVIGATION = ("Home", "World", "Politics", "Business", "Sports", "Weather", "Opinion", "Contact us",
              "Privacy Policy", "Terms of Use", "Follow us on Instagram", "Subscribe", "Sign in")


@dataclass(frozen=True)
class Case:
    """One hostile file: its name, how to make its bytes, and what the pipeline must make of it.

    ``outcome`` is "article", a ``RejectReason`` value, or "no_documents" for a
    file that holds none (``documents`` counts
    them instead for a file of several documents). ``contains`` must be in the
    article's text, ``excludes`` must not be in any text column of the record;
    ``published`` (when ``check_published``) is the expected date, ``status``
    the article's page status, ``warns`` snippets of its warnings, ``fields``
    record columns that must hold exactly the values given (None: null). The
    outcome "skipped" is a file a folder walk passes over: ``skipped_as`` is the
    path the run summary lists for it (the file, or the hidden folder it is in)
    and the reason. ``known_failure`` says why the pipeline does not
    yet give the expected outcome (the test marks the case a strict xfail).
    """

    name: str
    make: Callable[[], bytes]
    outcome: str
    why: str
    contains: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    check_published: bool = False
    published: str | None = None
    status: str | None = None
    known_failure: str | None = None
    warns: tuple[str, ...] = ()
    skipped_as: tuple[str, str] | None = None
    large: bool = False
    documents: dict[str, int] = field(default_factory=dict)
    fields: dict[str, object] = field(default_factory=dict)


def _utf8(text: str) -> Callable[[], bytes]:
    return lambda: text.encode("utf-8")


CASES: tuple[Case, ...] = (
    Case("empty.txt", lambda: b"", "empty", "a zero-byte file"),
    Case("whitespace.txt", _utf8(" \t\n\r\n\u00a0\u3000\n   \n"), "empty", "spaces, tabs and line breaks only"),
    Case("whitespace.html", _utf8("\n\n   \t\n"), "empty", "whitespace named .html"),
    Case("empty.jsonl", lambda: b"", "no_documents",
         "an empty JSON Lines file: no document, but listed in the summary with zero counts"),
    Case("blank_lines.jsonl", _utf8("\n  \n\n"), "no_documents", "JSON Lines with blank lines only"),
    Case("image.png.txt", png_image, "not_text", "a real PNG image named .txt"),
    Case("image.html", png_image, "not_text", "a real PNG image named .html"),
    Case("random.txt", lambda: random_bytes(1, 4096), "not_text", "random bytes named .txt"),
    Case("random.html", lambda: random_bytes(2, 4096), "not_text", "random bytes named .html"),
    Case("nul_bytes.txt", _utf8(story().replace(" ", "\x00", 3)),
         "article", "an article with NUL bytes in it: cut with a warning, the article kept",
         contains=(BODY[1], BODY[3]), warns=("removed 3 control characters at byte offsets 6, 11, 17",)),
    Case("nul_paragraphs.txt", _utf8("\x00".join((HEADLINE, *BODY)) + "\x00\x00\x00\x00"),
         "article", "paragraphs separated by NUL bytes instead of line breaks (C strings written end to end)",
         contains=BODY, excludes=("\x00",),
         warns=("removed 8 control characters at byte offsets 51, 232, 415, 589, 772-776",)),
    Case("control_prefix.txt", lambda: control_run(4, 3000) + story().encode("utf-8"), "article",
         "an article after 3,000 control characters of a broken export: judged by what remains",
         contains=BODY, warns=("removed 3000 control characters at byte offsets 0-3000",)),
    Case("binary_run.txt", lambda: story().replace(BODY[2], "").encode("utf-8").replace(
        b"\n\n\n\n", b"\n\n" + random_bytes(5, 1500) + b"\n\n" + BODY[2].encode() + b"\n\n"), "article",
         "1,500 random bytes between two paragraphs (a damaged block): the run is cut, every paragraph kept",
         contains=BODY, warns=("removed 1 binary run",)),
    Case("utf16_no_bom.txt", lambda: story(ACCENTED).encode("utf-16-le"), "article",
         "UTF-16 without a byte order mark, recognised by where its NUL bytes fall",
         contains=(BODY[0], "Zoë Ångström", "€40,000"), warns=("encoding guessed: utf-16-le",)),
    Case("control_chars.txt", _utf8(story().replace("harbor ", "harbor\x1b[0m ", 1).replace("Saturday", "Sat\x08urday")
                                    .replace("gangway", "gang\x07way")),
         "article", "stray control characters (escape, bell, backspace) in an article: ftfy removes them",
         contains=("Saturday", "gangway")),
    Case("latin1.txt", lambda: story("The café on the quay served crème brûlée to the first visitors.")
         .encode("latin-1"), "article", "Latin-1 text", contains=("café", "crème brûlée")),
    Case("cp1252.txt", lambda: story(ACCENTED.replace("Å", "A")).encode("cp1252"), "article",
         "windows-1252 text with curly quotes, a euro sign and a dash",
         contains=("“pain perdu”", "€40,000", "—")),
    Case("utf16_bom.txt", lambda: codecs.BOM_UTF16_LE + story(ACCENTED).encode("utf-16-le"), "article",
         "UTF-16 (little endian) with its byte order mark", contains=("Zoë Ångström", "€40,000")),
    Case("utf16_bom.html", lambda: codecs.BOM_UTF16_BE + html_page(story_html(f"<p>{ACCENTED}</p>"))
         .encode("utf-16-be"), "article", "an HTML page in UTF-16 (big endian) with its BOM",
         contains=("Zoë Ångström",)),
    Case("mojibake.txt", lambda: as_windows_1252(story(ACCENTED).encode("utf-8")).encode("utf-8"),
         "article", "UTF-8 decoded as windows-1252 and encoded again: ftfy must repair it",
         contains=("crème brûlée", "“pain perdu”", "Zoë Ångström"), excludes=("Ã", "â€")),
    Case("invalid_utf8.txt", lambda: story(ACCENTED).encode("utf-8").replace(b"\xc3\xa9", b"\xc3\x28", 1)
         .replace(b"floating", b"float\xff\xfeing", 1), "article",
         "UTF-8 with invalid byte sequences: decoded, the bad bytes replaced and a warning given",
         contains=("Zoë Ångström",)),
    Case("garbage_bytes.txt", lambda: high_bytes(3, 3000),
         "decode_error", "high bytes with no encoding that makes text of them"),
    Case("cr_only.txt", _utf8(story(newline="\r")), "article", "old Mac line ends (CR only)",
         contains=(BODY[0], BODY[3])),
    Case("crlf.txt", _utf8(story(newline="\r\n")), "article", "Windows line ends (CRLF)",
         contains=(BODY[0], BODY[3]), excludes=("\r",)),
    Case("billion_laughs.html", _utf8(BILLION_LAUGHS), "article",
         "XML entity expansion: the entities are never expanded, the page's text is the reference '&lol9;'",
         status="short", excludes=("lollollol",)),
    Case("billion_laughs.txt", _utf8(BILLION_LAUGHS), "article",
         "the same named .txt: still sniffed as markup, still never expanded", status="short",
         excludes=("lollollol",)),
    Case("external_resources.html", _utf8(EXTERNAL_RESOURCES), "article",
         "stylesheets, scripts, images, frames and external entities: nothing is fetched or resolved",
         contains=(BODY[0],), excludes=("192.0.2.1/entity", "root:x:0")),
    Case("script_only.html", _utf8(html_page("<script>document.write('<p>' + 'Loading story'.repeat(40) + "
                                             "'</p>');</script><noscript></noscript>",
                                             head="<script>var config = {story: 'Harbor town'};</script>")),
         "no_body", "a page whose only content is scripts"),
    Case("style_only.html", _utf8(html_page("<style>p { color: red }</style>")), "no_body",
         "a page with nothing but a style sheet"),
    Case("navigation_only.html", _utf8(html_page("<nav><ul>" + "".join(f'<li><a href="/{n.lower()}">{n}</a></li>'
                                                                      for n in NAVIGATION) + "</ul></nav>"
                                                 "<footer>© 2026 Example Media</footer>")),
         "no_body", "a page that is only a menu and a footer",
         known_failure="trafilatura's recall pass returns the menu as the main text, and text extracted "
                       "from HTML is judged by the rules only (not the line classifier), which keep "
                       "one-word menu items: the page becomes a 'short' article of six menu words"),
    Case("navigation_only.txt", _utf8("\n".join(NAVIGATION) + "\n"), "no_body",
         "plain text that is only menu items"),
    Case("valid.txt.gz", lambda: gzip_bytes(story().encode("utf-8")), "article", "a valid gzip-compressed text",
         contains=(BODY[1],)),
    Case("truncated.txt.gz", lambda: gzip_bytes(story().encode("utf-8"))[:120], "read_error",
         "a gzip file cut off in the middle"),
    Case("not_gzip.html.gz", _utf8(html_page(story_html())), "read_error", "plain HTML named .gz"),
    Case("truncated.jsonl.gz", lambda: gzip_bytes(("\n".join(json.dumps({"text": story(), "url": f"https://example.org/{i}"})
                                                             for i in range(3)) + "\n").encode("utf-8"))[:-30],
         "article", "JSON Lines cut off near the end: what was decompressed is an article, then one read_error",
         documents={"article": 1, "read_error": 1}),
    Case("charset_iso-8859-9.html", mislabelled_page("iso-8859-9", "cp1254", TURKISH), "article",
         "labelled iso-8859-9, written in windows-1254 as browsers read that label: quotes and euro sign kept",
         contains=TURKISH, warns=("encoding: cp1254 (declared by the document as 'iso-8859-9')",)),
    Case("charset_iso-8859-8-i.html", mislabelled_page("iso-8859-8-i", "iso8859-8", HEBREW), "article",
         "labelled iso-8859-8-i (Hebrew, logical order), a label Python does not know",
         contains=HEBREW, warns=("declared by the document as 'iso-8859-8-i'",)),
    Case("charset_gb2312.html", mislabelled_page("gb2312", "gb18030", CHINESE), "article",
         "labelled gb2312, written in GBK as browsers read that label", contains=(CHINESE,),
         warns=("declared by the document as 'gb2312'",)),
    Case("charset_shift_jis.html", mislabelled_page("shift_jis", "cp932", JAPANESE), "article",
         "labelled shift_jis, written in Microsoft's code page 932 as browsers read it", contains=(JAPANESE,),
         warns=("declared by the document as 'shift_jis'",)),
    Case("charset_euc-kr.html", mislabelled_page("euc-kr", "cp949", KOREAN), "article",
         "labelled euc-kr, written in Unified Hangul Code as browsers read it", contains=(KOREAN,),
         warns=("declared by the document as 'euc-kr'",)),
    Case("charset_http.warc", lambda: warc_response(
        "https://example.org/harbor", "text/html; charset=windows-1251",
        html_page(foreign_story_html(RUSSIAN)).encode("cp1251")), "article",
         "a WARC record whose page declares nothing: the HTTP Content-Type charset decodes it",
         contains=RUSSIAN, warns=("encoding: cp1251 (declared by the HTTP header as 'windows-1251')",)),
    Case("sub dir/.hidden story.txt", _utf8(story()), "skipped",
         "a dot-file in a folder: the walk passes over it, as tools do, and the summary lists it",
         skipped_as=("sub dir/.hidden story.txt", "hidden")),
    Case(".drafts/story.txt", _utf8(story()), "skipped",
         "a file in a hidden folder: the summary lists the folder, not each file in it",
         skipped_as=(".drafts", "hidden")),
    Case("file with spaces.txt", _utf8(story()), "article", "a file name with spaces"),
    Case("ünïcödé 日本語 ✓.txt", _utf8(story()), "article", "a file name in Unicode"),
    Case("report..final..txt", _utf8(story()), "article", "a file name with '..' in it"),
    Case("sub dir/nested..page ☃.html", _utf8(html_page(story_html())), "article",
         "a folder with a space and a file whose name has '..' and a snowman", contains=(BODY[2],)),
    Case("impossible_dates.txt", _utf8("date 2018-02-30\n\n" + HEADLINE + "\n\nFebruary 30, 2018\n\n9999-99-99\n\n"
                                       + "\n\n".join(BODY) + "\n"),
         "article", "a scraper header, a dateline and an ISO date that are no calendar dates",
         check_published=True, published=None),
    Case("impossible_dates.html", _utf8(html_page(story_html("<p>Posted on 31/02/2019.</p>"),
                                                  head='<meta property="article:published_time" content="9999-99-99">'
                                                       '<meta name="date" content="2019-02-30">')),
         "article", "impossible dates in the page metadata and the text", check_published=True, published=None),
    Case("repetitive_july.txt.gz", lambda: gzip_bytes(" ".join(["July"] * 120_000).encode("utf-8")), "article",
         "600,000 characters of one word over and over: kept, and flagged by the quality signals",
         status="repetitive"),
    Case("description_is_the_story.html", _utf8(html_page(story_html(), head=f'<meta name="description" '
                                                                          f'content="{" ".join(BODY)}">')),
         "article", "a description that holds the whole story: no subtitle, and the body keeps every paragraph",
         contains=(BODY[0], BODY[3]), fields={"subtitle": None}),
)

#: The large cases, generated at test time (never committed).
LARGE_CASES: tuple[Case, ...] = (
    Case("large/article_50mb.txt", lambda: _fifty_megabytes(), "too_large",
         "a 50 MB article: larger than limits.max_input_bytes, rejected before it is read", large=True),
    Case("large/article_50mb.txt.gz", lambda: gzip_bytes(_fifty_megabytes()),
         "too_large", "the same, gzip-compressed: reading stops at the limit, never holding 50 MB", large=True),
    Case("large/line_2mb.txt", lambda: (story() + "x" * 2_000_000 + "\n").encode("utf-8"), "too_large",
         "an article followed by a 2 MB line without spaces: beyond limits.max_chars", large=True),
    Case("large/line_900kb.txt", lambda: (story() + "\n" + "ab/" * 300_000 + "\n").encode("utf-8"), "article",
         "a 900 KB line without spaces, under the character limit: cleaned in linear time", large=True,
         contains=(BODY[0],)),
    Case("large/one_word_lines.txt", lambda: "".join(f"w{i % 97}\n" for i in range(200_000)).encode("utf-8"),
         "too_large", "200,000 one-word lines: beyond limits.max_lines, rejected before the per-line work",
         large=True),
    Case("large/nested_100k.html", lambda: html_page("<div>" * 100_000 + "<p>" + BODY[0] + "</p>"
                                                     + "</div>" * 100_000).encode("utf-8"),
         "too_large", "HTML nested 100,000 levels deep: the parser stops at 256 levels, before any text",
         large=True),
)


def expected(cases: tuple[Case, ...] = CASES + LARGE_CASES) -> dict[str, dict[str, object]]:
    """What every file must become, by its path relative to the corpus folder."""
    table: dict[str, dict[str, object]] = {}
    for case in cases:
        entry: dict[str, object] = {"outcome": case.outcome, "why": case.why}
        if case.contains:
            entry["contains"] = list(case.contains)
        if case.excludes:
            entry["excludes"] = list(case.excludes)
        if case.check_published:
            entry["published"] = case.published
        if case.status:
            entry["status"] = case.status
        if case.known_failure:
            entry["known_failure"] = case.known_failure
        if case.warns:
            entry["warns"] = list(case.warns)
        if case.skipped_as:
            entry["skipped_as"] = list(case.skipped_as)
        if case.large:
            entry["large"] = True
        if case.documents:
            entry["documents"] = case.documents
        if case.fields:
            entry["fields"] = case.fields
        table[case.name] = entry
    return table


def write(folder: Path, *, small: bool = True, large: bool = False) -> list[Path]:
    """Write the corpus's files into ``folder``; return their paths."""
    chosen = (CASES if small else ()) + (LARGE_CASES if large else ())
    written = []
    for case in chosen:
        path = folder / case.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(case.make())
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=HERE, help="where to write (default: here)")
    parser.add_argument("--large", action="store_true", help="also write the large files (about 56 MB)")
    args = parser.parse_args()
    write(args.folder, large=args.large)
    (args.folder / EXPECTED_FILE).write_text(json.dumps(expected(), indent=2, ensure_ascii=False) + "\n",
                                             encoding="utf-8")


if __name__ == "__main__":
    main()
