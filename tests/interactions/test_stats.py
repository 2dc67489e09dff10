"""@page-view and @feedback: anonymous, capped, rate-limited; popularity and the queue."""

import pytest


def test_page_views_lift_a_sheet_into_top_services(rest, site, sheets, uids, monkeypatch):
    from ZPublisher import HTTPRequest

    # 30 visitors behind a trusted proxy (one visitor counts once a day: tests/protection/test_proxies.py).
    monkeypatch.setattr(HTTPRequest, "trusted_proxies", ("127.0.0.1",))
    before = [i["@id"].rsplit("/", 1)[-1] for i in rest().get(f"{site}/@top-services").json()["items"]]
    sheet_id = sheets["encombrants"].getId()
    assert sheet_id not in before
    for i in range(30):
        response = rest().post(f"{site}/@page-view", json={"uid": uids["encombrants"]}, headers={"X-Forwarded-For": f"192.0.2.{i}"})
        assert response.status_code == 204
    after = [i["@id"].rsplit("/", 1)[-1] for i in rest().get(f"{site}/@top-services").json()["items"]]
    assert sheet_id in after and len(after) <= 8


def test_negative_feedback_reaches_the_queue(rest, site, sheets, uids):
    body = {"uid": uids["objets-trouves"], "useful": False, "comment": "Les horaires sont faux."}
    assert rest().post(f"{site}/@feedback", json=body).status_code == 204
    assert rest().post(f"{site}/@feedback", json={"uid": uids["encombrants"], "useful": True}).status_code == 204
    items = rest("valideur").get(f"{site}/@review-queue", params={"reason": "feedback"}).json()["items"]
    assert [i["@id"].rsplit("/", 1)[-1] for i in items] == [sheets["objets-trouves"].getId()]
    assert items[0]["details"][0]["comment"] == "Les horaires sont faux."


@pytest.mark.parametrize(
    "body, status",
    [
        ({"uid": "nope"}, 404),
        ({"uid": 12}, 400),
        ({"uid": "x", "ip": "1.2.3.4"}, 400),
        ([], 400),
    ],
)
def test_page_view_bad_input(rest, site, body, status):
    assert rest().post(f"{site}/@page-view", json=body).status_code == status


def test_feedback_bad_input(rest, site, uids):
    uid = uids["encombrants"]
    assert rest().post(f"{site}/@feedback", json={"uid": uid, "useful": "oui"}).status_code == 400
    assert rest().post(f"{site}/@feedback", json={"uid": uid, "useful": False, "comment": "x" * 501}).status_code == 400
    assert rest().post(f"{site}/@feedback", data="{pas du json", headers={"Content-Type": "application/json"}).status_code == 400
    assert rest().post(f"{site}/@feedback", data="x" * 5000, headers={"Content-Type": "application/json"}).status_code == 413


def test_flood_gets_429(rest, site, uids):
    codes = [rest().post(f"{site}/@feedback", json={"uid": uids["encombrants"], "useful": True}).status_code for _ in range(12)]
    assert codes[:10] == [204] * 10 and codes[10:] == [429, 429]


def test_draft_sheet_cannot_be_counted(rest, site, functional):
    from plone import api
    import transaction

    with api.env.adopt_roles(["Manager"]):
        draft = api.content.create(container=functional["portal"]["demarches"], type="ServiceSheet", id="cachee", title="Cachée")
    transaction.commit()
    assert rest().post(f"{site}/@page-view", json={"uid": draft.UID()}).status_code == 404
