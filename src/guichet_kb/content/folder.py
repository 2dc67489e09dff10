"""CatalogueFolder: the container of one kind of catalogue item."""

from plone.dexterity.content import Container
from plone.supermodel import model
from zope.interface import implementer


class ICatalogueFolder(model.Schema):
    """Allowed types are narrowed per folder at creation (see setup)."""


@implementer(ICatalogueFolder)
class CatalogueFolder(Container):
    """A folder of the catalogue (démarches, pièces, guichets...)."""
