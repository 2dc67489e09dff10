"""The editors' word on an item's variant family (fieldset "Variantes").

Empty fields: the family and the label are detected from the title
(search/variants.py). A family name groups items by hand; NO_FAMILY says the
item is nobody's variant. Both are indexed into the ``guichet_family`` column.
"""

from guichet_kb import _
from guichet_kb.content import fields
from guichet_kb.content.validation import FieldError
from guichet_kb.search.variant_axes import MAX_OVERRIDE
from guichet_kb.search.variant_axes import NO_FAMILY
from plone.supermodel import model


def override_constraint(value):
    """Not only spaces, at most MAX_OVERRIDE characters."""
    if not (value or "").strip():
        raise FieldError(_("error_variant_blank", default="Write a name, or leave the field empty."))
    if len(value) > MAX_OVERRIDE:
        raise FieldError(_("error_variant_too_long", default="At most ${max} characters.", mapping={"max": MAX_OVERRIDE}))
    return True


class IVariantOverrides(model.Schema):
    model.fieldset("variants", label=_("Variants"), fields=["family_name", "variant_label"])
    family_name = fields.TextLine(
        title=_("Variant family"),
        description=_(
            "help_family_name",
            default="Items of one family are offered as one choice (e.g. Carte d'identité). "
            "Empty: detected from the title. '${none}': not a variant.",
            mapping={"none": NO_FAMILY},
        ),
        required=False,
        constraint=override_constraint,
    )
    variant_label = fields.TextLine(
        title=_("Variant label"),
        description=_("help_variant_label", default="What this variant is, e.g. Majeur · Première demande. Empty: detected from the title."),
        required=False,
        constraint=override_constraint,
    )
