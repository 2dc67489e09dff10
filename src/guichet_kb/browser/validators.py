"""Form validation the datagrid widget would otherwise skip."""
from collective.z3cform.datagridfield.datagridfield import DataGridFieldWidget
from collective.z3cform.datagridfield.datagridfield import DataGridValidator
from guichet_kb.interfaces import IGuichetKBLayer
from z3c.form.interfaces import IValidator
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface
from zope.schema.interfaces import IList


@implementer(IValidator)
@adapter(Interface, IGuichetKBLayer, Interface, IList, DataGridFieldWidget)
class TableConstraintValidator(DataGridValidator):
    """The datagrid validator checks cells only; also apply the whole-table
    constraint (e.g. no overlapping opening ranges), as REST does."""

    def validate(self, value, force=False):
        super().validate(value, force)
        if value:
            self.field.constraint(value)
