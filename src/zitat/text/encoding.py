"""Bytes to text: UTF-8 first, then detection tuned for German news text, else a clear error.

charset-normalizer alone guesses poorly on short German texts (it takes a few umlauts in
Windows-1252 for cp1250 or even EBCDIC), so a Windows-1252 reading is tried first and kept
when its non-ASCII characters are mostly German letters and typography; then UTF-8 with a
few stray Windows-1252 bytes; only then charset-normalizer, and only on inputs long enough
for its statistics (on a few bytes it guesses anything from Mac Roman to UTF-16).
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from zitat.errors import InputError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Characters a German article in a legacy encoding is made of, beyond ASCII.
_GERMAN_NON_ASCII = frozenset("äöüÄÖÜßéÉèàáçñ„“”‚‘’»«›‹–—…€§°·×½¼¾²³µ\u00a0")

# C0/C1 control characters other than tab, line feed, vertical tab, form feed, carriage return.
_NON_ASCII_RE = re.compile("[^\x00-\x7f]")
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_MAX_CONTROL_SHARE = 0.001
# bytes that are not UTF-8, as decoding with "surrogateescape" leaves them
_ESCAPED_BYTE_RE = re.compile("[\udc80-\udcff]")
_MAX_STRAY_SHARE = 0.05
MIN_GUESSED_BYTES = 200
"""Shorter inputs in none of the encodings tried first are refused rather than guessed."""


def _binary(name: str) -> InputError:
    return InputError(f"{name} looks binary, not like text (or uses an unknown encoding)")


def _looks_german(text: str) -> bool:
    non_ascii = _NON_ASCII_RE.findall(text)
    german = sum(c in _GERMAN_NON_ASCII for c in non_ascii)
    return german >= 0.8 * len(non_ascii)


def _stray_byte(match: re.Match[str]) -> str:
    return bytes([ord(match.group()) - 0xDC00]).decode("cp1252", errors="replace")


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few stray Windows-1252 bytes, as when texts from two sources are pasted."""
    text = data.decode("utf-8", errors="surrogateescape")
    stray = len(_ESCAPED_BYTE_RE.findall(text))
    if stray > _MAX_STRAY_SHARE * len(text):
        return None
    return _ESCAPED_BYTE_RE.sub(_stray_byte, text)


def _detect(data: bytes, name: str) -> str | None:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_german(text):
            return text
    if (mixed := _mostly_utf8(data)) is not None:
        return mixed
    if len(data) < MIN_GUESSED_BYTES:
        raise InputError(
            f"{name} is not UTF-8 and, at {len(data)} bytes, too short to tell its encoding "
            "reliably; save it as UTF-8"
        )
    best = from_bytes(data).best()
    return None if best is None else str(best)


def decode_bytes(data: bytes, name: str) -> str:
    """Decode a file's bytes; ``name`` is used in error messages.

    A byte-order mark is honoured and removed (it is not part of the text); everything else
    is kept exactly, line endings included.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                raise _binary(name) from None
    if b"\x00" in data:
        raise _binary(name)
    try:
        text: str | None = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _detect(data, name)
    if text is None or len(_CONTROL_RE.findall(text)) > _MAX_CONTROL_SHARE * len(text) + 1:
        raise _binary(name)
    return text
