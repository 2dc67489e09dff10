"""What comes in: screened, then stored or merged into a recent duplicate.

Screening: e-mail addresses and phone numbers (interactions/screen.py) are replaced
by « [masqué] » (in the site's language) before the comment is stored, and the entry
is flagged `personal`: the stores never hold them. Duplicates: the same item, the
same answer (feedback) or kind (report) and the same comment once folded (case,
accents, spaces) within facts.DUPLICATE_MINUTES of the first entry grow that entry's
`count` and `last` instead of adding one. Answers without a comment are votes, each
stored (a flood is stopped by the rate limit of POST @feedback).
"""

from datetime import timedelta
from guichet_kb import _
from guichet_kb import clock
from guichet_kb.facts import DUPLICATE_MINUTES
from guichet_kb.interactions import store as reports
from guichet_kb.interactions.screen import mask_personal_data
from guichet_kb.search.text import fold
from guichet_kb.stats import store as feedback
from plone import api
from zope.i18n import translate


MASKED_PART = _("triage_masked_part", default="[masked]")


def screened(comment):
    """(comment with personal data masked, whether there was any)."""
    replacement = translate(MASKED_PART, target_language=api.portal.get_default_language())
    return mask_personal_data((comment or "").strip(), replacement)


def folded(comment):
    """The comment as duplicates compare it."""
    return " ".join(fold(comment).split())


def _duplicate(items, same):
    """The key of the first recent entry ``same`` accepts, else None."""
    return next((key for key, entry in items if same(entry)), None)


def _since():
    return clock.now() - timedelta(minutes=DUPLICATE_MINUTES)


def _merge(update, key, entry):
    update(key, count=entry.get("count", 1) + 1, last=clock.now().isoformat())
    return key


def take_feedback(uid, useful, comment):
    """Store a visitor's answer (or merge it into a duplicate): its key."""
    text, personal = screened(comment)
    if text:
        wanted = folded(text)
        recent = feedback.feedback_items(since=_since())
        key = _duplicate(recent, lambda e: e["uid"] == uid and e["useful"] == bool(useful) and folded(e["comment"]) == wanted)
        if key is not None:
            return _merge(feedback.update_feedback, key, dict(recent)[key])
    return feedback.add_feedback(uid, useful, text, personal=personal)


def take_report(uid, kind, comment, actor):
    """Store an agent's report (or merge it into a duplicate): its key."""
    text, personal = screened(comment)
    wanted = folded(text)
    recent = reports.report_items(since=_since())
    key = _duplicate(recent, lambda r: r["uid"] == uid and r["kind"] == kind and folded(r["comment"]) == wanted)
    if key is not None:
        return _merge(reports.update_report, key, dict(recent)[key])
    key = reports.add_report(uid, kind, text, actor)
    if personal:
        reports.update_report(key, personal=True)
    return key
