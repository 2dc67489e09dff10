"""Input limits of the catalogue, declared once (REST, forms and importers import them).

Zope-free on purpose: the figures are facts about what a sane catalogue item
holds, measured on the demo town and the 202 Service-Public fiches of
../shared/data (longest title 161 characters, description 1,528, imported steps
112,033, at most 39 links and 25 document titles per fiche), with a wide margin.
"""

from decimal import Decimal
import re


MAX_LINE = 1000  # characters of a one-line text (title, cost note...)
MAX_TEXT = 20_000  # characters of a multi-line plain text (description, notes...)
MAX_RICH_TEXT = 500_000  # characters of a rich text (imported HTML steps can be long)
MAX_LIST_ITEMS = 200  # items of any list field (keywords, channels, documents, relations...)
MAX_LIST_ITEM = 200  # characters of one text item of a list (a keyword, a synonym)
MAX_NUMBER = 10**9  # absolute bound of a number field without its own min/max
MAX_COST = Decimal(100_000)  # euros: no municipal fee comes close

# Ids of new items: what Plone's normaliser makes and the public site can serve
# (letters, digits, dot, dash, underscore; no '/', space, '@@' or '++'), never one
# of these names, which Zope or Plone would resolve instead of the item
# (``index_html`` replaces the folder's own page), nor a tool name (``portal_*``).
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
RESERVED_IDS = ("index_html", "REQUEST", "RESPONSE", "view", "edit", "base_view", "folder_contents")
RESERVED_ID_PREFIXES = ("portal_", "aq_", "manage")

# Rich-text formats Plone renders to safe HTML with the transforms it ships
# (portal_transforms: html, plain text, Markdown). Anything else is refused.
RICH_TEXT_TYPES = ("text/html", "text/plain", "text/x-web-markdown")
RICH_TEXT_ENCODINGS = ("utf-8", "utf8")

# C0 and C1 control characters (tab, line feed and carriage return aside), DEL,
# lone UTF-16 surrogates (a JSON "\ud800" escape) and the non-characters U+FFFE/FFFF.
FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# One-line text also refuses tab, line breaks and the Unicode line/paragraph separators.
FORBIDDEN_IN_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def forbidden_character(text, multiline):
    """The first forbidden character of ``text`` as 'U+XXXX', or None."""
    found = (FORBIDDEN if multiline else FORBIDDEN_IN_LINE).search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def printable(text):
    """``text`` with forbidden characters written as U+XXXX (safe to echo in a message)."""
    return FORBIDDEN.sub(lambda match: f"U+{ord(match.group()):04X}", text)
