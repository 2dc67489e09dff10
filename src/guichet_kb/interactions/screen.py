"""Personal-data screening of free text, and e-mail address checks."""
import re


# Something@something.tld, with or without spaces around the @ or "arobase".
_EMAIL_IN_TEXT = re.compile(r"[\w.+-]+\s*(?:@|\(at\)|\barobase\b)\s*[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
# French and international phone numbers: 9+ digits, possibly split by spaces, dots or dashes.
_PHONE_IN_TEXT = re.compile(r"(?:\+|00)?\d(?:[\s.\-]?\d){8,}")
# One address, as a mail server would accept it (no display name, no list).
_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")  # noqa: E501


def has_personal_data(text):
    return bool(_EMAIL_IN_TEXT.search(text) or _PHONE_IN_TEXT.search(text))


def is_email(value):
    return isinstance(value, str) and len(value) <= 254 and bool(_EMAIL.match(value)) and ".." not in value
