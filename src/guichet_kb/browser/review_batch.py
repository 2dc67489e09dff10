"""The review queue's bulk form (POST @@review-batch): the same code as POST
@review-batch (workflow/batch.py), then the per-item results as a list."""

from guichet_kb import _
from guichet_kb import facts
from guichet_kb.browser.workflow import ReviewQueueView
from guichet_kb.workflow import batch
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zope.i18n import translate


NOTHING_SELECTED = _("error_batch_nothing_selected", default="Select at least one item.")


def left_over_message(count):
    return _(
        "batch_left_over",
        default="Only the first ${max} selected items were handled; ${count} more were not: apply the action again to them.",
        mapping={"max": facts.BATCH_MAX_ITEMS, "count": count},
    )


class ReviewBatchView(BrowserView):
    """Runs a bulk action posted from the queue; a GET goes back to the queue."""

    error = None
    outcome = None
    left_over = None

    def queue_url(self):
        return f"{self.context.absolute_url()}/@@review-queue"

    def __call__(self):
        if self.request.method != "POST":
            return self.request.response.redirect(self.queue_url())
        CheckAuthenticator(self.request)
        form = self.request.form
        items, seen = [], set()
        for value in self._values(form.get("items")):
            uid, _sep, modified = value.strip().partition(" ")
            if uid and uid not in seen:  # an item has a row per reason: handled once
                seen.add(uid)
                items.append({"UID": uid, "modified": modified} if modified else {"UID": uid})
        if not items:
            self.error = translate(NOTHING_SELECTED, context=self.request)
            return self.index()
        if len(items) > facts.BATCH_MAX_ITEMS:  # one request, one transaction: as many as REST takes
            self.left_over = translate(left_over_message(len(items) - facts.BATCH_MAX_ITEMS), context=self.request)
            items = items[: facts.BATCH_MAX_ITEMS]
        data = {"action": form.get("action"), "items": items, "comment": form.get("comment", "")}
        try:
            action, parsed, comment = batch.parse(data)
        except batch.BadBatch as bad:
            self.error = translate(bad.message, context=self.request)
            return self.index()
        self.action = action
        labels = self._labels([uid for uid, _modified in parsed])
        self.outcome = batch.run(action, parsed, comment)
        for result in self.outcome["results"]:
            result["title"], result["url"] = labels.get(result["UID"], (result["UID"], None))
        return self.index()

    @staticmethod
    def _values(value):
        if isinstance(value, str):
            return [value]
        return [v for v in value or () if isinstance(v, str)]

    @staticmethod
    def _labels(uids):
        """UID -> (title, URL) for the items the caller may see; the rest are shown by UID
        only, as unknown ones are (never a title the caller may not read)."""
        catalog = api.portal.get_tool("portal_catalog")
        return {brain.UID: (brain.Title, brain.getURL()) for brain in catalog(UID=uids, portal_type=facts.REVIEWED_TYPES)}

    def action_title(self):
        return translate(ReviewQueueView.ACTION_TITLES[self.action], context=self.request)
