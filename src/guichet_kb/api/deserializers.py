"""Stricter JSON deserializers for the catalogue types.

plone.restapi silently ignores keys it does not know and the datagrid row
deserializer drops unknown row keys; a typo would then look like a successful
save. Here unknown keys are a 400 listing them, and row dates get the same
readable message as the rest of the validation.

Before anything is written, every field sent goes through the input hygiene
rule (content.hygiene: types, control characters, bounds, rich-text formats)
and a new or changed id through the id rule (content.ids). A refusal is a
``DeserializationError``, which plone.restapi's add and update services answer
with 400 ``{"error": {"type", "message"}}``, the message naming each field.
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from collective.z3cform.datagridfield.deserializer import DatagridRowDeserializer
from collective.z3cform.datagridfield.interfaces import IRow
from datetime import date
from guichet_kb import _
from guichet_kb.content import limits
from guichet_kb.content.hygiene import check_value
from guichet_kb.content.ids import id_problem
from guichet_kb.content.validation import FieldError
from guichet_kb.interfaces import IGuichetContent
from guichet_kb.interfaces import IGuichetKBLayer
from plone.dexterity.interfaces import IDexterityContent
from plone.dexterity.utils import iterSchemata
from plone.restapi.deserializer import json_body
from plone.restapi.deserializer.dxcontent import DeserializeFromJson
from plone.restapi.exceptions import DeserializationError
from plone.restapi.interfaces import IDeserializeFromJson
from plone.restapi.interfaces import IFieldDeserializer
from zExceptions import BadRequest
from zope.component import adapter
from zope.i18n import translate
from zope.interface import implementer
from zope.schema import getFields
from zope.schema.interfaces import IDate


# Keys a client may send besides schema fields: those plone.restapi's add and
# update services read, and those it serializes (so a GET body can be PATCHed back).
SERVICE_KEYS = frozenset({"@type", "id", "UID", "layout", "ordering", "language", "translation_of", "@static_behaviors"})
SERIALIZED_KEYS = frozenset(
    {
        "@id",
        "@components",
        "allow_discussion",
        "created",
        "modified",
        "is_folderish",
        "lock",
        "next_item",
        "parent",
        "previous_item",
        "review_state",
        "type_title",
        "version",
        "versioning_enabled",
        "working_copy",
        "working_copy_of",
        "items",
        "items_total",
        "batching",
    }
)


class FieldsRefused(DeserializationError):
    """plone.restapi answers its str(); the stock class would quote the message (repr)."""

    def __str__(self):
        return self.msg


def unknown_fields_message(unknown):
    fields = ", ".join(sorted(limits.printable(str(name)) for name in unknown))
    return _("error_unknown_fields", default="Unknown field(s): ${fields}.", mapping={"fields": fields})


def field_problem(name, message, request):
    """'field: what is wrong', translated (the problem starts lower case mid-sentence)."""
    problem = translate(message, context=request)
    problem = problem[:1].lower() + problem[1:]
    return translate(_("error_field_problem", default="${field}: ${problem}", mapping={"field": name, "problem": problem}), context=request)


@implementer(IDeserializeFromJson)
@adapter(IGuichetContent, IGuichetKBLayer)
class StrictDeserializeFromJson(DeserializeFromJson):
    def __call__(self, validate_all=False, data=None, create=False, mask_validation_errors=True):
        if data is None:
            data = json_body(self.request)
        known = SERVICE_KEYS | SERIALIZED_KEYS
        for schema in iterSchemata(self.context):
            known |= set(getFields(schema))
        unknown = set(data) - known
        if unknown:
            message = translate(unknown_fields_message(unknown), context=self.request)
            raise BadRequest([{"error": "ValidationError", "fields": sorted(unknown), "message": message}])
        problems = self.hygiene_problems(data, create)
        if problems:
            raise FieldsRefused(" ".join(problems))
        return super().__call__(validate_all=validate_all, data=data, create=create, mask_validation_errors=mask_validation_errors)

    def hygiene_problems(self, data, create):
        problems = []
        for schema in iterSchemata(self.context):
            for name, field in getFields(schema).items():
                if name in data and not field.readonly:
                    try:
                        check_value(field, data[name])
                    except FieldError as error:
                        problems.append(field_problem(name, error.message, self.request))
        new_id = data.get("id")
        if new_id is not None and not problems and (create or new_id != self.context.getId()):
            message = id_problem(aq_parent(aq_inner(self.context)), new_id)
            if message is not None:
                problems.append(field_problem("id", message, self.request))
        return problems


@implementer(IFieldDeserializer)
@adapter(IRow, IDexterityContent, IGuichetKBLayer)
class StrictRowDeserializer(DatagridRowDeserializer):
    def __call__(self, row):
        if not isinstance(row, dict):
            raise FieldError(_("error_row_not_object", default="Each row must be a JSON object."))
        names = getFields(self.field.schema)
        unknown = set(row) - set(names)
        if unknown:
            raise FieldError(unknown_fields_message(unknown))
        for name, field in names.items():
            value = row.get(name)
            if IDate.providedBy(field) and value and not isinstance(value, date):
                try:
                    date.fromisoformat(str(value))
                except ValueError:
                    raise FieldError(
                        _("error_date_format", default="Invalid date '${value}': use YYYY-MM-DD.", mapping={"value": str(value)})
                    ) from None
        return super().__call__(row)
