"""A word-level diff of two national texts, safe to put in a page (pure Python).

The national values are HTML (importers/render.py) or plain values; both are
reduced to their text (tags stripped, entities resolved, spaces normalised), the
words compared with difflib, and the result escaped before the <del>/<ins> marks
are added: nothing of the national HTML reaches the page as markup. Long
unchanged stretches are cut to `CONTEXT` words on each side of a change ("…"), so
a reviewer reads the changes of a long national text, not the whole text again.
"""

import difflib
from html import escape
from html import unescape
import re


_BLOCK = re.compile(r"</?(p|div|li|ul|ol|h\d|section|tr|table|caption|br)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
CONTEXT = 8  # unchanged words kept before and after each change
GAP = "…"


def plain(value):
    """The text of a national value: HTML tags dropped, lists joined, spaces normalised."""
    if value is None or value is False:
        return ""
    if value is True:
        return "✓"
    if isinstance(value, (list, tuple)):
        return " ; ".join(filter(None, (plain(item) for item in value)))
    if isinstance(value, dict):
        return " – ".join(filter(None, (plain(v) for v in value.values())))
    text = _TAG.sub("", _BLOCK.sub(" ", str(value)))
    return _SPACES.sub(" ", unescape(text)).strip()


def word_diff(old, new):
    """HTML: the words of ``old`` removed in <del>, those of ``new`` added in <ins>."""
    before, after = plain(old).split(), plain(new).split()
    out = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(escape(" ".join(_context(before[i1:i2], first=i1 == 0, last=i2 == len(before)))))
            continue
        if op in ("delete", "replace"):
            out.append(f"<del>{escape(' '.join(before[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{escape(' '.join(after[j1:j2]))}</ins>")
    return " ".join(out)


def _context(words, first, last):
    """An unchanged stretch, cut to the words next to the changes around it."""
    keep_head = 0 if first else CONTEXT  # words after the change before this stretch
    keep_tail = 0 if last else CONTEXT  # words before the change after this stretch
    if len(words) <= keep_head + keep_tail + 1:
        return words
    return words[:keep_head] + [GAP] + (words[-keep_tail:] if keep_tail else [])
