"""« Quel guichet pour ma démarche ? » (issue 16), moved out of public/pages.py: the bodies,
what each handles, their desks and today's hours, filtered without JavaScript."""

import asyncio
from guichet_kb.public.limits import clean_query
from guichet_kb.public.pages import common
from guichet_kb.public.pages import site_of
from guichet_kb.public.pages import WHICH_DESK
import unicodedata


def _folded(text):
    """Lower case without accents, for the bodies' search box."""
    return "".join(c for c in unicodedata.normalize("NFKD", (text or "").lower()) if not unicodedata.combining(c))


def matching_bodies(bodies, kind, q):
    """The bodies of ``kind`` (all when empty) matching every word of ``q`` in their
    name, description or what they handle; each with `shown`: the sheets it handles
    that match (all of them when the body matched by its own name, or without words)."""
    words = _folded(q).split()
    found = []
    for body in bodies:
        if kind and body.get("kind") != kind:
            continue
        handles = body.get("handles") or []
        sheets = [s for s in handles if all(w in _folded(f"{s.get('title')} {s.get('case') or ''}") for w in words)]
        own = all(w in _folded(f"{body.get('title')} {body.get('description')} {body.get('kind_title')}") for w in words)
        if words and not (own or sheets):
            continue
        found.append({**body, "shown": handles if own or not words else sheets})
    return found


async def which_desk(request):
    """ "Quel guichet pour ma démarche ?": the bodies, what each handles, their desks and
    today's hours; filtered by kind and words without JavaScript (GET form)."""
    site = site_of(request)
    found, extra = await asyncio.gather(site.backend.get("@organisations"), common(site))
    bodies = found.get("items", [])
    kinds = list(dict.fromkeys((b.get("kind"), b.get("kind_title")) for b in bodies))
    kind = request.query_params.get("type", "")
    kind = kind if kind in {value for value, _title in kinds} else ""
    q = clean_query(request.query_params.get("demarche", ""))
    return site.html(
        request,
        "which_desk.html",
        bodies=matching_bodies(bodies, kind, q),
        kinds=kinds,
        kind=kind,
        q=q,
        today_date=(found.get("open_at") or "")[:10],
        canonical_path=f"/{WHICH_DESK}",
        noindex=bool(kind or q),
        **extra,
    )
