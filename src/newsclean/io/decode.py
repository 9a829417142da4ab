"""From bytes to text: binary detection, encoding detection, content sniffing, and the decode stage.

The functions here are pure and never raise on any input, so they can be used
on their own. :class:`DecodeStage` is the thin adapter the pipeline runs: it
turns what the functions find into a rejection or into the document's text.

Encodings are tried from the most to the least reliable evidence: a byte
order mark, then strict UTF-8 (which almost never decodes text in another
encoding by accident), then the charset an HTML page declares, then a
statistical guess, and finally UTF-8 with replacement characters.
"""

from __future__ import annotations

import codecs
import dataclasses
import logging
import re
from dataclasses import dataclass

import webencodings

from ..config import LimitsConfig
from ..document import Doc
from ..errors import Reject
from ..records import ContentType, RejectReason, StageName
from .damage import CONTROL_BYTES, Damage, describe_damage, find_damage, remove_damage

logger = logging.getLogger(__name__)

#: File signatures are looked for at the start of the data only (bytes).
BINARY_SAMPLE_BYTES = 64 * 1024
#: Data is binary when, once its control characters are cut, binary runs make up more than
#: this share (0-1) of it: random bytes are all run; an article with a damaged block keeps
#: most of its text. Below it, the damage is cut and the rest judged as text.
MAX_JUNK_SHARE = 0.9
#: UTF-16 without a byte order mark: NUL bytes fill at least this share (0-1) of the odd (or
#: even) positions, as the high byte of every ASCII character...
MIN_UTF16_NUL_SHARE = 0.3
#: ...and at most this share of the other positions (NUL padding fills both)...
MAX_UTF16_OTHER_NUL_SHARE = 0.02
#: ...in at least this much data: a few bytes are no evidence (bytes).
MIN_UTF16_SAMPLE_BYTES = 64

#: Leading bytes of common binary formats, with a name for the rejection's detail.
#: Each is long or unusual enough never to start a text document.
MAGIC_NUMBERS: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or DOCX, XLSX, EPUB)"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"\x28\xb5\x2f\xfd", "zstd data"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x7fELF", "ELF executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE document (DOC, XLS)"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
    (b"OggS", "Ogg media"),
    (b"\x1aE\xdf\xa3", "Matroska/WebM media"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\x00\x00\x01\x00", "ICO image"),
)
#: Container formats recognised by a tag after a 4-byte size: (offset, tag, name).
_TAGGED_MAGIC: tuple[tuple[int, bytes, str], ...] = (
    (8, b"WEBP", "WebP image"),
    (8, b"WAVE", "WAV audio"),
    (8, b"AVI ", "AVI video"),
    (4, b"ftyp", "MP4/QuickTime media"),
)

#: Byte order marks, longest first (a UTF-32 LE mark starts with the UTF-16 LE one).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: A page declares its charset within its first bytes; browsers look no further (bytes).
CHARSET_SCAN_BYTES = 2048
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)"""
    rb"""|<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""",
    re.IGNORECASE,
)
#: Encodings of the WHATWG Encoding Standard that a declaration is not followed to:
#: "replacement" stands for those browsers refuse to decode (ISO-2022-KR, HZ-GB-2312...),
#: x-user-defined turns every high byte into a private-use character, and a UTF-16 label
#: on a page without a byte order mark is a page converted without updating it.
UNFOLLOWED_ENCODINGS = frozenset({"replacement", "x-user-defined", "utf-16le", "utf-16be"})
#: Where webencodings names a Python codec narrower than the standard's decoder: the
#: standard's gbk decoder is its gb18030 decoder (pages labelled gb2312 or gbk use it).
_WIDER_CODECS = {"gbk": "gb18030"}
#: A statistical guess that ties with windows-1252 is resolved in its favour: it is
#: by far the most common legacy encoding on the web, and what browsers assume.
_PREFERRED_ON_TIE = "cp1252"

#: UTF-8 damaged by a few bad bytes: at least this many valid multi-byte sequences...
MIN_VALID_UTF8_SEQUENCES = 3
#: ...and at least this many of them for every invalid one.
VALID_PER_INVALID_UTF8 = 3

#: Content sniffing looks at the start of the text only (characters).
SNIFF_SAMPLE_CHARS = 4096
#: HTML markup: at least this many tags in the sample...
MIN_HTML_TAGS = 4
#: ...making up at least this share (0-1) of its characters. A page's head alone is far
#: denser; prose that mentions "<p> tags" has one or two tags and a share near zero.
MIN_MARKUP_SHARE = 0.05
#: ...and closing at least one element: markup pairs its tags, prose about tags rarely does.
MIN_CLOSING_TAGS = 1
#: ...and the lines holding a tag make up at least this share (0-1) of the sample's characters:
#: a page (even under a scraper's header lines) or text wrapped in tags has markup on most of
#: it; an article quoting a code sample has it on a block of lines between its paragraphs.
MIN_MARKUP_LINES_SHARE = 0.5
_LEADING_NOISE = re.compile(r"(?:\s+|\ufeff|<\?xml[^>]*>|<!--.*?-->)+", re.DOTALL)
_MARKUP_LINE_START = re.compile(r"\s*<[!?/A-Za-z]")
_DOCUMENT_START = re.compile(r"<(?:!doctype\s+html|html|head|body)[\s>/]", re.IGNORECASE)
_HTML_TAG = re.compile(
    r"</?(?:a|abbr|article|aside|b|blockquote|body|br|button|div|em|figure|footer|form|h[1-6]|head|"
    r"header|hr|html|i|iframe|img|input|li|link|main|meta|nav|noscript|ol|option|p|section|select|"
    r"span|strong|style|script|table|tbody|td|th|title|tr|ul)(?:\s[^<>]{0,1000})?/?>",
    re.IGNORECASE,
)

#: Share (0-1) of U+FFFD replacement characters above which the decoded text is
#: gibberish rather than text with a few bad bytes.
MAX_REPLACEMENT_SHARE = 0.10
_REPLACEMENT = "\ufffd"


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes, the encoding used, and whether the encoding was certain.

    ``confident`` is false when the encoding was guessed: statistically, or as
    the last resort of UTF-8 with replacement characters. A byte order mark
    or a clean decode in a declared charset is certain.
    """

    text: str
    encoding: str
    confident: bool
    #: who declared the encoding, and the label they used: ("the document", "iso-8859-9")
    declared: tuple[str, str] | None = None


def signature_evidence(data: bytes) -> str | None:
    """The file format ``data`` starts with (e.g. "PNG image signature"), or ``None``."""
    sample = data[:BINARY_SAMPLE_BYTES]
    for magic, name in MAGIC_NUMBERS:
        if sample.startswith(magic):
            return f"{name} signature"
    for offset, tag, name in _TAGGED_MAGIC:
        if sample[offset:offset + len(tag)] == tag:
            return f"{name} signature"
    return None


def binary_evidence(data: bytes | str) -> str | None:
    """Why ``data`` is binary (e.g. "PNG image signature"), or ``None`` when it holds text.

    A file format's signature decides at once. Otherwise the data is judged by
    what remains once its control characters and binary runs are cut
    (:mod:`newsclean.io.damage`): binary when nothing, or hardly anything but
    junk, remains. A few NUL bytes in an article do not make it binary.
    """
    if isinstance(data, bytes):
        evidence = signature_evidence(data)
        if evidence is not None:
            return evidence
    view, raw = _damage_view(data)
    damage = find_damage(view, raw=raw)
    return remains_evidence(view, remove_damage(view, damage), damage)


def remains_evidence(view: str, recovered: str, damage: Damage) -> str | None:
    """Why what remains of ``view`` once ``damage`` is cut (``recovered``) is no text, or ``None``."""
    if not damage:
        return None
    if not recovered.strip():
        return "nothing but control characters" + (" and binary runs" if damage.runs else "")
    share = damage.junk_share(len(view))
    if share > MAX_JUNK_SHARE:
        return f"{share:.0%} binary runs (limit {MAX_JUNK_SHARE:.0%}), little text outside them"
    return None


def _damage_view(data: bytes | str) -> tuple[str, bool]:
    """The text to look for damage in, and whether it is bytes seen through Latin-1.

    Data in UTF-16 or UTF-32 is decoded first (its bytes are full of NULs); any
    other bytes are looked at as they are, before decoding (see :mod:`newsclean.io.damage`).
    """
    if isinstance(data, str):
        return data, False
    if _wide_encoding(data) is not None:
        return decode_bytes(data).text, False
    return data.decode("latin-1"), True


def _wide_encoding(data: bytes) -> str | None:
    """UTF-16 or UTF-32 by a byte order mark, or UTF-16 without one by where its NUL bytes fall."""
    for mark, encoding in _BOMS:
        if data.startswith(mark):
            return None if encoding == "utf-8" else encoding
    sample = data[:BINARY_SAMPLE_BYTES]
    half = len(sample) // 2
    if len(sample) < MIN_UTF16_SAMPLE_BYTES:
        return None
    even, odd = sample[0::2].count(0) / half, sample[1::2].count(0) / half
    if odd >= MIN_UTF16_NUL_SHARE and even <= MAX_UTF16_OTHER_NUL_SHARE:
        return "utf-16-le"
    if even >= MIN_UTF16_NUL_SHARE and odd <= MAX_UTF16_OTHER_NUL_SHARE:
        return "utf-16-be"
    return None


def looks_binary(data: bytes | str) -> bool:
    """Whether ``data`` is binary content (an image, an archive...) rather than text."""
    return binary_evidence(data) is not None


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """``data`` as text, by the most reliable evidence available. Never raises.

    ``declared`` is a charset label the container gave (the HTTP ``Content-Type``
    of a WARC record); as in browsers, it outranks the page's own declaration.
    Strict UTF-8 outranks both: servers label UTF-8 pages ISO-8859-1 by default.
    """
    for mark, encoding in _BOMS:
        if data.startswith(mark):
            return Decoded(data[len(mark):].decode(encoding, "replace"), encoding, True)
    wide = _wide_encoding(data)
    if wide is not None:  # UTF-16 without a byte order mark, found by its NUL bytes
        return Decoded(data.decode(wide, "replace"), wide, False)
    try:
        return Decoded(data.decode("utf-8"), "utf-8", True)
    except UnicodeDecodeError:
        pass
    return (_decode_declared(data, declared, "the HTTP header") or _decode_declared(data, _page_label(data),
                                                                                    "the document")
            or _decode_damaged_utf8(data) or _decode_guessed(data) or Decoded(
                data.decode("utf-8", "replace"), "utf-8", False))


def charset_codec(label: str) -> str | None:
    """The Python codec a browser decodes a charset label with (WHATWG Encoding Standard), or ``None``.

    Labels resolve as browsers resolve them, through ``webencodings``:
    ``iso-8859-1`` and ``us-ascii`` are windows-1252, ``iso-8859-9`` is
    windows-1254, ``iso-8859-8-i`` is Hebrew, ``gb2312`` is GBK, ``shift_jis``
    is Microsoft's code page 932. Unknown labels and the encodings in
    :data:`UNFOLLOWED_ENCODINGS` give ``None``.
    """
    encoding = webencodings.lookup(label.strip())
    if encoding is None or encoding.name in UNFOLLOWED_ENCODINGS:
        return None
    codec = encoding.codec_info.name
    return _WIDER_CODECS.get(codec, codec)


def declared_charset(data: bytes) -> str | None:
    """The Python codec for the charset an HTML or XML document declares in its first bytes."""
    label = _page_label(data)
    return None if label is None else charset_codec(label)


def _page_label(data: bytes) -> str | None:
    """The charset label an HTML or XML document declares in its first bytes, as written."""
    match = _DECLARED_CHARSET.search(data[:CHARSET_SCAN_BYTES])
    if match is None:
        return None
    return (match.group(1) or match.group(2)).decode("ascii")


def _decode_declared(data: bytes, label: str | None, declared_by: str) -> Decoded | None:
    """The encoding a label names, if it decodes the bytes cleanly (UTF-8 was tried already)."""
    codec = None if label is None else charset_codec(label)
    if codec is None or codec == "utf-8":
        return None
    try:
        return Decoded(data.decode(codec), codec, True, (declared_by, label))  # type: ignore[arg-type]
    except UnicodeError:
        return None


def _decode_damaged_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few bad bytes, replaced by U+FFFD, when most non-ASCII sequences are valid UTF-8.

    Text in a legacy encoding almost never forms valid multi-byte UTF-8
    sequences (an accented letter is one high byte between ASCII ones), so
    valid sequences far outnumbering invalid ones mean UTF-8 damaged in
    transit, not another encoding a statistical guess would pick a code page for.
    """
    text = data.decode("utf-8", "replace")
    invalid = text.count(_REPLACEMENT)
    valid = len(text) - len(text.encode("ascii", "ignore")) - invalid
    if valid >= MIN_VALID_UTF8_SEQUENCES and valid >= VALID_PER_INVALID_UTF8 * invalid:
        return Decoded(text, "utf-8", False)
    return None


def _decode_guessed(data: bytes) -> Decoded | None:
    """charset-normalizer's best guess, preferring windows-1252 when it reads the bytes as cleanly.

    The detector's coherence score (how much the words look like a language)
    is noisy on short texts and often crowns a Baltic or DOS code page for
    Western text; its chaos score (how messy the characters are) is steadier,
    so windows-1252 wins whenever it is no messier than the best guess.
    """
    try:
        from charset_normalizer import from_bytes  # heavy: imported on first use

        matches = from_bytes(data)
        best = matches.best()
        if best is None:
            return None
        for match in matches:
            if match.encoding == _PREFERRED_ON_TIE and match.chaos <= best.chaos:
                best = match
                break
        return Decoded(str(best), codecs.lookup(best.encoding).name, False)
    except Exception:  # a detector bug must not cost the document: fall back to UTF-8
        logger.debug("charset detection failed", exc_info=True)
        return None


def normalize_newlines(text: str) -> str:
    """``text`` with Windows (CRLF) and old Mac (CR) line breaks turned into ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def sniff_content_type(text: str, hint: ContentType | None) -> ContentType:
    """HTML when the text is an HTML document or dense markup; otherwise the hint, else plain text."""
    start = _LEADING_NOISE.match(text)
    head = text[start.end() if start else 0:][:SNIFF_SAMPLE_CHARS]
    if _DOCUMENT_START.match(head):
        return ContentType.HTML
    tags = _HTML_TAG.findall(head)
    closing = sum(tag.startswith("</") for tag in tags)
    if (len(tags) >= MIN_HTML_TAGS and closing >= MIN_CLOSING_TAGS
            and sum(map(len, tags)) >= MIN_MARKUP_SHARE * len(head)
            and _markup_lines_share(head) >= MIN_MARKUP_LINES_SHARE):
        return ContentType.HTML
    return hint or ContentType.TEXT


def _markup_lines_share(sample: str) -> float:
    """The share (0-1) of ``sample``'s characters on lines of markup: lines that open on a tag or a
    declaration (``<!ENTITY``, ``<?xml``) or hold an HTML tag."""
    lines = [line for line in sample.splitlines() if line.strip()]
    total = sum(map(len, lines))
    markup = sum(len(line) for line in lines if _MARKUP_LINE_START.match(line) or _HTML_TAG.search(line))
    return markup / total if total else 0.0


def replacement_share(text: str) -> float:
    """Share (0-1) of the text's characters that are U+FFFD, the mark of undecodable bytes."""
    return text.count(_REPLACEMENT) / len(text) if text else 0.0


class DecodeStage:
    """The decode stage: bytes (or already decoded text) to the text the pipeline works on.

    Cuts control characters and binary runs out of a document that is
    otherwise text, with a warning giving their count and offsets (C1 controls
    are left to the normalize stage, which reads them as windows-1252). Rejects
    binary content (a file signature, or little but junk once the damage is
    cut), empty documents, plain text longer than ``limits.max_chars`` and
    documents that decode to gibberish.
    """

    name = StageName.DECODE

    def __init__(self, limits: LimitsConfig) -> None:
        self.limits = limits

    def __call__(self, doc: Doc) -> Doc:
        text, warnings = self._text(doc.raw.data, doc.raw.charset)
        text = normalize_newlines(text)
        if not text.strip():
            raise Reject(RejectReason.EMPTY, f"no text: the input is empty or whitespace only "
                                             f"({doc.input_size} bytes)")
        share = replacement_share(text)
        if share > MAX_REPLACEMENT_SHARE:
            raise Reject(RejectReason.DECODE_ERROR, f"{share:.0%} of the characters could not be decoded "
                                                    f"(limit {MAX_REPLACEMENT_SHARE:.0%})")
        if share:
            warnings += (f"{text.count(_REPLACEMENT)} undecodable characters replaced with U+FFFD",)
        content_type = sniff_content_type(text, doc.raw.content_type)
        html = content_type is ContentType.HTML
        # markup is bounded by limits.max_input_bytes; the text limit applies to
        # plain text here and to HTML's extracted text in the extract stage
        if not html and len(text) > self.limits.max_chars:
            raise Reject(RejectReason.TOO_LARGE, f"{len(text)} characters after decoding exceed "
                                                 f"limits.max_chars={self.limits.max_chars}")
        return dataclasses.replace(doc, content_type=content_type, html=text if html else None,
                                   text="" if html else text, warnings=doc.warnings + warnings)

    @staticmethod
    def _text(data: bytes | str, charset: str | None) -> tuple[str, tuple[str, ...]]:
        """The decoded text and warnings about how it was decoded and what was cut; rejects binary content."""
        if isinstance(data, str):
            text, damage = _recovered(data, raw=False)
            return text.removeprefix("\ufeff"), _damage_warnings(damage, "character")
        evidence = signature_evidence(data)
        if evidence is not None:
            raise Reject(RejectReason.NOT_TEXT, f"binary content: {evidence}")
        if _wide_encoding(data) is not None:  # UTF-16 or UTF-32: controls are looked for once decoded
            decoded = decode_bytes(data, charset)
            text, damage = _recovered(decoded.text, raw=False)
            return text, _encoding_warnings(decoded) + _damage_warnings(damage, "character")
        if len(data.translate(None, CONTROL_BYTES)) == len(data):  # no control byte: nothing to look for
            decoded = decode_bytes(data, charset)
            return decoded.text, _encoding_warnings(decoded)
        view, damage = _recovered(data.decode("latin-1"), raw=True)
        decoded = decode_bytes(view.encode("latin-1") if damage else data, charset)
        return decoded.text, _encoding_warnings(decoded) + _damage_warnings(damage, "byte")


def _recovered(view: str, raw: bool) -> tuple[str, Damage]:
    """``view`` with its control characters and binary runs cut; rejects it when no text remains."""
    damage = find_damage(view, raw=raw)
    recovered = remove_damage(view, damage)
    evidence = remains_evidence(view, recovered, damage)
    if evidence is not None:
        raise Reject(RejectReason.NOT_TEXT, f"binary content: {evidence}")
    return recovered, damage


def _damage_warnings(damage: Damage, unit: str) -> tuple[str, ...]:
    return (describe_damage(damage, unit),) if damage else ()


def _encoding_warnings(decoded: Decoded) -> tuple[str, ...]:
    """A warning when the encoding was guessed, or is a legacy one a reader may want to check."""
    if not decoded.confident:
        return (f"encoding guessed: {decoded.encoding}",)
    if decoded.declared is not None:
        who, label = decoded.declared
        return (f"encoding: {decoded.encoding} (declared by {who} as '{label}')",)
    return ()
