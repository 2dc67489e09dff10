"""Generated activity: calls and visits logged by agents, public page views and "useful?"
answers over past days, so that the demo's dashboard has something to show
(scripts/create_site.py, about three months) and the dashboard's benchmark its two
years for 50 agents (bench/dashboard_bench.py). Generated, never real: no comment, no
person, only the records' own fields, drawn from a seeded random generator (the same
seed gives the same activity).

The shape of a town hall's week: closed on Sundays, Saturday mornings only, peaks at
9-11 h and 14-16 h; the telephone first, then the front desk and e-mail; a few
services make most calls (Zipf's law over the published sheets and answers); about
one call in eight redirected to another body, one in ten not answered; school
enrolment in spring and elections in winter-spring lift their sheets.
"""

from collections import Counter
from datetime import datetime
from datetime import timedelta
from guichet_kb import clock
from guichet_kb import facts
from guichet_kb.interactions import store
from guichet_kb.serializers.organisation import card_of
from guichet_kb.stats import store as stats
import math
from plone import api
import random


CHANNEL_WEIGHTS = {"telephone": 50, "accueil": 25, "courriel": 10, "chat": 4}  # any other channel: 2
HOUR_WEIGHTS = {8: 4, 9: 9, 10: 10, 11: 8, 12: 3, 13: 3, 14: 8, 15: 9, 16: 7, 17: 4}
SATURDAY_HOURS = (9, 10, 11)
WEEKDAY_WEIGHTS = (1.2, 1.0, 1.0, 0.9, 1.0, 0.35, 0.0)  # Monday..Sunday
OUTCOME_WEIGHTS = {"answered": 78, "redirected": 12, "not_answered": 10}
SEASONAL = {"inscription": (3, 5), "scolaire": (3, 5), "electoral": (1, 4), "élection": (1, 4)}  # title word -> months lifted
DEMO_DAYS, DEMO_PER_DAY = 92, 60  # the demo: the last three months of a small town's desk
FEEDBACK_SHARE = 0.02  # views that get a "useful?" answer
USEFUL_SHARE = 0.8


def _published(portal_types):
    return api.content.find(portal_type=list(portal_types), review_state="published", sort_on="sortable_title")


def _weights(brains):
    """Zipf's law over the items, the top services first."""
    ranked = sorted(brains, key=lambda b: (getattr(b, "top_rank", None) or 999, b.Title))
    return [b.UID for b in ranked], [1 / (rank + 1) for rank in range(len(ranked))]


def _seasonal(brains):
    lifted = {}
    for brain in brains:
        title = (brain.Title or "").lower()
        for word, months in SEASONAL.items():
            if word in title:
                lifted[brain.UID] = months
    return lifted


def _lift(months, month):
    return 3 if months and months[0] <= month <= months[1] else 1


def generate(start, days, per_day, views_per_day=None, seed=17, commit_every=None):
    """Log `per_day` interactions on average for each day from `start` (a date), with page
    views and feedback; returns {"interactions", "views", "feedback"} counts.
    `commit_every` (days) commits as it goes (a big generation, outside a request)."""
    rng = random.Random(seed)
    items = _published(facts.ANSWERABLE_TYPES)
    services, weights = _weights(items)
    sheets = [b.UID for b in items if b.portal_type == "ServiceSheet"]
    lifted = _seasonal(items)
    desks = [b.UID for b in _published(("Desk",))] or [None]
    bodies = [b.UID for b in _published(("Organisation",)) if card_of(b)["kind"] not in facts.LOCAL_KINDS] or [None]
    channels = list(facts.CALL_CHANNELS)
    channel_weights = [CHANNEL_WEIGHTS.get(c, 2) for c in channels]
    outcomes, outcome_weights = list(OUTCOME_WEIGHTS), list(OUTCOME_WEIGHTS.values())
    views_per_day = per_day // 3 if views_per_day is None else views_per_day
    zone = clock.zone()
    made = {"interactions": 0, "views": 0, "feedback": 0}
    for offset in range(days):
        day = start + timedelta(days=offset)
        factor = WEEKDAY_WEIGHTS[day.weekday()] * (1 + 0.15 * math.sin(2 * math.pi * day.timetuple().tm_yday / 365))
        if not factor or not services:
            continue
        hours = SATURDAY_HOURS if day.weekday() == 5 else tuple(HOUR_WEIGHTS)
        hour_weights = [HOUR_WEIGHTS[h] for h in hours]
        boost = [weight * _lift(lifted.get(uid), day.month) for uid, weight in zip(services, weights, strict=True)]
        count = int(rng.gauss(per_day * factor, per_day * factor * 0.1))
        picked = rng.choices(services, boost, k=max(count, 0))
        for service in picked:
            moment = datetime(day.year, day.month, day.day, rng.choices(hours, hour_weights)[0], rng.randrange(60), rng.randrange(60), tzinfo=zone)
            outcome = rng.choices(outcomes, outcome_weights)[0]
            body = rng.choice(bodies) if outcome == "redirected" else None
            if outcome == "not_answered" and rng.random() < 0.4:
                service = None  # the caller's question matched no sheet
            store.add(service, rng.choices(channels, channel_weights)[0], outcome, body, rng.choice(desks), when=moment)
        made["interactions"] += len(picked)
        if sheets:
            viewed = rng.choices(sheets, k=int(views_per_day * factor))
            for uid, views in Counter(viewed).items():
                stats.count_view(uid, day, views)
            made["views"] += len(viewed)
            for uid in (uid for uid in viewed if rng.random() < FEEDBACK_SHARE):  # a small town's few answers too
                moment = datetime(day.year, day.month, day.day, rng.randrange(8, 22), rng.randrange(60), tzinfo=zone)
                # Stamped, not under clock.frozen: that patches the clock of every thread
                # (a test server's too) while the generation runs.
                stats.add_feedback(uid, rng.random() < USEFUL_SHARE, "", when=moment)
                made["feedback"] += 1
        if commit_every and (offset + 1) % commit_every == 0:
            import transaction

            transaction.commit()
    return made
