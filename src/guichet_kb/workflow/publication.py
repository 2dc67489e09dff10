"""Effective and expiration dates enforced on direct access, not only in listings.

Plone hides inactive items from catalog searches only; a direct URL or a REST GET
would still serve them. After traversal, the innermost catalogue item reached is
checked, so views, REST services and expansions below it are covered too.
"""
from Acquisition import aq_base
from DateTime import DateTime
from guichet_kb.interfaces import IGuichetContent
from plone import api
from zExceptions import NotFound


def is_active(obj, now=None):
    now = now or DateTime()
    effective, expires = obj.effective_date, obj.expiration_date
    return (effective is None or effective <= now) and (expires is None or expires > now)


def _content(obj):
    """The item itself, or the content a view or REST service was published on."""
    if IGuichetContent.providedBy(obj):
        return obj
    context = getattr(aq_base(obj), "context", None)
    return context if IGuichetContent.providedBy(context) else None


def check_effective(event):
    for parent in event.request.get("PARENTS", ()):
        obj = _content(parent)
        if obj is not None:
            if not is_active(obj) and not api.user.has_permission("Access inactive portal content", obj=obj):
                raise NotFound(obj.getId())
            return
