"""Bad input: cleaning of what visitors send (the feedback rate limit is guichet_kb.ratelimit)."""

import re


MAX_QUERY = 200  # the REST API refuses longer queries
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ufffd\u200b-\u200f\u2028-\u202e\u2066-\u2069]")
ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
BOTS = re.compile(r"bot|crawl|spider|slurp|monitor|curl|wget|python|httpx|bench", re.IGNORECASE)


def clean_query(value, limit=MAX_QUERY):
    """Text without control or invalid characters (undecodable bytes arrive as U+FFFD), capped."""
    return " ".join(CONTROL.sub(" ", value or "").split())[:limit].strip()


def clean_id(value):
    """A Plone id or a life-event token, or '' for anything else (no path tricks reach Plone)."""
    return value if ID.match(value or "") and ".." not in value else ""


def is_bot(request):
    """Robots, monitors and benchmarks are not counted as page views."""
    return bool(BOTS.search(request.headers.get("user-agent", "")))


def visitor(request, settings):
    """The visitor's address: the peer, or behind a trusted load balancer the last
    X-Forwarded-For hop (the one the balancer appended; earlier hops are whatever
    the visitor wrote)."""
    forwarded = request.headers.get("x-forwarded-for", "")
    if settings.trust_proxy and forwarded.strip(" ,"):
        return forwarded.rstrip(" ,").rsplit(",", 1)[-1].strip()[:64]
    return request.client.host if request.client else ""


FEEDBACK_LIMIT = 5  # feedback posts per visitor per minute, per process (Plone has its own limit too)
BOOKING_LIMIT = 10  # booking, moving and cancelling posts per visitor per minute, per process (Plone's @bookings limits too)
QUEUE_LIMIT = 10  # queue ticket posts (take, leave, rejoin) per visitor per minute, per process (Plone's @queue-tickets limits too)
