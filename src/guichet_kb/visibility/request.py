"""The visibility rule at the publisher: direct URLs and caller-set catalog flags.

Plone hides inactive items from catalog searches only; a direct URL or a REST GET
would still serve them. After traversal, the innermost content item reached (ours
or a stock page) is checked, so views, REST services and expansions below it are covered too. The
404 page is then rendered on the item's container: nothing of the hidden item
(title, description in `og:` tags) reaches the page.

`show_inactive` is a flag for trusted code: the catalog obeys it whoever asks, and
plone.restapi's `@search` passes it through from the query string. It is dropped
from the request of every caller who may not see inactive items.
"""

from Acquisition import aq_base
from guichet_kb.visibility import is_active
from guichet_kb.visibility import may_see_inactive
from plone.base.interfaces import IPloneSiteRoot
from plone.dexterity.interfaces import IDexterityContent
from zExceptions import NotFound
from zope.component.hooks import getSite


def _is_item(obj):
    return IDexterityContent.providedBy(obj) and not IPloneSiteRoot.providedBy(obj)


def _content(obj):
    """The item itself, or the content a view or REST service was published on."""
    if _is_item(obj):
        return obj
    context = getattr(aq_base(obj), "context", None)
    return context if _is_item(context) else None


def _drop_show_inactive(request):
    form = request.form
    names = [name for name in form if name == "show_inactive" or name.startswith("show_inactive:")]
    site = getSite()
    # Outside a Plone site (the Zope root, acl_users...) nobody is asked: drop the flag.
    if names and not (IPloneSiteRoot.providedBy(site) and may_see_inactive(site)):
        for name in names:
            del form[name]
        request.other.pop("show_inactive", None)


def check_effective(event):
    request = event.request
    _drop_show_inactive(request)
    parents = request.get("PARENTS", ())
    for index, parent in enumerate(parents):
        obj = _content(parent)
        if obj is not None:
            if not is_active(obj) and not may_see_inactive(obj):
                # The error view is wrapped in PARENTS[0]: make it the container.
                request["PARENTS"] = list(parents[index + 1 :])
                raise NotFound(obj.getId())
            return
