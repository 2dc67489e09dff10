"""Which id a new or renamed catalogue item may take: one rule for REST and importers.

The project's own pattern and reserved names (``limits``), then Zope's
``checkValidId`` (illegal characters, ``_``, ``aq_``, ``@@``, ``++``, names
acquired from above) and Plone's ``check_id`` (tool and view names, reserved
words, duplicates), so nothing Plone itself would refuse gets through.
"""

from guichet_kb import _
from guichet_kb.content import limits
from OFS.ObjectManager import checkValidId
from plone.base.utils import check_id
from zExceptions import BadRequest


def id_problem(container, new_id):
    """None if ``new_id`` may name an item of ``container``, else a translatable message."""
    shown = limits.printable(new_id) if isinstance(new_id, str) else repr(new_id)
    if not isinstance(new_id, str) or not limits.ID_PATTERN.match(new_id) or ".." in new_id:
        return _(
            "error_id_characters",
            default="Invalid id '${id}': use at most 100 letters, digits, dots, dashes or underscores, starting with a letter or a digit.",  # noqa: E501
            mapping={"id": shown},
        )
    if new_id in container.objectIds():
        return _("error_id_taken", default="The id '${id}' is already used in this folder.", mapping={"id": shown})
    reserved = new_id in limits.RESERVED_IDS or new_id.startswith(limits.RESERVED_ID_PREFIXES)
    if not reserved:
        try:
            checkValidId(container, new_id)
        except BadRequest:
            reserved = True
    if not reserved:
        reserved = bool(check_id(container, new_id, required=1, contained_by=container))
    if reserved:
        return _("error_id_reserved", default="The id '${id}' is reserved by Zope or Plone: choose another one.", mapping={"id": shown})
    return None
