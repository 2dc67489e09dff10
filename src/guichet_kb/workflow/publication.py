"""Effective and expiration dates enforced on direct access, not only in listings.

Plone hides inactive items from catalog searches only; a direct URL or a REST GET
would still serve them. After traversal, the innermost catalogue item reached is
checked, so views, REST services and expansions below it are covered too.
"""
from DateTime import DateTime
from guichet_kb.interfaces import IGuichetContent
from plone import api
from zExceptions import NotFound


def is_active(obj, now=None):
    now = now or DateTime()
    effective, expires = obj.effective_date, obj.expiration_date
    return (effective is None or effective <= now) and (expires is None or expires > now)


def check_effective(event):
    for obj in event.request.get("PARENTS", ()):
        if IGuichetContent.providedBy(obj):
            if not is_active(obj) and not api.user.has_permission("Access inactive portal content", obj=obj):
                raise NotFound(obj.getId())
            return
