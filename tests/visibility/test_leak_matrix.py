"""Leak matrix: no hidden item and no staff-only value reaches a caller who may not see it.

Fixtures (tests/leak_fixtures.py): one item per hidden kind (draft, pending, archived,
expired, not yet effective, working copy) and catalogue type, a unique marker word in
every text field, linked from published hub sheets and answers. Every read path of
READS below is requested as anonymous, a plain Member and an Agent (the public site app
as its visitors, anonymous); no response may hold a hidden item's marker, id or UID
(ids and UIDs of the item a path names itself excepted: they are the caller's own
input), and anonymous callers and Members no staff-only marker; anonymous callers no
staff full name or lock token. Adding a path is one line in READS.

Every finding of a run (path, caller, marker, what, where) and every response status
are written to var/artifacts/leak_matrix.json.
"""

from DateTime import DateTime
import json
from leak_fixtures import ALL_STAFF_MARKERS
from leak_fixtures import DEMO_DEPT
from leak_fixtures import DEMO_DESK
from leak_fixtures import DEMO_DOC
from leak_fixtures import EDITOR_FULLNAME_MARKER
from leak_fixtures import FIXTURES
from leak_fixtures import hub_answer_path
from leak_fixtures import hub_path
from leak_fixtures import KINDS
from leak_fixtures import LEAK_FIXTURE
from leak_fixtures import LEAK_FUNCTIONAL
from leak_fixtures import LIFE_EVENT
from leak_fixtures import original_path
from leak_fixtures import PUBLIC_PREFIX
from leak_fixtures import STAFF_ANSWER_MARKER
from leak_fixtures import STAFF_DEPT
from leak_fixtures import STAFF_DEPT_MARKER
from leak_fixtures import STAFF_MARKERS
from leak_fixtures import TYPES
from leak_reads import api
from leak_reads import classic
from leak_reads import fetch
from leak_reads import post
from leak_reads import public
from leak_reads import PublicApp
from leak_reads import rest
from leak_reads import scan
from leak_reads import uid
from plone import api as plone_api
from plone.app.iterate.interfaces import IWorkingCopy
from plone.restapi.interfaces import IExpandableElement
import pytest
from pytest_plone import fixtures_factory
from repo_paths import ROOT
from zope.component import getAdapters


# The layer is set up for this module's class and torn down after it (keep_session=False):
# left up, its DemoStorage would sit under every later functional test.
globals().update(fixtures_factory(((LEAK_FUNCTIONAL, "leak"),), keep_session=False))

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
FOLDERS = ("demarches", "questions", "pieces", "guichets", "services")
HUBS = tuple(hub_path(kind) for kind in KINDS)
HUB_ANSWERS = tuple(hub_answer_path(kind) for kind in KINDS)
ORIGINALS = tuple(original_path(short) for short in TYPES)
DEMO_ITEMS = (DEMO_DESK, DEMO_DOC, DEMO_DEPT, "demarches/carte-identite")
RELATIONS = ("related_sheets", "related_answers", "desks", "department", "iterate-working-copy")
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
)
SHEETS = tuple(f for f in FIXTURES if f.short == "sheet")
# Search words one letter off each marker (the engines forgive one typo): a page that
# echoes the query must not count as a leak, a page that finds the item must.
KIND_WORDS = {kind: " ".join(f.marker[:-1] + "x" for f in FIXTURES if f.kind == kind) for kind in KINDS}
TEXT = "leak*"
QUERY = [{"i": "SearchableText", "o": "plone.app.querystring.operation.string.contains", "v": TEXT}]
SHEETS_QUERY = [{"i": "portal_type", "o": "plone.app.querystring.operation.selection.any", "v": ["ServiceSheet"]}]
SEARCH_ALL = {"SearchableText": TEXT, "b_size": 200}

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
    rest("@answer-suggest", q="leak"),
    *[rest("@answer-suggest", q=f"leak{kind}") for kind in KINDS],
    rest("@top-services"),
    rest("@top-services", audience="particuliers"),
    rest("@life-events"),
    rest("@desks"),
    rest("@desks", open_at="2030-01-07T10:00:00+01:00"),
    rest("@review-queue"),
    *[rest("@review-queue", reason=reason) for reason in ("pending", "working_copy", "flagged", "overdue")],
    rest("@catalogue-export", format="json"),
    rest("@catalogue-export", format="csv"),
    rest("@search-settings"),
    rest("@interactions"),
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
    classic("@@getVocabulary", name="guichet_kb.required_documents"),
    classic("@@getVocabulary", name="plone.app.vocabularies.Principals", query="leak"),
    classic("@@agent"),
    classic("@@review-queue"),
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
]
MATRIX = [(read, caller) for read in READS for caller in read.callers()]
ARTIFACT = ROOT / "var" / "artifacts" / "leak_matrix.json"


def _needles(layer, read, caller, resolve):
    """(needle, label) pairs this caller must not find in this read's response."""
    named = {f.path for f in FIXTURES if f.id in read.path or any(f.id in str(v) for _k, v in read.params)}
    named |= read.placeholders()
    needles = []
    for fixture in FIXTURES:
        label = f"{fixture.kind} {fixture.portal_type}"
        needles.append((fixture.marker, f"text of {label}"))
        if fixture.path not in named:
            needles += [(fixture.id.lower(), f"id of {label}"), (resolve(fixture.path).lower(), f"UID of {label}")]
    if caller != "agent":
        needles += [(marker, "staff-only field") for marker in ALL_STAFF_MARKERS]
    if caller == "anonymous":
        needles.append((EDITOR_FULLNAME_MARKER, "staff full name"))
        needles += [(token.lower(), "lock token") for token in layer.lock_tokens]
    return needles


@pytest.fixture(scope="class")
def leak_log():
    """Every finding of the class, written to var/artifacts/leak_matrix.json at the end."""
    log = {"checked": 0, "leaks": [], "responses": []}
    yield log
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    ARTIFACT.write_text(json.dumps(log, indent=1, ensure_ascii=False), encoding="utf-8")


@pytest.fixture(scope="class")
def public_url(leak_class):
    with PublicApp(f"http://{leak_class['host']}:{leak_class['port']}/plone") as url:
        yield url


@pytest.fixture
def matrix(leak, public_url):
    """What a matrix test needs: the site URL, the public app URL, a UID resolver."""
    portal = leak["portal"]
    cache = {}

    def resolve(path):
        if path not in cache:
            cache[path] = portal.unrestrictedTraverse(path).UID()
        return cache[path]

    return portal.absolute_url(), public_url, resolve


def _text_of(obj, name):
    value = getattr(obj, name, None)
    return str(getattr(value, "raw", value) or "")


class TestLeakMatrix:
    @pytest.mark.parametrize(("read", "caller"), MATRIX, ids=[f"{read.id} as {caller}" for read, caller in MATRIX])
    def test_nothing_hidden_in_response(self, matrix, leak_log, read, caller):
        site_url, public_url, resolve = matrix
        status, body = fetch(read, caller, site_url, public_url, resolve)
        found = scan(body, _needles(LEAK_FIXTURE, read, caller, resolve))
        leak_log["checked"] += 1
        leak_log["responses"].append({"path": read.id, "caller": caller, "status": status, "bytes": len(body)})
        for needle, label, where in found:
            leak_log["leaks"].append({"path": read.id, "caller": caller, "marker": needle, "what": label, "where": where, "status": status})
        assert status < 500, f"{read.id} as {caller}: HTTP {status}, the path proves nothing"
        lines = [f"  ({read.id}, {caller}, {needle}) {label} at {', '.join(where) or 'body'}" for needle, label, where in found]
        assert not found, f"{len(found)} hidden values in {read.id} as {caller} (HTTP {status}):\n" + "\n".join(lines)

    # -- the fixtures are what they claim to be, so the matrix cannot pass by accident --

    def test_fixtures_are_in_their_state_and_window(self, leak):
        portal, now = leak["portal"], DateTime()
        for fixture in FIXTURES:
            obj = portal.unrestrictedTraverse(fixture.path)
            state = plone_api.content.get_state(obj)
            effective, expires = obj.effective_date, obj.expiration_date
            if fixture.kind in ("draft", "pending", "archived"):
                assert state == fixture.kind, fixture.name
            elif fixture.kind == "expired":
                assert state == "published" and expires is not None and expires < now, fixture.name
            elif fixture.kind == "future":
                assert state == "published" and effective is not None and effective > now, fixture.name
                assert expires is None, fixture.name
            else:
                assert IWorkingCopy.providedBy(obj), fixture.name
                assert state == "draft", fixture.name
                baseline = portal.unrestrictedTraverse(original_path(fixture.short))
                assert plone_api.content.get_state(baseline) == "published", fixture.name
                assert fixture.marker not in baseline.Title() + baseline.Description(), fixture.name
            assert obj.Title() == fixture.marker, fixture.name
            assert fixture.marker in obj.Description(), fixture.name
        for path in HUBS + HUB_ANSWERS + (f"services/{STAFF_DEPT}",):
            obj = portal.unrestrictedTraverse(path)
            assert plone_api.content.get_state(obj) == "published", path
            assert obj.effective_date is None or obj.effective_date <= now, path
            assert obj.expiration_date is None, path

    def test_markers_are_in_every_text_field(self, leak):
        portal = leak["portal"]
        sheet = portal.unrestrictedTraverse("demarches/hidden-draft-sheet")
        for name in (
            "title",
            "description",
            "eligibility",
            "documents_note",
            "steps",
            "cost_note",
            "processing_time",
            "validity",
            "online_service_url",
            "appointment_url",
            "source_url",
            *STAFF_MARKERS,
        ):
            assert "leakdraftsheet" in _text_of(sheet, name), name
        assert sheet.keywords and sheet.synonyms and all("leakdraftsheet" in word for word in sheet.keywords)
        desk = portal.unrestrictedTraverse("guichets/hidden-future-desk")
        for name in ("title", "description", "street", "city", "postal_code", "email", "accessibility", "appointment_url"):
            assert "leakfuturedesk" in _text_of(desk, name), name
        document = portal.unrestrictedTraverse("pieces/copy_of_original-doc")
        for name in ("title", "description", "accepted_forms", "validity_rule", "alternatives"):
            assert "leakcopydoc" in _text_of(document, name), name
        hub = portal.unrestrictedTraverse(hub_path("expired"))
        assert [rel.to_object.getId() for rel in hub.related_sheets] == ["hidden-expired-sheet"]
        assert [rel.to_object.getId() for rel in hub.desks] == ["hidden-expired-desk"]
        assert hub.department.to_object.getId() == "hidden-expired-dept"
        assert hub.required_documents[0]["document"] == portal.unrestrictedTraverse("pieces/hidden-expired-doc").UID()

    def test_editor_sees_the_markers(self, matrix):
        site_url, public_url, resolve = matrix
        for fixture in FIXTURES:
            status, body = fetch(rest(fixture.path), "admin", site_url, public_url, resolve)
            assert status == 200 and fixture.marker in body, fixture.name
        for kind in KINDS:
            status, body = fetch(rest(hub_path(kind), expand="guichet"), "admin", site_url, public_url, resolve)
            for fixture in FIXTURES:
                if fixture.kind == kind and fixture.short != "answer":
                    assert fixture.marker in body, (kind, fixture.name)
        status, body = fetch(rest("@search", **SEARCH_ALL, show_inactive=1), "admin", site_url, public_url, resolve)
        assert status == 200
        assert {f.marker for f in FIXTURES} <= set(body.split('"')), "admin search misses fixtures"
        # The one-letter-off search words do find the items (published ones: @answer's scope).
        status, body = fetch(rest("@answer", q=KIND_WORDS["expired"]), "admin", site_url, public_url, resolve)
        assert status == 200 and "leakexpiredsheet" in body and "leakexpiredsheex" in body
        status, body = fetch(rest("@answer-suggest", q="leakexp"), "admin", site_url, public_url, resolve)
        assert status == 200 and "leakexpiredsheet" in body

    def test_agent_sees_staff_markers(self, matrix):
        site_url, public_url, resolve = matrix
        status, body = fetch(rest(hub_path("draft")), "agent", site_url, public_url, resolve)
        assert status == 200 and all(marker in body for marker in STAFF_MARKERS.values())
        status, body = fetch(rest(hub_answer_path("draft")), "agent", site_url, public_url, resolve)
        assert status == 200 and STAFF_ANSWER_MARKER in body
        status, body = fetch(rest(f"services/{STAFF_DEPT}"), "agent", site_url, public_url, resolve)
        assert status == 200 and STAFF_DEPT_MARKER in body

    def test_every_expansion_is_in_the_matrix(self, leak):
        hub = leak["portal"].unrestrictedTraverse(hub_path("draft"))
        names = {name for name, _adapter in getAdapters((hub, leak["request"]), IExpandableElement)}
        assert names <= set(EXPANSIONS), f"add to EXPANSIONS: {sorted(names - set(EXPANSIONS))}"
