"""The demo town's agendas: CNI and passport at the town hall and the annex, published,
found by desk and by sheet, with realistic closures (demo/catalogue.json)."""

from datetime import date
from guichet_kb.appointments.agendas import agendas_for
from guichet_kb.appointments.agendas import desk_of
from plone import api
from plone.app.testing import logout


def _uid(portal, path):
    return portal.unrestrictedTraverse(path).UID()


def test_demo_agendas_published_at_their_desks(portal):
    hall = portal["guichets"]["rdv-titres-hotel-de-ville"]
    annex = portal["guichets"]["rdv-titres-annexe"]
    assert [api.content.get_state(hall), api.content.get_state(annex)] == ["published", "published"]
    assert desk_of(hall).getId() == "mairie-centrale"
    assert desk_of(annex).getId() == "mairie-annexe"
    assert [row["code"] for row in hall.counters] == ["poste-1", "poste-2", "poste-3"]
    assert len(annex.counters) == 2
    durations = {row["label"]: row["duration"] for row in hall.appointment_types}
    assert durations == {"Dépôt de demande CNI / passeport": 20, "Retrait de titre": 5}
    assert {(row["start"], row["opens"], row["closes"]) for row in hall.closures} == {
        (date(2026, 12, 21), "13:30", "19:00"),
        (date(2027, 1, 14), "08:30", "12:00"),
        (date(2027, 11, 12), None, None),
    }


def test_agendas_of_the_id_card_and_the_passport_for_anonymous(portal):
    logout()
    for sheet in ("carte-identite", "passeport"):
        found = agendas_for(service_uid=_uid(portal, f"demarches/{sheet}"))
        # sorted by desk title: « Hôtel de ville… » before « Mairie annexe… »
        assert [agenda.getId() for agenda in found] == ["rdv-titres-hotel-de-ville", "rdv-titres-annexe"]
    assert [a.getId() for a in agendas_for(desk_uid=_uid(portal, "guichets/mairie-annexe"))] == ["rdv-titres-annexe"]
    assert agendas_for(service_uid=_uid(portal, "demarches/acte-naissance")) == []
