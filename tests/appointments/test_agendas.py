"""Which agendas a caller may book (appointments/agendas.py), and an agenda read into
the core's rules (`rules_of`): only published agendas at desks the caller may see,
sorted by desk title; staff are offered no draft either."""

import catalogue_factory as make
from DateTime import DateTime
from datetime import date
from datetime import time
from guichet_kb.appointments.agendas import agendas_for
from guichet_kb.appointments.agendas import desk_of
from guichet_kb.appointments.agendas import rules_of
from guichet_kb.appointments.rules import AppointmentType
from guichet_kb.appointments.rules import Closure
from guichet_kb.appointments.rules import Counter
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME
import pytest
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.intid.interfaces import IIntIds


SHEET, OTHER = "fiche-essai", "autre-fiche"


@pytest.fixture
def own(portal):
    """A sheet with its desk (« Guichet de Fiche d'essai »), a second desk (« A - Guichet
    annexe ») and a second sheet; two published agendas for the sheet, one at each desk."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    depot = make.appointment_type("depot", SHEET, 20, label="Dépôt")
    retrait = make.appointment_type("retrait", SHEET, 5, label="Retrait")
    closures = [
        {"start": "2027-01-04", "end": "2027-01-08", "opens": "13:30", "closes": "17:00", "label": "Après-midi fermés"},
        {"start": "2027-02-12", "label": "Pont"},
    ]
    items = make.publish(
        portal,
        *make.standalone_sheet(SHEET, "Fiche d'essai"),
        make.desk("guichet-annexe", "A - Guichet annexe"),
        make.sheet(OTHER, "Autre fiche", f"{SHEET}-service", [f"{SHEET}-guichet"]),
        make.agenda(
            "agenda-principal",
            "Agenda principal",
            f"{SHEET}-guichet",
            [depot, retrait, make.appointment_type("autre", OTHER, 30)],
            [make.counter("g1", "depot, autre", "Guichet 1"), make.counter("g2", label="Guichet 2")],
            closures=closures,
            min_lead_hours=4,
            max_lead_days=30,
            person_limit=1,
            daily_capacity=40,
            reminder_hours=24,
        ),
        make.agenda("agenda-annexe", "Agenda annexe", "guichet-annexe", [depot]),
    )
    return items


def _ids(agendas):
    return [agenda.getId() for agenda in agendas]


def test_agendas_for_a_sheet_a_desk_or_both_sorted_by_desk_title(portal, own):
    sheet, desk = own[SHEET].UID(), own[f"{SHEET}-guichet"].UID()
    logout()
    assert _ids(agendas_for(service_uid=sheet)) == ["agenda-annexe", "agenda-principal"]  # « A - Guichet annexe » first
    assert _ids(agendas_for(service_uid=own[OTHER].UID())) == ["agenda-principal"]
    assert _ids(agendas_for(desk_uid=desk)) == ["agenda-principal"]
    assert _ids(agendas_for(service_uid=own[OTHER].UID(), desk_uid=own["guichet-annexe"].UID())) == []
    assert desk_of(own["agenda-annexe"]).getId() == "guichet-annexe"


def test_a_draft_agenda_is_offered_to_nobody(portal, own):
    draft = api.content.create(
        container=portal["guichets"],
        type="Agenda",
        id="agenda-brouillon",
        title="Agenda brouillon",
        desk=RelationValue(getUtility(IIntIds).getId(own["guichet-annexe"])),
        appointment_types=[{"code": "depot", "label": "Dépôt", "service": own[SHEET].UID(), "duration": 20}],
        counters=[{"code": "g1", "label": "Guichet 1", "types": ""}],
    )
    assert api.content.get_state(draft) == "draft"
    sheet = own[SHEET].UID()
    assert _ids(agendas_for(service_uid=sheet)) == ["agenda-annexe", "agenda-principal"]  # a Manager is not offered it
    logout()
    assert _ids(agendas_for(service_uid=sheet)) == ["agenda-annexe", "agenda-principal"]


def test_an_agenda_at_a_private_desk_is_not_offered(portal, own):
    api.content.transition(own["guichet-annexe"], transition="retract")
    assert _ids(agendas_for(service_uid=own[SHEET].UID())) == ["agenda-principal"]  # not to a Manager either
    assert desk_of(own["agenda-annexe"]).getId() == "guichet-annexe"  # who may see the draft desk
    logout()
    assert _ids(agendas_for(service_uid=own[SHEET].UID())) == ["agenda-principal"]
    assert desk_of(own["agenda-annexe"]) is None


def test_an_expired_agenda_is_not_offered_to_anonymous(portal, own):
    agenda = own["agenda-annexe"]
    agenda.expiration_date = DateTime() - 1
    agenda.reindexObject()
    logout()
    assert _ids(agendas_for(service_uid=own[SHEET].UID())) == ["agenda-principal"]


def test_a_change_in_the_same_request_is_seen(portal, own):
    logout()
    assert len(agendas_for(service_uid=own[SHEET].UID())) == 2
    login(portal, TEST_USER_NAME)
    api.content.transition(own["agenda-annexe"], transition="retract")
    logout()
    assert _ids(agendas_for(service_uid=own[SHEET].UID())) == ["agenda-principal"]


def test_rules_of_round_trip(portal, own):
    rules = rules_of(own["agenda-principal"])
    sheet, other = own[SHEET].UID(), own[OTHER].UID()
    assert (rules.agenda, rules.desk, rules.title) == (own["agenda-principal"].UID(), own[f"{SHEET}-guichet"].UID(), "Agenda principal")
    assert rules.types == (
        AppointmentType("depot", "Dépôt", sheet, 20),
        AppointmentType("retrait", "Retrait", sheet, 5),
        AppointmentType("autre", "Rendez-vous autre", other, 30),
    )
    assert rules.counters == (Counter("g1", "Guichet 1", frozenset({"depot", "autre"})), Counter("g2", "Guichet 2", frozenset()))
    assert rules.closures == (
        Closure(date(2027, 1, 4), date(2027, 1, 8), time(13, 30), time(17, 0), "Après-midi fermés"),
        Closure(date(2027, 2, 12), date(2027, 2, 12), None, None, "Pont"),
    )
    limits = (rules.min_lead_hours, rules.max_lead_days, rules.person_limit, rules.daily_capacity, rules.reminder_hours)
    assert limits == (4, 30, 1, 40, 24)
    assert [kind.code for kind in rules.types_for(sheet)] == ["depot", "retrait"]
    assert [counter.code for counter in rules.counters_for("retrait")] == ["g2"]
    assert [counter.code for counter in rules.counters_for("depot")] == ["g1", "g2"]


def test_rules_of_an_agenda_with_the_defaults(portal, own):
    rules = rules_of(own["agenda-annexe"])
    assert (rules.min_lead_hours, rules.max_lead_days, rules.person_limit, rules.daily_capacity, rules.reminder_hours) == (2, 60, 2, 0, 48)
    assert rules.closures == ()
    assert rules.counters == (Counter("poste-1", "Poste poste-1", frozenset()),)
