"""GET @dashboard and @@tableau-de-bord: who may see them, and bad input (exact French
messages, 400, nothing computed), over real HTTP. No figures here (test_dashboard_figures.py)."""

import pytest


URL = "{site}/@dashboard"


def get(rest, site, user="responsable", **params):
    return rest(user).get(f"{site}/@dashboard", params=params)


@pytest.mark.parametrize(
    "user, status, kind", [(None, 401, "Unauthorized"), ("agent", 403, "Forbidden"), ("redacteur", 403, "Forbidden"), ("valideur", 403, "Forbidden")]
)
def test_who_may_not(rest, site, user, status, kind):
    response = get(rest, site, user, period="last_month")
    assert response.status_code == status
    assert response.json()["error"]["type"] == kind
    expected = "Connectez-vous d'abord (réservé au personnel)." if status == 401 else "Votre compte n'a pas le droit de faire cela."
    assert response.json()["error"]["message"] == expected


@pytest.mark.parametrize("user", ["responsable", "admin"])
def test_who_may_and_never_cached(rest, site, user):
    response = get(rest, site, user)
    assert response.status_code == 200, response.text
    assert response.headers["Cache-Control"] == "private, no-store"
    data = response.json()
    assert set(data) == {"@id", "period", "previous", "filters", "panels"}
    assert data["period"]["preset"] == "last_month" and data["filters"] == {}


BOTH = "Donnez soit « period », soit les dates « from » et « to », pas les deux."
ALLOWED = "last_month, this_month, last_7_days, last_30_days, last_12_months"


@pytest.mark.parametrize(
    "params, message",
    [
        ({"period": "last_year"}, f"« period » doit valoir : {ALLOWED}."),
        (
            {"period": "last_month", "from": "2026-01-01", "to": "2026-01-31"},
            "Donnez soit « period », soit les dates « from » et « to », pas les deux.",
        ),
        ({"from": "2026-01-01"}, "Donnez « from » et « to », deux dates au format AAAA-MM-JJ."),
        ({"from": "1/1/2026", "to": "2026-01-31"}, "Donnez « from » et « to », deux dates au format AAAA-MM-JJ."),
        ({"from": "2026-01-31", "to": "2026-01-01"}, "La période commence (2026-01-31) après sa fin (2026-01-01)."),
        ({"from": "2026-01-01", "to": "2199-01-01"}, "TODAY"),
        ({"from": "1999-12-31", "to": "2000-01-31"}, "La période ne peut pas commencer avant le 2000-01-01."),
        ({"from": "2020-01-01", "to": "2023-12-31"}, "La période dure 1461 jours : 1097 au plus."),
        ({"channel": "pigeon"}, "« channel » doit valoir : telephone, accueil, courriel, chat, courrier, eservice, reseaux_sociaux, visio."),
        ({"desk": "nope"}, "« desk » doit être l'UID d'un guichet (guichets)."),
        ({"organisation": "nope"}, "« organisation » doit être l'UID d'un organisme (organismes)."),
        ({"service": "nope"}, "« service » doit être l'UID d'une fiche démarche ou d'une réponse."),
        ({"caller": "Dupont"}, "Paramètre(s) inconnu(s) : caller. Acceptés : period, from, to, desk, channel, organisation, service, panel, format."),
        (
            {"panel": "secrets"},
            "« panel » doit valoir : channels, trend, outcomes, unanswered_services, content_gaps, top_services, hours, week_hours, desks, "
            "freshness, appointments, queue.",
        ),
        ({"format": "xml"}, "format doit valoir csv ou json."),
        ({"format": "csv"}, "Un export CSV porte sur un seul panneau : ajoutez panel=<id>."),
    ],
)
def test_bad_input(rest, site, params, message):
    from guichet_kb import clock

    response = get(rest, site, **params)
    assert response.status_code == 400, response.text
    expected = f"La période ne peut pas finir après aujourd'hui ({clock.today().isoformat()})." if message == "TODAY" else message
    assert response.json()["error"] == {"type": "BadRequest", "message": expected}


def test_a_filter_of_the_wrong_type_or_unpublished_reads_as_unknown(rest, site, functional):
    from plone import api

    portal = functional["portal"]
    sheet = api.content.find(context=portal, portal_type="ServiceSheet", review_state="published")[0]
    response = get(rest, site, desk=sheet.UID)
    assert response.status_code == 400 and response.json()["error"]["message"] == "« desk » doit être l'UID d'un guichet (guichets)."


def test_the_page_asks_anonymous_to_log_in_and_refuses_other_staff(rest, site):
    anonymous = rest(None).get(f"{site}/@@tableau-de-bord", headers={"Accept": "text/html"})
    assert anonymous.status_code == 200 and "__ac_name" in anonymous.text  # the login form (redirected)
    refused = rest("agent").get(f"{site}/@@tableau-de-bord", headers={"Accept": "text/html"}, allow_redirects=False)
    assert refused.status_code in (302, 403)
    if refused.status_code == 302:
        assert "require_login" in refused.headers["Location"] or "insufficient" in refused.headers["Location"]


def test_the_page_shows_a_bad_parameter_above_the_form(rest, site):
    page = rest("responsable").get(f"{site}/@@tableau-de-bord", params={"from": "2026-01-31", "to": "2026-01-01"}, headers={"Accept": "text/html"})
    assert page.status_code == 400
    assert "La période commence (2026-01-31) après sa fin (2026-01-01)." in page.text
    assert "Tableau de bord de la relation usager" in page.text
