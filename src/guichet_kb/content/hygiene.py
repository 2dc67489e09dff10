"""Input hygiene: one rule for what a field value may hold, whoever writes it.

``check_value(field, value)`` accepts a value as JSON sends it (REST, importers)
or as a form converter makes it (Classic UI), and raises a ``FieldError`` with
a translatable message: text without control characters or lone surrogates and
within its length, lists that are lists and within their bounds, finite numbers
in range, booleans that are booleans, rich text in a format Plone renders. The
limits come from ``limits``. The REST deserializer runs it on the raw JSON of
every field before anything is written; the schema fields of ``fields`` run it
in their own validation, so forms and scripts get the same refusals.
"""

from decimal import Decimal
from decimal import InvalidOperation
from guichet_kb import _
from guichet_kb.content import limits
from guichet_kb.content.validation import FieldError
import math
from plone.app.textfield.interfaces import IRichText
from plone.app.textfield.interfaces import IRichTextValue
from z3c.relationfield.interfaces import IRelationChoice
from zope.schema.interfaces import IASCIILine
from zope.schema.interfaces import IBool
from zope.schema.interfaces import IChoice
from zope.schema.interfaces import ICollection
from zope.schema.interfaces import IDecimal
from zope.schema.interfaces import IFloat
from zope.schema.interfaces import IInt
from zope.schema.interfaces import IObject
from zope.schema.interfaces import IText
from zope.schema.interfaces import ITextLine


def check_value(field, value, in_list=False):
    """Raise FieldError if ``value`` breaks the hygiene rules of ``field``."""
    if value is None:
        return
    if IRichText.providedBy(field):
        _rich_text(field, value)
    elif IChoice.providedBy(field):
        _choice(field, value)
    elif IText.providedBy(field):
        single = ITextLine.providedBy(field) or IASCIILine.providedBy(field)
        default = limits.MAX_LIST_ITEM if in_list else (limits.MAX_LINE if single else limits.MAX_TEXT)
        check_text(value, multiline=not single, max_length=field.max_length or default)
    elif ICollection.providedBy(field):
        _collection(field, value)
    elif IObject.providedBy(field) and hasattr(field, "schema"):
        _row(field, value)
    elif IBool.providedBy(field):
        if not isinstance(value, bool):
            raise FieldError(_("error_not_boolean", default="Expected true or false."))
    elif IInt.providedBy(field):
        _number(field, value, integer=True)
    elif IFloat.providedBy(field) or IDecimal.providedBy(field):
        _number(field, value, integer=False)


def check_text(value, multiline=True, max_length=limits.MAX_TEXT):
    if not isinstance(value, str):
        raise FieldError(_("error_not_text", default="Expected text."))
    character = limits.forbidden_character(value, multiline)
    if character:
        raise FieldError(_("error_forbidden_character", default="The character ${character} is not allowed here.", mapping={"character": character}))
    if len(value) > max_length:
        raise FieldError(
            _(
                "error_text_too_long",
                default="Too long: at most ${max} characters (${length} sent).",
                mapping={"max": max_length, "length": len(value)},
            )
        )


def _rich_text(field, value):
    if IRichTextValue.providedBy(value):
        data, mime_type, encoding = value.raw, value.mimeType, value.encoding
    elif isinstance(value, dict):
        data, mime_type, encoding = value.get("data", ""), value.get("content-type"), value.get("encoding")
    else:
        data, mime_type, encoding = value, None, None
    allowed = field.allowed_mime_types or limits.RICH_TEXT_TYPES
    if mime_type is not None and mime_type not in allowed:
        shown = limits.printable(mime_type) if isinstance(mime_type, str) else type(mime_type).__name__
        raise FieldError(
            _(
                "error_rich_text_type",
                default="Format '${value}' is not allowed. Allowed formats: ${allowed}.",
                mapping={"value": shown, "allowed": ", ".join(allowed)},
            )
        )
    if encoding is not None and str(encoding).lower() not in limits.RICH_TEXT_ENCODINGS:
        raise FieldError(_("error_rich_text_encoding", default="Text encoding must be utf-8."))
    check_text(data, multiline=True, max_length=field.max_length or limits.MAX_RICH_TEXT)


def _choice(field, value):
    if isinstance(value, str):
        check_text(value, multiline=False, max_length=limits.MAX_LINE)
    elif isinstance(value, dict):
        # plone.restapi takes {"token": ...}; a relation also takes {"UID": ...} or {"@id": ...}.
        keys = ("token", "UID", "@id") if IRelationChoice.providedBy(field) else ("token",)
        if not any(isinstance(value.get(key), str) for key in keys):
            raise FieldError(_("error_not_single_value", default="Expected a single value."))
        for key in keys:
            if isinstance(value.get(key), str):
                check_text(value[key], multiline=False, max_length=limits.MAX_LINE)
    elif isinstance(value, (list, tuple, set, frozenset, float)):
        raise FieldError(_("error_not_single_value", default="Expected a single value."))


def _collection(field, value):
    if not isinstance(value, (list, tuple, set, frozenset)):
        raise FieldError(_("error_not_list", default="Expected a list."))
    bound = field.max_length or limits.MAX_LIST_ITEMS
    if len(value) > bound:
        raise FieldError(
            _("error_too_many_items", default="Too many items: at most ${max} (${count} sent).", mapping={"max": bound, "count": len(value)})
        )
    if field.value_type is not None:
        for item in value:
            check_value(field.value_type, item, in_list=True)


def _row(field, value):
    if not isinstance(value, dict):
        raise FieldError(_("error_row_not_object", default="Each row must be a JSON object."))
    for name in field.schema:
        if name in value:
            check_value(field.schema[name], value[name])


def _number(field, value, integer):
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal, str)) or (integer and isinstance(value, float)):
        raise _not_a_number(integer)
    if isinstance(value, str):
        check_text(value, multiline=False, max_length=50)
        try:
            number = int(value) if integer else Decimal(value.strip())
        except (ValueError, InvalidOperation):
            raise _not_a_number(integer) from None
    else:
        number = value
    if not integer and not (number.is_finite() if isinstance(number, Decimal) else math.isfinite(number)):
        raise _not_a_number(integer)
    low = field.min if field.min is not None else -limits.MAX_NUMBER
    high = field.max if field.max is not None else limits.MAX_NUMBER
    if not low <= number <= high:
        raise FieldError(_("error_out_of_range", default="Must be between ${min} and ${max}.", mapping={"min": low, "max": high}))


def _not_a_number(integer):
    if integer:
        return FieldError(_("error_not_integer", default="Expected a whole number."))
    return FieldError(_("error_not_number", default="Expected a number."))
