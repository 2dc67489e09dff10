"""Triage's stores: a flood stops at the rate limit, the retention purge takes the
feedback and its triage state, `triage.summary.summary` counts per item for the
dashboard's content gaps."""

from datetime import date
from guichet_kb.stats import store as feedback_store
from guichet_kb.triage.summary import summary
from plone import api
import transaction


def post(rest, site, uid, useful=False, comment=""):
    return rest().post(f"{site}/@feedback", json={"uid": uid, "useful": useful, "comment": comment})


def test_a_flood_stores_at_most_the_limit(rest, site, own):
    uid = own["tri-passeport"].UID()
    answers = [post(rest, site, uid, comment=f"Message numéro {i}.") for i in range(14)]
    assert [a.status_code for a in answers] == [204] * 10 + [429] * 4
    assert answers[-1].json() == {"error": {"type": "TooManyRequests", "message": "Trop de requêtes : réessayez dans une minute."}}
    transaction.begin()
    assert len(feedback_store.feedback_for(uid)) == 10
    assert len(rest("responsable").get(f"{site}/@feedback").json()["items"]) == 10


def test_the_retention_purge_takes_feedback_and_its_triage_state(rest, site, own, at):
    uid = own["tri-passeport"].UID()
    at(2025, 1, 10, 9, 0)
    assert post(rest, site, uid, comment="Ancien avis.").status_code == 204
    [old] = rest("responsable").get(f"{site}/@feedback").json()["items"]
    assert rest("valideur").post(f"{site}/@feedback-triage", json={"id": old["id"], "status": "actionable"}).status_code == 200
    at(2026, 1, 20, 9, 0)
    assert post(rest, site, uid, comment="Avis récent.").status_code == 204
    at(2026, 2, 11, 12, 0)  # 13 months after 2025-01-10
    purge = rest("admin").post(f"{site}/@interactions-purge", json={}).json()
    assert purge["removed"]["feedback"] == 1
    assert [i["comment"] for i in rest("responsable").get(f"{site}/@feedback").json()["items"]] == ["Avis récent."]
    assert rest("valideur").post(f"{site}/@feedback-triage", json={"id": old["id"], "status": "done"}).status_code == 404
    assert rest("admin").post(f"{site}/@interactions-purge", json={}).json()["removed"]["feedback"] == 0


def test_summary_counts_per_item_without_spam(rest, site, own, at):
    passeport, dechets, question = (own[name].UID() for name in ("tri-passeport", "tri-dechets", "tri-question"))
    at(2026, 11, 30, 9, 0)  # the day before the period
    assert post(rest, site, passeport).status_code == 204
    at(2026, 12, 1, 9, 0)
    for useful, comment in ((False, "Faux."), (False, "faux."), (False, ""), (True, ""), (True, "Merci."), (False, "Achetez.")):
        assert post(rest, site, passeport, useful, comment).status_code == 204
    assert post(rest, site, dechets, True).status_code == 204
    for kind in ("incorrect", "no_answer", "no_answer"):
        body = {"service": question, "kind": kind, "comment": f"Rapport {kind}."}
        assert rest("agent").post(f"{site}/@agent-report", json=body).status_code == 201
    spam = [i for i in rest("responsable").get(f"{site}/@feedback").json()["items"] if i["comment"] == "Achetez."]
    assert rest("valideur").post(f"{site}/@feedback-triage", json={"id": spam[0]["id"], "status": "spam"}).status_code == 200
    transaction.begin()
    with api.env.adopt_roles(["Manager"]):
        rows = summary(date(2026, 12, 1), date(2026, 12, 2))
    zero = {"not_useful": 0, "useful": 0, "reports_incorrect": 0, "reports_no_answer": 0}

    def row(name, title, **counts):
        return {"uid": own[name].UID(), "title": title, "url": own[name].absolute_url(), **zero, **counts}

    assert rows == [
        row("tri-passeport", "Passeport de tri", not_useful=3, useful=2),
        row("tri-question", "Question de tri", reports_incorrect=1, reports_no_answer=2),
        row("tri-dechets", "Déchets de tri", useful=1),
    ]
    with api.env.adopt_roles(["Manager"]):
        assert summary(date(2026, 12, 2), date(2026, 12, 31)) == []
