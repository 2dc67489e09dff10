"""A GET never writes: with several instances a write on a read path turns reads into
conflicting writes. Every GET of docs/openapi.yaml (each enum value of its query
parameters once) and the main stock read paths (REST and Classic UI) are requested
as anonymous, Agent, Reviewer, Editor and Site Administrator (Basic auth) and with a Classic
UI login cookie, on a fresh site: the storage's last transaction must not move, and
plone.protect must not have had to abort a write of an authenticated GET.

"Fresh": what the add-on creates lazily on first use (page views, feedback,
interaction log, agents' choices) is removed first, so the first-access paths run."""

from datetime import date
from guichet_kb.appointments import store as appointments
from guichet_kb.interactions import store as interactions
from guichet_kb.search.choices import store as choices
from guichet_kb.search.logs import store as search_logs
from guichet_kb.stats import store as stats
from guichet_kb.testing import DEMO_PASSWORD
import pytest
from repo_paths import DOCS
import requests
import transaction
import yaml
from zope.annotation.interfaces import IAnnotations


OPENAPI = DOCS / "openapi.yaml"
LAZY_KEYS = (stats.VIEWS, stats.FEEDBACK, interactions.KEY, choices.KEY, search_logs.KEY, appointments.KEY)
# Values for the required query parameters of docs/openapi.yaml ("{sheet_uid}" is filled in).
EXAMPLES = {
    "q": "carte identité",
    "service": "{sheet_uid}",
    "token": "not.signed",
    "desk": "{desk_uid}",
    "from": "2026-01-01",
    "to": "2026-01-31",
    "counter": "poste-1",
}
SHEET = "demarches/carte-identite"
STOCK = [
    "",
    SHEET,
    f"{SHEET}?expand=guichet",
    f"{SHEET}?expand=breadcrumbs,navigation,actions,workflow,types,translations",
    f"{SHEET}/@workflow",
    f"{SHEET}/@history",
    f"{SHEET}/@breadcrumbs",
    f"{SHEET}/@navigation",
    f"{SHEET}/@actions",
    "demarches",
    "demarches?fullobjects=1",
    "guichets/mairie-centrale",
    "@navigation",
    "@breadcrumbs",
    "@types",
    "@search?SearchableText=carte",
    "@search?portal_type=ServiceSheet&fullobjects=1",
    "@search?show_inactive=1",
    "@vocabularies/guichet_kb.audiences",
    "@querystring",
    "@site",
    "@users",
    "@groups",
    "@controlpanels",
    "@addons",
    "@registry",
    "@principals?search=age",
    "@login",
    "++api++/demarches/carte-identite",
    f"{SHEET}/@workingcopy",
    f"{SHEET}/@lock",
    "@relations?relation=desks",
]
CLASSIC = [
    "",
    "/login",
    SHEET,
    "demarches",
    "guichets/mairie-centrale",
    "questions",
    "@@search?SearchableText=carte",
    "@@agent",
    "@@review-queue",
    "@@completeness-report",
    "@@search-settings",
    "@@guichet-settings",
    "@@feedback-triage",
    "@@tableau-de-bord",
    "@@tableau-de-bord?period=last_12_months&channel=telephone",
    "@@rendez-vous-du-jour",
    # issue 19: a queue's page and its kiosk page
    "guichets/file-titres-hotel-de-ville",
    "guichets/file-titres-hotel-de-ville/@@borne",
    "@@guichet-appel",
]


def openapi_gets():
    """Each GET of the document with each enum value of its query parameters once."""
    spec = yaml.safe_load(OPENAPI.read_text())
    found = []
    for path, operations in spec["paths"].items():
        if "get" not in operations:
            continue
        parameters = [p for p in operations["get"].get("parameters", []) if p.get("in") == "query"]
        required = {p["name"]: EXAMPLES[p["name"]] for p in parameters if p.get("required")}
        found.append((path.lstrip("/"), required))
        for parameter in parameters:
            for value in parameter.get("schema", {}).get("enum", []):
                found.append((path.lstrip("/"), {**required, parameter["name"]: value}))
    return found


def cookie_session(site, user):
    """A browser-like session logged in through the Classic UI form (the __ac cookie)."""
    session = requests.Session()
    response = session.post(
        f"{site}/login",
        data={"__ac_name": user, "__ac_password": DEMO_PASSWORD, "came_from": site, "buttons.login": "Se connecter", "form.submitted": "1"},
    )
    assert response.status_code == 200 and "__ac" in session.cookies
    return session


def test_get_never_writes(functional, site, rest, caplog):
    portal = functional["portal"]
    annotations = IAnnotations(portal)
    for key in LAZY_KEYS:
        if key in annotations.keys():
            del annotations[key]
    sheet_uid = portal.unrestrictedTraverse(SHEET).UID()
    transaction.commit()
    # Something in the review queue: a working copy and a pending submission (writes, before the mark).
    assert rest("redacteur").post(f"{site}/demarches/passeport/@workingcopy").status_code == 201
    assert rest("admin").post(f"{site}/demarches/objets-trouves/@workflow/retract").status_code == 200
    assert rest("redacteur").post(f"{site}/demarches/objets-trouves/@workflow/submit").status_code == 200
    sessions = {
        "anonymous": rest(),
        "agent": rest("agent"),
        "valideur": rest("valideur"),
        "redacteur": rest("redacteur"),
        "admin": rest("admin"),
        "agent (cookie)": cookie_session(site, "agent"),
        "valideur (cookie)": cookie_session(site, "valideur"),
    }
    db = portal._p_jar.db()
    caplog.clear()
    desk_uid = portal.unrestrictedTraverse("guichets/mairie-centrale").UID()
    reads = [
        ("openapi", path, {k: v.format(sheet_uid=sheet_uid, desk_uid=desk_uid) for k, v in params.items()}, "application/json")
        for path, params in openapi_gets()
    ]
    reads += [("stock", path, {}, "application/json") for path in STOCK]
    reads += [("classic", path, {}, "text/html") for path in CLASSIC]
    requests_sent, writes, statuses = 0, [], []
    for name, session in sessions.items():
        for kind, path, params, accept in reads:
            before = db.lastTransaction()
            status = session.get(f"{site}/{path}", params=params, headers={"Accept": accept}).status_code
            requests_sent += 1
            statuses.append((name, kind, path, status))
            if db.lastTransaction() != before:
                writes.append((name, kind, path, params, status))
    assert requests_sent > 300
    # The reads were answered (a session of 404s would write nothing either).
    assert not [s for s in statuses if s[3] >= 500]
    assert [s for s in statuses if s[0] == "admin" and s[1] != "openapi" and s[3] != 200] == []
    assert not writes, "\n".join(map(repr, writes))
    # plone.protect aborts an authenticated GET that writes (and logs it): none tried either.
    assert not [r for r in caplog.records if "aborting transaction" in r.getMessage()]
    transaction.begin()
    assert not set(LAZY_KEYS) & set(IAnnotations(portal).keys())


@pytest.mark.parametrize("key", LAZY_KEYS)
def test_lazy_stores_are_created_by_writes_only(integration, key):
    """Reading an absent store answers its empty value; only a write creates it."""
    portal = integration["portal"]
    if key in IAnnotations(portal).keys():
        del IAnnotations(portal)[key]
    assert stats.popularity("some-uid") == 0.0
    assert stats.feedback_for() == []
    assert interactions.records() == [] and interactions.reports() == [] and interactions.count() == 0
    assert choices.boosts("passeport") == {} and choices.counts() == {} and choices.count() == 0
    assert (
        search_logs.gaps(date(2020, 1, 1), date(2030, 1, 1), "public") == []
        and search_logs.totals(date(2020, 1, 1), date(2030, 1, 1))["agent"]["searches"] == 0
    )
    assert search_logs.compact() == {"search_logs": {"days": 0, "searches": 0}} and search_logs.purge() == 0
    assert key not in IAnnotations(portal).keys()
