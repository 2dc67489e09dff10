"""The leak matrix's read paths (READS) and the names they are built from.

Adding a path is one line in READS; tests/visibility/test_leak_matrix.py requests
each as anonymous, a plain Member and an Agent (public-site paths as anonymous).
"""

import json
from leak_agendas import at_hidden_desk
from leak_agendas import hidden_agenda
from leak_agendas import published_for_hidden_sheet
from leak_agendas import TYPE_CODE as AGENDA_TYPE_CODE
from leak_fact_check import KINDS as FACT_CHECK_TOKENS
from leak_fixtures import DEMO_DEPT
from leak_fixtures import DEMO_DESK
from leak_fixtures import DEMO_DOC
from leak_fixtures import DEMO_TOWN
from leak_fixtures import FIXTURES
from leak_fixtures import hub_answer_path
from leak_fixtures import hub_path
from leak_fixtures import KINDS
from leak_fixtures import LIFE_EVENT
from leak_fixtures import original_path
from leak_fixtures import PUBLIC_PREFIX
from leak_fixtures import STAFF_DEPT
from leak_fixtures import STAFF_ORG
from leak_fixtures import TYPES
from leak_open_data import FILES as OPEN_DATA
import leak_queues
from leak_reads import api
from leak_reads import classic
from leak_reads import post
from leak_reads import public
from leak_reads import rest
from leak_reads import uid


EXPANSIONS = (
    "actions",
    "aliases",
    "breadcrumbs",
    "contextnavigation",
    "guichet",
    "inherit",
    "navigation",
    "navroot",
    "site",
    "translations",
    "types",
    "workflow",
)
# All at once, but "types", which answers 401 to anonymous callers and would blank the whole answer.
ALL = ",".join(name for name in EXPANSIONS if name != "types")
FOLDERS = ("demarches", "questions", "pieces", "guichets", "services", "organismes")
HUBS = tuple(hub_path(kind) for kind in KINDS)
HUB_ANSWERS = tuple(hub_answer_path(kind) for kind in KINDS)
ORIGINALS = tuple(original_path(short) for short in TYPES)
DEMO_ITEMS = (DEMO_DESK, DEMO_DOC, DEMO_DEPT, "demarches/carte-identite")
RELATIONS = ("related_sheets", "related_answers", "desks", "department", "organisation", "iterate-working-copy")
VOCABULARIES = (
    "plone.app.vocabularies.Principals",
    "plone.app.vocabularies.Users",
    "plone.app.vocabularies.Groups",
    "plone.app.vocabularies.Keywords",
    "plone.app.vocabularies.Catalog",
    "guichet_kb.required_documents",
    "guichet_kb.life_events",
    "guichet_kb.audiences",
    "guichet_kb.channels",
    "guichet_kb.organisations",
    "guichet_kb.organisation_kinds",
    "guichet_kb.service_sheets",  # issue 18: an agenda's appointment types
)
SHEETS = tuple(f for f in FIXTURES if f.short == "sheet")
ORGANISATIONS = (*(f.path for f in FIXTURES if f.short == "org"), original_path("org"), f"organismes/{STAFF_ORG}", "organismes/ville-exemple")
# Search words one letter off each marker (the engines forgive one typo): a page that
# echoes the query must not count as a leak, a page that finds the item must.
KIND_WORDS = {kind: " ".join(f.marker[:-1] + "x" for f in FIXTURES if f.kind == kind) for kind in KINDS}
TEXT = "leak*"
QUERY = [{"i": "SearchableText", "o": "plone.app.querystring.operation.string.contains", "v": TEXT}]
SHEETS_QUERY = [{"i": "portal_type", "o": "plone.app.querystring.operation.selection.any", "v": ["ServiceSheet"]}]
SEARCH_ALL = {"SearchableText": TEXT, "b_size": 200}


def ticket(name):
    return f"{{ticket:{name}}}"


def ticket_token(name):
    return f"{{ticket-token:{name}}}"


READS = [
    # -- each hidden item by its own URL: REST, ++api++, Classic (404 / login page), sub-services
    *[rest(f.path) for f in FIXTURES],
    *[rest(f.path, expand=ALL) for f in FIXTURES if f.short in ("sheet", "answer")],
    *[api(f.path) for f in SHEETS],
    *[classic(f.path) for f in FIXTURES],
    *[rest(f"{f.path}/{service}") for f in SHEETS for service in ("@history", "@workflow", "@lock", "@breadcrumbs")],
    # -- the published originals of the working copies
    *[rest(path) for path in ORIGINALS],
    *[rest(f"{path}/@workingcopy") for path in ORIGINALS],
    *[rest(f"{path}/@lock") for path in ORIGINALS],
    *[classic(path) for path in ORIGINALS],
    # -- the published hubs: every expansion, ++api++, Classic, history, workflow, relations
    *[rest(path) for path in HUBS + HUB_ANSWERS],
    *[rest(hub_path(kind), expand=name) for kind in ("draft", "expired") for name in EXPANSIONS],
    *[rest(path, expand=ALL) for path in HUBS + HUB_ANSWERS],
    *[api(path) for path in HUBS + HUB_ANSWERS],
    *[api(path, expand="guichet") for path in HUBS],
    *[classic(path) for path in HUBS + HUB_ANSWERS],
    *[classic(f"{path}/@@historyview") for path in HUBS],
    *[rest(f"{path}/{service}") for path in HUBS for service in ("@history", "@workflow", "@contextnavigation")],
    *[rest("@relations", source=uid(path)) for path in HUBS + ORIGINALS],
    *[rest("@relations", target=uid(path)) for path in HUBS + DEMO_ITEMS],
    *[rest("@linkintegrity", uids=uid(path)) for path in HUBS + HUB_ANSWERS + DEMO_ITEMS],
    *[rest("@checklist", service=uid(path)) for path in HUBS],
    *[rest("@desks", service=uid(path)) for path in HUBS],
    # -- organisations (issue 16): the desks of each, hidden ones read as unknown
    *[rest("@desks", organisation=uid(path)) for path in ORGANISATIONS],
    rest(f"organismes/{STAFF_ORG}"),
    rest(f"organismes/{STAFF_ORG}", expand=ALL),
    classic(f"organismes/{STAFF_ORG}"),
    rest("@search", portal_type="Organisation", metadata_fields="guichet_organisation", b_size=500),
    # -- demo items the hidden ones point at (back-references), the department with staff notes
    *[rest(path, expand=ALL) for path in DEMO_ITEMS],
    *[classic(path) for path in DEMO_ITEMS],
    rest(f"services/{STAFF_DEPT}"),
    classic(f"services/{STAFF_DEPT}"),
    # -- site root, navigation, types
    rest(""),
    rest("", expand=ALL),
    api(""),
    rest("@navigation", **{"expand.navigation.depth": 4}),
    rest("demarches/@navigation", **{"expand.navigation.depth": 4}),
    rest("@breadcrumbs"),
    rest("@types"),
    rest("@types/ServiceSheet"),
    rest("@site"),
    # -- catalogue folders
    *[rest(folder, b_size=500) for folder in FOLDERS],
    *[rest(folder, fullobjects=1, b_size=500) for folder in FOLDERS],
    *[rest(folder, expand=ALL) for folder in FOLDERS],
    *[api(folder, fullobjects=1, b_size=500) for folder in FOLDERS],
    *[classic(folder) for folder in FOLDERS],
    *[classic(f"{folder}/{feed}") for folder in ("demarches", "questions") for feed in ("RSS", "rss.xml", "atom.xml")],
    # -- @search
    rest("@search", **SEARCH_ALL),
    rest("@search", **SEARCH_ALL, fullobjects=1),
    rest("@search", **SEARCH_ALL, show_inactive=1),
    rest("@search", **SEARCH_ALL, show_inactive=1, fullobjects=1),
    rest("@search", **SEARCH_ALL, metadata_fields="_all"),
    rest("@search", **SEARCH_ALL, show_inactive=1, metadata_fields="_all"),
    rest("@search", **SEARCH_ALL, use_site_search_settings=1),
    rest("@search", Title=TEXT, show_inactive=1),
    *[rest("@search", portal_type=portal_type, show_inactive=1, metadata_fields="_all", b_size=500) for portal_type in TYPES.values()],
    rest("@search", portal_type="ServiceSheet", fullobjects=1, b_size=500),
    rest("@search", portal_type="ServiceSheet", metadata_fields="guichet_card", b_size=500),  # the @answer card column (issue 15)
    rest("@search", portal_type="ServiceSheet", fullobjects=1, show_inactive=1, b_size=500),
    *[
        rest("@search", review_state=state, show_inactive=1, metadata_fields="_all", b_size=500)
        for state in ("draft", "pending", "archived", "published")
    ],
    rest("@search", sort_on="modified", sort_order="reverse", metadata_fields="_all", b_size=60),
    rest("@search", sort_on="effective", sort_order="reverse", show_inactive=1, metadata_fields="_all", b_size=60),
    rest("@search", sort_on="expires", show_inactive=1, metadata_fields="_all", b_size=60),
    rest("@search", path="/plone/demarches", fullobjects=1, show_inactive=1, b_size=500),
    api("@search", **SEARCH_ALL, show_inactive=1, fullobjects=1),
    # -- @querystring-search
    rest("@querystring-search", query=json.dumps({"query": QUERY, "b_size": 200})),
    rest("@querystring-search", query=json.dumps({"query": SHEETS_QUERY, "b_size": 200, "fullobjects": 1})),
    post("@querystring-search", {"query": QUERY, "b_size": 200, "metadata_fields": "_all"}),
    post("@querystring-search", {"query": SHEETS_QUERY, "b_size": 200, "fullobjects": True}),
    post("@querystring-search", {"query": QUERY, "b_size": 200, "show_inactive": True, "fullobjects": True}),
    # -- @vocabularies, principals
    rest("@vocabularies"),
    *[rest(f"@vocabularies/{name}", title="leak", b_size=500) for name in VOCABULARIES],
    *[rest(f"@vocabularies/{name}", b_size=500) for name in VOCABULARIES],
    rest(f"{hub_path('draft')}/@vocabularies/plone.app.vocabularies.Catalog", title="leak"),
    rest("@principals", search="leak"),
    rest("@users", query="leak"),
    # -- @relations, @linkintegrity, @transactions
    rest("@relations"),
    *[rest("@relations", relation=name) for name in RELATIONS],
    rest("@relations", relation="related_sheets", query_source="leak"),
    rest("@relations", relation="related_sheets", query_target="leak"),
    rest("@relations", onlyBroken="true"),
    rest("@transactions"),  # empty in tests: the layers' DemoStorage keeps no undo log
    # -- custom services (docs/openapi.yaml), as far as each caller may reach them
    *[rest("@answer", q=words, b_size=50) for words in KIND_WORDS.values()],
    rest("@answer", q="démarche relais", b_size=50),
    rest("@answer", q="démarche relais", b_size=2),  # issue 15: the relay family's variants beyond the items
    rest("@answer-suggest", q="leak"),
    *[rest("@answer-suggest", q=f"leak{kind}") for kind in KINDS],
    rest("@top-services"),
    rest("@top-services", audience="particuliers"),
    rest("@life-events"),
    rest("@desks"),
    rest("@desks", open_at="2030-01-07T10:00:00+01:00"),
    rest("@review-queue"),
    *[rest("@review-queue", reason=reason) for reason in ("pending", "working_copy", "flagged", "overdue", "withdrawn", "fact_check")],
    # bulk review answers per item: a hidden item must read exactly as an unknown one
    *[post("@review-batch", {"action": action, "items": [uid(f.path) for f in FIXTURES]}) for action in ("publish", "checkin_national")],
    # -- national changes (issue 14): the sheet and answer working copies carry an import record (leak_layer)
    *[rest(f"{path}/@national-changes") for path in ORIGINALS],
    *[rest(f"{f.path}/@national-changes") for f in FIXTURES if f.short in ("sheet", "answer")],
    *[rest(f"{path}/@national-changes") for path in HUBS],
    rest("@catalogue-export", format="json"),
    rest("@catalogue-export", format="csv"),
    rest("@search-settings"),
    rest("@interactions"),
    rest("@import-service-public"),  # external IDs of drafts too: Site Administrators only
    # -- fact check (issue 16): the link shows its one draft, public fields only; bad links nothing
    *[rest("@fact-check-answer", token=f"{{fact-check:{kind}}}") for kind in FACT_CHECK_TOKENS],
    *[classic("@@fact-check", token=f"{{fact-check:{kind}}}") for kind in FACT_CHECK_TOKENS],
    *[post("@fact-check-answer", {"token": f"{{fact-check:{kind}}}", "verdict": "exact"}) for kind in FACT_CHECK_TOKENS if kind != "valid"],
    # -- Classic UI: search, feeds, sitemaps, vocabularies, staff pages
    classic(""),
    classic("@@search", SearchableText=TEXT),
    classic("@@search", SearchableText=TEXT, show_inactive=1),
    classic("@@ajax-search", SearchableText=TEXT),
    classic("@@search_rss", SearchableText=TEXT),
    classic("sitemap.xml.gz"),
    classic("@@sitemap"),
    classic(
        "@@getVocabulary",
        name="plone.app.vocabularies.Catalog",
        query=json.dumps({"criteria": [{"i": "SearchableText", "o": "plone.app.querystring.operation.string.contains", "v": TEXT}]}),
    ),
    classic(
        "@@getVocabulary",
        name="plone.app.vocabularies.Catalog",
        query=json.dumps({"criteria": [{"i": "portal_type", "o": "plone.app.querystring.operation.selection.any", "v": ["ServiceSheet"]}]}),
        attributes=json.dumps(["UID", "guichet_card"]),
        batch=json.dumps({"page": 1, "size": 500}),
    ),
    classic("@@getVocabulary", name="guichet_kb.required_documents"),
    classic("@@getVocabulary", name="plone.app.vocabularies.Principals", query="leak"),
    classic("@@agent"),
    classic("@@review-queue"),
    classic("@@review-batch"),
    classic("@@completeness-report"),
    # -- the public site app (anonymous visitors)
    public(""),
    *[public("recherche", q=words) for words in KIND_WORDS.values()],
    *[public("recherche.json", q=f"leak{kind}") for kind in KINDS],
    *[public(f"demarches/{path.split('/')[1]}") for path in HUBS],
    *[public(f"questions/{path.split('/')[1]}") for path in HUB_ANSWERS],
    *[public(f.public_path) for f in FIXTURES if f.public_path],
    *[public(f"{prefix}original-{short}") for short, prefix in PUBLIC_PREFIX.items()],
    public("guichets"),
    public("guichets/mairie-centrale"),
    public(f"evenements/{LIFE_EVENT}"),
    public("sitemap.xml"),
    # -- issue 16: service notices (hidden sheets and desks carry one with their marker; the
    # hubs a public one whose author is staff's): the staff service, stock listings of the
    # column, the listings that show notices, the public pages
    *[rest(f"{f.path}/@notices") for f in FIXTURES if f.short in ("sheet", "desk")],
    *[rest(f"{path}/@notices") for path in HUBS],
    rest("@search", portal_type=["ServiceSheet", "Desk"], metadata_fields="guichet_notices", show_inactive=1, b_size=500),
    classic(
        "@@getVocabulary",
        name="plone.app.vocabularies.Catalog",
        query=json.dumps({"criteria": [{"i": "portal_type", "o": "plone.app.querystring.operation.selection.any", "v": ["ServiceSheet", "Desk"]}]}),
        attributes=json.dumps(["UID", "guichet_notices"]),
        batch=json.dumps({"page": 1, "size": 500}),
    ),
    rest("@answer", q="démarche relais", b_size=50),
    *[rest(path, expand="guichet") for path in HUBS],
    *[classic(f"{path}/@@guichet-notices") for path in HUBS],
    *[public(f"demarches/{path.split('/')[1]}") for path in HUBS],
    # -- issue 16 (citizens): the competent bodies, their desks (the hidden desks belong to
    # the demo town) and what each handles (the hidden sheets name the town competent)
    rest("@organisations"),
    rest("@organisations", kind="commune"),
    rest("@desks", organisation=uid(DEMO_TOWN)),
    public("quel-guichet"),
    public("quel-guichet", type="commune"),
    *[public("quel-guichet", demarche=words) for words in KIND_WORDS.values()],
    # -- issue 17 (triage): the triagers' listing and page (anonymous 401, Member and Agent 403)
    rest("@feedback"),
    *[rest("@feedback", status=status) for status in ("new", "actionable", "spam", "done")],
    rest("@review-queue", reason="feedback"),
    rest("@review-queue", reason="agent_report"),
    classic("@@feedback-triage"),
    # -- issue 17: the open-data files (leak_open_data.py: generated with contacts on every hidden item) and their public page
    rest("@open-data"),
    *[rest(f"@open-data/{name}") for name in OPEN_DATA],
    public("donnees-ouvertes"),
    *[public(f"donnees-ouvertes/{name}") for name in OPEN_DATA],
    # -- issue 17: the user-relationship dashboard (desk managers: anonymous 401, Members
    # and Agents 403), with a hidden hub as filter; its desk managers' view of hidden
    # items is tested in tests/dashboard/test_dashboard_figures.py
    rest("@dashboard"),
    *[rest("@dashboard", service=uid(path)) for path in HUBS],
    rest("@dashboard", panel="top_services", format="csv"),
    classic("@@tableau-de-bord"),
    # -- issue 18: where a sheet or a desk can be booked (its agendas, serializers/agenda.py);
    # the hidden agendas are at the demo desk, for their kind's hub
    rest("demarches/carte-identite", expand="guichet"),
    *[classic(f"{path}/@@agenda") for path in (original_path("agenda"), "guichets/rdv-titres-hotel-de-ville")],
    rest("@types/Agenda"),
    # the agendas' catalog columns name their desk and sheets whatever the caller may see:
    # internal metadata (visibility.INTERNAL_METADATA), never in a listing
    *[rest("@search", portal_type="Agenda", metadata_fields=field, b_size=500) for field in ("_all", "agenda_desk", "agenda_services")],
    rest("@search", agenda_desk=uid(DEMO_DESK), metadata_fields="agenda_services"),
    # -- issue 18 (public booking pages; leak_agendas.py): a published agenda for each hidden
    # sheet and at each hidden desk, a hidden agenda for each hub; the booking flow of the
    # hubs, the hidden sheets and desks, the demo desk's « Pour quelle démarche ? », the form
    # of a hidden agenda's slot, the demo sheet's and desk's pages with their button
    *[public("rendez-vous/nouveau", service=uid(path)) for path in HUBS],
    *[public("rendez-vous/nouveau", service=uid(path), type=AGENDA_TYPE_CODE) for path in HUBS],
    *[public("rendez-vous/nouveau", service=uid(f.path)) for f in SHEETS],
    *[public("rendez-vous/nouveau", desk=uid(f.path)) for f in FIXTURES if f.short == "desk"],
    *[public("rendez-vous/nouveau", service=uid(hub_path(kind)), desk=uid(f.path)) for kind in KINDS for f in FIXTURES if f.short == "desk"],
    public("rendez-vous/nouveau", desk=uid(DEMO_DESK)),
    public("rendez-vous/nouveau", service=uid("demarches/carte-identite"), desk=uid(DEMO_DESK)),
    *[
        public(
            "rendez-vous/nouveau/coordonnees",
            agenda=uid(hidden_agenda(kind)),
            type=AGENDA_TYPE_CODE,
            debut="2030-01-07T10:00:00+01:00",
            service=uid(hub_path(kind)),
            desk=uid(DEMO_DESK),
        )
        for kind in KINDS
    ],
    public("demarches/carte-identite"),
    public("guichets/mairie-centrale"),
    # the agendas' own JSON (the public desk page reads the services of its agendas there)
    *[rest(published_for_hidden_sheet(kind)) for kind in KINDS],
    *[rest(at_hidden_desk(kind)) for kind in KINDS],
    # -- issue 18 (booking): GET @slots offers no agenda, sheet or desk the caller may not
    # see: a hidden sheet or desk as parameter is a 400 without its text, a hub (published,
    # no agenda) offers none, the demo's CNI agendas only published desks
    *[rest("@slots", service=uid(f.path)) for f in SHEETS],
    *[rest("@slots", service=uid(path)) for path in HUBS],
    *[rest("@slots", service=uid("demarches/carte-identite"), desk=uid(f.path)) for f in FIXTURES if f.short == "desk"],
    rest("@slots", service=uid("demarches/carte-identite"), days="62"),
    # -- issue 18: the counters' day view (Manage appointments: anonymous 401, Members 403;
    # Agents see the callers' names, never a hidden item): the demo town hall's day, each
    # hidden desk read as unknown (400), and its Classic UI page
    rest("@agenda-day", desk=uid(DEMO_DESK)),
    *[rest("@agenda-day", desk=uid(f.path)) for f in FIXTURES if f.short == "desk"],
    classic("@@rendez-vous-du-jour"),
    # -- issue 18: the managers' export of appointments (View dashboard: anonymous 401,
    # Members and Agents 403): the demo's period, and each hidden desk as filter (400)
    rest("@appointments-export", **{"from": "2026-01-01", "to": "2026-12-31"}),
    *[rest("@appointments-export", desk=uid(f.path), **{"from": "2026-01-01", "to": "2026-12-31"}) for f in FIXTURES if f.short == "desk"],
    # -- issue 19: a sheet's and a desk's walk-in queues (serializers/queue.py; leak_queues.py):
    # the queues' catalog columns are internal metadata, their own JSON and pages, the
    # published queues for each hidden sheet and at each hidden desk
    rest("@types/Queue"),
    *[classic(f"{path}/@@queue") for path in (original_path("queue"), "guichets/file-titres-hotel-de-ville")],
    *[rest("@search", portal_type="Queue", metadata_fields=field, b_size=500) for field in ("_all", "queue_desk", "queue_services")],
    rest("@search", queue_desk=uid(DEMO_DESK), metadata_fields="queue_services"),
    *[rest(leak_queues.published_for_hidden_sheet(kind)) for kind in KINDS],
    *[rest(leak_queues.at_hidden_desk(kind)) for kind in KINDS],
    *[classic(leak_queues.published_for_hidden_sheet(kind)) for kind in KINDS],
    # -- issue 19 (leak_queues.py): GET @queues lists no queue, sheet or desk the caller may not
    # see: every queue, those at the demo desk, those serving each hub (the queue for the
    # hidden sheet shows the hub only), one by UID (hidden ones and those at hidden desks:
    # 404 without their text), a hidden desk or sheet as filter (400)
    rest("@queues"),
    rest("@queues", desk=uid(DEMO_DESK)),
    *[rest("@queues", service=uid(path)) for path in HUBS],
    *[
        rest(f"@queues/{uid(path(kind))}")
        for kind in KINDS
        for path in (leak_queues.published_for_hidden_sheet, leak_queues.at_hidden_desk, leak_queues.hidden_queue)
    ],
    *[rest("@queues", desk=uid(f.path)) for f in FIXTURES if f.short == "desk"],
    *[rest("@queues", service=uid(f.path)) for f in SHEETS],
    # -- issue 19, part public: the public site's queue pages show no hidden sheet, desk or
    # queue: the take form of each leak queue (the one at the demo desk without its hidden
    # sheet; a hidden queue and those at hidden desks: 404), the hall display of the demo desk
    # and of each hidden desk (404). (Their event streams never end: their content is the
    # display's and the ticket page's own, rendered from the same reads.)
    *[
        public(f"file-attente/{uid(path(kind))}")
        for kind in KINDS
        for path in (leak_queues.published_for_hidden_sheet, leak_queues.at_hidden_desk, leak_queues.hidden_queue)
    ],
    public(f"file-attente/ecran/{uid(DEMO_DESK)}"),
    *[public(f"file-attente/ecran/{uid(f.path)}") for f in FIXTURES if f.short == "desk"],
    # -- issue 19 (counters): a counter's screen and its JSON (Manage queues: anonymous 401,
    # Members 403; Agents see the numbers and the desk's visible services, never a hidden
    # sheet): counter g1 of the demo desk (its leak queues serve each kind's hidden sheet),
    # each hidden desk read as unknown (400), the Classic UI screen
    rest("@queue-counter", desk=uid(DEMO_DESK), counter="g1"),
    *[rest("@queue-counter", desk=uid(f.path), counter="g1") for f in FIXTURES if f.short == "desk"],
    classic("@@guichet-appel", desk=uid(DEMO_DESK), counter="g1"),
    # -- issue 19 (leak_queues.py): a waiting ticket of each kind's hidden sheet (in the
    # published queue serving it, at the demo desk) and at each hidden desk: the ticket
    # behind its link (REST, every caller; staff without the token too) and its public
    # page; the rows above (@queues?desk=, @queue-counter, @@guichet-appel of the demo
    # desk, the hall display) read them too
    *[rest(f"@queue-tickets/{ticket(name)}", token=ticket_token(name)) for name in leak_queues.ticket_names()],
    *[rest(f"@queue-tickets/{ticket(name)}") for name in leak_queues.ticket_names()],
    *[public(f"file-attente/ticket/{ticket(name)}", token=ticket_token(name)) for name in leak_queues.ticket_names()],
]
