"""Leak matrix: no hidden item and no staff-only value reaches a caller who may not see it.

Fixtures (tests/leak_fixtures.py): one item per hidden kind (draft, pending, archived,
expired, not yet effective, working copy) and catalogue type, a unique marker word in
every text field, linked from published hub sheets and answers. Every read path of
READS (tests/helpers/leak_paths.py) is requested as anonymous, a plain Member and an Agent (the public site app
as its visitors, anonymous); no response may hold a hidden item's marker, id or UID
(ids and UIDs of the item a path names itself excepted: they are the caller's own
input), and anonymous callers and Members no staff-only marker; anonymous callers no
staff full name or lock token. Adding a path is one line in READS.

Every finding of a run (path, caller, marker, what, where) and every response status
are written to var/artifacts/leak_matrix.json.
"""

from DateTime import DateTime
import json
import leak_agendas
from leak_agendas import fixture_of
import leak_fact_check
from leak_fixtures import ALL_STAFF_MARKERS
from leak_fixtures import DEMO_DESK
from leak_fixtures import EDITOR_FULLNAME_MARKER
from leak_fixtures import FIXTURES
from leak_fixtures import hub_answer_path
from leak_fixtures import HUB_NOTICE
from leak_fixtures import hub_path
from leak_fixtures import KINDS
from leak_fixtures import NOTICE_AUTHOR
from leak_fixtures import original_path
from leak_fixtures import RELAY_FAMILY
from leak_fixtures import STAFF_ANSWER_MARKER
from leak_fixtures import STAFF_DEPT
from leak_fixtures import STAFF_DEPT_MARKER
from leak_fixtures import STAFF_MARKERS
from leak_fixtures import STAFF_ORG
from leak_fixtures import STAFF_ORG_MARKER
from leak_fixtures import STAFF_ORG_PHONE
from leak_fixtures import STAFF_PHONE_MARKER
from leak_layer import LEAK_FIXTURE
from leak_layer import LEAK_FUNCTIONAL
from leak_paths import EXPANSIONS
from leak_paths import HUB_ANSWERS
from leak_paths import HUBS
from leak_paths import KIND_WORDS
from leak_paths import READS
from leak_paths import SEARCH_ALL
import leak_queues
from leak_reads import api as api_read
from leak_reads import classic
from leak_reads import fetch
from leak_reads import public
from leak_reads import PublicApp
from leak_reads import rest
from leak_reads import scan
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
    if caller != "agent":
        needles.append((NOTICE_AUTHOR, "service notice author"))  # issue 16: "by" is staff's
    if caller != "agent":  # issue 19: a ticket's code and token are its holder's (and staff's)
        own = {name for _kind, name in leak_queues.PLACEHOLDER.findall(read.path + json.dumps(read.params))}
        needles += [
            (value.lower(), f"{what} of ticket {name}")
            for name, pair in leak_queues.TICKETS.items()
            if name not in own
            for what, value in zip(("code", "token"), pair, strict=True)
        ]
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


def leak_fact_check_title(resolve):
    """The title of the one published document of the fact-check draft (the demo's)."""
    from leak_fixtures import DEMO_DOC

    return plone_api.content.get(UID=resolve(DEMO_DOC)).Title()


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
        for path in HUBS + HUB_ANSWERS + (f"services/{STAFF_DEPT}", f"organismes/{STAFF_ORG}"):
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
            "variant_label",
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
        organisation = portal.unrestrictedTraverse("organismes/hidden-pending-org")
        for name in ("title", "description", "email", "website", "online_contact_url", "internal_notes"):
            assert "leakpendingorg" in _text_of(organisation, name), name
        assert hub.competences[-1]["organisation"] == portal.unrestrictedTraverse("organismes/hidden-expired-org").UID()
        assert portal.unrestrictedTraverse("guichets/hidden-expired-desk").organisation.to_object.getId() == "hidden-expired-org"

    def test_editor_sees_the_markers(self, matrix):
        site_url, public_url, resolve = matrix
        for fixture in FIXTURES:
            status, body = fetch(rest(fixture.path), "admin", site_url, public_url, resolve)
            assert status == 200 and fixture.marker in body, fixture.name
        for kind in KINDS:
            status, body = fetch(rest(hub_path(kind), expand="guichet"), "admin", site_url, public_url, resolve)
            for fixture in FIXTURES:
                # agendas: only published ones at a published desk are listed, to staff too
                # (the expired and future ones, to who may see inactive items)
                listed = fixture.short not in ("agenda", "queue") or fixture.kind in ("expired", "future")  # queues too (issue 19)
                if fixture.kind == kind and fixture.short != "answer" and listed:
                    assert fixture.marker in body, (kind, fixture.name)
        status, body = fetch(rest("@search", **SEARCH_ALL, show_inactive=1), "admin", site_url, public_url, resolve)
        assert status == 200
        assert {f.marker for f in FIXTURES} <= set(body.split('"')), "admin search misses fixtures"
        # The one-letter-off search words do find the items (published ones: @answer's scope).
        status, body = fetch(rest("@answer", q=KIND_WORDS["expired"]), "admin", site_url, public_url, resolve)
        assert status == 200 and "leakexpiredsheet" in body and "leakexpiredsheex" in body
        status, body = fetch(rest("@answer-suggest", q="leakexp"), "admin", site_url, public_url, resolve)
        assert status == 200 and "leakexpiredsheet" in body
        # The national changes of the working copies (leak_layer.as_national_update) read their markers.
        for fixture in (f for f in FIXTURES if f.kind == "copy" and f.short in ("sheet", "answer")):
            status, body = fetch(rest(f"{original_path(fixture.short)}/@national-changes"), "admin", site_url, public_url, resolve)
            assert status == 200 and fixture.marker in body, fixture.name

    def test_hidden_variants_of_an_offered_family_are_not_offered(self, matrix):
        """Every hub and hidden sheet and answer is in one family (RELAY_FAMILY): @answer
        offers it, with the hubs as variants and never a hidden item (issue 15)."""
        site_url, public_url, resolve = matrix
        hidden = {resolve(f.path) for f in FIXTURES if f.short in ("sheet", "answer")}
        hubs = {resolve(path) for path in HUBS + HUB_ANSWERS}
        for caller in ("anonymous", "agent"):
            status, body = fetch(rest("@answer", q="démarche relais", b_size=2), caller, site_url, public_url, resolve)
            family = json.loads(body)["family"]
            assert status == 200 and family["title"] == RELAY_FAMILY, caller
            offered = {variant["UID"] for variant in family["variants"]}
            assert len(offered) > 2 and offered <= hubs and not offered & hidden, caller

    def test_the_published_agenda_is_listed(self, matrix):
        """Issue 18: the working copies' published original agenda is at the demo desk for
        the "copy" hub: anonymous callers find it where the hub and the desk say where to book."""
        site_url, public_url, resolve = matrix
        for read in (rest(hub_path("copy"), expand="guichet"), rest("@desks")):
            status, body = fetch(read, "anonymous", site_url, public_url, resolve)
            assert status == 200 and "publieagenda" in body and resolve(original_path("agenda")).lower() in body.lower(), read.id
        status, body = fetch(classic(DEMO_DESK), "anonymous", site_url, public_url, resolve)  # the desk's page links it
        assert status == 200 and "publieagenda" in body

    def test_agent_sees_staff_markers(self, matrix):
        site_url, public_url, resolve = matrix
        status, body = fetch(rest(hub_path("draft")), "agent", site_url, public_url, resolve)
        assert status == 200 and all(marker in body for marker in STAFF_MARKERS.values())
        status, body = fetch(rest(hub_answer_path("draft")), "agent", site_url, public_url, resolve)
        assert status == 200 and STAFF_ANSWER_MARKER in body
        status, body = fetch(rest(f"services/{STAFF_DEPT}"), "agent", site_url, public_url, resolve)
        assert status == 200 and STAFF_DEPT_MARKER in body
        # The competent bodies' direct line, in @answer and in the guichet expansion (issue 16).
        for read in (api_read(hub_path("draft"), expand="guichet"), rest("@answer", q="démarche relais", b_size=2)):
            status, body = fetch(read, "agent", site_url, public_url, resolve)
            assert status == 200 and STAFF_PHONE_MARKER in body, read
        status, body = fetch(rest(f"organismes/{STAFF_ORG}"), "agent", site_url, public_url, resolve)
        assert status == 200 and STAFF_ORG_MARKER in body and STAFF_ORG_PHONE in body
        # the competent bodies of @answer give staff the direct line
        status, body = fetch(rest("@answer", q="démarche relais", b_size=50), "agent", site_url, public_url, resolve)
        assert status == 200 and STAFF_ORG_PHONE in body

    def test_fact_check_links_show_their_draft_only(self, matrix):
        """The valid link shows the draft's public fields to every caller, agents included
        (the link grants what anybody holding it may read: no staff-only field); the
        expired, forged and unknown ones nothing of it (leak_fact_check.py)."""
        site_url, public_url, resolve = matrix
        document = leak_fact_check_title(resolve)
        for caller in ("anonymous", "agent"):
            for read in (rest("@fact-check-answer", token="{fact-check:valid}"), classic("@@fact-check", token="{fact-check:valid}")):
                status, body = fetch(read, caller, site_url, public_url, resolve)
                assert status == 200 and leak_fact_check.VISIBLE in body and document in body, (read.id, caller)
                assert not [marker for marker in ALL_STAFF_MARKERS if marker in body], (read.id, caller)
            for kind, status_wanted in (("expired", 410), ("forged", 403), ("unknown", 403)):
                for read in (rest("@fact-check-answer", token=f"{{fact-check:{kind}}}"), classic("@@fact-check", token=f"{{fact-check:{kind}}}")):
                    status, body = fetch(read, caller, site_url, public_url, resolve)
                    assert status == status_wanted, (read.id, caller, status)
                    assert leak_fact_check.VISIBLE not in body and "factcheckdraft" not in body, (read.id, caller)

    def test_every_expansion_is_in_the_matrix(self, leak):
        hub = leak["portal"].unrestrictedTraverse(hub_path("draft"))
        names = {name for name, _adapter in getAdapters((hub, leak["request"]), IExpandableElement)}
        assert names <= set(EXPANSIONS), f"add to EXPANSIONS: {sorted(names - set(EXPANSIONS))}"

    def test_notices_are_there_to_hide(self, matrix):
        """Issue 16: the hubs' public notice reads without its author to anonymous callers
        and with it to staff; the hidden items' notices are stored (staff read them)."""
        site_url, public_url, resolve = matrix
        for caller, author in (("anonymous", False), ("agent", True)):
            for read in (
                rest(hub_path("draft")),
                rest("@answer", q="démarche relais", b_size=50),
                public(f"demarches/{hub_path('draft').split('/')[1]}"),
            ):
                if read.via == "public" and caller != "anonymous":
                    continue
                status, body = fetch(read, caller, site_url, public_url, resolve)
                assert status == 200 and HUB_NOTICE in body, (read.id, caller)
                assert (NOTICE_AUTHOR in body) is author, (read.id, caller)
        for fixture in (f for f in FIXTURES if f.short in ("sheet", "desk") and f.kind != "copy"):
            status, body = fetch(rest(f"{fixture.path}/@notices"), "admin", site_url, public_url, resolve)
            assert status == 200 and f"Avis {fixture.marker}" in body and NOTICE_AUTHOR in body, fixture.name

    def test_booking_fixtures_are_there_to_hide(self, matrix, leak):
        """Issue 18 (leak_agendas.py): the agendas are in their states, and the booking pages
        read them for real: the demo desk offers its demo services (not the hidden sheets'),
        the hubs (served only by hidden agendas or at hidden desks) are not bookable, but
        the one a published original serves."""
        site_url, public_url, resolve = matrix
        portal = leak["portal"]
        for kind in KINDS:
            assert plone_api.content.get_state(portal.unrestrictedTraverse(leak_agendas.published_for_hidden_sheet(kind))) == "published"
            assert plone_api.content.get_state(portal.unrestrictedTraverse(leak_agendas.at_hidden_desk(kind))) == "published"
            hidden = portal.unrestrictedTraverse(leak_agendas.hidden_agenda(kind))
            assert plone_api.content.get_state(hidden) == {"copy": "draft", "expired": "published", "future": "published"}.get(kind, kind)
            status, _body = fetch(public("rendez-vous/nouveau", service=f"{{uid:{hub_path(kind)}}}"), "anonymous", site_url, public_url, resolve)
            # The "copy" hub is also served by the published original of the agendas'
            # working copy (leak_layer: the "agenda" fixture type): bookable, rightly.
            assert status == (200 if kind == "copy" else 404), kind
        status, body = fetch(public("rendez-vous/nouveau", desk="{uid:guichets/mairie-centrale}"), "anonymous", site_url, public_url, resolve)
        assert status == 200 and "Pour quelle démarche ?" in body
        for name in ("carte-identite", "passeport"):
            assert f"service={resolve(f'demarches/{name}')}" in body, name

    def test_queue_fixtures_are_there_to_hide(self, matrix, leak):
        """Issue 19 (leak_queues.py): the queues are in their states, and the JSON reads them
        for real: the demo desk lists the published queues for hidden sheets, the "copy"
        hub the working copy's published original queue (the other hubs are served only
        by hidden queues or at hidden desks)."""
        site_url, public_url, resolve = matrix
        portal = leak["portal"]
        for kind in KINDS:
            for path in (leak_queues.published_for_hidden_sheet(kind), leak_queues.at_hidden_desk(kind)):
                assert plone_api.content.get_state(portal.unrestrictedTraverse(path)) == "published", path
        status, body = fetch(rest("@desks"), "anonymous", site_url, public_url, resolve)
        assert status == 200 and all(f"File relais ({kind})" in body for kind in KINDS)
        for kind in KINDS:
            status, body = fetch(rest(hub_path(kind), expand="guichet"), "anonymous", site_url, public_url, resolve)
            queues = json.loads(body)["@components"]["guichet"]["queues"]
            assert [queue["uid"] for queue in queues] == ([resolve(original_path("queue"))] if kind == "copy" else []), kind

    def test_queue_list_reads_the_fixtures(self, matrix, leak):
        """Issue 19 (leak_queues.py): GET @queues reads the queues for real: it lists the
        demo's queues, never the hidden sheet a published queue serves, never a hidden
        queue nor one at a hidden desk."""
        site_url, public_url, resolve = matrix
        portal = leak["portal"]
        status, body = fetch(rest("@queues"), "anonymous", site_url, public_url, resolve)
        assert status == 200
        listed = {item["uid"]: item for item in json.loads(body)["items"]}
        assert resolve("guichets/file-titres-hotel-de-ville") in listed
        shown = {service["uid"] for item in listed.values() for service in item["services"]}
        for kind in KINDS:
            relay = portal.unrestrictedTraverse(leak_queues.published_for_hidden_sheet(kind))
            assert plone_api.content.get_state(relay) == "published" and relay.services, kind
            assert resolve(fixture_of(kind, "sheet").path) not in shown, kind
            assert resolve(leak_queues.at_hidden_desk(kind)) not in listed, kind
            assert resolve(leak_queues.hidden_queue(kind)) not in listed, kind

    def test_queue_tickets_are_there_to_hide(self, matrix):
        """Issue 19 (leak_queues.py): the tickets of the hidden sheets and at the hidden desks
        are read for real: each link shows its waiting ticket, with its queue but neither the
        hidden sheet nor the hidden desk; the demo desk's counter g1 and @queues list the
        hidden sheets' tickets (numbers, positions), and the public page shows the number."""
        site_url, public_url, resolve = matrix
        tickets = leak_queues.TICKETS
        assert sorted(tickets) == sorted(leak_queues.ticket_names())
        for kind in KINDS:
            for role, path in (("fiche", leak_queues.published_for_hidden_sheet(kind)), ("guichet", leak_queues.at_hidden_desk(kind))):
                code, token = tickets[leak_queues.ticket_name(role, kind)]
                status, body = fetch(rest(f"@queue-tickets/{code}", token=token), "anonymous", site_url, public_url, resolve)
                data = json.loads(body)
                assert status == 200 and data["code"] == code and data["status"] == "waiting", (kind, role, status)
                assert data["queue"]["uid"] == resolve(path), (kind, role)
                hidden = "service" if role == "fiche" else "desk"
                assert data[hidden] is None, (kind, role, data[hidden])
                status, page = fetch(public(f"file-attente/ticket/{code}", token=token), "anonymous", site_url, public_url, resolve)
                assert status == 200 and data["number"] in page, (kind, role, status)
        status, body = fetch(rest("@queue-counter", desk=f"{{uid:{DEMO_DESK}}}", counter="g1"), "agent", site_url, public_url, resolve)
        assert status == 200
        waiting = {row["code"] for row in json.loads(body)["waiting"]}
        assert {tickets[leak_queues.ticket_name("fiche", kind)][0] for kind in KINDS} <= waiting
        status, body = fetch(rest("@queues", desk=f"{{uid:{DEMO_DESK}}}"), "anonymous", site_url, public_url, resolve)
        positions = {item["uid"]: item["positions"] for item in json.loads(body)["items"]}
        for kind in KINDS:
            assert list(positions[resolve(leak_queues.published_for_hidden_sheet(kind))]) == ["R001"], kind
