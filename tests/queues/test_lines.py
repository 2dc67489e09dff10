"""Which queues a caller is offered (queues/lines.py): only published queues at desks
the caller may see, sorted by desk title then title; staff are offered no draft either;
the sheet's and the desk's JSON name them (serializers/queue.py), the desk's page links
them and the queue's page reads its configuration."""

import catalogue_factory as make
from DateTime import DateTime
from guichet_kb.queues.lines import desk_of
from guichet_kb.queues.lines import queues_for
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME
import pytest
import transaction


SHEET, OTHER = "fiche-essai", "autre-fiche"
DESK = f"{SHEET}-guichet"


def _items():
    cni = make.queue_service(SHEET, "C", 15)
    return (
        *make.standalone_sheet(SHEET, "Fiche d'essai"),
        make.desk("guichet-annexe", "A - Guichet annexe"),
        make.sheet(OTHER, "Autre fiche", f"{SHEET}-service", [DESK]),
        make.queue("file-principale", "File principale", DESK, [cni, make.queue_service(OTHER, "A", 10)]),
        make.queue("file-annexe", "File annexe", "guichet-annexe", [cni]),
        make.queue("file-bis", "Bis - file du guichet", DESK, [make.queue_service(OTHER, "B", 5)]),
    )


@pytest.fixture
def own(portal):
    """Three published queues: two at the sheet's desk, one at « A - Guichet annexe »."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    return make.publish(portal, *_items())


def _ids(queues):
    return [queue.getId() for queue in queues]


def test_queues_for_a_sheet_a_desk_or_both_sorted_by_desk_then_title(portal, own):
    sheet, other, desk = own[SHEET].UID(), own[OTHER].UID(), own[DESK].UID()
    logout()
    assert _ids(queues_for(service_uid=sheet)) == ["file-annexe", "file-principale"]  # « A - Guichet annexe » first
    assert _ids(queues_for(service_uid=other)) == ["file-bis", "file-principale"]  # same desk: by title
    assert _ids(queues_for(desk_uid=desk)) == ["file-bis", "file-principale"]
    assert _ids(queues_for(service_uid=sheet, desk_uid=own["guichet-annexe"].UID())) == ["file-annexe"]
    assert _ids(queues_for(service_uid=other, desk_uid=own["guichet-annexe"].UID())) == []
    assert desk_of(own["file-annexe"]).getId() == "guichet-annexe"


def test_a_draft_queue_is_offered_to_nobody(portal, own):
    api.content.transition(own["file-bis"], transition="retract")
    assert _ids(queues_for(desk_uid=own[DESK].UID())) == ["file-principale"]  # a Manager is not offered it
    logout()
    assert _ids(queues_for(desk_uid=own[DESK].UID())) == ["file-principale"]


def test_a_queue_at_a_private_desk_is_not_offered(portal, own):
    api.content.transition(own["guichet-annexe"], transition="retract")
    assert _ids(queues_for(service_uid=own[SHEET].UID())) == ["file-principale"]  # not to a Manager either
    assert desk_of(own["file-annexe"]).getId() == "guichet-annexe"  # who may see the draft desk
    logout()
    assert _ids(queues_for(service_uid=own[SHEET].UID())) == ["file-principale"]
    assert desk_of(own["file-annexe"]) is None


def test_an_expired_queue_is_not_offered_to_anonymous(portal, own):
    queue = own["file-annexe"]
    queue.expiration_date = DateTime() - 1
    queue.reindexObject()
    logout()
    assert _ids(queues_for(service_uid=own[SHEET].UID())) == ["file-principale"]


def test_a_change_in_the_same_request_is_seen(portal, own):
    logout()
    assert len(queues_for(service_uid=own[SHEET].UID())) == 2
    login(portal, TEST_USER_NAME)
    api.content.transition(own["file-annexe"], transition="retract")
    logout()
    assert _ids(queues_for(service_uid=own[SHEET].UID())) == ["file-principale"]


def test_the_demo_queues_are_offered(portal):
    logout()
    desk = portal["guichets"]["mairie-centrale"].UID()
    assert _ids(queues_for(desk_uid=desk)) == ["file-titres-hotel-de-ville", "campagne-inscriptions-scolaires"]
    assert _ids(queues_for(service_uid=portal["demarches"]["inscription-scolaire"].UID())) == ["campagne-inscriptions-scolaires"]


@pytest.fixture
def served(catalogue, functional):
    """The same queues committed for the HTTP server, with a draft queue at the sheet's desk."""
    items = catalogue(*_items(), make.queue("file-brouillon", "File brouillon", DESK, [make.queue_service(SHEET, "D")]))
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(items["file-brouillon"], transition="retract")
    transaction.commit()
    return items


def _link(site, items, id, desk):
    return {
        "uid": items[id].UID(),
        "title": items[id].Title(),
        "desk": {"uid": items[desk].UID(), "title": items[desk].Title(), "url": f"{site}/guichets/{desk}"},
    }


@pytest.mark.parametrize("user", [None, "agent", "redacteur"])
def test_the_sheet_expansion_names_its_queues(rest, site, served, user):
    guichet = rest(user).get(f"{site}/demarches/{SHEET}", params={"expand": "guichet"}).json()["@components"]["guichet"]
    assert guichet["queues"] == [_link(site, served, "file-annexe", "guichet-annexe"), _link(site, served, "file-principale", DESK)]
    assert [desk["queues"] for desk in guichet["desks"]] == [[_link(site, served, "file-bis", DESK), _link(site, served, "file-principale", DESK)]]


def test_the_desk_json_names_its_queues(rest, site, served):
    desks = {desk["@id"]: desk for desk in rest().get(f"{site}/@desks").json()["items"]}
    assert desks[f"{site}/guichets/guichet-annexe"]["queues"] == [_link(site, served, "file-annexe", "guichet-annexe")]
    assert [queue["title"] for queue in desks[f"{site}/guichets/mairie-centrale"]["queues"]] == [
        "Accueil sans rendez-vous CNI et passeport - Hôtel de ville",
        "Inscriptions scolaires",
    ]


def test_the_desk_page_links_its_queues(rest, site, served):
    page = rest().get(f"{site}/guichets/{DESK}", headers={"Accept": "text/html"}).text
    assert "Files d'attente sans rendez-vous à ce guichet" in page
    assert f'href="{site}/guichets/file-principale"' in page and f'href="{site}/guichets/file-bis"' in page
    assert "file-brouillon" not in page


def test_the_queue_page_reads_its_configuration(rest, site, served):
    page = rest("redacteur").get(f"{site}/guichets/campagne-inscriptions-scolaires", headers={"Accept": "text/html"}).text
    for text in (
        "Services",
        "Inscription à l'école maternelle ou élémentaire",
        "Guichets (postes)",
        "Poste 5 (inscriptions scolaires)",
        "Campagne",
        "01/03/2027",
        "30/04/2027",
        "10 (réglage du site)",
        "Ouverte : cette file d'attente délivre des tickets",
    ):
        assert text in page, text
    draft = rest("redacteur").get(f"{site}/guichets/file-brouillon", headers={"Accept": "text/html"}).text
    assert "Fermée : une file d'attente délivre des tickets une fois publiée" in draft
    anonymous = rest().get(f"{site}/guichets/file-brouillon", headers={"Accept": "text/html"}, allow_redirects=False)
    assert anonymous.status_code in (302, 401, 404) and "File brouillon" not in anonymous.text


def test_rules_of_round_trip(portal):
    from datetime import date
    from guichet_kb.queues.lines import desk_rules_of
    from guichet_kb.queues.lines import rules_of
    from guichet_kb.queues.rules import QueueCounter
    from guichet_kb.queues.rules import QueueService

    queue = portal["guichets"]["campagne-inscriptions-scolaires"]
    rules = rules_of(queue)
    sheet, desk = portal["demarches"]["inscription-scolaire"].UID(), portal["guichets"]["mairie-centrale"].UID()
    assert (rules.queue, rules.desk, rules.title) == (queue.UID(), desk, "Inscriptions scolaires")
    assert rules.services == (QueueService(sheet, "S", 15),)
    assert rules.counters == (QueueCounter("poste-5", "Poste 5 (inscriptions scolaires)", frozenset({"S"})),)
    assert (rules.opens_on, rules.closes_on, rules.daily_capacity, rules.grace_minutes) == (date(2027, 3, 1), date(2027, 4, 30), 80, 3)
    assert rules.notify_minutes == 10  # 0 on the queue: the site's setting
    assert (rules.prefix_of(sheet), [counter.code for counter in rules.counters_for("S")]) == ("S", ["poste-5"])
    walk_in = rules_of(portal["guichets"]["file-titres-hotel-de-ville"])
    assert [(entry.prefix, entry.minutes) for entry in walk_in.services] == [("C", 15), ("P", 20)]
    assert walk_in.counters[0] == QueueCounter("poste-1", "Poste 1 (station de recueil)", frozenset())  # empty: every service
    assert [rules.queue for rules in desk_rules_of(desk)] == [walk_in.queue, rules.queue]


def test_the_site_setting_and_the_queues_own_notice_delay(portal):
    from guichet_kb.queues.lines import rules_of

    queue = portal["guichets"]["file-titres-hotel-de-ville"]
    api.portal.set_registry_record("guichet_kb.queue_notify_minutes", 15)
    assert rules_of(queue).notify_minutes == 15
    queue.notify_minutes = 5
    assert rules_of(queue).notify_minutes == 5
