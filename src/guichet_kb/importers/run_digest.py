"""What one import run did, and the reviewers' e-mail about it (POST @import-digest).

Computed from stored facts only: the items whose import record names the run
(``import_batch`` index, content/imported_indexers.py) and their states and
completeness now; the withdrawn fiches the run flagged. One e-mail per run, only
when there is something to say; the run is claimed in the sending transaction
(a site store keyed by batch id), so a replayed request, or the same request on
another instance, sends nothing: two claims of one batch conflict in the ZODB
and the retried request sees the first (as workflow/digest.py).
"""

from BTrees.OOBTree import OOBTree
from guichet_kb import _
from guichet_kb import clock
from guichet_kb.annotations import site_store
from guichet_kb.content.imported import IMPORT_KEY
from guichet_kb.facts import ANSWERABLE_TYPES
from guichet_kb.national import withdrawals
from guichet_kb.workflow import notify
from guichet_kb.workflow.completeness import describe
from guichet_kb.workflow.completeness import missing
from plone import api
from plone.app.iterate.interfaces import IWorkingCopy
from zope.annotation.interfaces import IAnnotations
from zope.globalrequest import getRequest
from zope.i18n import translate


CLAIMS_KEY = "guichet_kb.import_digests"
LIST_MAX = 50  # items listed per section of the e-mail; the counts are always whole
COUNTS = ("created", "published", "updated", "working_copies", "pending", "withdrawn", "incomplete")


def _batch_items(batch):
    catalog = api.portal.get_tool("portal_catalog")
    return [brain._unrestrictedGetObject() for brain in catalog.unrestrictedSearchResults(import_batch=batch, sort_on="sortable_title")]


def withdrawn_in(batch):
    """Items this run flagged as withdrawn nationally (POST @service-public-withdrawals
    with the same batch), whatever their state."""
    found = [brain.getObject() for brain in api.content.find(portal_type=ANSWERABLE_TYPES, **{withdrawals.INDEX: True})]
    return [obj for obj in found if (withdrawals.withdrawal(obj) or {}).get("batch") == batch]


def summary(batch):
    """{"batch", "by", counts..., "sections": {name: [objects]}, "missing": {UID: rules}}."""
    facts = {"batch": batch, "by": None, "sections": {"pending": [], "incomplete": [], "withdrawn": withdrawn_in(batch)}, "missing": {}}
    counts = dict.fromkeys(COUNTS, 0)
    for obj in _batch_items(batch):
        record = IAnnotations(obj).get(IMPORT_KEY, {})
        facts["by"] = facts["by"] or record.get("by")
        state = api.content.get_state(obj, default=None)
        if IWorkingCopy.providedBy(obj):
            counts["working_copies"] += 1
        elif record.get("change") == "created":
            counts["created"] += 1
            counts["published"] += state == "published"
        else:
            counts["updated"] += 1
        if state == "pending":
            facts["sections"]["pending"].append(obj)
        elif state == "draft" and not IWorkingCopy.providedBy(obj):
            lacking = missing(obj)
            if lacking:
                facts["sections"]["incomplete"].append(obj)
                facts["missing"][obj.UID()] = lacking
    counts["pending"] = len(facts["sections"]["pending"])
    counts["incomplete"] = len(facts["sections"]["incomplete"])
    counts["withdrawn"] = len(facts["sections"]["withdrawn"])
    return {**facts, **counts}


def something_to_say(facts):
    return any(facts[name] for name in ("created", "updated", "withdrawn"))


HEADINGS = {
    "incomplete": _("import_digest_incomplete", default="Incomplete (what is missing):"),
    "pending": _("import_digest_pending", default="Waiting for review:"),
    "withdrawn": _("import_digest_withdrawn", default="Withdrawn nationally (nothing was unpublished):"),
}


def _details(facts, language):
    request = getRequest()
    lines = []
    for name in ("incomplete", "pending", "withdrawn"):
        items = facts["sections"][name]
        if not items:
            continue
        lines += ["", translate(HEADINGS[name], target_language=language)]
        for obj in items[:LIST_MAX]:
            if name == "incomplete":
                mapping = {"title": obj.Title(), "missing": describe(facts["missing"][obj.UID()], request), "url": obj.absolute_url()}
                line = _("import_digest_missing_line", default="- ${title}: ${missing} missing — ${url}", mapping=mapping)
                lines.append(translate(line, target_language=language))
            else:
                lines.append(f"- {obj.Title()} — {obj.absolute_url()}")
        if len(items) > LIST_MAX:
            more = _("import_digest_more", default="… and ${count} more", mapping={"count": len(items) - LIST_MAX})
            lines.append(translate(more, target_language=language))
    return "\n".join(lines)


def message(portal, facts):
    """(subject, body) as i18n messages."""
    language = notify._language()
    mapping = {name: facts[name] for name in COUNTS}
    mapping.update(batch=facts["batch"], by=facts["by"] or "?", details=_details(facts, language), url=f"{portal.absolute_url()}/@@review-queue")
    subject = _(
        "import_digest_subject",
        default="[Guichet] Service-Public.fr import: ${created} new, ${updated} updated, ${withdrawn} withdrawn",
        mapping=mapping,
    )
    body = _(
        "import_digest_body",
        default=(
            "Service-Public.fr import ${batch} (run by ${by}):\n\n"
            "- created: ${created} (published: ${published})\n"
            "- updated: ${updated} (working copies to check in: ${working_copies})\n"
            "- waiting for review: ${pending}\n"
            "- withdrawn nationally: ${withdrawn}\n"
            "- incomplete, not published: ${incomplete}\n"
            "${details}\n\n"
            "Review queue: ${url}"
        ),
        mapping=mapping,
    )
    return subject, body


def sent_at(batch):
    """When this run's digest was sent (ISO), or None. Reads only."""
    claims = site_store(CLAIMS_KEY)
    return claims.get(batch) if claims is not None else None


def send(portal, batch):
    """The run's facts as counts, and "sent" (recipients) or "already_sent" (when)."""
    already = sent_at(batch)
    facts = summary(batch)
    counts = {name: facts[name] for name in COUNTS}
    if already:
        return {"batch": batch, **counts, "sent": 0, "already_sent": already}
    sent = notify.send(notify.reviewers(portal), *message(portal, facts)) if something_to_say(facts) else 0
    if sent:
        site_store(CLAIMS_KEY, OOBTree)[batch] = clock.now().isoformat(timespec="seconds")
    return {"batch": batch, **counts, "sent": sent}
