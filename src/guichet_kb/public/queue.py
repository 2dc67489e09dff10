"""Taking a queue ticket on the public site, and the ticket's own page (issue 19): phone
first, no JavaScript needed.

- GET /file-attente/<queue uid>[?service=UID]: the queue (open: « N personnes, attente
  estimée X min »; closed: when it opens; a campaign: its dates), the service to choose
  when it has several, an optional e-mail for the « prévenu N min avant » notice, what is
  kept and how long. POST the same (same-origin check, public/forms.py) -> POST
  @queue-tickets with the visitor's address; 201 -> 303 to the ticket's page
  (POST-redirect-GET); a refusal (closed, full, too late, flood, a bad e-mail) -> the form
  again with the message next to it.
- GET /file-attente/ticket/<code>?token=: the number very large, the position, the
  estimated wait and time, the counter when called, « Quitter la file » and, once after a
  missed call, « Je suis là ». Refreshed every QUEUE_REFRESH_SECONDS without JavaScript
  (<noscript> meta refresh); public/static/queue.js follows the server-sent events
  (public/live.py) instead. POST .../quitter -> DELETE, POST .../je-suis-la -> rejoin.

The ticket pages are private (Cache-Control private, no-store; noindex; Referrer-Policy
same-origin: the token is in the URL; disallowed in robots.txt). The e-mail goes to Plone
in the same request (kept until the ticket ends, then erased) and is echoed back only in
the form page that shows an error; nothing of it is kept here.
"""

from guichet_kb.facts import QUEUE_TICKET_KEEP_DAYS
from guichet_kb.interactions.screen import is_email
from guichet_kb.public.backend import NotFound
from guichet_kb.public.booking import private
from guichet_kb.public.config import QUEUE_REFRESH_SECONDS
from guichet_kb.public.forms import EMAIL_MAX
from guichet_kb.public.limits import clean_query
from guichet_kb.public.limits import visitor
from guichet_kb.public.pages import common
from guichet_kb.public.pages import error_page
from guichet_kb.public.pages import posted_form
from guichet_kb.public.pages import site_of
from guichet_kb.public.queue_reads import CODE
from guichet_kb.public.queue_reads import followed
from guichet_kb.public.queue_reads import leave as leave_ticket
from guichet_kb.public.queue_reads import MAX_TOKEN
from guichet_kb.public.queue_reads import one_queue
from guichet_kb.public.queue_reads import rejoin as rejoin_ticket
from guichet_kb.public.queue_reads import take
from guichet_kb.public.queue_reads import TICKETS
from guichet_kb.public.queue_reads import UID
from starlette.responses import RedirectResponse
from urllib.parse import urlencode


DONE = {"quitte": "left", "retour": "rejoined"}  # ?<flag>=1 after a POST -> the message shown


def link_of(request, source):
    """(code, token) of a ticket link, or '' for what is not one."""
    code = request.path_params.get("code", "")
    token = clean_query(source.get("token", ""), MAX_TOKEN + 1)
    return (code.upper() if CODE.match(code) else ""), (token if 0 < len(token) <= MAX_TOKEN and " " not in token else "")


def ticket_href(code, token, **more):
    return f"/{TICKETS}/{code}?{urlencode({'token': token, **more})}"


async def _queue(request, site):
    uid = request.path_params.get("uid", "")
    if not UID.match(uid):
        raise NotFound(request.url.path)
    return await one_queue(site, uid)


async def form_page(request, source=None, status=200, errors=None, message=None):
    """The form to take a ticket, with the queue's state; errors and a refusal next to it."""
    site = site_of(request)
    queue = await _queue(request, site)
    source = request.query_params if source is None else source
    services = queue.get("services") or []
    chosen = source.get("service", "")
    chosen = chosen if any(s.get("uid") == chosen for s in services) else (services[0]["uid"] if len(services) == 1 else "")
    extra = await common(site)
    response = site.html(
        request,
        "queue_take.html",
        code=status,
        max_age=0,
        queue=queue,
        services=services,
        chosen=chosen,
        email=source.get("courriel", "") if errors or message else "",
        errors=errors or {},
        message=message,
        keep_days=QUEUE_TICKET_KEEP_DAYS,
        noindex=True,
        **extra,
    )
    return private(response)


def check(form, queue, gettext):
    """(payload, errors) of the form: the service (when several) and the optional e-mail."""
    services = queue.get("services") or []
    service, email = form.get("service", ""), form.get("courriel", "").strip()[: EMAIL_MAX + 1]
    errors = {}
    if len(services) > 1 and not any(s.get("uid") == service for s in services):
        errors["service"] = gettext("Choose the procedure you come for.")
    if email and (len(email) > EMAIL_MAX or not is_email(email)):
        errors["courriel"] = gettext("Enter a valid e-mail address, for example nom@exemple.fr, or leave it empty.")
    payload = {"queue": queue["uid"]}
    if len(services) > 1:
        payload["service"] = service
    if email:
        payload["email"] = email
    return payload, errors


async def submit(request):
    """POST of the form -> POST @queue-tickets -> 303 to the ticket's page."""
    site = site_of(request)
    form, refusal = await posted_form(request)
    if refusal is not None:
        return refusal
    queue = await _queue(request, site)
    client = visitor(request, site.settings)
    if not site.queue_limiter.allowed(client):
        return await form_page(request, form, status=429, message=site.gettext("Too many tickets asked from this connection. Wait a few minutes."))
    payload, errors = check(form, queue, site.gettext)
    if errors:
        return await form_page(request, form, status=400, errors=errors)
    status, data = await take(site, payload, client)
    if status == 201 and data.get("code") and data.get("token"):
        return RedirectResponse(ticket_href(data["code"], data["token"]), status_code=303, headers={"Cache-Control": "no-store"})
    if status == 429:
        return await form_page(request, form, status=429, message=site.gettext("Too many tickets asked from this connection. Wait a few minutes."))
    if status in (400, 409):  # closed, full, too late, an unknown service, a refused e-mail: Plone's French message
        message = (data.get("error") or {}).get("message") or site.gettext("The ticket could not be taken.")
        return await form_page(request, form, status=status, message=message)
    if status == 404:
        raise NotFound(request.url.path)
    return await error_page(request, 503 if status >= 500 else 400)


async def link_error(request, status):
    """The page of a ticket link that does not work: 410 a past day's, else 404."""
    site = site_of(request)
    extra = await common(site)
    expired = status == 410
    response = site.html(request, "queue_link_error.html", code=410 if expired else 404, max_age=0, expired=expired, noindex=True, **extra)
    return private(response)


async def show(request):
    """The ticket's page: its live values from the desk's snapshot."""
    site = site_of(request)
    code, token = link_of(request, request.query_params)
    if not (code and token):
        return await link_error(request, 404)
    status, data = await followed(site, code, token, visitor(request, site.settings))
    if status != 200:
        return await (error_page(request, 503) if status >= 500 else link_error(request, status))
    done = next((message for flag, message in DONE.items() if request.query_params.get(flag) == "1"), None)
    extra = await common(site)
    response = site.html(
        request,
        "queue_ticket.html",
        max_age=0,
        ticket=data,
        done=done,
        token=token,
        action=f"/{TICKETS}/{code}",
        events=f"/{TICKETS}/{code}/events?{urlencode({'token': token})}",
        refresh=QUEUE_REFRESH_SECONDS if data.get("status") in ("waiting", "called") else None,
        noindex=True,
        **extra,
    )
    return private(response)


async def _posted(request, act, flag):
    site = site_of(request)
    form, refusal = await posted_form(request)
    if refusal is not None:
        return refusal
    code, token = link_of(request, form)
    if not (code and token):
        return await link_error(request, 404)
    client = visitor(request, site.settings)
    if not site.queue_limiter.allowed(client):
        return await error_page(request, 429)
    status, data = await act(site, code, token, client)
    if status in (200, 204):
        return RedirectResponse(ticket_href(code, token, **{flag: 1}), status_code=303, headers={"Cache-Control": "no-store"})
    if status in (404, 410):
        return await link_error(request, status)
    if status == 409:  # no longer possible (called meanwhile, already rejoined): its page says where it stands
        return private(RedirectResponse(ticket_href(code, token), status_code=303))
    return await error_page(request, 503 if status >= 500 else 400)


async def leave(request):
    """« Quitter la file »: DELETE @queue-tickets/<code>?token=."""
    return await _posted(request, leave_ticket, "quitte")


async def rejoin(request):
    """« Je suis là » after a missed call: POST @queue-tickets/<code>/rejoin?token=."""
    return await _posted(request, rejoin_ticket, "retour")
