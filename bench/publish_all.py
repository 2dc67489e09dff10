"""Bench fixture (zconsole, server stopped): publish every imported draft.

Imported sheets lack local fields (department...), so the workflow would keep
them in draft; agents only search published items. For measuring, the state is
set directly, as a reviewer would after completing them."""

from DateTime import DateTime
import os
from Testing.makerequest import makerequest
import transaction
from zope.component.hooks import setSite


site = makerequest(app)[os.environ.get("SITE_ID", "guichet")]  # noqa: F821 (zconsole)
setSite(site)
workflow = site.portal_workflow.guichet_review_workflow
count = 0
for brain in site.portal_catalog.unrestrictedSearchResults(portal_type=("ServiceSheet", "Answer"), review_state="draft"):
    obj = brain._unrestrictedGetObject()
    history = list(obj.workflow_history.get("guichet_review_workflow", ()))
    history.append({"action": "publish", "actor": "bench", "comments": "bench", "review_state": "published", "time": DateTime()})
    obj.workflow_history["guichet_review_workflow"] = tuple(history)
    workflow.updateRoleMappingsFor(obj)
    obj.reindexObject(idxs=["review_state", "allowedRolesAndUsers"])
    count += 1
transaction.commit()
print(f"published {count} items for the benchmark")
