"""Form validation the datagrid widget would otherwise skip, and the input
hygiene rule for the title and description that Plone's IBasic behaviour declares
(the catalogue's own fields apply it themselves, see content.fields)."""

from collective.z3cform.datagridfield.datagridfield import DataGridFieldWidget
from collective.z3cform.datagridfield.datagridfield import DataGridValidator
from guichet_kb.content.hygiene import check_value
from guichet_kb.interfaces import IGuichetKBLayer
from plone.app.dexterity.behaviors.metadata import IBasic
from z3c.form import validator
from z3c.form.interfaces import IValidator
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface
from zope.schema.interfaces import IList


@implementer(IValidator)
@adapter(Interface, IGuichetKBLayer, Interface, IList, DataGridFieldWidget)
class TableConstraintValidator(DataGridValidator):
    """The datagrid validator checks cells only; also apply the whole-table
    constraint (e.g. no overlapping opening ranges), as REST does; an empty
    table too when the field is required (an agenda needs a type and a counter)."""

    def validate(self, value, force=False):
        super().validate(value, force)
        if value or (self.field.required and value is not None):
            self.field.constraint(value)


class BasicTextValidator(validator.SimpleFieldValidator):
    def validate(self, value, force=False):
        check_value(self.field, value)
        return super().validate(value, force)


class TitleValidator(BasicTextValidator):
    """The hygiene rule on IBasic's title (a one-line text)."""


class DescriptionValidator(BasicTextValidator):
    """The hygiene rule on IBasic's description (a multi-line text)."""


validator.WidgetValidatorDiscriminators(TitleValidator, request=IGuichetKBLayer, field=IBasic["title"])
validator.WidgetValidatorDiscriminators(DescriptionValidator, request=IGuichetKBLayer, field=IBasic["description"])
