"""<item>/@notices over HTTP: who may write, what is refused, what each caller reads, the log and the queue."""

from datetime import datetime
from datetime import timedelta
from guichet_kb import clock
import pytest
import transaction


SHEET = "demarches/fiche-essai"
NOTICE = {"kind": "suspended", "reason": "Rendez-vous CNI suspendus", "end": "2099-12-12T18:00:00+01:00"}


@pytest.fixture
def sheet_url(own_sheet, site):
    return f"{site}/{SHEET}"


def post(rest, url, user="redacteur", **body):
    return rest(user).post(f"{url}/@notices", json=body or NOTICE)


def test_editor_creates_a_notice_effective_at_once(rest, sheet_url):
    response = post(rest, sheet_url)
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["kind"] == "suspended" and created["reason"] == NOTICE["reason"] and created["by"] == "redacteur"
    assert created["active"] is True and created["end"] == NOTICE["end"]
    assert response.headers["Location"] == created["@id"] == f"{sheet_url}/@notices/{created['id']}"
    anonymous = rest(None).get(sheet_url).json()["notices"]
    assert anonymous == [{k: created[k] for k in ("id", "kind", "reason", "start", "end", "at")}]  # no "by"
    assert rest("agent").get(sheet_url).json()["notices"][0]["by"] == "redacteur"


def test_anonymous_and_agent_may_not_write(rest, sheet_url):
    assert post(rest, sheet_url, user=None).status_code == 401
    response = post(rest, sheet_url, user="agent")
    assert response.status_code == 403
    assert response.json()["error"]["type"] == "Forbidden"
    assert rest(None).get(sheet_url).json()["notices"] == []
    created = post(rest, sheet_url).json()
    for user, status in ((None, 401), ("agent", 403)):
        assert rest(user).patch(created["@id"], json={"end": "now"}).status_code == status
        assert rest(user).delete(created["@id"]).status_code == status
        assert rest(user).get(f"{sheet_url}/@notices").status_code == status
    assert rest(None).get(sheet_url).json()["notices"][0]["id"] == created["id"]


@pytest.mark.parametrize(
    "body, message",
    [
        ({"kind": "closed", "reason": "x"}, "« kind » doit être l'une des valeurs : disrupted, suspended."),
        ({"kind": "suspended"}, "Indiquez le motif de l'avis (« reason ») : une ligne que les usagers liront."),
        ({"kind": "suspended", "reason": " "}, "Indiquez le motif de l'avis (« reason ») : une ligne que les usagers liront."),
        ({"kind": "suspended", "reason": "deux\nlignes"}, None),
        ({"kind": "suspended", "reason": "x" * 201}, None),
        ({"kind": "suspended", "reason": "Contact : jean.dupont@example.fr"}, None),
        ({"kind": "suspended", "reason": "x", "start": "2026-12-03T10:00:00+01:00", "end": "2026-12-02T10:00:00+01:00"}, None),
        ({"kind": "suspended", "reason": "x", "start": "2099-12-03T10:00:00+01:00"}, None),
        ({"kind": "suspended", "reason": "x", "colour": "red"}, None),
    ],
)
def test_bad_input_is_a_400_and_stores_nothing(rest, sheet_url, body, message):
    response = rest("redacteur").post(f"{sheet_url}/@notices", json=body)
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["type"] == "BadRequest" and error["message"]
    if message:
        assert error["message"] == message
    listing = rest("redacteur").get(f"{sheet_url}/@notices").json()
    assert listing["items"] == [] and listing["log"] == []


def test_a_type_without_notices_and_an_unknown_notice(rest, site, sheet_url):
    response = rest("redacteur").post(f"{site}/pieces/fiche-essai-piece/@notices", json=NOTICE)
    documents = rest("admin").get(f"{site}/pieces").json()["items"]
    url = documents[0]["@id"]
    response = rest("admin").post(f"{url}/@notices", json=NOTICE)
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "Cet élément ne porte pas d'avis : seuls ServiceSheet, Desk, Organisation en portent."
    for method in ("get", "patch", "delete"):
        response = getattr(rest("redacteur"), method)(f"{sheet_url}/@notices/0123456789ab", json={"end": "now"})
        assert response.status_code == 404, method
        assert response.json()["error"]["message"] == "Cet élément n'a pas d'avis « 0123456789ab »."


def test_patch_ends_now_and_delete_withdraws_both_logged(rest, sheet_url):
    created = post(rest, sheet_url).json()
    changed = rest("valideur").patch(created["@id"], json={"reason": "Rendez-vous CNI suspendus : panne"})
    assert changed.status_code == 200 and changed.json()["reason"] == "Rendez-vous CNI suspendus : panne"
    assert changed.json()["by"] == "valideur"
    ended = rest("redacteur").patch(created["@id"], json={"end": "now"})
    assert ended.status_code == 200 and ended.json()["active"] is False
    assert rest(None).get(sheet_url).json()["notices"] == []
    again = post(rest, sheet_url).json()
    assert rest("redacteur").delete(again["@id"]).status_code == 204
    assert rest(None).get(sheet_url).json()["notices"] == []
    log = rest("valideur").get(f"{sheet_url}/@notices").json()["log"]
    assert [(e["action"], e["by"]) for e in log] == [
        ("created", "redacteur"),
        ("changed", "valideur"),
        ("changed", "redacteur"),
        ("created", "redacteur"),
        ("withdrawn", "redacteur"),
    ]
    assert all(e["at"] and e["acknowledged_by"] is None for e in log)


def test_patch_refuses_an_end_before_the_start_and_an_empty_body(rest, sheet_url):
    start = clock.now().replace(microsecond=0) + timedelta(days=30)
    created = post(rest, sheet_url, kind="disrupted", reason="Guichet en travaux", start=start.isoformat()).json()
    response = rest("redacteur").patch(created["@id"], json={"end": (start - timedelta(days=1)).isoformat()})
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "L'avis doit se terminer après son début."
    assert rest("redacteur").patch(created["@id"], json={}).status_code == 400
    assert rest("redacteur").get(created["@id"]).json()["end"] is None


def test_review_queue_shows_new_notices_until_another_reviewer_acknowledges(rest, site, sheet_url):
    post(rest, sheet_url, user="valideur")
    entries = [e for e in rest("valideur").get(f"{site}/@review-queue", params={"reason": "notice"}).json()["items"]]
    assert [e["@id"] for e in entries] == [sheet_url]
    assert entries[0]["details"][0]["action"] == "created" and entries[0]["details"][0]["actor"] == "valideur"
    own = rest("valideur").post(f"{sheet_url}/@notices/acknowledge", json={})
    assert own.status_code == 403  # four eyes after the fact: not one's own
    assert own.json()["error"]["message"] == "Vous avez écrit ces avis : un autre valideur doit en prendre connaissance."
    assert rest("redacteur").post(f"{sheet_url}/@notices/acknowledge", json={}).status_code == 403  # editors do not review
    done = rest("admin").post(f"{sheet_url}/@notices/acknowledge", json={})
    assert done.status_code == 200 and done.json()["acknowledged"] == 1 and done.json()["left"] == 0
    assert rest("valideur").get(f"{site}/@review-queue", params={"reason": "notice"}).json()["items"] == []


def test_visibility_follows_the_clock(rest, sheet_url, functional):
    start = datetime(2030, 3, 1, 9, 0, tzinfo=clock.zone())
    with clock.frozen(start - timedelta(days=10)):
        created = post(
            rest, sheet_url, kind="disrupted", reason="Travaux", start=start.isoformat(), end=(start + timedelta(days=2)).isoformat()
        ).json()
    assert created["active"] is False
    with clock.frozen(start - timedelta(seconds=1)):
        assert rest(None).get(sheet_url).json()["notices"] == []
    with clock.frozen(start):
        assert [n["id"] for n in rest(None).get(sheet_url).json()["notices"]] == [created["id"]]
    with clock.frozen(start + timedelta(days=2)):
        assert rest(None).get(sheet_url).json()["notices"] == []
    transaction.begin()


def test_listings_show_the_notices_of_the_item_and_its_desks(rest, site, sheet_url):
    desk_url = f"{site}/guichets/fiche-essai-guichet"
    on_sheet = post(rest, sheet_url).json()
    on_desk = post(rest, desk_url, kind="disrupted", reason="Guichet fermé pour travaux").json()
    items = rest(None).get(f"{site}/@answer", params={"q": "fiche essai"}).json()["items"]
    item = next(i for i in items if i["@id"] == sheet_url)
    assert [(n["id"], n["on"]["@id"], n["on"]["@type"]) for n in item["notices"]] == [
        (on_sheet["id"], sheet_url, "ServiceSheet"),
        (on_desk["id"], desk_url, "Desk"),
    ]
    assert all("by" not in n for n in item["notices"])
    staff_item = next(i for i in rest("agent").get(f"{site}/@answer", params={"q": "fiche essai"}).json()["items"] if i["@id"] == sheet_url)
    assert {n["by"] for n in staff_item["notices"]} == {"redacteur"}
    desks = rest(None).get(f"{site}/@desks", params={"service": item["UID"]}).json()["items"]
    assert [[n["reason"] for n in d["notices"]] for d in desks] == [["Guichet fermé pour travaux"]]
    assert rest(None).get(desk_url).json()["notices"][0]["id"] == on_desk["id"]


def test_top_services_carry_their_notices(rest, site, functional):
    top = rest(None).get(f"{site}/@top-services").json()["items"][0]
    created = post(rest, top["@id"], user="admin").json()
    try:
        again = next(i for i in rest(None).get(f"{site}/@top-services").json()["items"] if i["@id"] == top["@id"])
        assert [(n["id"], n["kind"], n["reason"]) for n in again["notices"]] == [(created["id"], "suspended", NOTICE["reason"])]
        assert "by" not in again["notices"][0]
    finally:
        assert rest("admin").delete(created["@id"]).status_code == 204
