"""Schema fields whose validation errors say what is wrong, in the user's language.

The catalogue's own fields also apply the input hygiene rule (``hygiene``) in
their validation, so a form, a script or REST refuse the same values.
"""

from guichet_kb import _
from guichet_kb.content import limits
from guichet_kb.content.hygiene import check_value
from guichet_kb.content.validation import FieldError
from guichet_kb.content.validation import http_url_constraint
from plone.app import textfield
from zope import schema
from zope.interface import implementer
from zope.schema.interfaces import ConstraintNotSatisfied
from zope.schema.interfaces import IList
from zope.schema.interfaces import WrongContainedType


class Hygienic:
    """Mixin: the hygiene rule runs before the field's own validation."""

    def _validate(self, value):
        check_value(self, value)
        super()._validate(value)


class TextLine(Hygienic, schema.TextLine):
    """One line of text, without control characters, at most limits.MAX_LINE long."""


class Text(Hygienic, schema.Text):
    """Multi-line plain text (tab and line breaks allowed), at most limits.MAX_TEXT long."""


class RichText(Hygienic, textfield.RichText):
    """Rich text in one of the formats Plone renders (limits.RICH_TEXT_TYPES)."""

    def __init__(self, **kw):
        kw.setdefault("allowed_mime_types", limits.RICH_TEXT_TYPES)
        super().__init__(**kw)


class HttpUrl(Hygienic, schema.URI):
    """An absolute http(s) URL: what citizens and agents can actually open."""

    def __init__(self, **kw):
        kw.setdefault("constraint", http_url_constraint)
        super().__init__(**kw)


MAX_LISTED_TERMS = 30  # a longer vocabulary (pivot codes) is not spelled out in an error


class Term(Hygienic, schema.Choice):
    """A Choice that names the unknown value and the allowed ones."""

    def _validate(self, value):
        try:
            super()._validate(value)
        except ConstraintNotSatisfied:
            vocabulary = self._resolve_vocabulary(value)
            if len(vocabulary) > MAX_LISTED_TERMS:
                raise FieldError(_("error_unknown_term_long", default="Unknown value '${value}'.", mapping={"value": str(value)})) from None
            raise FieldError(
                _(
                    "error_unknown_term",
                    default="Unknown value '${value}'. Allowed values: ${allowed}.",
                    mapping={"value": str(value), "allowed": ", ".join(term.token for term in vocabulary)},
                )
            ) from None


class List(Hygienic, schema.List):
    """A List reporting the first readable error of its items, not 'Wrong contained type'."""

    def _validate(self, value):
        try:
            super()._validate(value)
        except WrongContainedType as error:
            readable = [e for e in error.errors if isinstance(e, FieldError)]
            if readable:
                raise readable[0] from None
            raise


class IReferenceRows(IList):
    """Rows that name a catalogue item by UID under `reference_key`."""


@implementer(IReferenceRows)
class ReferenceRows(List):
    """Rows referencing items by UID (serialized without the ones the caller may not see)."""

    def __init__(self, reference_key, **kw):
        self.reference_key = reference_key
        super().__init__(**kw)
