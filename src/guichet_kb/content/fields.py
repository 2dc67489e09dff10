"""Schema fields whose validation errors say what is wrong, in the user's language."""
from guichet_kb import _
from guichet_kb.content.validation import FieldError
from guichet_kb.content.validation import http_url_constraint
from zope import schema
from zope.interface import implementer
from zope.schema.interfaces import ConstraintNotSatisfied
from zope.schema.interfaces import IList
from zope.schema.interfaces import WrongContainedType


class HttpUrl(schema.URI):
    """An absolute http(s) URL: what citizens and agents can actually open."""

    def __init__(self, **kw):
        kw.setdefault("constraint", http_url_constraint)
        super().__init__(**kw)


class Term(schema.Choice):
    """A Choice that names the unknown value and the allowed ones."""

    def _validate(self, value):
        try:
            super()._validate(value)
        except ConstraintNotSatisfied:
            vocabulary = self._resolve_vocabulary(value)
            raise FieldError(
                _(
                    "error_unknown_term",
                    default="Unknown value '${value}'. Allowed values: ${allowed}.",
                    mapping={"value": str(value), "allowed": ", ".join(term.token for term in vocabulary)},
                )
            ) from None


class List(schema.List):
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
