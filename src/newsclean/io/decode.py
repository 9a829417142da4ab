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

from ..config import LimitsConfig
from ..document import Doc
from ..errors import Reject
from ..records import ContentType, RejectReason, StageName

logger = logging.getLogger(__name__)

#: Binary detection looks at the start of the data only: enough to be sure, cheap on 20 MB (bytes).
BINARY_SAMPLE_BYTES = 64 * 1024
#: Share (0-1) of C0 control characters, other than tab, newline, carriage return and form
#: feed, above which data is binary. Random bytes have about 11%; text, even with stray
#: control characters from old word processors, well under 1%.
MAX_CONTROL_SHARE = 0.05
#: Control characters that belong in text.
_TEXT_CONTROLS = frozenset("\t\n\r\f")
_CONTROL_BYTES = bytes(b for b in range(0x20) if chr(b) not in _TEXT_CONTROLS)

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
#: A declared codec must decode printable ASCII as itself: that keeps out labels Python
#: knows but that are no charsets of a web page (punycode, idna, undefined...). The
#: backslash is left out and the escape codecs, which pass otherwise, named instead.
_ASCII_PROBE = bytes(range(0x20, 0x7F)).replace(b"\\", b"")
_ESCAPE_CODECS = frozenset({"unicode-escape", "raw-unicode-escape"})
#: Labels browsers decode as windows-1252 (WHATWG Encoding Standard): pages declaring
#: Latin-1 or ASCII routinely contain its curly quotes and dashes.
_WINDOWS_1252_LABELS = frozenset({"iso8859-1", "ascii", "cp1252"})
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
_LEADING_NOISE = re.compile(r"(?:\s+|\ufeff|<\?xml[^>]*>|<!--.*?-->)+", re.DOTALL)
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


def binary_evidence(data: bytes) -> str | None:
    """Why ``data`` is binary (e.g. "PNG image signature"), or ``None`` when it may be text."""
    sample = data[:BINARY_SAMPLE_BYTES]
    for mark, encoding in _BOMS:
        if sample.startswith(mark) and encoding != "utf-8":
            return text_binary_evidence(sample[len(mark):].decode(encoding, "replace"))
    for magic, name in MAGIC_NUMBERS:
        if sample.startswith(magic):
            return f"{name} signature"
    for offset, tag, name in _TAGGED_MAGIC:
        if sample[offset:offset + len(tag)] == tag:
            return f"{name} signature"
    if b"\x00" in sample:
        return f"NUL byte at offset {sample.index(0)}"
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return _control_evidence(controls, len(sample))


def text_binary_evidence(text: str) -> str | None:
    """Why already decoded ``text`` is binary rather than text (too many control characters), or ``None``."""
    sample = text[:BINARY_SAMPLE_BYTES]
    # counted on the UTF-8 bytes, where deleting is a table lookup (str.translate is ~40 times slower):
    # a C0 control is one byte there, and no other character's bytes fall below 0x80
    data = sample.encode("utf-8", "surrogatepass")
    return _control_evidence(len(data) - len(data.translate(None, _CONTROL_BYTES)), len(sample))


def _control_evidence(controls: int, total: int) -> str | None:
    if total and controls / total > MAX_CONTROL_SHARE:
        return f"{controls / total:.0%} control characters"
    return None


def looks_binary(data: bytes) -> bool:
    """Whether ``data`` is binary content (an image, an archive...) rather than text."""
    return binary_evidence(data) is not None


def decode_bytes(data: bytes) -> Decoded:
    """``data`` as text, by the most reliable evidence available. Never raises."""
    for mark, encoding in _BOMS:
        if data.startswith(mark):
            return Decoded(data[len(mark):].decode(encoding, "replace"), encoding, True)
    try:
        return Decoded(data.decode("utf-8"), "utf-8", True)
    except UnicodeDecodeError:
        pass
    return _decode_declared(data) or _decode_damaged_utf8(data) or _decode_guessed(data) or Decoded(
        data.decode("utf-8", "replace"), "utf-8", False)


def declared_charset(data: bytes) -> str | None:
    """The Python codec for the charset an HTML or XML document declares in its first bytes."""
    match = _DECLARED_CHARSET.search(data[:CHARSET_SCAN_BYTES])
    if match is None:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii")
    try:
        codec = codecs.lookup(label).name
        if codec in _ESCAPE_CODECS or _ASCII_PROBE.decode(codec) != _ASCII_PROBE.decode("ascii"):
            return None
    except (LookupError, UnicodeError):
        return None
    return "cp1252" if codec in _WINDOWS_1252_LABELS else codec


def _decode_declared(data: bytes) -> Decoded | None:
    """The declared charset, if it decodes the bytes cleanly.

    A declaration of UTF-16 or UTF-32 without a byte order mark is ignored, as
    browsers do: it is nearly always a page converted without updating it.
    """
    codec = declared_charset(data)
    if codec is None or codec.startswith(("utf-16", "utf-32", "utf-8")):
        return None
    try:
        return Decoded(data.decode(codec), codec, True)
    except (UnicodeError, LookupError):
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
            and sum(map(len, tags)) >= MIN_MARKUP_SHARE * len(head)):
        return ContentType.HTML
    return hint or ContentType.TEXT


def replacement_share(text: str) -> float:
    """Share (0-1) of the text's characters that are U+FFFD, the mark of undecodable bytes."""
    return text.count(_REPLACEMENT) / len(text) if text else 0.0


class DecodeStage:
    """The decode stage: bytes (or already decoded text) to the text the pipeline works on.

    Rejects binary content, empty documents, plain text longer than
    ``limits.max_chars`` and documents that decode to gibberish. Control
    characters are left alone: the normalize stage fixes them with ftfy.
    """

    name = StageName.DECODE

    def __init__(self, limits: LimitsConfig) -> None:
        self.limits = limits

    def __call__(self, doc: Doc) -> Doc:
        text, warnings = self._text(doc.raw.data)
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
    def _text(data: bytes | str) -> tuple[str, tuple[str, ...]]:
        """The decoded text and warnings about how it was decoded; rejects binary content."""
        if isinstance(data, str):
            evidence = text_binary_evidence(data)
            if evidence is not None:
                raise Reject(RejectReason.NOT_TEXT, f"binary content: {evidence}")
            return data.removeprefix("\ufeff"), ()
        evidence = binary_evidence(data)
        if evidence is not None:
            raise Reject(RejectReason.NOT_TEXT, f"binary content: {evidence}")
        decoded = decode_bytes(data)
        return decoded.text, _encoding_warnings(decoded)


def _encoding_warnings(decoded: Decoded) -> tuple[str, ...]:
    """A warning when the encoding was guessed, or is a legacy one a reader may want to check."""
    if not decoded.confident:
        return (f"encoding guessed: {decoded.encoding}",)
    if not decoded.encoding.startswith("utf-"):
        return (f"encoding: {decoded.encoding} (declared by the document)",)
    return ()
