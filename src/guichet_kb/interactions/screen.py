"""Personal-data screening of free text, and e-mail address checks.

Addresses are caught written plainly or spelled out to slip past a filter:
"jean.dupont (at) example (dot) fr", "jean arobase example point fr",
"jean[at]example[dot]fr", "jean at example.fr". Ordinary French stays clear:
"point" and "chez" are common words, so "chez" counts as an at-sign only when
the dot is spelled out too ("marie chez orange point fr", never "abonné chez
free.fr"), and the weak separators (" at ", "chez") need a usual domain ending.
"""

import re


_LOCAL = r"[\w.+-]+"
_LABEL = r"[^\W_][\w-]{0,62}"


def _bracketed(words):
    """'(at)', '[dot]', '{point}', '<at>'..."""
    return r"[(\[{<]\s*(?:" + words + r")\s*[)\]}>]"


_AT_STRONG = r"(?:@|" + _bracketed("at|arobase") + r"|\barr?oba(?:se|ze|s)\b)"
_DOT_SPELLED = r"(?:\s*" + _bracketed("dot|point") + r"\s*|\s+(?:dot|point)\s+)"
_DOT = r"(?:\s*\.\s*|" + _DOT_SPELLED + ")"
_KNOWN_TLD = r"(?:fr|com|net|org|eu|info|be|ch|lu|ca|io|biz)\b"


def _address(at, dot, tld, space=r"\s*"):
    return _LOCAL + space + at + space + _LABEL + "(?:" + dot + _LABEL + ")*" + dot + tld


_EMAIL_IN_TEXT = re.compile(
    "|".join(
        (
            _address(_AT_STRONG, _DOT, r"[^\W\d_]{2,24}\b"),
            _address(r"\bat\b", _DOT, _KNOWN_TLD, space=r"\s+"),
            _address(r"\bchez\b", _DOT_SPELLED, _KNOWN_TLD, space=r"\s+"),
        )
    ),
    re.IGNORECASE,
)
# French and international phone numbers: 9+ digits, possibly split by spaces, dots or dashes.
_PHONE_IN_TEXT = re.compile(r"(?:\+|00)?\d(?:[\s.\-]?\d){8,}")
# One address, as a mail server would accept it (no display name, no list).
_EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)  # noqa: E501


def has_personal_data(text):
    return bool(_EMAIL_IN_TEXT.search(text) or _PHONE_IN_TEXT.search(text))


def is_email(value):
    return isinstance(value, str) and len(value) <= 254 and bool(_EMAIL.match(value)) and ".." not in value


def mask_personal_data(text, replacement):
    """``text`` with every e-mail address and phone number ``has_personal_data`` finds
    replaced by ``replacement``; and whether there was any."""
    masked = _PHONE_IN_TEXT.sub(replacement, _EMAIL_IN_TEXT.sub(replacement, text))
    return masked, masked != text
